import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, commonEnv, fieldCipherFromConfig, parseEnv } from './env';

const valid = { DATABASE_URL: 'postgres://u@localhost:5432/db' };

describe('parseEnv', () => {
  it('applies defaults and the development service secret', () => {
    const config = parseEnv(commonEnv, valid);
    assert.equal(config.NODE_ENV, 'development');
    assert.equal(config.LOG_LEVEL, 'info');
    assert.ok(config.SERVICE_SECRET.length >= 24);
  });

  it('names every bad variable at once', () => {
    try {
      parseEnv(commonEnv, {
        DATABASE_URL: 'mysql://x',
        REDIS_URL: 'nope',
        LOG_LEVEL: 'loud',
        DB_POOL_MAX: '0',
      });
      assert.fail('expected a ConfigError');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      const named = error.issues.map((i) => i.split(':')[0]).sort();
      assert.deepEqual(named, ['DATABASE_URL', 'DB_POOL_MAX', 'LOG_LEVEL', 'REDIS_URL']);
    }
  });

  it('refuses production without a service secret', () => {
    assert.throws(
      () => parseEnv(commonEnv, { ...valid, NODE_ENV: 'production' }),
      /SERVICE_SECRET: required in production/,
    );
  });

  it('treats empty variables as unset', () => {
    assert.equal(parseEnv(commonEnv, { ...valid, REDIS_URL: '' }).REDIS_URL, undefined);
  });

  it('refuses production without field-encryption keys and accepts a full set', () => {
    const secret = { ...valid, NODE_ENV: 'production', SERVICE_SECRET: 'x'.repeat(24) };
    assert.throws(
      () => parseEnv(commonEnv, secret),
      /FIELD_ENCRYPTION_KEYS.*required in production/,
    );
    const key = Buffer.alloc(32, 7).toString('base64');
    const keys = {
      FIELD_ENCRYPTION_KEYS: `k1:${key}`,
      FIELD_ENCRYPTION_KEY_ID: 'k1',
      BLIND_INDEX_KEY: key,
    };
    const config = parseEnv(commonEnv, { ...secret, ...keys });
    assert.equal(fieldCipherFromConfig(config).activeKeyId, 'k1');
    assert.throws(
      () => parseEnv(commonEnv, { ...secret, ...keys, FIELD_ENCRYPTION_KEY_ID: 'k2' }),
      /FIELD_ENCRYPTION_KEYS: Active key k2/,
    );
    assert.throws(() => parseEnv(commonEnv, { ...valid, BLIND_INDEX_KEY: key }), /together/);
    assert.equal(fieldCipherFromConfig(parseEnv(commonEnv, valid)).activeKeyId, 'dev1');
  });
});
