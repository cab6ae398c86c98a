import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { toFen } from '@app/kernel';
import { AppConfig, APP_CONFIG, DomainEvents, inTransaction, QueueService, Tx } from '@app/platform';
import { merchantPayoutAccountSql } from '@app/goods';
import { SETTLEABLE_ALLOCATIONS_SQL } from '@app/orders';
import { HOUSEHOLD_PAYEES_SQL } from '@app/registry';
import { STATION_PAYEES_SQL } from '@app/stations';
import { VILLAGE_ORDER_SETTLEMENT, VillageOrderSettlementSide } from '@app/village-orders';
import { checkWithholding, settlementTotalsAgree } from './domain/settlement';
import { payoutJobId } from './payout-job-id';
import { householdAllocationsOf } from './payout-links';
import { SettlementWithholding } from './settlement-withholding';

export interface SettlementResult {
  /** The settlement_runs row recording this run, and when it ran. */
  runId: string;
  ranAt: Date;
  payoutsCreated: number;
  amountFen: number;
  payoutIds: string[];
}

/** What one payee kind's settlement reads and writes: the same statement shape for both. */
interface PayeeSide {
  kind: 'HOUSEHOLD' | 'STATION';
  /** The settleable allocations' column naming the payee, and its amount column. */
  payeeColumn: 'household_id' | 'listing_station_id';
  amountColumn: 'supplier_net_fen' | 'station_commission_fen';
  /** The payees as their owner gives them, (id, county_id[, payout_account]) to join by id, and the payouts column naming one. */
  payeesSql: string;
  payoutColumn: 'household_id' | 'station_id';
  /** The payee's account at settlement, which every attempt of the payout pays (stations have none yet). */
  accountColumn: 'p.payout_account' | 'NULL';
}

const SIDES: PayeeSide[] = [
  { kind: 'HOUSEHOLD', payeeColumn: 'household_id', amountColumn: 'supplier_net_fen', payeesSql: HOUSEHOLD_PAYEES_SQL, payoutColumn: 'household_id', accountColumn: 'p.payout_account' },
  { kind: 'STATION', payeeColumn: 'listing_station_id', amountColumn: 'station_commission_fen', payeesSql: STATION_PAYEES_SQL, payoutColumn: 'station_id', accountColumn: 'NULL' },
];

/** The allocations the orders domain gives as settleable (`$1`: the holdback in hours) that no payout of the kind settles yet. */
function unsettledSql(kind: PayeeSide['kind']): string {
  return `SELECT a.* FROM (${SETTLEABLE_ALLOCATIONS_SQL}) a
           WHERE NOT EXISTS (SELECT 1 FROM payout_links l WHERE l.allocation_id = a.id AND l.payee_kind = '${kind}')`;
}

/**
 * One statement per payee kind: the eligible allocations (of DELIVERED fulfilments delivered before the
 * holdback, in no payout yet) grouped by payee become one PENDING payout each, and the allocations are
 * linked to it (payout_links; the orders domain gives the settleable allocations). The payout ids are
 * drawn from the sequence while grouping, so the links come straight from the groups: no join of large
 * intermediate results, whose size the planner cannot know (10,000 payees settle in well under a second
 * on fresh, unanalysed rows). The answer's totals let the caller
 * check that exactly the summed allocations were linked.
 * A payee whose sum is 0 (a station charging no commission) gets no payout: its allocations stay
 * unlinked, as nothing is owed.
 * $2/$3 are the fen withheld per household for its loan instalments (already booked): its payout is for
 * the rest, and one left with nothing is written PAID at once (its allocations are settled all the same).
 */
