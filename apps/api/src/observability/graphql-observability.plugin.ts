import { ApolloServerPlugin } from '@apollo/server';
import { DomainError, ErrorCode, GraphQLContext, MetricsService } from '@app/platform';

/**
 * Times every GraphQL operation, counts errors by code, and gives each INTERNAL_SERVER_ERROR the
 * request's id (the same id the error's log line carries), so a report from a user finds the log.
 */
export function graphqlObservabilityPlugin(metrics: MetricsService): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async didEncounterErrors({ errors, contextValue: ctx }) {
          for (const error of errors) {
            const original = error.originalError;
            if (!(original instanceof DomainError) && !error.extensions?.code) {
              ctx.req?.log?.error({ err: original ?? error, path: error.path }, 'internal error while serving GraphQL');
            }
          }
        },
        async willSendResponse({ response, operation, errors }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const type = operation?.operation ?? 'unknown';
          const name = operation?.name?.value ?? 'anonymous';
          metrics.graphqlDuration.observe({ operation: name, type, outcome: errors?.length ? 'error' : 'ok' }, seconds);
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            const code = String(error.extensions?.code ?? 'UNKNOWN');
            metrics.graphqlErrors.inc({ code });
            if (code === ErrorCode.INTERNAL_SERVER_ERROR) {
              const requestId = String(contextValue.req?.id ?? '');
              (error.extensions as Record<string, unknown>).requestId = requestId;
              (error as { message: string }).message = `Internal server error (request ${requestId})`;
            }
          }
        },
      };
    },
  };
}
