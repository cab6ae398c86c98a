import { ApolloServerPlugin } from '@apollo/server';
import { getNullableType, GraphQLError, GraphQLField, GraphQLNamedType, isListType } from 'graphql';
import { ComplexityEstimatorArgs, getComplexity } from 'graphql-query-complexity';
import { GraphQLContext } from '@app/platform';

/**
 * What one operation may cost, estimated before it runs: about one unit per value in the response.
 * Every field costs 1 plus what it selects; a list multiplies what each item selects by the list's
 * size: a connection's `first` (its default when absent, its value also when it came in a variable),
 * or the estimate below for the lists that are not paginated. A page of 100 listings with every
 * contract field costs ~5,000; the geography tree of a whole county ~20,000.
 */
export const MAX_QUERY_COST = 50_000;

/** At most this many selections are visited to estimate a cost (fragments spread many times included). */
export const MAX_COST_NODES = 10_000;

/**
 * How many items each list field holds at most (or at most in practice, where the server does not
 * bound it): the count of every list field of the schema that has no `first`. A connection's `edges`
 * is 1: its `first` is counted on the connection. A new list field must be added here
 * (query-cost.spec.ts walks the schema and fails on one that is missing).
 */
export const LIST_SIZES: Record<string, number | ((args: Record<string, unknown>) => number)> = {
  // Geography: a prefecture has ~20 counties, a county ~20 townships, a township ~30 villages.
  'Query.counties': 50,
  'County.townships': 40,
  'Township.villages': 60,
  'Village.stations': 5,
  // MAX_SERVED_VILLAGES is 500; a station serves a few dozen.
  'ServiceStation.servedVillages': 50,
  'Query.stations': (args) => (args.countyId ? 200 : 2000),
  // One point per period of the range; more than 5000 is refused.
  'Query.impactSeries': seriesPoints,
  'TrialBalance.accounts': 1000,
  'ImportReport.rejected': 1000,
  // MAX_ORDER_LINES is 20; a line has a fulfilment, an allocation per supplying lot.
  'Order.lines': 20,
  'Order.fulfillments': 20,
  'Fulfillment.lines': 20,
  'OrderLine.allocations': 50,
  // A listing's lots: a few households each (more are possible; the execution budget bounds those).
  'Listing.supply': 20,
  // MAX_PHOTOS_PER_LISTING is 8, each in a few sizes; at most 200 categories.
  'Listing.photos': 8,
  'ListingPhoto.variants': 4,
  'Query.listingCategories': 200,
  // Finance: a term is at most 36 months; a lender works in a few counties; a score has a few reasons.
  'Loan.instalments': 36,
  'LendingInstitution.counties': 50,
  'Query.lendingInstitutions': 50,
  'CreditAssessment.reasons': 10,
  // Two-way flow: at most 120 months (MAX_MONTHS); a row per station and month with any flow.
  'TwoWayFlow.months': 120,
  'TwoWayFlow.stations': 2000,
  // A village order's goods lines: a few.
  'VillageOrder.lines': 20,
  // Registry history: a household's or a village's status changes over the years.
  'Household.statusHistory': 20,
  'Village.povertyHistory': 10,
  // Training outcomes: a row per programme (a few dozen) and county (18 in Handan).
  'Query.trainingOutcomes': (args) => (args.countyId ? 50 : 1000),
  // One row per month of the range; more than 120 are refused.
  'Query.creditReport': 120,
  // A county has a few hundred villages; a file's rejections are bounded by its rows.
  'Reconciliation.villages': 500,
  'LenderListReport.rejected': 1000,
  // Introspection: bounded by the schema, and graphql-js refuses its cycles (MaxIntrospectionDepthRule);
  // counted as the ~100 types, so the tools' standard introspection query passes.
  '__Schema.types': 100,
  '__Schema.directives': 1,
  '__Type.fields': 1,
  '__Type.inputFields': 1,
  '__Type.enumValues': 1,
  '__Type.interfaces': 1,
  '__Type.possibleTypes': 1,
  '__Field.args': 1,
  '__Directive.args': 1,
  '__Directive.locations': 1,
};

const PERIOD_MS: Record<string, number> = { DAY: 86_400_000, WEEK: 7 * 86_400_000, MONTH: 28 * 86_400_000 };

/** impactSeries: the periods between filter.from and filter.to (or now); without `from`, the most there may be. */
function seriesPoints(args: Record<string, unknown>): number {
  const filter = (args.filter ?? {}) as { from?: unknown; to?: unknown };
  const periodMs = PERIOD_MS[String(args.interval ?? 'MONTH')] ?? PERIOD_MS.DAY;
  const time = (v: unknown) => (v instanceof Date || typeof v === 'string' ? new Date(v).getTime() : NaN);
  const from = time(filter.from);
  if (Number.isNaN(from)) return periodMs === PERIOD_MS.MONTH ? 600 : 5000;
  const to = Number.isNaN(time(filter.to)) ? Date.now() : time(filter.to);
  return Math.min(5000, Math.max(1, Math.ceil((to - from) / periodMs) + 1));
}

/** The size of a list field, or 1 for a field that is not a list. */
export function listSize(parent: GraphQLNamedType, field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number {
  if (typeof args.first === 'number') return Math.max(1, args.first);
  if (!isListType(getNullableType(field.type))) return 1;
  if (parent.name.endsWith('Connection') && field.name === 'edges') return 1;
  const size = LIST_SIZES[`${parent.name}.${field.name}`];
  // A list missing from the table (the spec fails on it) counts as a big one rather than as free.
  if (size === undefined) return 1000;
  return typeof size === 'function' ? size(args) : size;
}

function estimate({ type, field, args, childComplexity }: ComplexityEstimatorArgs): number {
  return listSize(type, field, args) * (1 + childComplexity);
}

/** The estimated cost of `document`'s operation `operationName` with `variables`. */
export function queryCost(options: Omit<Parameters<typeof getComplexity>[0], 'estimators' | 'maxQueryNodes'>): number {
  return getComplexity({ ...options, estimators: [estimate], maxQueryNodes: MAX_COST_NODES });
}

const refusal = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });

/**
 * Refuses, before anything runs, an operation whose estimated cost is over MAX_QUERY_COST: nested
 * lists (a cycle in the type graph such as village -> stations -> servedVillages -> stations ...)
 * multiply, so a short query cannot ask for millions of values. Variables that do not coerce are left
 * to the execution, which refuses them before any resolver runs.
 */
export function queryCostPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operationName }) {
          let cost: number;
          try {
            cost = queryCost({ schema, query: document, operationName: operationName ?? undefined, variables: request.variables ?? {} });
          } catch (error) {
            if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) {
              throw refusal(`The query selects too much to estimate its cost (more than ${MAX_COST_NODES} selections once fragments are spread)`);
            }
            // Variables that do not coerce: the execution reports them, naming the argument.
            if (error instanceof GraphQLError) return;
            throw error;
          }
          if (cost > MAX_QUERY_COST) {
            throw refusal(
              `The query would cost about ${Math.round(cost)} and the limit is ${MAX_QUERY_COST}: nested lists multiply (a list counts its \`first\` or its size), so ask for fewer levels, fewer aliases or smaller pages`,
            );
          }
        },
      };
    },
  };
}
