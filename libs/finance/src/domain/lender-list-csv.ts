/** The columns of a lender's list of poor households (docs/design.md, "Finance"), in any order. */
export const LENDER_LIST_COLUMNS = ['registry_number', 'head_name', 'village_code'] as const;
export type LenderListColumn = (typeof LENDER_LIST_COLUMNS)[number];

export interface LenderListRow {
  line: number;
  registryNumber: string;
  headName: string;
  villageCode: string;
}

/** The index of each column in the header row, or why the header is unusable. */
export function lenderListHeader(header: readonly string[]): { index: Record<LenderListColumn, number> } | { error: string } {
  const names = header.map((h) => h.trim().toLowerCase());
  const index = {} as Record<LenderListColumn, number>;
  for (const column of LENDER_LIST_COLUMNS) {
    const at = names.indexOf(column);
    if (at < 0) return { error: `The header row must name the columns ${LENDER_LIST_COLUMNS.join(', ')}; ${column} is missing` };
    if (names.indexOf(column, at + 1) >= 0) return { error: `The header row names ${column} twice` };
    index[column] = at;
  }
  return { index };
}

/** One data row checked, or the reason it is refused. */
export function lenderListRow(record: readonly string[], index: Record<LenderListColumn, number>, line: number): LenderListRow | { reason: string } {
  const registryNumber = (record[index.registry_number] ?? '').trim();
  const headName = (record[index.head_name] ?? '').trim();
  const villageCode = (record[index.village_code] ?? '').trim();
  if (registryNumber === '') return { reason: 'registry_number is empty' };
  if (registryNumber.length > 40) return { reason: 'registry_number is longer than 40 characters' };
  if (headName === '' || headName.length > 100) return { reason: 'head_name must have 1 to 100 characters' };
  if (villageCode === '' || villageCode.length > 20) return { reason: 'village_code must have 1 to 20 characters' };
  if ([registryNumber, headName, villageCode].some((v) => v.includes('\u0000'))) return { reason: 'the row contains a NUL character' };
  return { line, registryNumber, headName, villageCode };
}
