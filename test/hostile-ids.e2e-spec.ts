import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createWorld, GqlResult, startTestApi, TestApi, World } from '@app/testing';
import { createListing } from './orders-fixtures';

/*
 * One id rule everywhere (libs/platform's ID_PATTERN). Generated from the schema: every ID argument
 * and every ID field of an input object, at any depth, of every query and mutation, is sent many id
 * shapes (19 and 20 digits past bigint, signs, spaces, other scripts' digits, numbers, megabytes);
 * every `after` cursor is sent cursors carrying them; the report download gets them as query
 * parameters. The answer is always one of the contract's refusals or an ordinary answer, never a 500.
 */

const SHAPES: unknown[] = [
  '',
  ' ',
  '0',
  '-1',
  '01',
  '+1',
  '1.5',
  '1e3',
  '0x1F',
  ' 1',
  '1 ',
  'abc',
  '１２',
  '٣',
  '1\u0000',
  "1' OR '1'='1",
  '999999999999999999', // 18 digits: a well-formed id of no row
  '1000000000000000000', // 19 digits, inside bigint
  '9223372036854775807',
  '9223372036854775808',
  '9999999999999999999',
  '99999999999999999999',
  '9'.repeat(400),
  // eslint-disable-next-line no-loss-of-precision -- a number past 2^53, as a careless client sends it
  12345678901234567890,
  -5,
  0,
];

const CURSORS = (id: unknown): unknown[][] => [[id], ['2025-01-01 00:00:00+00', id], [0, id], ['NEWEST', '2025-01-01 00:00:00+00', id], ['PRICE_ASC', 100, id]];
const encode = (values: unknown[]) => Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');

/** What a refused or answered call may carry: anything but an INTERNAL_SERVER_ERROR (or no code). */
const ALLOWED = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED', 'INVALID_STATE', 'CONFLICT', 'GRAPHQL_VALIDATION_FAILED', 'PAYMENT_DECLINED', 'INSUFFICIENT_STOCK']);

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface InputValue {
  name: string;
  type: TypeRef;
}
interface FullType {
  name: string;
  kind: string;
  inputFields: InputValue[] | null;
  enumValues: Array<{ name: string }> | null;
  fields: Array<{ name: string; args: InputValue[]; type: TypeRef }> | null;
}

const INTROSPECT = `{ __schema { types { name kind enumValues { name } inputFields { name type { ...T } } fields { name args { name type { ...T } } type { ...T } } } } }
  fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }`;

const named = (t: TypeRef): TypeRef => (t.ofType ? named(t.ofType) : t);
const typeText = (t: TypeRef): string => (t.kind === 'NON_NULL' ? `${typeText(t.ofType!)}!` : t.kind === 'LIST' ? `[${typeText(t.ofType!)}]` : t.name!);
const unwrapNonNull = (t: TypeRef): TypeRef => (t.kind === 'NON_NULL' ? t.ofType! : t);

/** A place an id goes: the argument and the path of input fields inside it ('' for the argument itself). */
interface Slot {
  root: 'query' | 'mutation';
  field: string;
  arg: string;
  path: string[];
}

