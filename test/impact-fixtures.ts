import { expect } from '@jest/globals';
import { GqlResult, placeOrderInput, TestApi, World } from '@app/testing';

// Shared by the impact end-to-end tests: listings written with SQL (one household's lot each, so the
// test decides who supplies), and orders driven through the contract's mutations: placeOrder as the
// buyer, accept / collect / ship as the fulfilment station's operator, confirmDelivery as the buyer.


/** The World's stations charge 500 bps and the platform 300 bps: the fee arithmetic (docs/design.md, "Money") for q units at p fen. */
export function net(quantity: number, priceFen: number, commissionBps = 500, feeBps = 300): number {
  const gross = quantity * priceFen;
  return gross - Math.floor((gross * commissionBps) / 10000) - Math.floor((gross * feeBps) / 10000);
}

export interface PlacedOrder {
  id: string;
  fulfillments: Array<{ id: string; stationId: string | null; status: string }>;
}

export const SUMMARY_FIELDS = `ordersCount grossSalesFen supplierIncomeFen incomeToRegisteredPoorFen paidOutFen villagesReached
  povertyStrickenVillagesReached householdsReached registeredPoorHouseholdsReached`;

export interface Filter {
  countyId?: string;
  stationId?: string;
  from?: string;
  to?: string;
}

export class ImpactDriver {
  private seq = 0;

  constructor(
    readonly api: TestApi,
    readonly world: World,
  ) {}

  /** An ACTIVE listing of `stationId` whose one lot is `householdId`'s. */
  async listing(stationId: string, householdId: string, priceFen: number, quantity = 10_000): Promise<string> {
    const pool = this.api.db.pool;
    const { rows } = await pool.query(
      `INSERT INTO listings (station_id, origin_village_id, county_id, title, description, category, unit, price_fen, status, allocation_policy)
       SELECT s.id, h.village_id, s.county_id, '涉县花椒 Sichuan pepper', 'from the Taihang hills', 'spice', 'jin', $3, 'ACTIVE', 'FIFO'
         FROM stations s, households h WHERE s.id = $1 AND h.id = $2 RETURNING id::text`,
      [stationId, householdId, priceFen],
    );
    await pool.query(`INSERT INTO supply_lots (listing_id, household_id, quantity, remaining) VALUES ($1, $2, $3, $3)`, [rows[0].id, householdId, quantity]);
    return rows[0].id;
  }

  /** A household of the village with one status-history entry from 2016. */
  async household(villageId: string, status: 'REGISTERED_POOR' | 'NOT_REGISTERED' | 'EXITED'): Promise<string> {
    const pool = this.api.db.pool;
    const category = status === 'REGISTERED_POOR' ? 'GENERAL' : null;
    const { rows } = await pool.query(
      `INSERT INTO households (village_id, county_id, head_name, members, payout_account, poverty_status, poverty_category)
       SELECT v.id, v.county_id, '测试户', 3, '6228480000009999', $2, $3 FROM villages v WHERE v.id = $1 RETURNING id::text`,
      [villageId, status, category],
    );
    await pool.query(`INSERT INTO poverty_status_history (household_id, status, category, effective_at) VALUES ($1, $2, $3, '2016-01-01T00:00:00+08:00')`, [
      rows[0].id,
      status,
      category,
    ]);
    return rows[0].id;
  }

  /**
   * placeOrder as the buyer. With `placedAt`, the order is then moved to that instant (orders and
   * allocations), as if placed then: the reports count by placement time, which the API sets to now.
   */
  async order(lines: Array<{ listingId: string; quantity: number }>, placedAt?: Date): Promise<PlacedOrder> {
    const input = placeOrderInput(lines, { idempotencyKey: `impact-${++this.seq}-${Date.now()}`, paymentToken: 'tok_test' });
    const r = await this.api.gql(
      `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id fulfillments { id status station { id } } } }`,
      { input },
      this.world.users.buyer.token,
    );
    expect(r.errors).toBeUndefined();
    const order = r.data!.placeOrder as { id: string; fulfillments: Array<{ id: string; status: string; station: { id: string } | null }> };
    if (placedAt) {
      await this.api.db.pool.query(`UPDATE orders SET placed_at = $2 WHERE id = $1`, [order.id, placedAt]);
      // The village flag a placement at that instant would have seen (the flag then by the village's history).
      await this.api.db.pool.query(
        `UPDATE allocations a SET placed_at = $2, village_poverty_stricken_at_sale = COALESCE(
           (SELECT p.poverty_stricken FROM village_poverty_history p WHERE p.village_id = a.village_id AND p.effective_at <= $2
             ORDER BY p.effective_at DESC, p.id DESC LIMIT 1), v.designated_poverty_stricken)
           FROM villages v WHERE a.order_id = $1 AND v.id = a.village_id`,
        [order.id, placedAt],
      );
    }
    return { id: order.id, fulfillments: order.fulfillments.map((f) => ({ id: f.id, status: f.status, stationId: f.station?.id ?? null })) };
  }

  operatorToken(stationId: string | null): string {
    const { stations, users } = this.world;
    if (stationId === stations.main) return users.operator.token;
    if (stationId === stations.second) return users.secondOperator.token;
    if (stationId === stations.other) return users.otherOperator.token;
    throw new Error(`no operator for station ${stationId}`);
  }

