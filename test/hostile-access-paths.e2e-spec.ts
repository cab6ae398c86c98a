import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createWorld, GqlResult, startTestApi, TestApi, World, WorldUser } from '@app/testing';
import { ASSESS, createLender, ok } from './finance-fixtures';
import { createGoods } from './goods-fixtures';
import { FULFILLMENT_STEPS } from './hostile-fixtures';
import { createListing, placeOrder } from './orders-fixtures';
import { placeFor } from './village-orders-fixtures';

/*
 * Every path to personal data, from every role (docs/design.md, "Access"). The paths are generated
 * from the schema: from each query, every chain of fields that ends at a Household, an Allocation, a
 * Payout or a User (a type at most twice on a chain, so Fulfillment.order.fulfillments is walked).
 * Each query is asked with every id it takes, by every role, and each household, allocation, payout and
 * user in the answers is checked against the access table, computed here from the database:
 * - a household only for admins, officials of its county and operators of a station serving its village
 *   (its personal fields likewise);
 * - an allocation only for admins and the operators of the station whose fulfilment collects it;
 * - a payout only for admins, the officials of its payee's county and the operators of its station,
 *   or of the one station whose sales it wholly settles;
 * - a user's email and state only for the user and admins.
 * A query that reaches these types and is not in ROOTS fails the test: a new path must be walked.
 */

type Caller = 'anonymous' | 'admin' | 'operator' | 'secondOperator' | 'otherOperator' | 'official' | 'otherOfficial' | 'buyer' | 'otherBuyer' | 'lender' | 'merchant';
const CALLERS: Caller[] = ['anonymous', 'admin', 'operator', 'secondOperator', 'otherOperator', 'official', 'otherOfficial', 'buyer', 'otherBuyer', 'lender', 'merchant'];
const TARGETS = ['Household', 'Allocation', 'Payout', 'User'];
const LEAVES: Record<string, string> = {
  Household: '__typename id registryNumber headName payoutAccountMasked povertyStatus povertyCategory members',
  Allocation: '__typename id',
  Payout: '__typename id amountFen',
  User: '__typename id email disabledAt',
};

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface FieldInfo {
  name: string;
  args: Array<{ name: string; type: TypeRef }>;
  type: TypeRef;
}
const INTROSPECT = `{ __schema { types { name kind fields { name args { name type { ...T } } type { ...T } } } } }
  fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }`;
const named = (t: TypeRef): string => (t.ofType ? named(t.ofType) : t.name!);

/** A selection trie: field name to its sub-selection. */
type Trie = Map<string, Trie>;

interface Facts {
  households: Map<string, { villageId: string; countyId: string }>;
  served: Map<string, Set<string>>; // station -> villages
  allocations: Map<string, string | null>; // allocation -> its fulfilment's station
  payouts: Map<string, { countyId: string; stationId: string | null; householdId: string | null; merchantId: string | null; soldBy: Set<string> }>;
  users: Map<string, string>; // id -> email
}

