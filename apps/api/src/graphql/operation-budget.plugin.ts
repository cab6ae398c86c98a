import { ApolloServerPlugin } from '@apollo/server';
import { DomainError, ErrorCode, GraphQLContext } from '@app/platform';

/**
 * The work one query may do once it runs, whatever the cost estimate said (a list larger than its
 * estimate, a station serving 500 villages): the fields it resolves (about the values of its
 * response) and its time. Past either, no further field resolves and the answer is one
 * BAD_USER_INPUT instead of a partial result (HTTP 200, as for any error once execution started).
 * Mutations are left out: they are bounded by their input (and by the cost estimate), and refusing
 * one after it committed would hide what it did.
 */
export const MAX_RESOLVED_FIELDS = 100_000;
export const MAX_EXECUTION_MS = 10_000;

export interface OperationBudget {
  maxResolvedFields: number;
  maxExecutionMs: number;
}

const overBudget = (message: string) => new DomainError(ErrorCode.BAD_USER_INPUT, message);

export function operationBudgetPlugin(budget: OperationBudget = { maxResolvedFields: MAX_RESOLVED_FIELDS, maxExecutionMs: MAX_EXECUTION_MS }): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      let refusal: DomainError | undefined;
      return {
        async executionDidStart({ operation }) {
          if (operation.operation !== 'query') return;
          const deadline = Date.now() + budget.maxExecutionMs;
          let resolved = 0;
          return {
            willResolveField() {
              if (refusal) throw refusal;
              // The clock is read once every 256 fields: cheap, and still close to the deadline.
              if (++resolved > budget.maxResolvedFields) {
                refusal = overBudget(`The query's answer is larger than the ${budget.maxResolvedFields} values one query may return; ask for fewer levels, aliases or smaller pages`);
              } else if ((resolved & 255) === 0 && Date.now() > deadline) {
                refusal = overBudget(`The query ran longer than the ${budget.maxExecutionMs / 1000} s one query may run; ask for less at once`);
              }
              if (refusal) throw refusal;
            },
          };
        },
        async willSendResponse({ response }) {
          if (!refusal || response.body.kind !== 'single') return;
          response.body.singleResult.data = null;
          response.body.singleResult.errors = [{ message: refusal.message, extensions: { code: 'BAD_USER_INPUT' } }];
        },
      };
    },
  };
}
