import type ExcelJSModule from 'exceljs';
import { FenAmount } from '../graphql/fen.scalar';

/**
 * The layout every report spreadsheet shares (issue 20): a title row with the report, the county, the
 * range and the time of making; one header row in Chinese; a row per record; a totals row. Money is
 * written in yuan with a two-decimal number format, so that a spreadsheet sums and sorts it as numbers.
 * The report-specific columns live with each domain's HTTP controller; this only lays them out.
 */
export type XlsxKind = 'text' | 'count' | 'yuan' | 'rate';

export interface XlsxColumn<R> {
  header: string;
  kind: XlsxKind;
  /** text: a string; count: an integer; yuan: an amount in fen; rate: basis points (1/10,000). */
  value: (row: R) => string | number | bigint | null;
  width?: number;
}

export interface XlsxReport<R> {
  /** The sheet's tab, at most 31 characters. */
  sheet: string;
  /** What the report is, e.g. 扶贫成效（按村）. */
  title: string;
  /** The county's name (or 全部县 for an admin's whole platform). */
  county: string;
  /** The range as a person reads it, e.g. 2025-01-01 至 2025-12-31. */
  range: string;
  /** When the file was made (default: as it is laid out). */
  madeAt?: Date;
  columns: Array<XlsxColumn<R>>;
  rows: R[];
  /**
   * The totals row's figure per column index, when it is not the column's sum (e.g. distinct counts);
   * null leaves the cell empty. Without an entry, count and yuan columns are summed, the rest empty.
   */
  totals?: Record<number, string | number | bigint | null>;
}

const NUMBER_FORMAT: Record<XlsxKind, string | undefined> = {
  text: undefined,
  count: '#,##0',
  yuan: '#,##0.00',
  rate: '0.00%',
};

/** An amount in fen as yuan, exactly: the double nearest to the decimal fen/100 (also past 2^53). */
export function yuanOf(fen: FenAmount | string): number {
  const big = BigInt(fen);
  const sign = big < 0n ? '-' : '';
  const abs = big < 0n ? -big : big;
  return Number(`${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`);
}

/** Beijing wall time, 2026-12-03 21:05. */
export function beijingTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function cellValue(kind: XlsxKind, value: string | number | bigint | null): string | number | null {
  if (value === null || value === undefined) return null;
  if (kind === 'text') return String(value);
  if (kind === 'yuan') return yuanOf(value as FenAmount);
  if (kind === 'rate') return Number(value) / 10_000;
  return Number(value);
}

/**
 * exceljs, loaded by the first report that needs it: it is ~12 MiB of the server's resident memory,
 * and most processes never write a spreadsheet.
 */
let excel: Promise<typeof ExcelJSModule> | undefined;

/** The workbook of one report, as the bytes of an .xlsx file. */
export async function xlsxReport<R>(report: XlsxReport<R>): Promise<Buffer> {
  excel ??= import('exceljs').then((m) => (m as { default?: typeof ExcelJSModule }).default ?? (m as typeof ExcelJSModule));
  const ExcelJS = await excel;
  const madeAt = report.madeAt ?? new Date();
  const workbook = new ExcelJS.Workbook();
  workbook.created = madeAt;
  workbook.creator = 'handan-marketplace';
  const sheet = workbook.addWorksheet(report.sheet.slice(0, 31), { views: [{ state: 'frozen', ySplit: 2 }] });
  const width = report.columns.length;

  sheet.addRow([`${report.title}　县：${report.county}　期间：${report.range}　制表时间：${beijingTime(madeAt)}（北京时间）`]);
  sheet.mergeCells(1, 1, 1, Math.max(width, 1));
  sheet.getRow(1).font = { bold: true, size: 13 };

  const header = sheet.addRow(report.columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };

  // Sums in fen (bigint), so that the totals row is exact whatever the number of rows.
  const sums = report.columns.map(() => 0n);
  for (const row of report.rows) {
    sheet.addRow(
      report.columns.map((c, i) => {
        const raw = c.value(row);
        if ((c.kind === 'count' || c.kind === 'yuan') && raw !== null && raw !== undefined && raw !== '') sums[i] += BigInt(raw);
        return cellValue(c.kind, raw);
      }),
    );
  }
  const totals = sheet.addRow(
    report.columns.map((c, i) => {
      if (i === 0) return '合计';
      if (report.totals && i in report.totals) return cellValue(c.kind, report.totals[i]);
      return c.kind === 'count' || c.kind === 'yuan' ? cellValue(c.kind, sums[i]) : null;
    }),
  );
  totals.font = { bold: true };

  report.columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = c.width ?? (c.kind === 'text' ? 16 : 14);
    const format = NUMBER_FORMAT[c.kind];
    if (format) column.numFmt = format;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What sending a workbook needs of the response (Express's has it): the type of a controller's `@Res()`. */
export interface XlsxResponse {
  setHeader(name: string, value: string): unknown;
  send(body: Buffer): unknown;
}

/** Lays out `report` and sends it as a download named `fileName` (ASCII). */
export async function sendXlsxReport<R>(res: XlsxResponse, fileName: string, report: XlsxReport<R>): Promise<void> {
  const bytes = await xlsxReport(report);
  res.setHeader('Content-Type', XLSX_TYPE);
  res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.send(bytes);
}
