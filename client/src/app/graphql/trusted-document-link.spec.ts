import { ApolloClient, ApolloLink, gql, InMemoryCache } from '@apollo/client';
import { of } from 'rxjs';

import { createTrustedDocumentLink } from './trusted-document-link';

const KNOWN = gql`
  query Known {
    ping
  }
`;
const UNKNOWN = gql`
  query Unknown {
    ping
  }
`;

describe('createTrustedDocumentLink', () => {
  let seen: ApolloLink.Operation[];
  let client: ApolloClient;

  beforeEach(() => {
    seen = [];
    client = new ApolloClient({
      cache: new InMemoryCache(),
      link: ApolloLink.from([
        createTrustedDocumentLink({ Known: 'abc123' }),
        new ApolloLink((operation) => {
          seen.push(operation);
          return of({ data: { ping: 'pong' } });
        }),
      ]),
    });
  });

  it('sends a known operation by its hash, without the query text', async () => {
    await client.query({ query: KNOWN });

    expect(seen[0].extensions['persistedQuery']).toEqual({ version: 1, sha256Hash: 'abc123' });
    expect(seen[0].getContext()['http']).toEqual(
      jasmine.objectContaining({ includeQuery: false, includeExtensions: true }),
    );
  });

  it('leaves an operation the manifest does not know as an ordinary document', async () => {
    await client.query({ query: UNKNOWN });

    expect(seen[0].extensions['persistedQuery']).toBeUndefined();
    expect(seen[0].getContext()['http']).toBeUndefined();
  });
});
