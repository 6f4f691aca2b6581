import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { BaseRequestContext } from './subgraph-server';

/**
 * One log line per GraphQL operation (operation name, outcome, duration; never variables or
 * results, which carry personal data), and the cause of every unexpected error, both with the
 * request id the gateway propagated. formatError masks what the client sees; this logs it.
 */
export function requestLogging<C extends BaseRequestContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      let failed = false;
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const cause = error.originalError;
            if (cause && !(cause instanceof GraphQLError)) {
              failed = true;
              contextValue.logger.error(
                { err: cause, path: error.path },
                'unexpected error in resolver',
              );
            }
          }
        },
        async willSendResponse({ operationName, response }) {
          const errors =
            response.body.kind === 'single' ? (response.body.singleResult.errors?.length ?? 0) : 0;
          contextValue.logger.info(
            {
              operationName: operationName ?? null,
              errors,
              failed,
              ms: Number(process.hrtime.bigint() - started) / 1e6,
            },
            'graphql request',
          );
        },
      };
    },
  };
}
