import { ApolloServerPlugin } from '@apollo/server';
import { FragmentDefinitionNode, Kind, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import { DomainError, ErrorCode, GraphQLContext, MetricsService } from '@app/platform';

/**
 * The `operation` label of an operation: its root field (`listings`, `placeOrder`, `__typename`), so
 * the label's values are bounded by the schema whatever the client names its operations; `multiple`
 * when it selects several root fields, `invalid` when it did not get as far as a valid operation.
 */
export function operationLabel(operation: OperationDefinitionNode | undefined, fragments: Record<string, FragmentDefinitionNode> = {}): string {
  if (!operation) return 'invalid';
  const names = new Set<string>();
  const collect = (set: SelectionSetNode, seen: Set<string>) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet, seen);
      else if (!seen.has(selection.name.value) && fragments[selection.name.value]) {
        seen.add(selection.name.value);
        collect(fragments[selection.name.value].selectionSet, seen);
      }
    }
  };
  collect(operation.selectionSet, new Set());
  return names.size === 1 ? [...names][0] : names.size === 0 ? 'invalid' : 'multiple';
}

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
        async willSendResponse({ response, operation, document, errors }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const type = operation?.operation ?? 'unknown';
          const fragments = Object.fromEntries(
            (document?.definitions ?? []).filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
          );
          metrics.graphqlDuration.observe({ operation: operationLabel(operation, fragments), type, outcome: errors?.length ? 'error' : 'ok' }, seconds);
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
