import { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { AppConfig, formatError, GraphQLContext, MetricsService } from '@app/platform';
import { graphqlObservabilityPlugin } from '../observability/graphql-observability.plugin';

/**
 * Apollo for the whole API: limits on what one request may cost (graphql-armor: depth, cost, aliases,
 * directives, tokens), no stack traces, and every error mapped to the contract's codes.
 */
export function graphqlOptions(config: AppConfig, metrics: MetricsService): ApolloDriverConfig {
  const armor = new ApolloArmor({
    maxDepth: { n: 12 },
    // A page of 100 listings with every contract field costs ~59,000 (armor multiplies by a literal `first`).
    costLimit: { maxCost: 150_000, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5 },
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
    introspection: true,
    includeStacktraceInErrorResponses: false,
    context: ({ req, res }: GraphQLContext): GraphQLContext => ({ req, res }),
    formatError,
    // No cache-control hints are used: skip Apollo's per-field cache-control bookkeeping.
    plugins: [...armor.plugins, ApolloServerPluginCacheControlDisabled(), graphqlObservabilityPlugin(metrics)],
    // Batches are allowed, up to MAX_BATCH_OPERATIONS (observability/http.middleware.ts).
    allowBatchedHttpRequests: true,
    validationRules: [...armor.validationRules],
    buildSchemaOptions: { dateScalarMode: 'isoDate' },
  };
}