describe('every path to a household, an allocation, a payout or a user, from every role', () => {
  let api: TestApi;
  let world: World;
  let fields: Map<string, FieldInfo[]>;
  let facts: Facts;
  let ids: { orders: string[]; listings: string[]; loans: string[]; villageOrders: string[] };
  /** An officer of a credit cooperative lending in She County only. */
  let lender: WorldUser;
  let institutionId: string;

  const user = (c: Exclude<Caller, 'anonymous'>): WorldUser => (c === 'lender' ? lender : world.users[c]);
  const tokenOf = (c: Caller) => (c === 'anonymous' ? undefined : user(c).token);

  async function walk(fulfillmentId: string, stationOperator: WorldUser, buyer: WorldUser): Promise<void> {
    for (const [step, token] of [
      ['accept', stationOperator.token],
      ['collect', stationOperator.token],
      ['ship', stationOperator.token],
      ['deliver', buyer.token],
    ] as const) {
      const r = await api.gql(FULFILLMENT_STEPS[step], { id: fulfillmentId }, token);
      expect(r.errors).toBeUndefined();
    }
  }

  beforeAll(async () => {
    api = await startTestApi({ settlementHoldbackHours: 72 });
    world = await createWorld(api.db.pool, api.config);
    const { stations: s, villages: v, households: h, county, otherCounty } = world;
    // Two stations serve the poor village: main sells poorB's and poorA's produce, second poorA's too.
    const mainB = await createListing(api.db.pool, { stationId: s.main, originVillageId: v.poor, countyId: county.id, priceFen: 1000, lots: [{ householdId: h.poorB, quantity: 50 }] });
    const mainA = await createListing(api.db.pool, { stationId: s.main, originVillageId: v.poor, countyId: county.id, priceFen: 800, lots: [{ householdId: h.poorA, quantity: 50 }] });
    const secondA = await createListing(api.db.pool, { stationId: s.second, originVillageId: v.poor, countyId: county.id, priceFen: 1200, lots: [{ householdId: h.poorA, quantity: 50 }] });
    const other = await createListing(api.db.pool, { stationId: s.other, originVillageId: v.other, countyId: otherCounty.id, priceFen: 500, lots: [{ householdId: h.other, quantity: 50 }] });
    // One order across two counties' stations (a fulfilment each), one of the second station's, and an
    // assisted order the second station's operator placed for pickup there, of main's produce.
    const shared = await placeOrder(api, world.users.buyer.token, [
      { listingId: mainB.id, quantity: 2 },
      { listingId: mainA.id, quantity: 1 },
      { listingId: other.id, quantity: 1 },
    ]);
    const single = await placeOrder(api, world.users.buyer.token, [{ listingId: secondA.id, quantity: 1 }]);
    const assisted = await placeOrder(api, world.users.secondOperator.token, [{ listingId: mainB.id, quantity: 1 }], { pickupStationId: s.second });
    for (const r of [shared, single, assisted]) expect(r.errors).toBeUndefined();
    const orders = [shared, single, assisted].map((r) => (r.data as any).placeOrder);
    const operatorOf = new Map([
      [s.main, world.users.operator],
      [s.second, world.users.secondOperator],
      [s.other, world.users.otherOperator],
    ]);
    for (const [i, order] of orders.entries()) {
      for (const f of order.fulfillments) await walk(f.id, operatorOf.get(f.station.id)!, i === 2 ? world.users.secondOperator : world.users.buyer);
    }
    await api.db.pool.query(`UPDATE fulfillments SET delivered_at = now() - interval '73 hours'`);
    const settled = await api.gql(`mutation { runSettlement { payoutsCreated } }`, {}, world.users.admin.token);
    expect(settled.errors).toBeUndefined();
    const created = await createLender(api, world, '涉县信用社', [county.id]);
    lender = created.user;
    institutionId = created.institutionId;
    // A credit assessment, so that creditAssessments has a household to show.
    await ok(api, ASSESS, { input: { householdId: h.poorA, labourers: 2, landMu: 6.5, otherDebtsFen: 0 } }, world.users.official.token);
    // A village order the main station placed for poorA, of the main merchant's goods.
    const goodsId = await createGoods(api.db.pool, world.merchants.main, { stock: 10 });
    const villageOrder = await placeFor(api, world, [{ goodsId, quantity: 1 }], 0);
    expect(villageOrder.errors).toBeUndefined();
    ids = { orders: orders.map((o) => o.id), listings: [mainB.id, mainA.id, secondA.id, other.id], loans: [], villageOrders: [(villageOrder.data as any).placeVillageOrder.villageOrder.id] };

    const r = await api.gql(INTROSPECT);
    fields = new Map(((r.data as any).__schema.types as Array<{ name: string; kind: string; fields: FieldInfo[] | null }>).filter((t) => t.kind === 'OBJECT').map((t) => [t.name, t.fields!]));

    const q = async <T>(sql: string) => (await api.db.pool.query(sql)).rows as T[];
    facts = {
      households: new Map((await q<{ id: string; v: string; c: string }>(`SELECT id::text, village_id::text AS v, county_id::text AS c FROM households`)).map((x) => [x.id, { villageId: x.v, countyId: x.c }])),
      served: new Map(),
      allocations: new Map((await q<{ id: string; s: string | null }>(`SELECT a.id::text, f.station_id::text AS s FROM allocations a JOIN fulfillments f ON f.id = a.fulfillment_id`)).map((x) => [x.id, x.s])),
      payouts: new Map(
        (
          await q<{ id: string; c: string; s: string | null; h: string | null; m: string | null; sold: string[] }>(
            `SELECT p.id::text, p.county_id::text AS c, p.station_id::text AS s, p.household_id::text AS h, p.merchant_id::text AS m,
                    ARRAY(SELECT DISTINCT a.listing_station_id::text FROM allocations a JOIN payout_links l ON l.allocation_id = a.id AND l.payee_kind = 'HOUSEHOLD' WHERE l.payout_id = p.id) AS sold
               FROM payouts p`,
          )
        ).map((x) => [x.id, { countyId: x.c, stationId: x.s, householdId: x.h, merchantId: x.m, soldBy: new Set(x.sold) }]),
      ),
      users: new Map((await q<{ id: string; email: string }>(`SELECT id::text, email FROM users`)).map((x) => [x.id, x.email])),
    };
    for (const x of await q<{ s: string; v: string }>(`SELECT station_id::text AS s, village_id::text AS v FROM station_villages`)) {
      if (!facts.served.has(x.s)) facts.served.set(x.s, new Set());
      facts.served.get(x.s)!.add(x.v);
    }
    // The fixture holds the cases the table is about.
    const payouts = [...facts.payouts.values()];
    expect(payouts.some((p) => p.householdId === h.poorA && p.soldBy.size === 2)).toBe(true); // a payout of two stations' sales
    expect(payouts.some((p) => p.householdId === h.poorB && [...p.soldBy].join() === s.main)).toBe(true);
    expect(facts.allocations.size).toBeGreaterThanOrEqual(5);
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  // ---- the access table, from the database ----
  function actorOf(c: Caller): { role: string; userId: string; stationId: string | null; countyId: string | null } | null {
    if (c === 'anonymous') return null;
    const w = world;
    const stationId = ({ operator: w.stations.main, secondOperator: w.stations.second, otherOperator: w.stations.other } as Record<string, string>)[c] ?? null;
    const countyId = ({ official: w.county.id, otherOfficial: w.otherCounty.id } as Record<string, string>)[c] ?? null;
    const role = c === 'admin' ? 'ADMIN' : c === 'lender' ? 'LENDER' : c === 'merchant' ? 'MERCHANT' : stationId ? 'STATION_OPERATOR' : countyId ? 'COUNTY_OFFICIAL' : 'BUYER';
    return { role, userId: user(c).id, stationId, countyId };
  }

  function mayRead(c: Caller, type: string, id: string): boolean {
    const a = actorOf(c);
    if (!a) return false;
    if (a.role === 'ADMIN') return true;
    switch (type) {
      case 'Household': {
        const h = facts.households.get(id)!;
        return (
          (a.role === 'COUNTY_OFFICIAL' && a.countyId === h.countyId) ||
          (a.role === 'STATION_OPERATOR' && !!facts.served.get(a.stationId!)?.has(h.villageId)) ||
          (a.role === 'LENDER' && h.countyId === world.county.id) // its institution lends in She County only
        );
      }
      case 'Allocation':
        return a.role === 'STATION_OPERATOR' && facts.allocations.get(id) === a.stationId;
      case 'Payout': {
        const p = facts.payouts.get(id)!;
        if (a.role === 'COUNTY_OFFICIAL') return a.countyId === p.countyId;
        if (a.role === 'MERCHANT') return p.merchantId === world.merchants.main;
        if (a.role !== 'STATION_OPERATOR') return false;
        if (p.stationId) return p.stationId === a.stationId;
        return p.soldBy.size === 1 && p.soldBy.has(a.stationId!) && mayRead(c, 'Household', p.householdId!);
      }
      default:
        return true; // a user's id, name and role: its email and state are checked below
    }
  }

  // ---- the walk ----
  /** Which object types can lead to a target. */
  function reaching(): Set<string> {
    const reach = new Set(TARGETS);
    for (let grew = true; grew; ) {
      grew = false;
      for (const [name, fs] of fields) if (!reach.has(name) && fs.some((f) => reach.has(named(f.type)))) grew = !!reach.add(name);
    }
    return reach;
  }

  /** The trie of every chain from `type` to a target (no field taking required arguments; a type at most twice). */
  function chains(type: string, seen: string[], reach: Set<string>, paths: string[], prefix: string): Trie {
    const trie: Trie = new Map();
    for (const f of fields.get(type) ?? []) {
      const next = named(f.type);
      if (!reach.has(next) || f.args.some((a) => a.type.kind === 'NON_NULL')) continue;
      if (seen.filter((t) => t === next).length >= 2 || seen.length > 9) continue;
      const path = `${prefix}.${f.name}`;
      const sub = chains(next, [...seen, next], reach, paths, path);
      if (TARGETS.includes(next)) {
        paths.push(path);
        for (const leaf of LEAVES[next].split(' ')) sub.set(leaf, new Map());
      }
      if (sub.size > 0) trie.set(f.name, sub);
    }
    return trie;
  }

  /** The trie split into one trie per chain that ends at a target (its leaves selected). */
  function leavesOf(trie: Trie): Array<{ names: string[]; trie: Trie }> {
    const out: Array<{ names: string[]; trie: Trie }> = [];
    const leaves = [...trie].filter(([, sub]) => sub.size === 0);
    if (leaves.length > 0) out.push({ names: [], trie: new Map(leaves) });
    for (const [name, sub] of trie) {
      if (sub.size === 0) continue;
      for (const c of leavesOf(sub)) out.push({ names: [name, ...c.names], trie: new Map([[name, c.trie]]) });
    }
    return out;
  }

  const print = (trie: Trie): string => [...trie].map(([name, sub]) => (sub.size ? `${name} { ${print(sub)} }` : name)).join(' ');
  const literal = (value: unknown) =>
    typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' && value && 'enum' in value ? String(value.enum) : String(value);

  /** Every id each root query is asked with. */
  const ROOTS: Record<string, () => Array<Record<string, unknown>>> = {
    household: () => [...facts.households.keys()].map((id) => ({ id })),
    households: () => [{ first: 10 }],
    order: () => ids.orders.map((id) => ({ id })),
    myOrders: () => [{ first: 3 }],
    stationFulfillments: () => Object.values(world.stations).map((stationId) => ({ stationId, first: 3 })),
    listing: () => ids.listings.map((id) => ({ id })),
    listings: () => [{ first: 10 }],
    payouts: () => [{ first: 10 }],
    users: () => [{ first: 10 }, { first: 10, role: { enum: 'STATION_OPERATOR' } }],
    me: () => [{}],
    creditAssessments: () => [...facts.households.keys()].map((householdId) => ({ householdId, first: 10 })),
    loan: () => ids.loans.map((id) => ({ id })),
    loans: () => [{ first: 10 }],
    villageOrder: () => ids.villageOrders.map((id) => ({ id })),
    villageOrders: () => [{ first: 10 }],
    // No list uploaded: every household of the county is on the registry only.
    reconciliationRows: () =>
      ['BOTH', 'REGISTRY_ONLY', 'LENDER_ONLY', 'UNMATCHED'].map((kind) => ({ countyId: world.county.id, institutionId, kind: { enum: kind }, first: 10 })),
  };

  it('walks every chain and shows each role only what the access table gives it', async () => {
    const reach = reaching();
    const paths: string[] = [];
    const roots = fields.get('Query')!.filter((f) => reach.has(named(f.type)));
    // A query that reaches personal data and is not walked here is a path nobody checked.
    expect(roots.map((f) => f.name).filter((n) => !ROOTS[n])).toEqual([]);
    // One document per chain and argument set: a chain's cost is small, all of a root's together are not.
    const documents = roots.flatMap((f) => {
      const trie = chains(named(f.type), [named(f.type)], reach, paths, f.name);
      if (TARGETS.includes(named(f.type))) {
        paths.push(f.name);
        for (const leaf of LEAVES[named(f.type)].split(' ')) trie.set(leaf, new Map());
      }
      return ROOTS[f.name]().flatMap((args) => {
        const list = Object.entries(args).map(([k, v]) => `${k}: ${literal(v)}`).join(', ');
        return leavesOf(trie).map((chain) => ({ root: f.name, chain: [f.name, ...chain.names].join('.'), text: `{ ${f.name}${list ? `(${list})` : ''} { ${print(chain.trie)} } }` }));
      });
    });
    // The chains the findings were about are among those walked.
    expect(paths).toEqual(
      expect.arrayContaining([
        'household',
        'households.edges.node',
        'order.buyer',
        'order.lines.allocations.household',
        'order.fulfillments.lines.allocations',
        'order.fulfillments.order.lines.allocations.household',
        'stationFulfillments.edges.node.order.buyer',
        'stationFulfillments.edges.node.order.lines.allocations',
        'stationFulfillments.edges.node.order.fulfillments.lines.allocations.household',
        'listing.supply.household',
        'listings.edges.node.supply.household',
        'payouts.edges.node.household',
        'myOrders.edges.node.lines.allocations',
        'me',
      ]),
    );

    const violations: string[] = [];
    const seen = new Map<Caller, Map<string, Set<string>>>();
    let calls = 0;
    const closed = new Set<string>();
    const jobs = CALLERS.flatMap((caller) => documents.map((doc) => ({ caller, doc })));
    for (const caller of CALLERS) seen.set(caller, new Map(TARGETS.map((t) => [t, new Set<string>()])));
    let next = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < jobs.length) {
          const { caller, doc } = jobs[next++];
          const mine = seen.get(caller)!;
          const r: GqlResult = await api.gql(doc.text, {}, tokenOf(caller));
          calls++;
          for (const e of r.errors ?? []) {
            const code = e.extensions?.code as string;
            // A chain the cost limit refuses is closed to everyone: nothing to check on it.
            if (code === 'BAD_USER_INPUT' && r.data == null && /cost|depth/i.test(e.message)) closed.add(doc.chain);
            else if (!['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'].includes(code)) violations.push(`${caller} ${doc.chain}: ${code} ${e.message}`);
          }
          const visit = (value: unknown, path: string) => {
            if (Array.isArray(value)) return value.forEach((v) => visit(v, path));
            if (!value || typeof value !== 'object') return;
            const o = value as Record<string, unknown>;
            const type = o.__typename as string | undefined;
            if (type && TARGETS.includes(type)) {
              const id = o.id as string;
              mine.get(type)!.add(id);
              if (!mayRead(caller, type, id)) violations.push(`${caller} reads ${type} ${id} at ${path}`);
              if (type === 'Household' && (o.registryNumber !== null || o.headName !== null || o.payoutAccountMasked !== null)) {
                if (!mayRead(caller, 'Household', id)) violations.push(`${caller} reads household ${id}'s personal fields at ${path}`);
                if (typeof o.payoutAccountMasked === 'string' && !/^\*+\d{4}$/.test(o.payoutAccountMasked)) violations.push(`${caller} reads a whole payout account at ${path}`);
              }
              if (type === 'User') {
                const own = caller !== 'anonymous' && (caller === 'admin' || user(caller).id === id);
                if (own ? o.email !== facts.users.get(id) : o.email !== '***' || o.disabledAt !== null) violations.push(`${caller} reads user ${id} as ${o.email} at ${path}`);
              }
            }
            for (const [k, v] of Object.entries(o)) visit(v, path ? `${path}.${k}` : k);
          };
          visit(r.data, '');
        }
      }),
    );
    violations.sort();
    expect(violations).toEqual([]);
    expect(calls).toBe(jobs.length);
    // The chains of the findings are open (the cost limit refuses some deeper ones to everybody).
    expect(['stationFulfillments.edges.node.order.buyer', 'stationFulfillments.edges.node.order.lines.allocations.household', 'stationFulfillments.edges.node.lines.allocations.household', 'order.lines.allocations.household', 'payouts.edges.node.household', 'household'].filter((c) => closed.has(c))).toEqual([]);

    // Not vacuous: what each may read, it does read somewhere.
    const all = (type: string) => [...(type === 'Household' ? facts.households.keys() : type === 'Allocation' ? facts.allocations.keys() : facts.payouts.keys())].sort();
    for (const type of ['Household', 'Allocation', 'Payout']) {
      expect([type, [...seen.get('admin')!.get(type)!].sort()]).toEqual([type, all(type)]);
      for (const caller of CALLERS) {
        const allowed = all(type).filter((id) => mayRead(caller, type, id));
        // Every household a caller may read it reaches through household(id); allocations and payouts through their paths.
        expect([caller, type, [...seen.get(caller)!.get(type)!].sort()]).toEqual([caller, type, allowed]);
      }
    }
    expect(seen.get('operator')!.get('Allocation')!.size).toBeGreaterThan(0);
    expect(seen.get('otherOperator')!.get('Allocation')!.size).toBeGreaterThan(0);
    expect(seen.get('buyer')!.get('User')!.has(world.users.buyer.id)).toBe(true);
    expect(seen.get('operator')!.get('User')!.has(world.users.buyer.id)).toBe(true); // through its fulfilment's order: with the email hidden
  }, 240_000);
});
