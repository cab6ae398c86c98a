import { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { AppConfig, formatError, GraphQLContext } from '@app/platform';

/**
 * Apollo for the whole API: limits on what one request may cost (graphql-armor: depth, cost, aliases,
 * directives, tokens), no stack traces, and every error mapped to the contract's codes.
 */
export function graphqlOptions(config: AppConfig): ApolloDriverConfig {
  const armor = new ApolloArmor({
    maxDepth: { n: 12 },
    costLimit: { maxCost: 20_000, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5 },
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
    plugins: [...armor.plugins],
    validationRules: [...armor.validationRules],
    buildSchemaOptions: { dateScalarMode: 'isoDate' },
  };
}
