import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { anonymousViewer } from '../../shared/auth/viewer';
import { SESSION_HEADER } from '../../shared/auth/session-header';
import { SERVICE_SECRET_HEADER } from '../../shared/server/service-secret';
import {
  SECRET,
  seedCustomer,
  seedStaff,
  sessionTokenOf,
  signIn,
  signInFully,
  startIdentityHarness,
  type IdentityHarness,
} from './identity-harness';

const PASSWORD = 'correct horse battery staple';
const MINUTE = 60_000;

describe('sessions and /internal/auth/resolve', () => {
  let h: IdentityHarness;
  let port: number;

  const resolve = async (body: unknown, secret: string | null = SECRET) => {
    const response = await fetch(`http://127.0.0.1:${port}/internal/auth/resolve`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(secret ? { [SERVICE_SECRET_HEADER]: secret } : {}),
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const resolveToken = (sessionToken: string) =>
    resolve({ sessionToken, ip: '192.0.2.44', userAgent: 'Firefox' });

  before(async () => {
    h = await startIdentityHarness();
    port = await h.server.listen(0);
    await seedCustomer(h, 'a@example.test', PASSWORD);
    await seedCustomer(h, 'b@example.test', PASSWORD);
    await seedStaff(h, 'agent@example.test', PASSWORD, 'AGENT');
  });

  after(() => h.stop());

  it('refuses callers without the service secret, and malformed bodies', async () => {
    const body = { sessionToken: 'x'.repeat(43), ip: '192.0.2.1', userAgent: null };
    assert.equal((await resolve(body, null)).status, 401);
    assert.equal((await resolve(body, 'wrong-secret-wrong-secret-wrong')).status, 401);
    assert.equal((await resolve({ ip: 7 })).status, 400);
    assert.equal((await resolve({ ...body, apiKey: 'ik_x', extra: 1 })).status, 400);
    const anonymous = await resolve({ ip: '192.0.2.1', userAgent: null });
    assert.equal(anonymous.status, 200);
    assert.equal((anonymous.body.viewer as { role: unknown }).role, null);
  });

  it('resolves a session token to its viewer and an unknown one to 401 UNKNOWN', async () => {
    const { token } = await signInFully(h, 'a@example.test', PASSWORD);
    const ok = await resolveToken(token);
    assert.equal(ok.status, 200);
    const viewer = ok.body.viewer as Record<string, unknown>;
    assert.equal(viewer.role, 'CUSTOMER');
    assert.equal(viewer.ip, '192.0.2.44');
    assert.equal(viewer.userAgent, 'Firefox');
    assert.ok(viewer.sessionId && viewer.customerId && viewer.subjectId);
    const unknown = await resolveToken('A'.repeat(43));
    assert.deepEqual(unknown, { status: 401, body: { reason: 'UNKNOWN' } });
    // with both, the API key decides (here an unknown one), never the cookie
    const both = await resolve({
      sessionToken: token,
      apiKey: `ik_abcdefgh_${'B'.repeat(43)}`,
      ip: '192.0.2.44',
      userAgent: null,
    });
    assert.deepEqual(both, { status: 401, body: { reason: 'UNKNOWN' } });
  });

  it('slides the idle window on use and expires after 15 idle minutes', async () => {
    const { token } = await signInFully(h, 'a@example.test', PASSWORD);
    for (let i = 0; i < 3; i += 1) {
      h.clock.advance(14 * MINUTE);
      assert.equal((await resolveToken(token)).status, 200, `use ${i}`);
    }
    h.clock.advance(15 * MINUTE);
    assert.deepEqual(await resolveToken(token), { status: 401, body: { reason: 'EXPIRED' } });
  });

  it('expires 12 hours after sign-in however active', async () => {
    const { token } = await signInFully(h, 'a@example.test', PASSWORD);
    for (let elapsed = 0; elapsed < 12 * 60 - 10; elapsed += 10) {
      h.clock.advance(10 * MINUTE);
      assert.equal((await resolveToken(token)).status, 200);
    }
    h.clock.advance(10 * MINUTE);
    assert.deepEqual(await resolveToken(token), { status: 401, body: { reason: 'EXPIRED' } });
  });

  it('gives a pending-MFA session no role and ends it after 5 minutes', async () => {
    const first = await signIn(h, 'agent@example.test', PASSWORD);
    const token = sessionTokenOf(first);
    const pending = await resolveToken(token);
    assert.equal(pending.status, 200);
    assert.equal((pending.body.viewer as { role: unknown }).role, null);
    assert.ok((pending.body.viewer as { sessionId: unknown }).sessionId);
    h.clock.advance(5 * MINUTE);
    assert.deepEqual(await resolveToken(token), { status: 401, body: { reason: 'EXPIRED' } });
  });

  it('lists only your own live sessions, current one marked, address masked', async () => {
    const one = await signInFully(h, 'b@example.test', PASSWORD);
    h.clock.advance(1000);
    const two = await signInFully(h, 'b@example.test', PASSWORD);
    const result = await h.server.execute<{
      mySessions: { id: string; isCurrent: boolean; ip: string; userAgent: string }[];
    }>('{ mySessions { id isCurrent ip userAgent expiresAt } }', {}, two.viewer);
    const sessions = result.data?.mySessions ?? [];
    assert.deepEqual(
      sessions.map((s) => [s.id, s.isCurrent]),
      [
        [two.viewer.sessionId, true],
        [one.viewer.sessionId, false],
      ],
    );
    assert.equal(sessions[0]?.ip, '198.51.100.x');
    assert.equal(sessions[0]?.userAgent, 'test-agent');
  });

  it("cannot see or revoke another account's sessions (IDOR)", async () => {
    const a = await signInFully(h, 'a@example.test', PASSWORD);
    const b = await signInFully(h, 'b@example.test', PASSWORD);
    const listed = await h.server.execute<{ mySessions: { id: string }[] }>(
      '{ mySessions { id } }',
      {},
      b.viewer,
    );
    assert.ok(!listed.data?.mySessions.some((s) => s.id === a.viewer.sessionId));
    const revoke = await h.server.execute<{ revokeSession: { __typename: string } }>(
      'mutation($id: ID!) { revokeSession(input: { id: $id }) { __typename } }',
      { id: a.viewer.sessionId },
      b.viewer,
    );
    assert.equal(revoke.data?.revokeSession.__typename, 'SessionNotFound');
    assert.equal((await resolveToken(a.token)).status, 200);
  });

  it('revokes an own session and signs out (401 REVOKED afterwards, cookie cleared)', async () => {
    const older = await signInFully(h, 'a@example.test', PASSWORD);
    const current = await signInFully(h, 'a@example.test', PASSWORD);
    const revoked = await h.server.execute<{ revokeSession: { __typename: string } }>(
      'mutation($id: ID!) { revokeSession(input: { id: $id }) { __typename } }',
      { id: older.viewer.sessionId },
      current.viewer,
    );
    assert.equal(revoked.data?.revokeSession.__typename, 'SessionRevoked');
    assert.deepEqual(await resolveToken(older.token), { status: 401, body: { reason: 'REVOKED' } });
    const signOut = await h.server.execute('mutation { signOut }', {}, current.viewer);
    assert.deepEqual(signOut.data, { signOut: true });
    assert.equal(signOut.headers?.[SESSION_HEADER], 'clear');
    assert.deepEqual(await resolveToken(current.token), {
      status: 401,
      body: { reason: 'REVOKED' },
    });
    assert.ok(h.audit.actions().includes('session_revoked'));
  });

  it('refuses mySessions to anonymous callers', async () => {
    const result = await h.server.execute('{ mySessions { id } }', {}, anonymousViewer());
    assert.equal(result.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
  });
});
