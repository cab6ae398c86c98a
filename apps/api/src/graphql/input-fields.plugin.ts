import { ApolloServerPlugin } from '@apollo/server';
import { GraphQLContext, nameInputFields } from '@app/platform';

/**
 * BAD_USER_INPUT errors name the input field as the contract's arguments do (`input.priceFen`), also
 * when the value came in a variable of the client's naming or as a literal in the query text.
 */
export function inputFieldsPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, document, operation }) {
          if (response.body.kind === 'single' && response.body.singleResult.errors) nameInputFields([...response.body.singleResult.errors], document, operation);
        },
      };
    },
  };
}