  /** accept, collect and ship as the station's operator. */
  async ship(f: { id: string; stationId: string | null }): Promise<void> {
    const token = this.operatorToken(f.stationId);
    for (const [mutation, args] of [
      ['acceptFulfillment(id: $id)', '$id: ID!'],
      ['markCollected(id: $id)', '$id: ID!'],
    ]) {
      const r = await this.api.gql(`mutation (${args}) { ${mutation} { id status } }`, { id: f.id }, token);
      expect(r.errors).toBeUndefined();
    }
    const r = await this.api.gql(
      `mutation ($input: ShipInput!) { markShipped(input: $input) { id status } }`,
      { input: { fulfillmentId: f.id, carrier: '顺丰', trackingNumber: `SF${f.id}` } },
      token,
    );
    expect(r.errors).toBeUndefined();
  }

  /** Ships, then confirmDelivery as the buyer. */
  async deliver(f: { id: string; stationId: string | null }): Promise<void> {
    await this.ship(f);
    const r = await this.api.gql(`mutation ($id: ID!) { confirmDelivery(fulfillmentId: $id) { id status } }`, { id: f.id }, this.world.users.buyer.token);
    expect(r.errors).toBeUndefined();
    expect((r.data!.confirmDelivery as { status: string }).status).toBe('DELIVERED');
  }

  /** Places and delivers every fulfilment. */
  async sell(lines: Array<{ listingId: string; quantity: number }>, placedAt?: Date): Promise<PlacedOrder> {
    const order = await this.order(lines, placedAt);
    for (const f of order.fulfillments) await this.deliver(f);
    return order;
  }

  async cancel(orderId: string): Promise<void> {
    const r = await this.api.gql(`mutation ($id: ID!) { cancelOrder(id: $id) { id status } }`, { id: orderId }, this.world.users.buyer.token);
    expect(r.errors).toBeUndefined();
  }

  summary(filter: Filter | null, token = this.world.users.admin.token): Promise<GqlResult> {
    return this.api.gql(`query ($filter: ImpactFilter) { impactSummary(filter: $filter) { ${SUMMARY_FIELDS} } }`, { filter }, token);
  }

  /** impactSummary's data, failing on an error. */
  async summaryOf(filter: Filter | null, token?: string): Promise<Record<string, number>> {
    const r = await this.summary(filter, token);
    expect(r.errors).toBeUndefined();
    return r.data!.impactSummary as Record<string, number>;
  }

  byVillage(filter: Filter | null, token = this.world.users.admin.token, first?: number, after?: string): Promise<GqlResult> {
    return this.api.gql(
      `query ($filter: ImpactFilter, $first: Int, $after: String) {
         impactByVillage(filter: $filter, first: $first, after: $after) {
           totalCount pageInfo { hasNextPage endCursor }
           edges { cursor node { village { id name } householdsReached registeredPoorHouseholdsReached grossSalesFen supplierIncomeFen incomeToRegisteredPoorFen } }
         } }`,
      { filter, first, after },
      token,
    );
  }

  /** impactByVillage's nodes as plain rows keyed by village id, failing on an error. */
  async villagesOf(filter: Filter | null, token?: string): Promise<Array<Record<string, unknown>>> {
    const r = await this.byVillage(filter, token, 100);
    expect(r.errors).toBeUndefined();
    const edges = (r.data!.impactByVillage as { edges: Array<{ node: Record<string, unknown> & { village: { id: string } } }> }).edges;
    return edges.map(({ node }) => {
      const { village, ...rest } = node;
      return { villageId: village.id, ...rest };
    });
  }

  series(filter: Filter | null, interval?: string, token = this.world.users.admin.token): Promise<GqlResult> {
    return this.api.gql(
      `query ($filter: ImpactFilter, $interval: Interval) {
         impactSeries(filter: $filter, interval: $interval) { periodStart supplierIncomeFen incomeToRegisteredPoorFen villagesReached cumulativeVillagesReached } }`,
      interval ? { filter, interval } : { filter },
      token,
    );
  }

  async seriesOf(filter: Filter | null, interval?: string, token?: string): Promise<Array<Record<string, unknown>>> {
    const r = await this.series(filter, interval, token);
    expect(r.errors).toBeUndefined();
    return r.data!.impactSeries as Array<Record<string, unknown>>;
  }

  /** setPovertyStatus as the county's official. */
  async setStatus(householdId: string, status: string, effectiveAt?: string, category?: string): Promise<void> {
    const r = await this.api.gql(
      `mutation ($input: SetPovertyStatusInput!) { setPovertyStatus(input: $input) { id povertyStatus } }`,
      { input: { householdId, status, ...(category ? { category } : {}), ...(effectiveAt ? { effectiveAt } : {}) } },
      this.world.users.official.token,
    );
    expect(r.errors).toBeUndefined();
  }
}

/** The summary with every field zero but those given. */
export function summaryWith(values: Partial<Record<string, number>>): Record<string, number> {
  const zero = Object.fromEntries(SUMMARY_FIELDS.split(/\s+/).filter(Boolean).map((k) => [k, 0]));
  return { ...zero, ...values } as Record<string, number>;
}
