import { ApolloLink } from '@apollo/client';

import { TRUSTED_DOCUMENT_HASHES } from './trusted-documents';

/**
 * Sends the portal's operations as trusted documents: the hash the gateway's manifest holds
 * (Apollo's `extensions.persistedQuery` format) instead of the query text over HTTP. In
 * production the gateway runs only these for browser sessions, so a stolen session cannot send
 * its own queries. Unknown operations (none in a correct build) go as ordinary documents.
 */
export function createTrustedDocumentLink(
  hashes: Readonly<Record<string, string>> = TRUSTED_DOCUMENT_HASHES,
): ApolloLink {
  return new ApolloLink((operation, forward) => {
    const hash = operation.operationName ? hashes[operation.operationName] : undefined;
    if (hash) {
      operation.extensions = {
        ...operation.extensions,
        persistedQuery: { version: 1, sha256Hash: hash },
      };
      operation.setContext(({ http }: { http?: Record<string, unknown> }) => ({
        http: { ...http, includeQuery: false, includeExtensions: true },
      }));
    }
    return forward(operation);
  });
}
