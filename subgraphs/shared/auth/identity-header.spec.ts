import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { identityKey, IDENTITY_MAX_AGE_MS, signIdentity, verifyIdentity } from './identity-header';
import { customerViewer, systemViewer } from './viewer';

const key = identityKey('a-service-secret-of-enough-length');
const viewer = customerViewer('0b5d7e1c-6c1f-4d2a-9b7e-1f2e3d4c5b6a');

describe('signed identity header', () => {
  it('round-trips the viewer within its validity', () => {
    const now = 1_800_000_000_000;
    assert.deepEqual(verifyIdentity(signIdentity(viewer, key, now), key, now + 59_000), viewer);
  });

  it('refuses another key, a changed payload or a changed time', () => {
    const header = signIdentity(viewer, key);
    assert.equal(verifyIdentity(header, identityKey('another-secret-of-enough-length')), null);
    const [payload, issuedAt, mac] = header.split('.') as [string, string, string];
    const admin = Buffer.from(JSON.stringify(systemViewer())).toString('base64url');
    assert.equal(verifyIdentity(`${admin}.${issuedAt}.${mac}`, key), null);
    assert.equal(verifyIdentity(`${payload}.${Number(issuedAt) + 1}.${mac}`, key), null);
  });

  it('refuses identities older (or newer) than the maximum age: no replay', () => {
    const now = Date.now();
    const old = signIdentity(viewer, key, now - IDENTITY_MAX_AGE_MS - 1);
    const future = signIdentity(viewer, key, now + IDENTITY_MAX_AGE_MS + 1);
    assert.equal(verifyIdentity(old, key, now), null);
    assert.equal(verifyIdentity(future, key, now), null);
  });

  it('refuses malformed headers and payloads that are not a viewer, even when signed', () => {
    for (const header of [undefined, '', 'a.b', 'a.b.c.d', 'x'.repeat(5000), 42])
      assert.equal(verifyIdentity(header, key), null);
    const forged = { ...viewer, role: 'ROOT' } as unknown as typeof viewer;
    assert.equal(verifyIdentity(signIdentity(forged, key), key), null);
    const extra = { ...viewer, isSuperUser: true } as unknown as typeof viewer;
    assert.equal(verifyIdentity(signIdentity(extra, key), key), null);
  });
});
