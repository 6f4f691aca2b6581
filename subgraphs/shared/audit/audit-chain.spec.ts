import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson } from './canonical-json';
import { entryHash, GENESIS_HASH, verifyChain, type ChainedFields } from './audit-chain';
import { redactPersonal } from './chained-audit-trail';
import { developmentCipher } from '../crypto/field-cipher';

const entry = (seq: number, prevHash: string, action = 'customer.updated'): ChainedFields => ({
  seq,
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)),
  actorRole: 'ADMIN',
  actorSubject: 'admin-1',
  actorCustomer: null,
  ip: '10.0.0.1',
  userAgent: null,
  action,
  entityType: 'Customer',
  entityId: 'c1',
  before: null,
  after: { b: 1, a: [true, null] },
  prevHash,
});

function chain(length: number) {
  const rows: (ChainedFields & { hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq += 1) {
    const fields = entry(seq, prev);
    prev = entryHash(fields);
    rows.push({ ...fields, hash: prev });
  }
  return rows;
}
const pages =
  (rows: (ChainedFields & { hash: string })[]) => async (after: number, limit: number) =>
    rows.filter((r) => r.seq > after).slice(0, limit);

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 'é' }], c: undefined }, at: new Date(0) }),
      '{"a":{"d":[1,{"y":"é","z":1}]},"at":"1970-01-01T00:00:00.000Z","b":1}',
    );
    assert.equal(canonicalJson({ x: 1, y: 2 }), canonicalJson({ y: 2, x: 1 }));
    assert.throws(() => canonicalJson({ n: Number.NaN }), RangeError);
  });
});

describe('audit chain', () => {
  it('hashes an entry the same whatever its key order and changes with any field', () => {
    const fields = entry(1, GENESIS_HASH);
    const hash = entryHash(fields);
    assert.equal(entryHash({ ...fields, after: { a: [true, null], b: 1 } }), hash);
    assert.equal(entryHash({ ...fields, hash } as ChainedFields), hash);
    assert.notEqual(entryHash({ ...fields, ip: '10.0.0.2' }), hash);
    assert.notEqual(entryHash({ ...fields, prevHash: '1'.repeat(64) }), hash);
  });

  it('verifies an intact chain across pages', async () => {
    const result = await verifyChain(pages(chain(7)), 3);
    assert.deepEqual(result, { entries: 7, firstBrokenSeq: null, reason: null });
  });

  it('names the first changed, re-hashed or missing entry', async () => {
    const changed = chain(6);
    changed[3] = { ...changed[3], action: 'customer.read_pii' };
    assert.equal((await verifyChain(pages(changed), 2)).firstBrokenSeq, 4);

    const rehashed = chain(6);
    const forged = { ...rehashed[2], action: 'forged' };
    rehashed[2] = { ...forged, hash: entryHash(forged) };
    const result = await verifyChain(pages(rehashed), 10);
    assert.equal(result.firstBrokenSeq, 4);
    assert.match(result.reason ?? '', /previous hash/);

    const gap = chain(6).filter((r) => r.seq !== 2);
    assert.equal((await verifyChain(pages(gap))).firstBrokenSeq, 2);
  });

  it('replaces personal fields by keyed fingerprints', () => {
    const cipher = developmentCipher();
    const redacted = redactPersonal(
      { name: 'Dana Demo', email: null, locale: 'en-US' },
      ['name', 'email'],
      cipher,
    );
    assert.deepEqual(redacted, {
      name: { redacted: true, fingerprint: cipher.fingerprint('Dana Demo', 'name') },
      email: { redacted: true, fingerprint: null },
      locale: 'en-US',
    });
    assert.ok(!JSON.stringify(redacted).includes('Dana'));
  });
});
