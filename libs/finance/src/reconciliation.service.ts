import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CsvError, parse } from 'csv-parse';
import { DataSource } from 'typeorm';
import { Actor, badInput, decodeCursor, forbidden, inTransaction, isId, notFound, Role, Tx } from '@app/platform';
import { GeographyService, registeredPoorOfCountySql } from '@app/registry';
import { FinancePolicy } from './access/finance.policy';
import { LenderListRow, lenderListHeader, lenderListRow } from './domain/lender-list-csv';

export const MAX_LENDER_LIST_ROWS = 200_000;
const BATCH_SIZE = 1000;
const SLICE = 64 * 1024;

export interface LenderListReport {
  accepted: number;
  unmatched: number;
  rejected: Array<{ line: number; reason: string }>;
}

export interface ReconciliationVillageRow {
  villageId: string;
  onBoth: number;
  registryOnly: number;
  lenderOnly: number;
}

export type ReconciliationKind = 'BOTH' | 'REGISTRY_ONLY' | 'LENDER_ONLY' | 'UNMATCHED';

export interface ReconciliationRowData {
  key: string;
  kind: ReconciliationKind;
  line: number | null;
  householdId: string | null;
  registryNumber: string | null;
  headName: string | null;
  villageCode: string | null;
  villageId: string | null;
}

function* slices(text: string, size: number): Generator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

/**
 * Reconciling the poverty office's registry with a lender's list (docs/design.md,
 * "Finance"): a lender uploads its list (CSV with registry_number, head_name, village_code; streamed
 * through csv-parse; bad rows refused with their line, the header being line 1), which replaces its
 * previous one; the report gives per county and village who is on both lists, only on the registry
 * (registered-poor households), only on the lender's, and the rows whose village code matched none.
 */
