// CSV as RFC 4180 writes it, for spreadsheet users: CRLF line ends, fields quoted when they hold a
// comma, a quote or a line break (quotes doubled), and a UTF-8 byte order mark so that Excel reads
// the Chinese village names as UTF-8.

export const UTF8_BOM = '\uFEFF';

export type CsvValue = string | number | boolean | null | undefined;

/**
 * One field. Text that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a
 * carriage return) gets a leading apostrophe, OWASP's advice against CSV injection; numbers are
 * written as they are.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record with its CRLF. */
export function csvRecord(values: ReadonlyArray<CsvValue>): string {
  return values.map(csvField).join(',') + '\r\n';
}
