import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from './logger';
import { findCardNumbers, isLuhnValid, scrubSensitiveText } from './sensitive-text';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger({ level: 'info', service: 'test' }, stream), lines };
}

describe('sensitive text', () => {
  it('checks Luhn', () => {
    assert.equal(isLuhnValid('4111111111111111'), true);
    assert.equal(isLuhnValid('4111111111111112'), false);
  });

  it('finds card numbers with spaces or dashes but not ids, dates or hashes', () => {
    assert.deepEqual(findCardNumbers('card 4111 1111 1111 1111 and 5500-0000-0000-0004'), [
      '4111 1111 1111 1111',
      '5500-0000-0000-0004',
    ]);
    assert.deepEqual(findCardNumbers('4111111111111112 12345678-1234-1234-1234-123456789012'), []);
    assert.deepEqual(findCardNumbers('2026-12-04T19:52:24.123Z a9f0e4111111111111111111'), []);
  });

  it('replaces emails and cards', () => {
    assert.equal(
      scrubSensitiveText('dana.demo+x@installa.test paid with 4111111111111111; erased-1@invalid'),
      '[email] paid with [card]; erased-1@invalid',
    );
  });
});

describe('createLogger', () => {
  it('redacts credentials, tokens, cookies and identity headers by path', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        password: 'hunter2hunter2',
        input: { totpSecret: 'JBSWY3DPEHPK3PXP', recoveryCode: 'rc-1' },
        req: {
          headers: {
            authorization: 'Bearer abc.def.ghi',
            cookie: 'installa_session=s3cr3t',
            'x-installa-service-secret': 'service-secret-value',
            'x-installa-identity': 'signed-identity',
          },
        },
        apiKey: 'ik_live_abcdefghijklmnop',
      },
      'signed in',
    );
    const line = lines.join('\n');
    for (const secret of [
      'hunter2',
      'JBSWY3DPEHPK3PXP',
      'rc-1',
      'abc.def.ghi',
      's3cr3t',
      'service-secret-value',
      'signed-identity',
      'ik_live',
    ])
      assert.ok(!line.includes(secret), `${secret} leaked: ${line}`);
    assert.match(line, /signed in/);
  });

  it('scrubs emails and card numbers from messages, nested strings and errors', () => {
    const { logger, lines } = capture();
    logger.warn(
      {
        detail: { note: 'contact kenji@installa.test' },
        err: new Error('card 4111-1111-1111-1111'),
      },
      'lookup of dana@installa.test failed',
    );
    const line = lines.join('\n');
    assert.ok(!/installa\.test|4111/.test(line), line);
    assert.match(line, /lookup of \[email\] failed/);
    assert.match(line, /card \[card\]/);
    assert.doesNotThrow(() => JSON.parse(lines[0]));
  });
});