function settleSql(s: PayeeSide): string {
  return `
    WITH due AS (
      SELECT nextval(pg_get_serial_sequence('payouts', 'id')) AS payout_id, g.*
        FROM (SELECT a.${s.payeeColumn} AS payee_id, sum(a.${s.amountColumn}) AS amount,
                     array_agg(a.id) AS allocation_ids, array_agg(a.listing_station_id) AS station_ids, array_agg(a.${s.amountColumn}) AS amounts
                FROM (${unsettledSql(s.kind)}) a
               GROUP BY a.${s.payeeColumn}
              HAVING sum(a.${s.amountColumn}) > 0
               ORDER BY a.${s.payeeColumn}) g
    ), withheld AS (
      SELECT * FROM unnest($2::bigint[], $3::bigint[]) AS w(payee_id, fen)
    ), created AS (
      INSERT INTO payouts (id, payee_kind, ${s.payoutColumn}, county_id, amount_fen, status, paid_at, provider_reference, payout_account)
      SELECT d.payout_id, '${s.kind}', d.payee_id, p.county_id, d.amount - COALESCE(w.fen, 0),
             CASE WHEN d.amount = w.fen THEN 'PAID' ELSE 'PENDING' END::payout_status,
             CASE WHEN d.amount = w.fen THEN now() END,
             CASE WHEN d.amount = w.fen THEN 'withheld' END,
             ${s.accountColumn}
        FROM due d JOIN ${s.payeesSql} p ON p.id = d.payee_id LEFT JOIN withheld w ON w.payee_id = d.payee_id
      RETURNING id, amount_fen, status
    ), linked AS (
      INSERT INTO payout_links (allocation_id, payee_kind, payout_id, listing_station_id, amount_fen)
      SELECT l.allocation_id, '${s.kind}', l.payout_id, l.station_id, l.amount
        FROM (SELECT d.payout_id, u.* FROM due d, unnest(d.allocation_ids, d.station_ids, d.amounts) AS u(allocation_id, station_id, amount)) l
      ON CONFLICT DO NOTHING
      RETURNING amount_fen AS amount
    )
    SELECT (SELECT COALESCE(json_agg(json_build_array(c.id::text, c.amount_fen::text, c.status) ORDER BY c.id), '[]') FROM created c) AS payouts,
           (SELECT COALESCE(sum(fen), 0)::text FROM withheld) AS withheld,
           (SELECT COALESCE(sum(amount), 0)::text FROM due) AS due,
           (SELECT COALESCE(sum(cardinality(allocation_ids)), 0)::int FROM due) AS allocations,
           (SELECT COALESCE(sum(amount), 0)::text FROM linked) AS linked_amount,
           (SELECT count(*)::int FROM linked) AS linked`;
}

/**
 * The same for village orders' payees (merchants, and stations for their commission on goods): the
 * village-orders domain gives the eligible orders grouped by payee and county and the statement that
 * links them; one payout per payee and county.
 */
function settleVillageOrdersSql(s: VillageOrderSettlementSide): string {
  const column = s.kind === 'MERCHANT' ? 'merchant_id' : 'station_id';
  return `
    WITH due AS (
      SELECT nextval(pg_get_serial_sequence('payouts', 'id')) AS payout_id, g.* FROM (${s.dueSql}) g
    ), created AS (
      INSERT INTO payouts (id, payee_kind, ${column}, county_id, amount_fen, payout_account)
      SELECT d.payout_id, '${s.kind}', d.payee_id, d.county_id, d.amount, ${s.kind === 'MERCHANT' ? merchantPayoutAccountSql('d.payee_id') : 'NULL'} FROM due d
      RETURNING id, amount_fen, status
    ), linked AS (
      ${s.linkSql('SELECT payout_id, unnest(ids) AS order_id FROM due')}
    )
    SELECT (SELECT COALESCE(json_agg(json_build_array(c.id::text, c.amount_fen::text, c.status) ORDER BY c.id), '[]') FROM created c) AS payouts,
           '0' AS withheld,
           (SELECT COALESCE(sum(amount), 0)::text FROM due) AS due,
           (SELECT COALESCE(sum(cardinality(ids)), 0)::int FROM due) AS allocations,
           (SELECT COALESCE(sum(amount), 0)::text FROM linked) AS linked_amount,
           (SELECT count(*)::int FROM linked) AS linked`;
}

const ENQUEUE_CHUNK = 2_000;

