import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CsvError, parse } from 'csv-parse';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, badInput, DomainEvents, ID_PATTERN, inTransaction, notFound, Tx } from '@app/platform';
import { RegistryPolicy } from './access/registry.policy';
import { ImportRow, parseRow, resolveHeader, slices } from './domain/household-csv';
import { ImportRejectionData, ImportReportData } from './domain/registry';
import { statusHistorySql } from './status-history.repository';

/** At most this many data rows in one request: Handan's whole registry is ~153,500 households. */
export const MAX_IMPORT_ROWS = 200_000;
/** Rows per INSERT ... ON CONFLICT statement. */
const BATCH_SIZE = 1000;
/** Characters handed to the parser at a time, so it parses no further ahead than the batches are written. */
const SLICE = 64 * 1024;

/**
 * The reason for a registry number this county may not use (another county's household holds it):
 * the same words whatever the cause, naming no county and no household.
 */
export const unavailableRegistryNumber = (registryNumber: string) => `registry_number ${registryNumber} cannot be imported into this county`;

const PARSE_OPTIONS = { bom: true, record_delimiter: '\n', relax_column_count: true, skip_empty_lines: true, max_record_size: 64 * 1024 } as const;

/**
 * Whether the file holds more data rows than one request may, found before anything is parsed for
 * real: a file of fewer lines cannot (a record spans one line or more), and a longer one is counted
 * by the parser alone, without the rows' checks and writes, so that an oversized file is refused in
 * a second rather than after 200,000 rows' work. A malformed file is left to the import, which
 * names its line.
 */
async function tooManyRows(csv: string): Promise<boolean> {
  let lines = 0;
  for (let at = csv.indexOf('\n'); at !== -1 && lines <= MAX_IMPORT_ROWS + 1; at = csv.indexOf('\n', at + 1)) lines++;
  if (lines <= MAX_IMPORT_ROWS) return false;
  let rows = -1; // the header
  try {
    for await (const record of Readable.from(slices(csv, SLICE)).pipe(parse(PARSE_OPTIONS)) as AsyncIterable<string[]>) {
      if (record.every((field) => field.trim() === '')) continue;
      if (++rows > MAX_IMPORT_ROWS) return true;
    }
  } catch (error) {
    if (error instanceof CsvError) return false;
    throw error;
  }
  return false;
}

interface Village {
  id: string;
  countyId: string;
}

/**
 * `importHouseholds`: the county poverty-alleviation office's CSV, streamed through csv-parse and
 * written in batches of 1,000 rows in one transaction. Memory stays bounded by the set of registry
 * numbers seen (to reject repeats), the current batch and the rejections; parsed rows are not kept.
 */
