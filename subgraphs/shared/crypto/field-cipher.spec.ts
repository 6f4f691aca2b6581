import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  cipherFromConfig,
  developmentCipher,
  FieldCipher,
  FieldDecryptionError,
} from './field-cipher';
import { EncryptedStringType } from './encrypted-string.type';

const key = () => randomBytes(32);
const k1 = key();
const k2 = key();
const blind = key();
const cipher = new FieldCipher([{ id: 'k1', key: k1 }], 'k1', blind);

describe('FieldCipher', () => {
  it('round-trips text, including non-ASCII, with a fresh IV per value', () => {
    const a = cipher.encrypt('Zoë Ångström ✓', 'customer.name');
    const b = cipher.encrypt('Zoë Ångström ✓', 'customer.name');
    assert.notEqual(a, b);
    assert.match(a, /^v1\.k1\.[\w-]+\.[\w-]+$/);
    assert.equal(cipher.decrypt(a, 'customer.name'), 'Zoë Ångström ✓');
    assert.equal(cipher.decrypt(cipher.encrypt('', 'c'), 'c'), '');
  });

  it('refuses a tampered ciphertext', () => {
    const stored = cipher.encrypt('dana@installa.test', 'customer.email');
    const parts = stored.split('.');
    const body = Buffer.from(parts[3], 'base64url');
    body[0] ^= 1;
    parts[3] = body.toString('base64url');
    assert.throws(() => cipher.decrypt(parts.join('.'), 'customer.email'), FieldDecryptionError);
    assert.throws(() => cipher.decrypt(`${stored}.x`, 'customer.email'), /format/);
    assert.throws(() => cipher.decrypt('plain text', 'customer.email'), /format/);
  });

  it('refuses a ciphertext moved to another column', () => {
    const stored = cipher.encrypt('dana@installa.test', 'customer.email');
    assert.throws(() => cipher.decrypt(stored, 'customer.name'), /authentication failed/);
  });

  it('names an unknown key id', () => {
    const other = new FieldCipher([{ id: 'k9', key: key() }], 'k9', blind);
    assert.throws(() => cipher.decrypt(other.encrypt('x', 'c'), 'c'), /unknown key id k9/);
  });

  it('decrypts old keys after rotation and says which values still need it', () => {
    const old = cipher.encrypt('x', 'c');
    const rotated = new FieldCipher(
      [
        { id: 'k1', key: k1 },
        { id: 'k2', key: k2 },
      ],
      'k2',
      blind,
    );
    assert.equal(rotated.decrypt(old, 'c'), 'x');
    assert.equal(rotated.needsRotation(old), true);
    const fresh = rotated.encrypt('x', 'c');
    assert.equal(rotated.needsRotation(fresh), false);
    assert.ok(fresh.startsWith(rotated.activePrefix));
    assert.throws(() => cipher.decrypt(fresh, 'c'), /unknown key id k2/);
  });

  it('computes blind indexes that are stable, keyed and separated by purpose', () => {
    const same = new FieldCipher([{ id: 'k2', key: k2 }], 'k2', blind);
    const index = cipher.blindIndex('dana@installa.test', 'customer.email');
    assert.match(index, /^[0-9a-f]{64}$/);
    assert.equal(same.blindIndex('dana@installa.test', 'customer.email'), index);
    assert.notEqual(cipher.blindIndex('dana@installa.test', 'other'), index);
    assert.notEqual(
      new FieldCipher([{ id: 'k1', key: k1 }], 'k1', key()).blindIndex(
        'dana@installa.test',
        'customer.email',
      ),
      index,
    );
    assert.notEqual(cipher.fingerprint('dana@installa.test', 'customer.email'), index);
  });

  it('parses configuration and refuses bad keys', () => {
    const b64 = (b: Buffer) => b.toString('base64');
    const parsed = cipherFromConfig(`a:${b64(k1)}, b:${b64(k2)}`, 'b', b64(blind));
    assert.deepEqual(parsed.keyIds, ['a', 'b']);
    assert.equal(parsed.activeKeyId, 'b');
    assert.throws(() => cipherFromConfig(`a:${b64(k1)}`, 'b', b64(blind)), /Active key b/);
    assert.throws(() => cipherFromConfig(`a:${b64(randomBytes(16))}`, 'a', b64(blind)), /32 bytes/);
    assert.throws(() => cipherFromConfig(`a:${b64(k1)},a:${b64(k2)}`, 'a', b64(blind)), /unique/);
    assert.throws(() => cipherFromConfig('nonsense', 'a', b64(blind)), /id:base64key/);
    assert.throws(() => cipherFromConfig(`a:${b64(k1)}`, 'a', b64(randomBytes(8))), /Blind index/);
    assert.equal(developmentCipher().activeKeyId, 'dev1');
  });
});

describe('EncryptedStringType', () => {
  it('stores ciphertext bound to its column and reads plaintext back', () => {
    const type = new EncryptedStringType('customer.email');
    const stored = type.convertToDatabaseValue('dana@installa.test', undefined);
    assert.match(stored ?? '', /^v1\./);
    assert.equal(type.convertToJSValue(stored), 'dana@installa.test');
    assert.equal(type.convertToDatabaseValue(null, undefined), null);
    assert.throws(() => new EncryptedStringType('customer.name').convertToJSValue(stored));
  });

  it('refuses to be a query condition, which could never match', () => {
    const type = new EncryptedStringType('customer.email');
    assert.throws(
      () => type.convertToDatabaseValue('dana@installa.test', undefined, { mode: 'query' }),
      /cannot be queried; use its blind index/,
    );
  });
});
