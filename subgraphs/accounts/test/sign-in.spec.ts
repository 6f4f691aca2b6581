import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { anonymousViewer } from '../../shared/auth/viewer';
import { errorCode } from '../../shared/testing/subgraph-harness';
import { totpCodeAt } from '../src/mfa/totp';
import {
  seedCustomer,
  seedStaff,
  sessionTokenOf,
  signIn,
  signInFully,
  startIdentityHarness,
  viewerOf,
  VERIFY_MFA,
  type IdentityHarness,
} from './identity-harness';

const PASSWORD = 'correct horse battery staple';
const fromIp = (ip: string) => anonymousViewer(ip, 'test-agent');

describe('sign-in, lockout and second factor', () => {
  let h: IdentityHarness;
  let admin: Awaited<ReturnType<typeof seedStaff>>;

  before(async () => {
    h = await startIdentityHarness({ SIGN_IN_IP_LIMIT: 20 });
    await seedCustomer(h, 'ana@example.test', PASSWORD, { name: 'Ana' });
    admin = await seedStaff(h, 'boss@example.test', PASSWORD, 'ADMIN');
  });

  after(() => h.stop());

  it('signs a customer in: SignedIn, a session cookie instruction, and a CUSTOMER viewer', async () => {
    const result = await signIn(h, 'Ana@Example.test', PASSWORD);
    assert.equal(result.data?.signIn.__typename, 'SignedIn', JSON.stringify(result));
    assert.deepEqual((result.data?.signIn as { account: unknown }).account, {
      __typename: 'Customer',
      id: (result.data?.signIn as { account: { id: string } }).account.id,
      email: 'ana@example.test',
      role: 'CUSTOMER',
      isMfaEnabled: false,
    });
    const viewer = await viewerOf(h, sessionTokenOf(result));
    assert.equal(viewer.role, 'CUSTOMER');
    assert.ok(viewer.customerId && viewer.sessionId && viewer.subjectId);
    const me = await h.server.execute<{ me: { email: string } }>('{ me { email } }', {}, viewer);
    assert.equal(me.data?.me.email, 'ana@example.test');
    assert.ok(h.audit.actions().includes('signed_in'));
  });

  it('answers InvalidCredentials for a wrong password and sets no session', async () => {
    const result = await signIn(h, 'ana@example.test', 'wrong password here', fromIp('10.0.0.2'));
    assert.equal(result.data?.signIn.__typename, 'InvalidCredentials');
    assert.equal(result.headers, undefined);
    assert.equal(h.audit.actions().at(-1), 'sign_in_failed');
    await signIn(h, 'ana@example.test', PASSWORD, fromIp('10.0.0.2')); // reset the counter
  });

  it('still verifies a password (against a dummy hash) for an unknown email', async () => {
    const before = h.hasher.verifyCalls;
    const result = await signIn(h, 'nobody@example.test', PASSWORD, fromIp('10.0.0.3'));
    assert.equal(result.data?.signIn.__typename, 'InvalidCredentials');
    assert.equal(h.hasher.verifyCalls, before + 1);
  });

  it('delays from the 5th failure (2^(n-5) s), locks at 10 for 30 minutes, then lets in', async () => {
    const email = 'lock@example.test';
    await seedCustomer(h, email, PASSWORD);
    const attempt = (password: string) => signIn(h, email, password, fromIp('10.0.1.1'));
    for (let n = 1; n <= 5; n += 1)
      assert.equal((await attempt('wrong')).data?.signIn.__typename, 'InvalidCredentials');
    for (let n = 5; n < 10; n += 1) {
      const delay = 2 ** (n - 5);
      const early = (await attempt(PASSWORD)).data?.signIn;
      assert.deepEqual([early?.__typename, early?.retryAfterSeconds], ['AccountLocked', delay]);
      h.clock.advance(delay * 1000);
      assert.equal((await attempt('wrong')).data?.signIn.__typename, 'InvalidCredentials');
    }
    const locked = (await attempt(PASSWORD)).data?.signIn;
    assert.deepEqual([locked?.__typename, locked?.retryAfterSeconds], ['AccountLocked', 1800]);
    assert.ok(h.audit.actions().includes('locked'));
    h.clock.advance(29 * 60_000);
    assert.equal((await attempt(PASSWORD)).data?.signIn.__typename, 'AccountLocked');
    h.clock.advance(60_000);
    assert.equal((await attempt(PASSWORD)).data?.signIn.__typename, 'SignedIn');
    // a success resets the counter: the next failure is an ordinary one
    assert.equal((await attempt('wrong')).data?.signIn.__typename, 'InvalidCredentials');
    assert.equal((await attempt(PASSWORD)).data?.signIn.__typename, 'SignedIn');
  });

  it('locks an unknown email exactly like a known one', async () => {
    for (let n = 0; n < 5; n += 1) await signIn(h, 'ghost@example.test', 'x', fromIp('10.0.2.1'));
    const result = await signIn(h, 'ghost@example.test', 'x', fromIp('10.0.2.1'));
    assert.deepEqual(
      [result.data?.signIn.__typename, result.data?.signIn.retryAfterSeconds],
      ['AccountLocked', 1],
    );
  });

  it('lets at most 5 of a burst of parallel attempts through to the password check', async () => {
    const email = 'burst@example.test';
    await seedCustomer(h, email, PASSWORD);
    const before = h.hasher.verifyCalls;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => signIn(h, email, 'wrong', fromIp(`10.7.0.${i}`))),
    );
    const outcomes = results.map((r) => r.data?.signIn.__typename);
    assert.equal(outcomes.filter((o) => o === 'InvalidCredentials').length, 5, outcomes.join());
    assert.equal(outcomes.filter((o) => o === 'AccountLocked').length, 7);
    assert.equal(h.hasher.verifyCalls - before, 5);
  });

  it('limits failed sign-ins per IP (RATE_LIMITED), whatever the email', async () => {
    const ip = fromIp('203.0.113.9');
    for (let n = 0; n < 20; n += 1) await signIn(h, `spray${n}@example.test`, 'password guess', ip);
    const result = await signIn(h, 'ana@example.test', PASSWORD, ip);
    assert.equal(result.data?.signIn.__typename, 'AccountLocked');
    assert.equal(result.data?.signIn.code, 'RATE_LIMITED');
    assert.ok((result.data?.signIn.retryAfterSeconds ?? 0) > 0);
    const elsewhere = await signIn(h, 'ana@example.test', PASSWORD, fromIp('203.0.113.10'));
    assert.equal(elsewhere.data?.signIn.__typename, 'SignedIn');
  });

  it('ends the session the request came with when signing in again (rotation on login)', async () => {
    const first = await signInFully(h, 'ana@example.test', PASSWORD);
    const second = await signIn(h, 'ana@example.test', PASSWORD, first.viewer);
    assert.equal(second.data?.signIn.__typename, 'SignedIn');
    assert.notEqual(sessionTokenOf(second), first.token);
    assert.deepEqual(await h.lookup.bySessionToken(first.token, 'x', null), { reason: 'REVOKED' });
  });

  it('requires MFA from staff: a pending session without a role, then a new ACTIVE token', async () => {
    const first = await signIn(h, 'boss@example.test', PASSWORD);
    assert.equal(first.data?.signIn.__typename, 'MfaRequired');
    assert.equal(first.data?.signIn.code, 'MFA_REQUIRED');
    const pendingToken = sessionTokenOf(first);
    const pending = await viewerOf(h, pendingToken);
    assert.equal(pending.role, null);
    assert.ok(pending.sessionId);
    assert.deepEqual((await h.server.execute('{ me { id } }', {}, pending)).data, { me: null });
    h.clock.advance(30_000);
    const code = await totpCodeAt(admin.totpSecret, h.clock.now());
    const verified = await h.server.execute<{ verifyMfa: { __typename: string } }>(
      VERIFY_MFA,
      { code },
      pending,
    );
    assert.equal(verified.data?.verifyMfa.__typename, 'SignedIn');
    const activeToken = sessionTokenOf(verified);
    assert.notEqual(activeToken, pendingToken);
    assert.deepEqual(await h.lookup.bySessionToken(pendingToken, 'x', null), {
      reason: 'REVOKED',
    });
    const active = await viewerOf(h, activeToken);
    assert.equal(active.role, 'ADMIN');
    assert.equal(active.mfaVerifiedAt, h.clock.now().toISOString());
    assert.ok(h.audit.actions().includes('mfa_verified'));
    const me = await h.server.execute<{ me: Record<string, unknown> }>(
      '{ me { __typename email role isMfaEnabled } }',
      {},
      active,
    );
    assert.deepEqual(me.data?.me, {
      __typename: 'StaffUser',
      email: 'boss@example.test',
      role: 'ADMIN',
      isMfaEnabled: true,
    });
  });

  it('accepts a TOTP code one step old, refuses two steps old and refuses a replayed code', async () => {
    const pending = async () =>
      viewerOf(h, sessionTokenOf(await signIn(h, 'boss@example.test', PASSWORD)));
    const verify = async (code: string, viewer: Awaited<ReturnType<typeof pending>>) =>
      (await h.server.execute<{ verifyMfa: { __typename: string } }>(VERIFY_MFA, { code }, viewer))
        .data?.verifyMfa.__typename;
    h.clock.advance(5 * 30_000);
    const twoStepsOld = await totpCodeAt(
      admin.totpSecret,
      new Date(h.clock.now().getTime() - 60_000),
    );
    assert.equal(await verify(twoStepsOld, await pending()), 'InvalidMfaCode');
    const oneStepOld = await totpCodeAt(
      admin.totpSecret,
      new Date(h.clock.now().getTime() - 30_000),
    );
    const viewer = await pending();
    assert.equal(await verify(oneStepOld, viewer), 'SignedIn');
    assert.equal(await verify(oneStepOld, await pending()), 'InvalidMfaCode');
    const current = await totpCodeAt(admin.totpSecret, h.clock.now());
    const again = await pending();
    assert.equal(await verify(current, again), 'SignedIn');
    assert.equal(await verify(current, await pending()), 'InvalidMfaCode');
  });

  it('revokes a pending session after five wrong codes', async () => {
    const token = sessionTokenOf(await signIn(h, 'boss@example.test', PASSWORD));
    const viewer = await viewerOf(h, token);
    for (let n = 0; n < 5; n += 1) {
      h.clock.advance(20_000); // past the growing delay, so every code is checked
      await h.server.execute(VERIFY_MFA, { code: '000000' }, viewer);
    }
    assert.deepEqual(await h.lookup.bySessionToken(token, 'x', null), { reason: 'REVOKED' });
    h.clock.advance(60_000);
    await signInFully(h, 'boss@example.test', PASSWORD, admin.totpSecret); // clears the failures
  });

  it('enrols a customer in MFA; a recovery code then works once', async () => {
    const email = 'mfa@example.test';
    await seedCustomer(h, email, PASSWORD);
    const { viewer } = await signInFully(h, email, PASSWORD);
    const started = await h.server.execute<{
      startMfaEnrollment: { secret: string; otpauthUri: string };
    }>('mutation { startMfaEnrollment { secret otpauthUri } }', {}, viewer);
    const { secret, otpauthUri } = started.data!.startMfaEnrollment;
    assert.match(otpauthUri, /^otpauth:\/\/totp\/Installa:mfa%40example\.test\?/);
    const confirmed = await h.server.execute<{
      confirmMfaEnrollment: { __typename: string; recoveryCodes: string[] };
    }>(
      'mutation($code: String!) { confirmMfaEnrollment(input: { code: $code }) { __typename ... on MfaEnabled { recoveryCodes } } }',
      { code: await totpCodeAt(secret, h.clock.now()) },
      viewer,
    );
    const codes = confirmed.data!.confirmMfaEnrollment.recoveryCodes;
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    const recover = async () => {
      const first = await signIn(h, email, PASSWORD);
      assert.equal(first.data?.signIn.__typename, 'MfaRequired');
      const result = await h.server.execute<{ verifyMfa: { __typename: string } }>(
        VERIFY_MFA,
        { code: (codes[3] as string).toUpperCase() },
        await viewerOf(h, sessionTokenOf(first)),
      );
      return result.data?.verifyMfa.__typename;
    };
    assert.equal(await recover(), 'SignedIn');
    assert.ok(h.audit.actions().includes('recovery_code_used'));
    assert.equal(await recover(), 'InvalidMfaCode');
  });

  it('refuses step-up actions without a recent MFA and allows them after verifyMfa', async () => {
    const { token } = await signInFully(h, 'boss@example.test', PASSWORD, admin.totpSecret);
    const create = (viewer: Awaited<ReturnType<typeof viewerOf>>) =>
      h.server.execute<{ createApiKey: { secret: string } }>(
        'mutation($e: DateTime!) { createApiKey(input: { name: "k", scopes: [PLANS_READ], expiresAt: $e }) { secret } }',
        { e: new Date(h.clock.now().getTime() + 86_400_000).toISOString() },
        viewer,
      );
    h.clock.advance(11 * 60_000);
    const stale = await viewerOf(h, token);
    const refused = await create(stale);
    assert.equal(errorCode(refused), 'FORBIDDEN');
    assert.equal(refused.errors?.[0]?.extensions?.reason, 'STEP_UP_REQUIRED');
    h.clock.advance(30_000);
    const stepUp = await h.server.execute<{ verifyMfa: { __typename: string } }>(
      VERIFY_MFA,
      { code: await totpCodeAt(admin.totpSecret, h.clock.now()) },
      stale,
    );
    assert.equal(stepUp.data?.verifyMfa.__typename, 'SignedIn');
    assert.equal(stepUp.headers, undefined, 'step-up keeps the session token');
    const allowed = await create(await viewerOf(h, token));
    assert.match(allowed.data?.createApiKey.secret ?? '', /^ik_[a-z0-9]{8}_/);
  });

  it('counts wrong second-factor codes towards the email lockout', async () => {
    const email = 'guessed@example.test';
    const login = await seedStaff(h, email, PASSWORD, 'AGENT');
    const pendingViewer = async () =>
      viewerOf(h, sessionTokenOf(await signIn(h, email, PASSWORD, fromIp('10.9.0.1'))));
    const wrong = async (viewer: Awaited<ReturnType<typeof pendingViewer>>) =>
      (
        await h.server.execute<{ verifyMfa: { code: string } }>(
          VERIFY_MFA,
          { code: '000000' },
          viewer,
        )
      ).data?.verifyMfa.code;
    const first = await pendingViewer();
    for (let n = 1; n <= 5; n += 1) assert.equal(await wrong(first), 'INVALID_MFA_CODE');
    for (let n = 6; n <= 10; n += 1) {
      h.clock.advance(2 ** (n - 6) * 1000);
      const viewer = await pendingViewer();
      assert.equal(await wrong(viewer), 'INVALID_MFA_CODE');
    }
    const locked = (await signIn(h, email, PASSWORD, fromIp('10.9.0.1'))).data?.signIn;
    assert.deepEqual([locked?.__typename, locked?.retryAfterSeconds], ['AccountLocked', 1800]);
    void login;
  });

  it('regenerates recovery codes and lets customers (not staff) disable MFA, both after step-up', async () => {
    const email = 'codes@example.test';
    const customer = await seedCustomer(h, email, PASSWORD, { totp: true });
    const { token, viewer } = await signInFully(h, email, PASSWORD, customer.totpSecret);
    assert.ok(customer.totpSecret);
    const regenerated = await h.server.execute<{
      regenerateRecoveryCodes: { recoveryCodes: string[] };
    }>('mutation { regenerateRecoveryCodes { recoveryCodes } }', {}, viewer);
    assert.equal(regenerated.data?.regenerateRecoveryCodes.recoveryCodes.length, 10);
    const staff = await signInFully(h, 'boss@example.test', PASSWORD, admin.totpSecret);
    const staffDisable = await h.server.execute('mutation { disableMfa }', {}, staff.viewer);
    assert.equal(errorCode(staffDisable), 'FORBIDDEN');
    h.clock.advance(11 * 60_000);
    const stale = await h.server.execute('mutation { disableMfa }', {}, await viewerOf(h, token));
    assert.equal(stale.errors?.[0]?.extensions?.reason, 'STEP_UP_REQUIRED');
    const stepUp = await h.server.execute(
      VERIFY_MFA,
      { code: await totpCodeAt(customer.totpSecret as string, h.clock.now()) },
      await viewerOf(h, token),
    );
    assert.equal(stepUp.errors, undefined);
    const fresh = await h.server.execute('mutation { disableMfa }', {}, await viewerOf(h, token));
    assert.deepEqual(fresh.data, { disableMfa: true });
    const again = await signIn(h, email, PASSWORD);
    assert.equal(again.data?.signIn.__typename, 'SignedIn');
  });
});
