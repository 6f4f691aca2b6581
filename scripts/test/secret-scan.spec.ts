import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../subgraphs/shared/testing/test-database';
import { silentLogger } from '../../subgraphs/shared/testing/subgraph-harness';
import { developmentCipher } from '../../subgraphs/shared/crypto/field-cipher';
import { systemViewer } from '../../subgraphs/shared/auth/viewer';
import { ChainedAuditTrail } from '../../subgraphs/shared/audit/chained-audit-trail';
import { openAccountsOrm } from '../../subgraphs/accounts/src/orm';
import { CustomerService } from '../../subgraphs/accounts/src/customer/customer.service';
import { scanDatabase, scanLogDirectory, scanText } from '../secret-scan';

const SESSION_TOKEN = 'sess_Q2hhbmdlTWVQbGVhc2U';
const TOTP_SECRET = 'JBSWY3DPEHPK3PXP';

describe('scanText', () => {
  it('finds emails, card numbers, bearer tokens, API keys and known secrets', () => {
    const kinds = scanText(
      `mail dana@installa.test card 4111 1111 1111 1111 Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc key ik_live_0123456789abcdef ${TOTP_SECRET}`,
      'x',
      [TOTP_SECRET],
    ).map((f) => f.kind);
    assert.deepEqual(kinds, ['email', 'card', 'bearer-token', 'api-key', 'known-secret']);
  });

  it('does not flag ciphertexts, digests, ids, dates or erased placeholders', () => {
    const cipher = developmentCipher();
    const ciphertexts = Array.from({ length: 300 }, (_, i) =>
      cipher.encrypt(`ik_${i} 4111111111111111 d${i}@installa.test`, 'customer.email'),
    );
    const text = [
      ...ciphertexts,
      cipher.blindIndex('dana@installa.test', 'customer.email'),
      randomUUID(),
      '2026-12-04T19:52:24.123Z',
      `erased-${randomUUID()}@invalid`,
      '4111111111111112',
    ].join(' ');
    assert.deepEqual(scanText(text, 'x'), []);
  });

  it('does not repeat the secret it reports', () => {
    const [finding] = scanText('ik_live_0123456789abcdef', 'x');
    assert.ok(!finding.excerpt.includes('0123456789'));
  });
});

describe('scanLogDirectory and scanDatabase', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'installa-scan-'));
    mkdirSync(path.join(dir, 'gateway'));
    writeFileSync(
      path.join(dir, 'accounts.log'),
      [
        '{"level":30,"msg":"lookup of [email] failed","requestId":"' + randomUUID() + '"}',
        `{"level":30,"msg":"stored ${developmentCipher().encrypt('x', 'c')}"}`,
        '{"level":50,"msg":"failed for kenji@installa.test"}',
      ].join('\n'),
    );
    writeFileSync(
      path.join(dir, 'gateway', 'out.log'),
      `ok\nheaders: {"authorization":"Bearer abcdefghijklmnopqrstuvwxyz"}\ncookie=${SESSION_TOKEN}\n`,
    );
    db = await createTestDatabase();
    orm = await openAccountsOrm(db.url, silentLogger(), 2);
    const customers = new CustomerService(orm.em.fork());
    const clean = await customers.create({ name: 'Dana Demo', email: 'dana@installa.test' });
    const leaky = await customers.create({ name: 'Kenji Sato', email: 'kenji@installa.test' });
    await orm.em
      .getConnection()
      .execute(`update accounts.customer set locale = ? where id = ?`, [
        'leak@installa.test',
        leaky.id,
      ]);
    await new ChainedAuditTrail().record(orm.em.fork(), systemViewer(), {
      action: 'customer.updated',
      entityType: 'Customer',
      entityId: clean.id,
      before: { name: 'Dana Demo' },
      after: { name: 'Dana D.', note: `card 4111-1111-1111-1111, totp ${TOTP_SECRET}` },
      personalFields: ['name'],
    });
  });

  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await orm.close();
    await db.dispose();
  });

  it('reports each planted log line by file and line number, and nothing else', () => {
    const findings = scanLogDirectory(dir, [SESSION_TOKEN]);
    assert.deepEqual(
      findings.map((f) => [path.relative(dir, f.where), f.kind]),
      [
        ['accounts.log:3', 'email'],
        ['gateway/out.log:2', 'bearer-token'],
        ['gateway/out.log:3', 'known-secret'],
      ],
    );
  });

  it('reports planted values by table, column and row, and no ciphertext or digest', async () => {
    const findings = await scanDatabase(db.url, [TOTP_SECRET]);
    assert.deepEqual(findings.map((f) => [f.where.replace(/#.*/, ''), f.kind]).sort(), [
      ['accounts.audit_entry.after', 'card'],
      ['accounts.audit_entry.after', 'known-secret'],
      ['accounts.customer.locale', 'email'],
    ]);
    assert.ok(findings.every((f) => /#\(\d+,\d+\)$/.test(f.where)));
  });
});
