import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { customerViewer, type Viewer } from '../../shared/auth/viewer';
import { errorCode } from '../../shared/testing/subgraph-harness';
import { sha256Hex } from '../src/identity/secret-token';
import {
  seedStaff,
  signInFully,
  startIdentityHarness,
  type IdentityHarness,
} from './identity-harness';

const PASSWORD = 'correct horse battery staple';
const DAY = 86_400_000;

const CREATE = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) {
  secret apiKey { id name prefix scopes expiresAt revokedAt } } }`;

interface Created {
  createApiKey: {
    secret: string;
    apiKey: { id: string; prefix: string; scopes: string[]; revokedAt: string | null };
  };
}

describe('API keys', () => {
  let h: IdentityHarness;
  let admin: Viewer;
  let agent: Viewer;

  before(async () => {
    h = await startIdentityHarness();
    const adminLogin = await seedStaff(h, 'admin@example.test', PASSWORD, 'ADMIN');
    admin = (await signInFully(h, 'admin@example.test', PASSWORD, adminLogin.totpSecret)).viewer;
    const agentLogin = await seedStaff(h, 'agent@example.test', PASSWORD, 'AGENT');
    agent = (await signInFully(h, 'agent@example.test', PASSWORD, agentLogin.totpSecret)).viewer;
  });

  after(() => h.stop());

  const create = (viewer: Viewer, scopes = ['PAYMENTS_WRITE', 'PLANS_READ'], days = 30) =>
    h.server.execute<Created>(
      CREATE,
      {
        input: {
          name: 'bank import',
          scopes,
          expiresAt: new Date(h.clock.now().getTime() + days * DAY).toISOString(),
        },
      },
      viewer,
    );

  it('is created by an ADMIN only; the secret is shown once and only its hash is stored', async () => {
    assert.equal(errorCode(await create(agent)), 'FORBIDDEN');
    assert.equal(errorCode(await create(customerViewer('c'))), 'FORBIDDEN');
    const created = await create(admin);
    const { secret, apiKey } = created.data!.createApiKey;
    assert.match(secret, new RegExp(`^ik_${apiKey.prefix}_[A-Za-z0-9_-]{43}$`));
    assert.deepEqual(apiKey.scopes, ['PAYMENTS_WRITE', 'PLANS_READ']);
    const listed = await h.server.execute<{ apiKeys: Record<string, unknown>[] }>(
      '{ apiKeys { id prefix scopes } }',
      {},
      admin,
    );
    assert.ok(!JSON.stringify(listed).includes(secret.slice('ik_'.length + 9)));
    const rows = await h.orm.em
      .fork()
      .getConnection()
      .execute<{ secret_hash: string }[]>('select * from accounts.api_key where id = ?', [
        apiKey.id,
      ]);
    assert.equal(rows[0]?.secret_hash, sha256Hex(secret));
    assert.ok(!JSON.stringify(rows).includes(secret.slice('ik_'.length + 9)));
    assert.ok(h.audit.actions().includes('api_key_created'));
  });

  it('resolves to a SERVICE viewer with its scopes; expired and revoked keys are refused', async () => {
    const { secret, apiKey } = (await create(admin, ['CUSTOMERS_READ'], 1)).data!.createApiKey;
    const resolved = await h.lookup.byApiKey(secret, '192.0.2.5', 'cron');
    assert.ok('viewer' in resolved);
    assert.deepEqual(
      [resolved.viewer.role, resolved.viewer.subjectId, resolved.viewer.scopes],
      ['SERVICE', apiKey.id, ['customers:read']],
    );
    const reads = await h.server.execute(
      'query { customers(first: 1) { edges { cursor } } }',
      {},
      resolved.viewer,
    );
    assert.equal(reads.errors, undefined);
    assert.deepEqual(await h.lookup.byApiKey(`${secret.slice(0, -1)}x`, 'x', null), {
      reason: 'UNKNOWN',
    });
    const other = (await create(admin)).data!.createApiKey;
    const revoked = await h.server.execute<{ revokeApiKey: { __typename: string } }>(
      'mutation($id: ID!) { revokeApiKey(input: { id: $id }) { __typename } }',
      { id: other.apiKey.id },
      admin,
    );
    assert.equal(revoked.data?.revokeApiKey.__typename, 'ApiKeyRevoked');
    assert.deepEqual(await h.lookup.byApiKey(other.secret, 'x', null), { reason: 'REVOKED' });
    h.clock.advance(DAY);
    assert.deepEqual(await h.lookup.byApiKey(secret, 'x', null), { reason: 'EXPIRED' });
  });

  it('keeps SERVICE viewers out of customer reads without customers:read and out of me', async () => {
    h.clock.advance(-DAY);
    const { secret } = (await create(admin, ['PLANS_READ'])).data!.createApiKey;
    const resolved = await h.lookup.byApiKey(secret, '192.0.2.5', null);
    assert.ok('viewer' in resolved);
    const reads = await h.server.execute('{ customers { edges { cursor } } }', {}, resolved.viewer);
    assert.equal(errorCode(reads), 'FORBIDDEN');
    assert.deepEqual((await h.server.execute('{ me { id } }', {}, resolved.viewer)).data, {
      me: null,
    });
  });

  it('refuses expiry dates in the past or more than 366 days ahead', async () => {
    assert.equal(errorCode(await create(admin, ['PLANS_READ'], -1)), 'BAD_USER_INPUT');
    assert.equal(errorCode(await create(admin, ['PLANS_READ'], 400)), 'BAD_USER_INPUT');
  });
});
