import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  buildTrustedDocuments,
  CLIENT_TABLE_PATH,
  MANIFEST_PATH,
  POSSIBLE_TYPES_PATH,
} from '../trusted-documents-build';
import { loadManifest } from '../../gateway/src/trusted-documents';

describe('trusted documents of the portal', () => {
  it('are committed up to date (run npm run trusted-documents) and all in *-queries.ts files', async () => {
    const built = await buildTrustedDocuments();
    assert.deepEqual(built.strays, []);
    assert.deepEqual(
      built.invalid,
      [],
      'every portal operation is valid against the public schema',
    );
    assert.equal(readFileSync(MANIFEST_PATH, 'utf8'), built.manifest);
    assert.equal(readFileSync(CLIENT_TABLE_PATH, 'utf8'), built.clientTable);
    assert.equal(readFileSync(POSSIBLE_TYPES_PATH, 'utf8'), built.possibleTypes);
    assert.ok(Object.keys(JSON.parse(built.manifest)).length >= 2);
  });

  it('load only when every key is the hash of its document', () => {
    const manifest = loadManifest(MANIFEST_PATH);
    assert.ok(manifest.size >= 2);
    const tampered = path.join(mkdtempSync(path.join(tmpdir(), 'installa-')), 'tampered.json');
    const [hash, document] = [...manifest.entries()][0]!;
    writeFileSync(tampered, JSON.stringify({ [hash]: document.replace('id', 'email') }));
    assert.throws(() => loadManifest(tampered), /does not match its hash/);
  });
});
