import { PovertyCategory, PovertyStatus } from './enums';
import { checkCategory } from './status-history';

/** The columns of the county office's list, in any order in the header row. */
export const IMPORT_COLUMNS = [
  'registry_number',
  'head_name',
  'members',
  'village_code',
  'poverty_status',
  'poverty_category',
  'payout_account',
  'effective_date',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** One valid data row, as the import writes it. */
export interface ImportRow {
  line: number;
  registryNumber: string;
  headName: string;
  members: number;
  villageCode: string;
  status: PovertyStatus;
  category: PovertyCategory | null;
  payoutAccount: string;
  /** Midnight of effective_date in China Standard Time (the office's calendar). */
  effectiveAt: Date;
}

/**
 * Where each column sits, from the header row (names trimmed, case-insensitive; extra columns are
 * ignored). A missing or repeated column is a fault of the whole file: returns its message.
 */
export function resolveHeader(header: readonly string[]): { index: Record<ImportColumn, number> } | { error: string } {
  const names = header.map((h) => h.trim().toLowerCase());
  const index = {} as Record<ImportColumn, number>;
  const missing: string[] = [];
  for (const column of IMPORT_COLUMNS) {
    const at = names.indexOf(column);
    if (at < 0) missing.push(column);
    else if (names.indexOf(column, at + 1) >= 0) return { error: `The header names column ${column} twice` };
    else index[column] = at;
  }
  if (missing.length > 0) return { error: `The header row lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` };
  return { index };
}

const REGISTRY_NUMBER = /^[0-9A-Za-z-]{1,40}$/;
const ACCOUNT = /^[0-9A-Za-z-]{4,64}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The instant a YYYY-MM-DD date starts in China Standard Time, or null for a date that does not exist. */
export function parseEffectiveDate(value: string): Date | null {
  const m = DATE.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = new Date(Date.UTC(y, mo - 1, d));
  if (utc.getUTCFullYear() !== y || utc.getUTCMonth() !== mo - 1 || utc.getUTCDate() !== d) return null;
  return new Date(Date.UTC(y, mo - 1, d) - 8 * 3600 * 1000);
}

/**
 * Checks one data record against the column rules (not against the database): the row, or the
 * reason it is rejected.
 */
export function parseRow(record: readonly string[], index: Record<ImportColumn, number>, line: number, now: Date): ImportRow | { reason: string } {
  const cell = (c: ImportColumn) => (record[index[c]] ?? '').trim();
  const registryNumber = cell('registry_number');
  if (!registryNumber) return { reason: 'registry_number is empty' };
  if (!REGISTRY_NUMBER.test(registryNumber)) return { reason: `registry_number "${clip(registryNumber)}" must be 1 to 40 letters, digits or dashes` };
  const headName = cell('head_name');
  if (!headName) return { reason: 'head_name is empty' };
  if ([...headName].length > 100) return { reason: 'head_name is longer than 100 characters' };
  const membersText = cell('members');
  const members = /^\d{1,3}$/.test(membersText) ? Number(membersText) : NaN;
  if (!(members >= 1 && members <= 100)) return { reason: `members "${clip(membersText)}" must be a whole number from 1 to 100` };
  const villageCode = cell('village_code');
  if (!villageCode) return { reason: 'village_code is empty' };
  const statusText = cell('poverty_status');
  if (!(Object.values(PovertyStatus) as string[]).includes(statusText)) {
    return { reason: `poverty_status "${clip(statusText)}" must be one of ${Object.values(PovertyStatus).join(', ')}` };
  }
  const status = statusText as PovertyStatus;
  const categoryText = cell('poverty_category');
  if (categoryText && !(Object.values(PovertyCategory) as string[]).includes(categoryText)) {
    return { reason: `poverty_category "${clip(categoryText)}" must be empty or one of ${Object.values(PovertyCategory).join(', ')}` };
  }
  const category = (categoryText || null) as PovertyCategory | null;
  const categoryFault = checkCategory(status, category);
  if (categoryFault) return { reason: categoryFault.message.replace('category', 'poverty_category') };
  const payoutAccount = cell('payout_account').replace(/\s+/g, '');
  if (!ACCOUNT.test(payoutAccount)) return { reason: 'payout_account must be 4 to 64 letters, digits or dashes' };
  const dateText = cell('effective_date');
  const effectiveAt = parseEffectiveDate(dateText);
  if (!effectiveAt) return { reason: `effective_date "${clip(dateText)}" is not a date (YYYY-MM-DD)` };
  if (effectiveAt.getTime() > now.getTime()) return { reason: `effective_date ${dateText} lies in the future` };
  return { line, registryNumber, headName, members, villageCode, status, category, payoutAccount, effectiveAt };
}

/** Echoes a bad value in a reason without letting a huge cell blow up the report. */
function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

/**
 * The CSV in slices with one line ending throughout (csv-parse counts a quoted CRLF as two lines, and
 * files mix endings): fed whole, the parser would turn the entire file into records at once.
 */
export function* slices(csv: string, size: number): Generator<string> {
  for (let start = 0; start < csv.length; ) {
    let end = Math.min(start + size, csv.length);
    const last = csv.charCodeAt(end - 1);
    if (end < csv.length && last === 0x0d && csv.charCodeAt(end) === 0x0a) end++; // keep a CRLF together
    if (end < csv.length && last >= 0xd800 && last <= 0xdbff) end++; // and a surrogate pair
    yield csv.slice(start, end).replace(/\r\n?/g, '\n');
    start = end;
  }
}