@Injectable()
export class ReconciliationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: FinancePolicy,
    private readonly geography: GeographyService,
  ) {}

  async upload(actor: Actor, csv: string): Promise<LenderListReport> {
    const scope = await this.policy.lenderScope(actor);
    return inTransaction(this.dataSource, async (tx) => {
      await tx.manager.query('DELETE FROM lender_list_rows WHERE institution_id = $1', [scope.institutionId]);
      const report: LenderListReport = { accepted: 0, unmatched: 0, rejected: [] };
      const seen = new Map<string, number>();
      let index: ReturnType<typeof lenderListHeader> | null = null;
      let width = 0;
      let rows = 0;
      let batch: LenderListRow[] = [];
      const parser = Readable.from(slices(csv, SLICE)).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, max_record_size: 64 * 1024 }));
      try {
        for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
          const line = info.lines - record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
          if (!index) {
            index = lenderListHeader(record);
            if ('error' in index) throw badInput('csv', index.error);
            width = record.length;
            continue;
          }
          if ('error' in index) continue;
          if (record.every((f) => f.trim() === '')) continue;
          if (++rows > MAX_LENDER_LIST_ROWS) throw badInput('csv', `A list may hold at most ${MAX_LENDER_LIST_ROWS} rows`);
          if (record.length !== width) {
            report.rejected.push({ line, reason: `The row has ${record.length} fields where the header has ${width}` });
            continue;
          }
          const parsed = lenderListRow(record, index.index, line);
          if ('reason' in parsed) {
            report.rejected.push({ line, reason: parsed.reason });
            continue;
          }
          const first = seen.get(parsed.registryNumber);
          if (first !== undefined) {
            report.rejected.push({ line, reason: `registry_number ${parsed.registryNumber} repeats line ${first}` });
            continue;
          }
          seen.set(parsed.registryNumber, line);
          batch.push(parsed);
          if (batch.length >= BATCH_SIZE) {
            await this.write(tx, scope.institutionId, scope.countyIds, batch, report);
            batch = [];
          }
        }
      } catch (error) {
        if (error instanceof CsvError) throw badInput('csv', `The CSV is malformed at line ${error.lines ?? '?'}: ${error.message.split(':')[0]}`);
        throw error;
      }
      if (!index) throw badInput('csv', 'The CSV is empty: it needs a header row naming the columns');
      if (batch.length > 0) await this.write(tx, scope.institutionId, scope.countyIds, batch, report);
      report.rejected.sort((a, b) => a.line - b.line);
      return report;
    });
  }

  /** Writes a batch: rows whose village lies outside the institution's counties are refused; unknown codes kept as unmatched. */
  private async write(tx: Tx, institutionId: string, countyIds: string[], batch: LenderListRow[], report: LenderListReport): Promise<void> {
    const byCode = await this.geography.villagesByCode([...new Set(batch.map((r) => r.villageCode))], tx.manager);
    const kept: Array<LenderListRow & { villageId: string | null; countyId: string | null }> = [];
    for (const row of batch) {
      const village = byCode.get(row.villageCode);
      if (village && !countyIds.includes(village.countyId)) {
        report.rejected.push({ line: row.line, reason: `village_code ${row.villageCode} lies in a county your institution does not lend in` });
        continue;
      }
      kept.push({ ...row, villageId: village?.id ?? null, countyId: village?.countyId ?? null });
      if (village) report.accepted++;
      else report.unmatched++;
    }
    if (kept.length === 0) return;
    await tx.manager.query(
      `INSERT INTO lender_list_rows (institution_id, line, registry_number, head_name, village_code, village_id, county_id)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[])`,
      [institutionId, kept.map((r) => r.line), kept.map((r) => r.registryNumber), kept.map((r) => r.headName), kept.map((r) => r.villageCode), kept.map((r) => r.villageId), kept.map((r) => r.countyId)],
    );
  }

  /** Admins, officials of the county, and lenders of the institution (lending in the county) read the report. */
  private async assertReader(actor: Actor, countyId: string, institutionId: string): Promise<void> {
    if (!isId(countyId)) throw badInput('countyId', 'countyId is not an id');
    if (!isId(institutionId)) throw badInput('institutionId', 'institutionId is not an id');
    await this.policy.assertCountyReader(actor, countyId);
    if (actor.role === Role.LENDER && (await this.policy.lenderScope(actor)).institutionId !== institutionId) throw forbidden('You may read only your own institution\'s list');
    const exists = await this.dataSource.query('SELECT 1 FROM lending_institutions WHERE id = $1', [institutionId]);
    if (exists.length === 0) throw notFound('Lending institution', institutionId, 'institutionId');
  }

  /** Per village of the county: on both lists, only on the registry (registered poor), only on the lender's list. */
  async villages(actor: Actor, countyId: string, institutionId: string): Promise<{ villages: ReconciliationVillageRow[]; unmatched: number }> {
    await this.assertReader(actor, countyId, institutionId);
    const rows: Array<{ village_id: string; both: number; registry_only: number; lender_only: number }> = await this.dataSource.query(
      `WITH reg AS (SELECT * FROM ${registeredPoorOfCountySql('$1')} h),
            lend AS (SELECT village_id, registry_number FROM lender_list_rows WHERE institution_id = $2 AND county_id = $1),
            tagged AS (
              SELECT reg.village_id, CASE WHEN EXISTS (SELECT 1 FROM lender_list_rows r WHERE r.institution_id = $2 AND r.registry_number = reg.registry_number) THEN 'B' ELSE 'R' END AS k FROM reg
              UNION ALL
              SELECT lend.village_id, 'L' FROM lend WHERE NOT EXISTS (SELECT 1 FROM reg WHERE reg.registry_number = lend.registry_number)
            )
       SELECT village_id::text, count(*) FILTER (WHERE k = 'B')::int AS both, count(*) FILTER (WHERE k = 'R')::int AS registry_only, count(*) FILTER (WHERE k = 'L')::int AS lender_only
         FROM tagged GROUP BY village_id ORDER BY village_id`,
      [countyId, institutionId],
    );
    const [{ n }] = await this.dataSource.query('SELECT count(*)::int AS n FROM lender_list_rows WHERE institution_id = $1 AND village_id IS NULL', [institutionId]);
    return { villages: rows.map((r) => ({ villageId: r.village_id, onBoth: r.both, registryOnly: r.registry_only, lenderOnly: r.lender_only })), unmatched: n };
  }

  /** The rows of one kind (optionally of one village), by key; personal fields for the report's readers only. */
  async rows(actor: Actor, countyId: string, institutionId: string, kind: ReconciliationKind, villageId: string | null, limit: number, after: string | null): Promise<{ rows: ReconciliationRowData[]; count: () => Promise<number> }> {
    await this.assertReader(actor, countyId, institutionId);
    if (villageId != null && !isId(villageId)) throw badInput('villageId', 'villageId is not an id');
    const cursor = decodeCursor(after, ['id']);
    const afterKey = cursor ? String(cursor[0]) : '0';
    const params = [countyId, institutionId, villageId, afterKey, limit + 1];
    const registeredPoor = registeredPoorOfCountySql('$1');
    const sql: Record<ReconciliationKind, string> = {
      BOTH: `SELECT h.id AS key, r.line, h.id::text AS household_id, r.registry_number, r.head_name, r.village_code, h.village_id::text
               FROM ${registeredPoor} h JOIN lender_list_rows r ON r.institution_id = $2 AND r.registry_number = h.registry_number
              WHERE ($3::bigint IS NULL OR h.village_id = $3) AND h.id > $4::bigint`,
      REGISTRY_ONLY: `SELECT h.id AS key, NULL::int AS line, h.id::text AS household_id, NULL AS registry_number, NULL AS head_name, NULL AS village_code, h.village_id::text
               FROM ${registeredPoor} h
              WHERE ($3::bigint IS NULL OR h.village_id = $3) AND h.id > $4::bigint
                AND NOT EXISTS (SELECT 1 FROM lender_list_rows r WHERE r.institution_id = $2 AND r.registry_number = h.registry_number)`,
      LENDER_ONLY: `SELECT r.id AS key, r.line, NULL AS household_id, r.registry_number, r.head_name, r.village_code, r.village_id::text
               FROM lender_list_rows r
              WHERE r.institution_id = $2 AND r.county_id = $1 AND ($3::bigint IS NULL OR r.village_id = $3) AND r.id > $4::bigint
                AND NOT EXISTS (SELECT 1 FROM ${registeredPoor} h WHERE h.registry_number = r.registry_number)`,
      UNMATCHED: `SELECT r.id AS key, r.line, NULL AS household_id, r.registry_number, r.head_name, r.village_code, NULL AS village_id
               FROM lender_list_rows r WHERE r.institution_id = $2 AND r.village_id IS NULL AND ($3::bigint IS NULL OR $3::bigint IS NOT NULL) AND ($1::bigint IS NOT NULL) AND r.id > $4::bigint`,
    };
    const rows: Array<{ key: string; line: number | null; household_id: string | null; registry_number: string | null; head_name: string | null; village_code: string | null; village_id: string | null }> =
      await this.dataSource.query(`${sql[kind]} ORDER BY key LIMIT $5`, params);
    const count = async () => (await this.dataSource.query(`SELECT count(*)::int AS n FROM (${sql[kind]}) x`, [countyId, institutionId, villageId, '0']))[0].n as number;
    return { count, rows: rows.map((r) => ({
      key: String(r.key),
      kind,
      line: r.line,
      householdId: r.household_id,
      registryNumber: r.registry_number,
      headName: r.head_name,
      villageCode: r.village_code,
      villageId: r.village_id,
    })) };
  }
}