/** Settlement: turns delivered, held-back allocations into one PENDING payout per payee, and queues them. */
@Injectable()
export class SettlementService {
  private readonly logger = new Logger('Settlement');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: QueueService,
    private readonly withholding: SettlementWithholding,
    private readonly events: DomainEvents,
  ) {}

  /**
   * Runs one settlement. Settlements are serialised by a transaction-scoped advisory lock, so two at
   * once never put an allocation in two payouts (the second sees the first's links once it commits).
   * The payout jobs are queued after the commit; if that fails, the relay queues them later.
   */
  async run(): Promise<SettlementResult> {
    const result = await inTransaction(this.dataSource, async (tx) => {
      // The lock's key pair: the payouts table's oid (unique in this database) and 1 for "settlement".
      await tx.manager.query(`SELECT pg_advisory_xact_lock('payouts'::regclass::oid::int, 1)`);
      const created: Array<{ id: string; amount: string; status: string }> = [];
      for (const side of SIDES) created.push(...(await this.settle(tx, side)));
      for (const side of VILLAGE_ORDER_SETTLEMENT) created.push(...(await this.check(side.kind, await tx.manager.query(settleVillageOrdersSql(side), [this.config.settlementHoldbackHours]))));
      // Wholly withheld: nothing to transfer, paid now.
      const withheldWhole = created.filter((c) => c.status === 'PAID').map((c) => c.id);
      const allocations = await householdAllocationsOf(tx, withheldWhole);
      for (const id of withheldWhole) await this.events.emit(tx, 'payout.paid', { payoutId: id, householdAllocationIds: allocations.get(id) ?? [] });
      const payoutIds = created.map((c) => c.id);
      const toPay = created.filter((c) => c.status !== 'PAID').map((c) => c.id);
      const amountFen = toFen(created.reduce((sum, c) => sum + BigInt(c.amount), 0n));
      tx.afterCommit(() => this.enqueue(toPay));
      const [run]: Array<{ id: string; ran_at: Date }> = await tx.manager.query(
        `INSERT INTO settlement_runs (payouts_created, amount_fen) VALUES ($1, $2) RETURNING id::text, ran_at`,
        [created.length, amountFen],
      );
      return { runId: run.id, ranAt: run.ran_at, payoutsCreated: created.length, amountFen, payoutIds };
    });
    if (result.payoutsCreated > 0) this.logger.log(`settlement: ${result.payoutsCreated} payouts, ${result.amountFen} fen`);
    return result;
  }

  /** Settlement runs, newest first, before the run `beforeId` when given. */
  async runs(limit: number, beforeId: string | null): Promise<Array<{ id: string; ranAt: Date; payoutsCreated: number; amountFen: number }>> {
    const rows: Array<{ id: string; ran_at: Date; payouts_created: number; amount_fen: string }> = await this.dataSource.query(
      `SELECT id::text, ran_at, payouts_created, amount_fen::text FROM settlement_runs WHERE ($1::bigint IS NULL OR id < $1) ORDER BY id DESC LIMIT $2`,
      [beforeId, limit],
    );
    return rows.map((r) => ({ id: r.id, ranAt: r.ran_at, payoutsCreated: r.payouts_created, amountFen: toFen(r.amount_fen) }));
  }

  async runCount(): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM settlement_runs`);
    return row.n;
  }

  private async settle(tx: Tx, side: PayeeSide): Promise<Array<{ id: string; amount: string; status: string }>> {
    const withheld = side.kind === 'HOUSEHOLD' ? await this.withhold(tx) : new Map<string, number>();
    const [r]: Array<{ payouts: Array<[string, string, string]>; withheld: string; due: string; allocations: number; linked_amount: string; linked: number }> =
      await tx.manager.query(settleSql(side), [this.config.settlementHoldbackHours, [...withheld.keys()], [...withheld.values()]]);
    return this.check(side.kind, [r]);
  }

  /** Under the lock nothing else links allocations or orders; a difference means a bug, and rolls it all back. */
  private check(
    kind: string,
    [r]: Array<{ payouts: Array<[string, string, string]>; withheld: string; due: string; allocations: number; linked_amount: string; linked: number }>,
  ): Array<{ id: string; amount: string; status: string }> {
    const created = r.payouts.map(([id, amount, status]) => ({ id, amount, status }));
    const totals = { items: r.allocations, dueFen: r.due, linked: r.linked, linkedFen: r.linked_amount, withheldFen: r.withheld, payoutAmountsFen: created.map((c) => c.amount) };
    if (!settlementTotalsAgree(totals)) {
      throw new Error(`settlement (${kind}): ${r.allocations} rows of ${r.due} fen summed, ${r.linked} of ${r.linked_amount} fen linked, payouts for ${created.map((c) => c.amount).join('+')} + ${r.withheld} withheld`);
    }
    return created;
  }

  /**
   * Loan instalments withheld from the households that consented (finance decides and books them): the
   * fen each household is owed by this settlement, for those households only, then what finance took.
   */
  private async withhold(tx: Tx): Promise<Map<string, number>> {
    const port = this.withholding.active;
    if (!port) return new Map();
    const owing = await port.householdsOwing(tx);
    if (owing.length === 0) return new Map();
    const rows: Array<{ household_id: string; amount: string }> = await tx.manager.query(
      `SELECT a.household_id::text, sum(a.supplier_net_fen)::text AS amount
         FROM (${unsettledSql('HOUSEHOLD')}) a
        WHERE a.household_id = ANY($2::bigint[])
        GROUP BY a.household_id HAVING sum(a.supplier_net_fen) > 0`,
      [this.config.settlementHoldbackHours, owing],
    );
    const owed = new Map(rows.map((r) => [r.household_id, toFen(r.amount)]));
    return checkWithholding(owed, await port.withhold(tx, [...owed].map(([householdId, amountFen]) => ({ householdId, amountFen }))));
  }

  private async enqueue(payoutIds: string[]): Promise<void> {
    try {
      for (let i = 0; i < payoutIds.length; i += ENQUEUE_CHUNK) {
        await this.queue.enqueueBulk(
          'payout.process',
          payoutIds.slice(i, i + ENQUEUE_CHUNK).map((payoutId) => ({ payload: { payoutId }, options: { jobId: payoutJobId(payoutId, 0) } })),
        );
      }
    } catch (error) {
      this.logger.warn(`settlement: queueing payouts failed (${(error as Error).message}); the relay will queue them`);
    }
  }
}
