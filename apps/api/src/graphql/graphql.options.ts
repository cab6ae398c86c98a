import { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { AppConfig, formatError, GraphQLContext, MetricsService, ReportReads } from '@app/platform';
import { graphqlObservabilityPlugin } from '../observability/graphql-observability.plugin';
import { inputFieldsPlugin } from './input-fields.plugin';
import { operationBudgetPlugin } from './operation-budget.plugin';
import { queryCostPlugin } from './query-cost';
import { publicAudience } from './public-audience';
import { readYourWritesPlugin } from './read-your-writes.plugin';
import { StaleWhileRevalidateCache } from './stale-while-revalidate.cache';

/**
 * Apollo for the whole API: limits on what one request may cost (graphql-armor: depth, aliases,
 * directives, tokens; the estimated cost of nested lists; the fields and time one query may take),
 * no stack traces, and every error mapped to the contract's codes.
 */
export function graphqlOptions(config: AppConfig, metrics: MetricsService, reads: ReportReads): ApolloDriverConfig {
  const armor = new ApolloArmor({
    maxDepth: { n: 12 },
    // The cost is estimated with the types (lists and `first` from variables too): queryCostPlugin.
    costLimit: { enabled: false },
    maxAliases: { n: 20 },
    maxDirectives: { n: 20 },
    maxTokens: { n: 4_000 },
    blockFieldSuggestion: { enabled: config.nodeEnv === 'production' },
  }).protect();
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    playground: false,
    introspection: config.graphqlIntrospection,
    includeStacktraceInErrorResponses: false,
    context: ({ req, res }: GraphQLContext): GraphQLContext => ({ req, res }),
    formatError,
    plugins: [
      ...armor.plugins,
      queryCostPlugin(),
      operationBudgetPlugin(),
      ...publicResponseCache(config),
      graphqlObservabilityPlugin(metrics),
      inputFieldsPlugin(),
      readYourWritesPlugin(reads),
    ],
    // Batches are allowed, up to MAX_BATCH_OPERATIONS (observability/http.middleware.ts).
    allowBatchedHttpRequests: true,
    validationRules: [...armor.validationRules],
    buildSchemaOptions: { dateScalarMode: 'isoDate' },
  };
}

/**
 * Public reads (browsing the catalog, geography) are the same for every anonymous caller and every
 * buyer: their responses are kept for a few seconds in this process (Apollo's response cache), so a busy
 * first page of a county is computed once per interval, not per request, whoever asks. Other signed-in
 * callers, and any operation with a root field that is not public, are never served from it nor written
 * to it (publicAudience), so nothing personal is cached; mutations never are. 0 turns it off. An expired
 * page is recomputed by one request while the others still get it (StaleWhileRevalidateCache).
 */
function publicResponseCache(config: AppConfig) {
  const seconds = config.publicCacheSeconds;
  if (seconds <= 0) return [ApolloServerPluginCacheControlDisabled()];
  const shared = publicAudience(config.jwtSecret);
  return [
    ApolloServerPluginCacheControl({ defaultMaxAge: seconds, calculateHttpHeaders: false }),
    responseCachePlugin({
      cache: new StaleWhileRevalidateCache(),
      shouldReadFromCache: async (ctx) => shared(ctx),
      shouldWriteToCache: async (ctx) => shared(ctx),
    }),
  ];
}
