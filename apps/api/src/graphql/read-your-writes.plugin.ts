import { ApolloServerPlugin } from '@apollo/server';
import { GraphQLContext, ReportReads } from '@app/platform';

/**
 * A signed-in caller whose mutation went through reads their reports from the primary for a few
 * seconds (ReportReads): what they just changed shows at once, whatever the replica's lag.
 */
export function readYourWritesPlugin(reads: ReportReads): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, contextValue }) {
          const userId = (contextValue.req as { actor?: { userId: string } | null } | undefined)?.actor?.userId;
          if (operation?.operation === 'mutation' && userId) reads.noteWrite(userId);
        },
      };
    },
  };
}
