import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

/** One of Handan's 18 county-level divisions, as seeds/data/handan-counties.csv gives it. */
export interface HandanCounty {
  code: string;
  nameZh: string;
  nameEn: string;
  kind: 'district' | 'county' | 'city';
  nationalPovertyCounty: boolean;
  /** The poverty table (2016): poor people and their general / minimum-subsistence / five-guarantee split. */
  poverty: { people: number; general: number; minimumSubsistence: number; fiveGuarantee: number } | null;
}

/**
 * The reference file (GB/T 2260 codes, the four national
 * poverty counties, the source study's Table 1), kept in the repository so the seed needs nothing else.
 */
export function handanCountiesFile(): string {
  // dist/seeds/src -> seeds/data (swc copies the CSV) or, run from source, seeds/src -> seeds/data.
  for (const candidate of [join(__dirname, '../data/handan-counties.csv'), join(__dirname, '../../../seeds/data/handan-counties.csv')]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('seeds/data/handan-counties.csv is missing');
}

export function readHandanCounties(file = handanCountiesFile()): HandanCounty[] {
  const rows: Array<Record<string, string>> = parse(readFileSync(file, 'utf8'), { bom: true, columns: true, skip_empty_lines: true, trim: true });
  return rows.map((r) => ({
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    kind: r.kind as HandanCounty['kind'],
    nationalPovertyCounty: r.national_poverty_county === 'true',
    poverty: r.poor_population_2016
      ? { people: Number(r.poor_population_2016), general: Number(r.general_poor), minimumSubsistence: Number(r.minimum_subsistence), fiveGuarantee: Number(r.five_guarantee) }
      : null,
  }));
}

/** Splits `total` in the given proportions, largest remainders first, so the parts add up exactly. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    parts[i]++;
  }
  return parts;
}
