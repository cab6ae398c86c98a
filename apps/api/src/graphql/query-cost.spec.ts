import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  buildSchema,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLOutputType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  parse,
  validate,
} from 'graphql';
import { LIST_SIZES, listSize, MAX_QUERY_COST, queryCost } from './query-cost';

const schema = buildSchema(readFileSync(join(__dirname, '../../../../schema.gql'), 'utf8'));
const cost = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query);
  expect(validate(schema, document)).toEqual([]);
  return queryCost({ schema, query: document, variables });
};

describe('the estimated cost of an operation', () => {
  it('has a size estimate for every list field of the schema that has no `first`', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        if (!isListType(getNullableType(field.type)) || field.args.some((a) => a.name === 'first')) continue;
        if (type.name.endsWith('Connection') && field.name === 'edges') continue;
        if (!(`${type.name}.${field.name}` in LIST_SIZES)) missing.push(`${type.name}.${field.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('counts a page by its `first`, from a literal, a variable or the default', () => {
    const page = (first: string) => `query${first.includes('$n') ? ' ($n: Int)' : ''} { listings${first} { edges { node { id title } } } }`;
    expect(cost(page('(first: 100)'))).toBe(cost(page('(first: $n)'), { n: 100 }));
    expect(cost(page(''))).toBe(cost(page('(first: 20)')));
    expect(cost(page('(first: 100)'))).toBeGreaterThan(4 * cost(page('(first: 20)')));
    expect(cost(page('(first: 1000000)'))).toBeGreaterThan(MAX_QUERY_COST);
  });

  it('lets the clients\' own queries through: a page of 100 listings with every field, a county\'s tree, the dashboard, introspection', () => {
    const listing = `id title description category unit priceFen status allocationPolicy available povertyAlleviation createdAt
      station { id name dailyCapacity commissionBps active village { id code name } county { id code name } }
      originVillage { id code name povertyStricken township { id name } county { id name } }
      supply { id quantity remaining household { id headName povertyStatus } }`;
    expect(cost(`{ listings(first: 100) { edges { cursor node { ${listing} } } pageInfo { hasNextPage endCursor } totalCount } }`)).toBeLessThan(MAX_QUERY_COST / 2);
    expect(cost(`{ county(id: "1") { code name townships { name villages { code name povertyStricken stations { name } } } } }`)).toBeLessThan(MAX_QUERY_COST);
    const dashboard = `query ($filter: ImpactFilter) { impactSummary(filter: $filter) { ordersCount grossSalesFen }
      impactSeries(filter: $filter, interval: MONTH) { periodStart supplierIncomeFen incomeToRegisteredPoorFen villagesReached cumulativeVillagesReached }
      impactByVillage(filter: $filter, first: 100) { totalCount edges { node { village { id name township { name } } supplierIncomeFen ordersCount } } } }`;
    expect(cost(dashboard, { filter: {} })).toBeLessThan(MAX_QUERY_COST);
    expect(cost(dashboard, { filter: { from: '2025-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } })).toBeLessThan(MAX_QUERY_COST);
    expect(cost(`{ stations { id name } }`)).toBeLessThan(MAX_QUERY_COST);
    expect(cost(getIntrospectionQuery())).toBeLessThan(MAX_QUERY_COST);
  });

  it("refuses the audit's query and any cycle of lists in the type graph, within the depth limit", () => {
    expect(cost(`{ counties { townships { villages { stations { servedVillages { stations { servedVillages { id } } } } } } } }`)).toBeGreaterThan(MAX_QUERY_COST);
    expect(cost(`{ village(id: "1") { stations { servedVillages { stations { servedVillages { id } } } } } }`)).toBeGreaterThan(MAX_QUERY_COST);
    expect(cost(`{ counties { townships { villages { township { villages { id } } } } } }`)).toBeGreaterThan(MAX_QUERY_COST);
    expect(cost(`{ listings(first: 100) { edges { node { station { servedVillages { stations { servedVillages { id } } } } } } } }`)).toBeGreaterThan(MAX_QUERY_COST);
  });

  it('multiplies along any path through the type graph: a cycle costs the product of its lists (property)', () => {
    // Random walks from Query along object fields, 12 deep (the depth limit); a list (or `first`) hop
    // multiplies whatever is below it by its size, so no cycle of lists escapes the estimate.
    const walk = fc.array(fc.nat(), { minLength: 11, maxLength: 11 }).map((picks) => {
      let type: GraphQLObjectType = schema.getQueryType()!;
      const path: string[] = [];
      let product = 1;
      for (const pick of picks) {
        const fields = Object.values(type.getFields()).filter((f) => isObjectType(namedOf(f.type)) && f.args.every((a) => !isNonNullType(a.type)));
        if (fields.length === 0) break;
        const field = fields[pick % fields.length];
        const args = Object.fromEntries(field.args.filter((a) => a.defaultValue !== undefined).map((a) => [a.name, a.defaultValue]));
        product *= listSize(type, field, args);
        path.push(field.name);
        type = namedOf(field.type) as GraphQLObjectType;
      }
      return { path, leaf: type, product };
    });
    fc.assert(
      fc.property(walk, ({ path, leaf, product }) => {
        const leafField = Object.values(leaf.getFields()).find((f) => isLeafType(namedOf(f.type)))!;
        const query = `{ ${path.join(' { ')} { ${leafField.name} }${' }'.repeat(path.length - 1)} }`;
        const estimate = cost(query);
        expect(estimate).toBeGreaterThanOrEqual(2 * product);
        if (product > MAX_QUERY_COST) expect(estimate).toBeGreaterThan(MAX_QUERY_COST);
      }),
      { numRuns: 500 },
    );
  });
});

function namedOf(type: GraphQLOutputType): GraphQLNamedType {
  return getNamedType(type);
}