@Injectable()
export class HouseholdImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: RegistryPolicy,
    private readonly events: DomainEvents,
  ) {}

  async importCsv(actor: Actor, countyId: string, csv: string): Promise<ImportReportData> {
    if (!ID_PATTERN.test(countyId)) throw notFound('County', countyId, 'countyId');
    const [county] = await this.dataSource.query('SELECT id::text FROM counties WHERE id = $1', [countyId]);
    if (!county) throw notFound('County', countyId, 'countyId');
    this.policy.assertCountyRegistrar(actor, countyId);
    const now = new Date();
    return inTransaction(this.dataSource, (tx) => this.run(tx, actor, countyId, csv, now));
  }

  private async run(tx: Tx, actor: Actor, countyId: string, csv: string, now: Date): Promise<ImportReportData> {
    const villages = await this.villagesOfCounty(tx.manager, countyId);
    const report: ImportReportData = { created: 0, updated: 0, rejected: [] };
    // Rows whose village code is not one of the county's: the reason (unknown, or another county's)
    // is settled with one query at the end.
    const foreignVillage: Array<{ rejection: ImportRejectionData; code: string }> = [];
    const seen = new Map<string, number>();
    let batch: ImportRow[] = [];
    let header: Parameters<typeof parseRow>[1] | null = null;
    let width = 0;
    let dataRows = 0;

    if (await tooManyRows(csv)) throw badInput('csv', `A file may hold at most ${MAX_IMPORT_ROWS} rows; split it`);
    const parser = Readable.from(slices(csv, SLICE)).pipe(parse({ ...PARSE_OPTIONS, info: true }));
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        // info.lines is the line the record ends on; a quoted field may span several.
        const line = info.lines - record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
        if (!header) {
          const resolved = resolveHeader(record);
          if ('error' in resolved) throw badInput('csv', resolved.error);
          header = resolved.index;
          width = record.length;
          continue;
        }
        if (record.every((field) => field.trim() === '')) continue;
        if (++dataRows > MAX_IMPORT_ROWS) throw badInput('csv', `A file may hold at most ${MAX_IMPORT_ROWS} rows; split it`);
        if (record.length !== width) {
          report.rejected.push({ line, reason: `The row has ${record.length} fields where the header has ${width}` });
          continue;
        }
        const parsed = parseRow(record, header, line, now);
        const registryNumber = 'reason' in parsed ? null : parsed.registryNumber;
        if (registryNumber !== null) {
          const first = seen.get(registryNumber);
          if (first !== undefined) {
            report.rejected.push({ line, reason: `registry_number ${registryNumber} repeats line ${first}` });
            continue;
          }
          seen.set(registryNumber, line);
        }
        if ('reason' in parsed) {
          report.rejected.push({ line, reason: parsed.reason });
          continue;
        }
        if (!villages.has(parsed.villageCode)) {
          const rejection = { line, reason: '' };
          report.rejected.push(rejection);
          foreignVillage.push({ rejection, code: parsed.villageCode });
          continue;
        }
        batch.push(parsed);
        if (batch.length >= BATCH_SIZE) {
          await this.writeBatch(tx, actor, countyId, villages, batch, report, now);
          batch = [];
        }
      }
    } catch (error) {
      // Every parser error is the file's fault (csv-parse's codes do not all start with CSV_, e.g.
      // INVALID_OPENING_QUOTE): BAD_USER_INPUT with the line, never a 500.
      if (error instanceof CsvError) throw badInput('csv', `The CSV is malformed at line ${error.lines ?? '?'}: ${error.message.split(':')[0]}`);
      throw error;
    }
    if (!header) throw badInput('csv', 'The CSV is empty: it needs a header row naming the columns');
    if (batch.length > 0) await this.writeBatch(tx, actor, countyId, villages, batch, report, now);
    await this.explainForeignVillages(tx.manager, foreignVillage);
    report.rejected.sort((a, b) => a.line - b.line);
    return report;
  }

  private async villagesOfCounty(manager: EntityManager, countyId: string): Promise<Map<string, Village>> {
    const rows: Array<{ id: string; code: string; county_id: string }> = await manager.query(
      'SELECT id::text, code, county_id::text FROM villages WHERE county_id = $1',
      [countyId],
    );
    return new Map(rows.map((r) => [r.code, { id: r.id, countyId: r.county_id }]));
  }

  /**
   * Upserts a batch by registry number (a number held by another county's household is rejected,
   * not moved), then appends a history entry where the row's status differs from the one in force
   * at its effective date (always for a new household), refreshes the cached status and raises
   * household.status-changed for existing households whose history grew.
   */
  private async writeBatch(tx: Tx, actor: Actor, countyId: string, villages: Map<string, Village>, batch: ImportRow[], report: ImportReportData, now: Date): Promise<void> {
    // A new household goes in with its row's status (its one history entry, never future-dated, is the
    // status in force); an existing one keeps its cached status until its history says otherwise, and
    // is only rewritten when a field differs (re-importing the same list writes nothing).
    const upserted: Array<{ id: string; registry_number: string; inserted: boolean }> = await tx.manager.query(
      `INSERT INTO households (village_id, county_id, registry_number, head_name, members, payout_account, poverty_status, poverty_category)
       SELECT i.village_id, $1, i.registry_number, i.head_name, i.members, i.payout_account, i.status, i.category
       FROM unnest($2::bigint[], $3::text[], $4::text[], $5::int[], $6::text[], $7::poverty_status[], $8::poverty_category[])
         AS i(village_id, registry_number, head_name, members, payout_account, status, category)
       ON CONFLICT (registry_number) DO UPDATE SET village_id = EXCLUDED.village_id, head_name = EXCLUDED.head_name,
         members = EXCLUDED.members, payout_account = EXCLUDED.payout_account, updated_at = now()
       WHERE households.county_id = EXCLUDED.county_id
         AND (households.village_id, households.head_name, households.members, households.payout_account)
             IS DISTINCT FROM (EXCLUDED.village_id, EXCLUDED.head_name, EXCLUDED.members, EXCLUDED.payout_account)
       RETURNING id::text, registry_number, (xmax = 0) AS inserted`,
      [
        countyId,
        batch.map((r) => villages.get(r.villageCode)!.id),
        batch.map((r) => r.registryNumber),
        batch.map((r) => r.headName),
        batch.map((r) => r.members),
        batch.map((r) => r.payoutAccount),
        batch.map((r) => r.status),
        batch.map((r) => r.category),
      ],
    );
    const byNumber = new Map(upserted.map((u) => [u.registry_number, { id: u.id, inserted: u.inserted, countyId }]));
    // Rows not returned were left alone: unchanged households of this county, or another county's.
    const untouched = batch.filter((r) => !byNumber.has(r.registryNumber)).map((r) => r.registryNumber);
    if (untouched.length > 0) {
      const existing: Array<{ id: string; registry_number: string; county_id: string }> = await tx.manager.query(
        'SELECT id::text, registry_number, county_id::text FROM households WHERE registry_number = ANY($1::text[])',
        [untouched],
      );
      for (const e of existing) byNumber.set(e.registry_number, { id: e.id, inserted: false, countyId: e.county_id });
    }
    const written: Array<{ row: ImportRow; id: string; inserted: boolean }> = [];
    for (const row of batch) {
      const u = byNumber.get(row.registryNumber);
      if (!u || u.countyId !== countyId) {
        // Whose it is stays unsaid: the official learns nothing of another county's registry.
        report.rejected.push({ line: row.line, reason: unavailableRegistryNumber(row.registryNumber) });
        continue;
      }
      written.push({ row, id: u.id, inserted: u.inserted });
      if (u.inserted) report.created++;
      else report.updated++;
    }
    if (written.length === 0) return;
    const changed: Array<{ household_id: string; effective_at: Date }> = await tx.manager.query(
      `INSERT INTO poverty_status_history (household_id, status, category, effective_at, recorded_by_id)
       SELECT i.id, i.status, i.category, i.effective_at, $6
       FROM unnest($1::bigint[], $2::poverty_status[], $3::poverty_category[], $4::timestamptz[], $5::boolean[]) AS i(id, status, category, effective_at, is_new)
       LEFT JOIN LATERAL (
         SELECT p.status, p.category FROM poverty_status_history p
         WHERE p.household_id = i.id AND p.effective_at <= i.effective_at ORDER BY p.effective_at DESC, p.id DESC LIMIT 1
       ) cur ON true
       WHERE i.is_new OR COALESCE(cur.status, 'NOT_REGISTERED') IS DISTINCT FROM i.status OR cur.category IS DISTINCT FROM i.category
       RETURNING household_id::text, effective_at`,
      [
        written.map((w) => w.id),
        written.map((w) => w.row.status),
        written.map((w) => w.row.category),
        written.map((w) => w.row.effectiveAt),
        written.map((w) => w.inserted),
        actor.userId,
      ],
    );
    // Nothing can reference a household created in this transaction yet (no lots, no allocations),
    // so only existing households need their cache refreshed and their listeners told.
    const created = new Set(written.filter((w) => w.inserted).map((w) => w.id));
    const existingChanged = changed.filter((c) => !created.has(c.household_id));
    await statusHistorySql.refreshCache(tx.manager, existingChanged.map((c) => c.household_id), now);
    if (existingChanged.length > 0) {
      await this.events.emit(tx, 'household.status-changed', {
        changes: existingChanged.map((c) => ({ householdId: c.household_id, effectiveAt: c.effective_at })),
      });
    }
  }

  private async explainForeignVillages(manager: EntityManager, rows: Array<{ rejection: ImportRejectionData; code: string }>): Promise<void> {
    if (rows.length === 0) return;
    const codes = [...new Set(rows.map((r) => r.code))];
    const known: Array<{ code: string }> = await manager.query('SELECT code FROM villages WHERE code = ANY($1::text[])', [codes]);
    const elsewhere = new Set(known.map((k) => k.code));
    for (const { rejection, code } of rows) {
      rejection.reason = elsewhere.has(code) ? `village_code ${code} is a village of another county` : `village_code ${code} is not a known village`;
    }
  }
}
