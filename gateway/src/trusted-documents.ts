import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { parse, print } from 'graphql';
import { bearerKey } from './authentication';

/**
 * Trusted (persisted) documents: the portal's operations, hashed at build time
 * (`npm run trusted-documents`), sent by the portal as `extensions.persistedQuery.sha256Hash`.
 * - `optional`: hashes are served from the manifest and any other document is executed too;
 * - `required-for-sessions`: only API-key clients (CRM/ERP tools, `Authorization: Bearer`) may
 *   send their own documents; browsers (cookie sessions, anonymous) run trusted documents only,
 *   so a stolen session cannot be used to explore or scrape with arbitrary queries.
 */
export type TrustedDocumentsMode = 'optional' | 'required-for-sessions';

/** Manifest file: `{ "<sha256 hex of the printed document>": "<document>" }`. */
export type TrustedDocumentManifest = Record<string, string>;

/** SHA-256 (hex) of a document as graphql-js prints it: the key the portal and the manifest share. */
export function documentHash(document: string): string {
  return createHash('sha256')
    .update(print(parse(document)))
    .digest('hex');
}

/** Reads a manifest, refusing one whose keys are not the hashes of their documents. */
export function loadManifest(file: string): Map<string, string> {
  if (!existsSync(file)) return new Map();
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as TrustedDocumentManifest;
  for (const [hash, document] of Object.entries(manifest)) {
    if (documentHash(document) !== hash)
      throw new Error(`Trusted document ${hash.slice(0, 12)}… does not match its hash`);
  }
  return new Map(Object.entries(manifest));
}

/** Options for the runtime's `persistedDocuments`. */
export function trustedDocuments(manifest: Map<string, string>, mode: TrustedDocumentsMode) {
  return {
    getPersistedOperation: (hash: string) => manifest.get(hash) ?? null,
    allowArbitraryDocuments: (request: Request | undefined) => {
      if (mode === 'optional') return true;
      // WebSocket operations carry no Request here: they are browser traffic, trusted only
      return Boolean(bearerKey(request?.headers.get('authorization')));
    },
  };
}