describe('ids from outside: one rule, never a 500', () => {
  let api: TestApi;
  let world: World;
  let types: Map<string, FullType>;
  let listingId: string;
  let seq = 0;

  beforeAll(async () => {
    api = await startTestApi({ rateLimitLoginPerMinute: 0, logLevel: 'silent' });
    world = await createWorld(api.db.pool, api.config);
    listingId = (
      await createListing(api.db.pool, { stationId: world.stations.main, originVillageId: world.villages.poor, countyId: world.county.id, priceFen: 500, lots: [{ householdId: world.households.poorA, quantity: 1000 }] })
    ).id;
    const r = await api.gql(INTROSPECT);
    types = new Map(((r.data as any).__schema.types as FullType[]).map((t) => [t.name, t]));
  });
  afterAll(async () => {
    await api?.close();
  });

  /** A valid-looking value of a type, so that the call gets as far as the id under test. */
  function sample(t: TypeRef, name: string): unknown {
    if (t.kind === 'NON_NULL') return sample(t.ofType!, name);
    if (t.kind === 'LIST') return [sample(t.ofType!, name)];
    const type = types.get(t.name!)!;
    if (type.kind === 'ENUM') return name === 'role' ? 'BUYER' : type.enumValues![0].name;
    if (type.kind === 'INPUT_OBJECT') {
      return Object.fromEntries(type.inputFields!.filter((f) => f.type.kind === 'NON_NULL').map((f) => [f.name, sample(f.type, f.name)]));
    }
    switch (t.name) {
      case 'ID':
        return { countyId: world.county.id, townshipId: world.township.id, villageId: world.villages.poor, originVillageId: world.villages.poor, stationId: world.stations.main,
          pickupStationId: world.stations.main, householdId: world.households.poorA, listingId, servedVillageIds: world.villages.poor }[name] ?? '1';
      case 'Int':
        return 1;
      case 'Fen':
        return 100;
      case 'Boolean':
        return false;
      case 'DateTime':
        return '2025-01-01T00:00:00Z';
      default:
        if (name === 'email') return `ids${++seq}@x.cn`;
        if (name === 'password') return 'long-enough-password';
        if (name === 'idempotencyKey') return `ids-${++seq}`;
        if (name === 'code') return `9${String(++seq).padStart(5, '0')}`;
        if (name === 'csv') return 'registry_number,head_name,members,village_code,poverty_status,poverty_category,payout_account,effective_date\n';
        return 'x';
    }
  }

  /** Every place an ID goes in the arguments of the root fields (input objects walked to depth 4). */
  function slots(): Slot[] {
    const out: Slot[] = [];
    const walk = (root: Slot['root'], field: string, arg: string, t: TypeRef, path: string[], depth: number) => {
      const n = named(t);
      if (n.name === 'ID') out.push({ root, field, arg, path });
      const type = types.get(n.name!)!;
      if (type.kind === 'INPUT_OBJECT' && depth < 4) for (const f of type.inputFields!) walk(root, field, arg, f.type, [...path, f.name], depth + 1);
    };
    for (const [root, typeName] of [['query', 'Query'], ['mutation', 'Mutation']] as const) {
      for (const f of types.get(typeName)!.fields!) for (const a of f.args) walk(root, f.name, a.name, a.type, [], 0);
    }
    return out;
  }

  function operation(slot: Pick<Slot, 'root' | 'field'>): { text: string; args: InputValue[] } {
    const f = types.get(slot.root === 'query' ? 'Query' : 'Mutation')!.fields!.find((x) => x.name === slot.field)!;
    const composite = ['OBJECT', 'INTERFACE', 'UNION'].includes(types.get(named(f.type).name!)!.kind);
    const vars = f.args.map((a) => `$${a.name}: ${typeText(a.type)}`).join(', ');
    const call = f.args.length ? `(${f.args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
    return { text: `${slot.root}${vars ? ` (${vars})` : ''} { ${slot.field}${call}${composite ? ' { __typename }' : ''} }`, args: f.args };
  }

  /** The variables of a call with `value` put at the slot (the objects on the way made up). */
  function variables(slot: Slot, args: InputValue[], value: unknown): Record<string, unknown> {
    const vars: Record<string, unknown> = Object.fromEntries(args.filter((a) => a.type.kind === 'NON_NULL').map((a) => [a.name, sample(a.type, a.name)]));
    const arg = args.find((a) => a.name === slot.arg)!;
    if (slot.path.length === 0) {
      vars[slot.arg] = unwrapNonNull(arg.type).kind === 'LIST' ? [value] : value;
      return vars;
    }
    // Walk down the input objects, making each one on the way (a list holds one element).
    let holderType = arg.type;
    let container: Record<string, unknown> = (vars[slot.arg] ??= sample(unwrapNonNull(arg.type).kind === 'LIST' ? unwrapNonNull(arg.type).ofType! : arg.type, slot.arg)) as never;
    if (Array.isArray(container)) container = container[0] as never;
    for (const [i, key] of slot.path.entries()) {
      const fieldType = types.get(named(holderType).name!)!.inputFields!.find((x) => x.name === key)!.type;
      const isList = unwrapNonNull(fieldType).kind === 'LIST';
      if (i === slot.path.length - 1) {
        container[key] = isList ? [value] : value;
      } else {
        const inner = sample(isList ? unwrapNonNull(fieldType).ofType! : fieldType, key) as Record<string, unknown>;
        container[key] = isList ? [inner] : inner;
        container = inner;
        holderType = fieldType;
      }
    }
    return vars;
  }

  /** Admins pass every role check but the operators' own (createListing, placeOrder): between them they reach every id check. */
  const callerOf = (field: string): [string, string] =>
    ['createListing', 'placeOrder'].includes(field) ? ['operator', world.users.operator.token] : ['admin', world.users.admin.token];

  /** Runs the calls a few at a time; returns the ones that failed the rule, with why. */
  async function offenders(calls: Array<{ what: string; run: () => Promise<GqlResult> }>): Promise<string[]> {
    const bad: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < calls.length) {
          const c = calls[next++];
          const r = await c.run();
          const codes = (r.errors ?? []).map((e) => e.extensions?.code as string | undefined);
          if (r.status >= 500 || codes.some((code) => !code || !ALLOWED.has(code))) bad.push(`${c.what}: HTTP ${r.status} ${JSON.stringify(codes)} ${r.errors?.[0]?.message.slice(0, 120)}`);
        }
      }),
    );
    return bad;
  }

  it('every ID argument and input field, sent every id shape: a contract refusal or an answer, never a 500', async () => {
    const all = slots();
    // The walk found the fields the rule is about (a schema change that hid them would make this pass vacuously).
    const names = all.map((s) => `${s.field}.${[s.arg, ...s.path].join('.')}`);
    expect(names).toEqual(expect.arrayContaining(['household.id', 'households.countyId', 'impactByVillage.filter.countyId', 'placeOrder.input.lines.listingId', 'createListing.input.supply.householdId', 'payouts.householdId', 'retryPayout.id']));
    expect(all.length).toBeGreaterThan(35);
    const calls = all.flatMap((slot) => {
      const { text, args } = operation(slot);
      const [role, token] = callerOf(slot.field);
      return SHAPES.map((shape) => ({
        what: `${slot.field}(${[slot.arg, ...slot.path].join('.')}: ${JSON.stringify(shape).slice(0, 30)}) as ${role}`,
        run: () => api.gql(text, variables(slot, args, shape), token),
      }));
    });
    expect(await offenders(calls)).toEqual([]);
    // And the server still answers.
    expect((await api.gql(`{ counties { id } }`)).data).toBeTruthy();
  }, 240_000);

  it('every `after` cursor carrying every id shape: BAD_USER_INPUT, never a 500', async () => {
    const lists = slots().filter((s) => s.root === 'query');
    const fields = [...new Set(lists.map((s) => s.field))].concat(['myOrders', 'listings', 'impactByVillage']);
    const withAfter = [...new Set(fields)].filter((name) => types.get('Query')!.fields!.find((f) => f.name === name)!.args.some((a) => a.name === 'after'));
    expect(withAfter).toEqual(expect.arrayContaining(['households', 'impactByVillage', 'listings', 'myOrders', 'payouts', 'stationFulfillments']));
    const calls = withAfter.flatMap((field) => {
      const { text, args } = operation({ root: 'query', field });
      return SHAPES.flatMap((shape) =>
        CURSORS(shape).map((cursor) => ({
          what: `${field}(after: ${JSON.stringify(cursor).slice(0, 50)})`,
          run: () => {
            const vars: Record<string, unknown> = Object.fromEntries(args.filter((a) => a.type.kind === 'NON_NULL').map((a) => [a.name, sample(a.type, a.name)]));
            return api.gql(text, { ...vars, after: encode(cursor) }, world.users.admin.token);
          },
        })),
      );
    });
    expect(await offenders(calls)).toEqual([]);
  }, 240_000);

  it('the report download: every id shape as countyId or stationId is a 400 or 404 with the contract code, never a 500', async () => {
    const bad: string[] = [];
    for (const name of ['countyId', 'stationId']) {
      for (const shape of SHAPES) {
        for (const [role, token] of [['admin', world.users.admin.token], ['official', world.users.official.token], ['operator', world.users.operator.token]]) {
          const response = await fetch(`${api.url}/reports/impact.csv?${name}=${encodeURIComponent(String(shape))}`, { headers: { authorization: `Bearer ${token}` } });
          const text = await response.text();
          if (response.status >= 500) bad.push(`${name}=${String(shape).slice(0, 30)} as ${role}: ${response.status} ${text.slice(0, 100)}`);
          else if (response.status !== 200 && !ALLOWED.has(JSON.parse(text).error?.code)) bad.push(`${name}=${String(shape).slice(0, 30)} as ${role}: ${text.slice(0, 100)}`);
        }
      }
    }
    expect(bad).toEqual([]);
    // A 19-digit id is no id: refused as the caller's mistake before any query.
    const r = await fetch(`${api.url}/reports/impact.csv?countyId=9999999999999999999`, { headers: { authorization: `Bearer ${world.users.admin.token}` } });
    expect({ status: r.status, error: ((await r.json()) as { error: unknown }).error }).toEqual({ status: 400, error: { code: 'BAD_USER_INPUT', field: 'countyId', message: 'countyId is not an id' } });
  }, 120_000);
});
