import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { anonymousViewer, customerViewer, type Viewer } from '../../shared/auth/viewer';
import { errorCode } from '../../shared/testing/subgraph-harness';
import { totpCodeAt } from '../src/mfa/totp';
import { CustomerService } from '../src/customer/customer.service';
import {
  seedCustomer,
  seedStaff,
  sessionTokenOf,
  signIn,
  signInFully,
  startIdentityHarness,
  viewerOf,
  type IdentityHarness,
} from './identity-harness';

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a brand new passphrase 42';
const DAY = 86_400_000;

const tokenIn = (text: string | undefined, page: string): string => {
  const match = new RegExp(`http://portal\\.test/${page}#token=([A-Za-z0-9_-]{43})`).exec(
    text ?? '',
  );
  assert.ok(match, `no ${page} link in ${text}`);
  return match[1] as string;
};

const ACCEPT = `mutation($token: String!, $password: String!) {
  acceptInvite(input: { token: $token, password: $password }) {
    __typename ... on UserError { code } ... on PasswordRejected { reasons }
    ... on SignedIn { account { email role } }
  } }`;

describe('invitations, sign-up, email verification and passwords', () => {
  let h: IdentityHarness;
  let agent: Viewer;
  const anonymous = anonymousViewer('198.51.100.7', 'test-agent');

  before(async () => {
    h = await startIdentityHarness({ SELF_SIGN_UP: true, PUBLIC_URL: 'http://portal.test' });
    const agentLogin = await seedStaff(h, 'agent@example.test', PASSWORD, 'AGENT');
    agent = (await signInFully(h, 'agent@example.test', PASSWORD, agentLogin.totpSecret)).viewer;
  });

  after(() => h.stop());

  const invite = (email: string, viewer: Viewer = agent) =>
    h.server.execute<{ inviteCustomer: { __typename: string; customer?: { id: string } } }>(
      `mutation($email: String!) { inviteCustomer(input: { name: "Invited Person", email: $email, locale: "en-GB" }) {
        __typename ... on CustomerInvited { customer { id email } } } }`,
      { email },
      viewer,
    );

  it('lets staff invite a customer; the link sets a password once and signs in', async () => {
    const refused = await invite('inv1@example.test', customerViewer('c'));
    assert.equal(errorCode(refused), 'FORBIDDEN');
    const invited = await invite('Inv1@Example.test');
    assert.equal(invited.data?.inviteCustomer.__typename, 'CustomerInvited');
    const firstToken = tokenIn(h.mailer.sent.at(-1)?.text, 'accept-invite');
    // inviting again before acceptance sends a new link and kills the first
    assert.equal(
      (await invite('inv1@example.test')).data?.inviteCustomer.__typename,
      'CustomerInvited',
    );
    const mail = h.mailer.sent.at(-1);
    assert.equal(mail?.to, 'inv1@example.test');
    const token = tokenIn(mail?.text, 'accept-invite');
    const weak = await h.server.execute<{ acceptInvite: { reasons: string[] } }>(
      ACCEPT,
      { token, password: 'inv1-is-my-password' },
      anonymous,
    );
    assert.deepEqual(weak.data?.acceptInvite.reasons, ['CONTAINS_EMAIL']);
    const accepted = await h.server.execute<{ acceptInvite: { __typename: string } }>(
      ACCEPT,
      { token, password: PASSWORD },
      anonymous,
    );
    assert.equal(accepted.data?.acceptInvite.__typename, 'SignedIn');
    assert.equal((await viewerOf(h, sessionTokenOf(accepted))).role, 'CUSTOMER');
    const again = await h.server.execute<{ acceptInvite: { __typename: string } }>(
      ACCEPT,
      { token, password: PASSWORD },
      anonymous,
    );
    assert.equal(again.data?.acceptInvite.__typename, 'TokenInvalid');
    const stale = await h.server.execute<{ acceptInvite: { __typename: string } }>(
      ACCEPT,
      { token: firstToken, password: PASSWORD },
      anonymous,
    );
    assert.equal(stale.data?.acceptInvite.__typename, 'TokenInvalid');
    assert.equal((await invite('inv1@example.test')).data?.inviteCustomer.__typename, 'EmailInUse');
    assert.ok(h.audit.actions().includes('invite_accepted'));
    const created = h.audit.events.find((e) => e.event.action === 'invite_created');
    assert.deepEqual(created?.event.personalFields, ['email']);
  });

  it('refuses an invitation link after 7 days', async () => {
    await invite('late@example.test');
    const token = tokenIn(h.mailer.sent.at(-1)?.text, 'accept-invite');
    h.clock.advance(7 * DAY + 1);
    const result = await h.server.execute<{ acceptInvite: { __typename: string } }>(
      ACCEPT,
      { token, password: PASSWORD },
      anonymous,
    );
    assert.equal(result.data?.acceptInvite.__typename, 'TokenInvalid');
    // invited again: a new link works, the customer record stays the same
    const first = h.mailer.sent.length;
    const again = await invite('late@example.test');
    assert.equal(again.data?.inviteCustomer.__typename, 'CustomerInvited');
    assert.equal(h.mailer.sent.length, first + 1);
    const fresh = tokenIn(h.mailer.sent.at(-1)?.text, 'accept-invite');
    const accepted = await h.server.execute<{ acceptInvite: { __typename: string } }>(
      ACCEPT,
      { token: fresh, password: PASSWORD },
      anonymous,
    );
    assert.equal(accepted.data?.acceptInvite.__typename, 'SignedIn');
    assert.equal((await invite('late@example.test')).data?.inviteCustomer.__typename, 'EmailInUse');
  });

  it('gives an existing customer without a login an invitation, keeping the record', async () => {
    const em = h.orm.em.fork();
    const existing = await new CustomerService(em).create({
      name: 'Old',
      email: 'old@example.test',
    });
    const invited = await invite('old@example.test');
    assert.equal(invited.data?.inviteCustomer.customer?.id, existing.id);
  });

  it('makes an invited staff user enrol MFA before any ACTIVE session exists', async () => {
    const adminNow = await freshAdmin();
    const created = await h.server.execute<{ createStaffUser: { __typename: string } }>(
      'mutation { createStaffUser(input: { name: "New Agent", email: "new.agent@example.test", role: AGENT }) { __typename } }',
      {},
      adminNow,
    );
    assert.equal(
      created.data?.createStaffUser.__typename,
      'StaffUserCreated',
      JSON.stringify(created),
    );
    const token = tokenIn(h.mailer.sent.at(-1)?.text, 'accept-invite');
    const accepted = await h.server.execute<{ acceptInvite: { __typename: string; code: string } }>(
      ACCEPT,
      { token, password: PASSWORD },
      anonymous,
    );
    assert.deepEqual(
      [accepted.data?.acceptInvite.__typename, accepted.data?.acceptInvite.code],
      ['MfaRequired', 'MFA_ENROLLMENT_REQUIRED'],
    );
    const abandoned = await viewerOf(h, sessionTokenOf(accepted));
    assert.equal(abandoned.role, null);
    // enrolment left unfinished: the password alone opens no session...
    const signedIn = await signIn(h, 'new.agent@example.test', PASSWORD);
    assert.equal(signedIn.data?.signIn.code, 'MFA_ENROLLMENT_REQUIRED');
    assert.equal(signedIn.headers, undefined);
    // ...and "forgot password" mails a new invitation, the only way to enrol
    await h.server.execute(
      'mutation { requestPasswordReset(input: { email: "new.agent@example.test" }) { message } }',
      {},
      anonymous,
    );
    const reinvited = await h.server.execute<{ acceptInvite: { __typename: string } }>(
      ACCEPT,
      { token: tokenIn(h.mailer.sent.at(-1)?.text, 'accept-invite'), password: PASSWORD },
      anonymous,
    );
    assert.equal(reinvited.data?.acceptInvite.__typename, 'MfaRequired');
    const pending = await viewerOf(h, sessionTokenOf(reinvited));
    assert.equal(pending.role, null);
    const started = await h.server.execute<{ startMfaEnrollment: { secret: string } }>(
      'mutation { startMfaEnrollment { secret } }',
      {},
      pending,
    );
    const secret = started.data!.startMfaEnrollment.secret;
    const confirmed = await h.server.execute<{ confirmMfaEnrollment: { __typename: string } }>(
      'mutation($code: String!) { confirmMfaEnrollment(input: { code: $code }) { __typename } }',
      { code: await totpCodeAt(secret, h.clock.now()) },
      pending,
    );
    assert.equal(confirmed.data?.confirmMfaEnrollment.__typename, 'MfaEnabled');
    const active = await viewerOf(h, sessionTokenOf(confirmed));
    assert.equal(active.role, 'AGENT');
    assert.ok(active.mfaVerifiedAt);
    const first = await signIn(h, 'new.agent@example.test', PASSWORD);
    assert.equal(first.data?.signIn.__typename, 'MfaRequired');
  });

  it('answers sign-up the same way for a new and an existing email', async () => {
    const signUp = (email: string) =>
      h.server.execute<{ signUp: { __typename: string; message: string } }>(
        `mutation($email: String!, $password: String!) { signUp(input: { name: "Sam", email: $email, password: $password }) {
          __typename ... on SignUpAccepted { message } } }`,
        { email, password: PASSWORD },
        anonymous,
      );
    const fresh = await signUp('sam@example.test');
    const existing = await signUp('inv1@example.test');
    assert.deepEqual(fresh.data, existing.data);
    assert.equal(fresh.data?.signUp.__typename, 'SignUpAccepted');
    const [verifyMail, warningMail] = h.mailer.sent.slice(-2);
    assert.equal(verifyMail?.to, 'sam@example.test');
    assert.equal(warningMail?.to, 'inv1@example.test');
    assert.match(warningMail?.subject ?? '', /tried to sign up/);
    // unverified customers may sign in; MFA enrolment waits for the confirmed email
    const { viewer } = await signInFully(h, 'sam@example.test', PASSWORD);
    const early = await h.server.execute('mutation { startMfaEnrollment { secret } }', {}, viewer);
    assert.equal(early.errors?.[0]?.extensions?.reason, 'EMAIL_NOT_VERIFIED');
    const verify = (token: string) =>
      h.server.execute<{ verifyEmail: { __typename: string } }>(
        'mutation($token: String!) { verifyEmail(input: { token: $token }) { __typename } }',
        { token },
        anonymous,
      );
    const token = tokenIn(verifyMail?.text, 'verify-email');
    assert.equal((await verify(token)).data?.verifyEmail.__typename, 'EmailVerified');
    assert.equal((await verify(token)).data?.verifyEmail.__typename, 'TokenInvalid');
    const later = await h.server.execute('mutation { startMfaEnrollment { secret } }', {}, viewer);
    assert.equal(later.errors, undefined);
  });

  it('resets a password once per link, within an hour, ending every session', async () => {
    await seedCustomer(h, 'reset@example.test', PASSWORD);
    const session = await signInFully(h, 'reset@example.test', PASSWORD);
    const request = (email: string) =>
      h.server.execute<{ requestPasswordReset: { message: string } }>(
        'mutation($email: String!) { requestPasswordReset(input: { email: $email }) { message } }',
        { email },
        anonymous,
      );
    const sentBefore = h.mailer.sent.length;
    assert.deepEqual(
      (await request('nobody@example.test')).data,
      (await request('reset@example.test')).data,
    );
    assert.equal(h.mailer.sent.length, sentBefore + 1);
    const reset = (token: string, newPassword = NEW_PASSWORD) =>
      h.server.execute<{ resetPassword: { __typename: string } }>(
        'mutation($token: String!, $p: String!) { resetPassword(input: { token: $token, newPassword: $p }) { __typename } }',
        { token, p: newPassword },
        anonymous,
      );
    const token = tokenIn(h.mailer.sent.at(-1)?.text, 'reset-password');
    assert.equal(
      (await reset(token, 'password1234')).data?.resetPassword.__typename,
      'PasswordRejected',
    );
    assert.equal((await reset(token)).data?.resetPassword.__typename, 'PasswordReset');
    assert.equal((await reset(token)).data?.resetPassword.__typename, 'TokenInvalid');
    assert.deepEqual(await h.lookup.bySessionToken(session.token, 'x', null), {
      reason: 'REVOKED',
    });
    assert.equal(
      (await signIn(h, 'reset@example.test', NEW_PASSWORD)).data?.signIn.__typename,
      'SignedIn',
    );
    await request('reset@example.test');
    const expired = tokenIn(h.mailer.sent.at(-1)?.text, 'reset-password');
    h.clock.advance(3_600_001);
    assert.equal((await reset(expired)).data?.resetPassword.__typename, 'TokenInvalid');
  });

  it('changes a password: current one required, other sessions end, this one rotates', async () => {
    await seedCustomer(h, 'change@example.test', PASSWORD);
    const other = await signInFully(h, 'change@example.test', PASSWORD);
    const current = await signInFully(h, 'change@example.test', PASSWORD);
    const change = (currentPassword: string) =>
      h.server.execute<{ changePassword: { __typename: string } }>(
        'mutation($c: String!, $n: String!) { changePassword(input: { currentPassword: $c, newPassword: $n }) { __typename } }',
        { c: currentPassword, n: NEW_PASSWORD },
        current.viewer,
      );
    assert.equal(
      (await change('not my password')).data?.changePassword.__typename,
      'InvalidCredentials',
    );
    const changed = await change(PASSWORD);
    assert.equal(changed.data?.changePassword.__typename, 'PasswordChanged');
    const rotated = sessionTokenOf(changed);
    assert.equal((await viewerOf(h, rotated)).role, 'CUSTOMER');
    for (const old of [other.token, current.token])
      assert.deepEqual(await h.lookup.bySessionToken(old, 'x', null), { reason: 'REVOKED' });
    assert.ok(h.audit.actions().includes('password_changed'));
  });

  it('refuses sign-up when self sign-up is off', async () => {
    const closed = await startIdentityHarness();
    try {
      const result = await closed.server.execute<{ signUp: { __typename: string } }>(
        'mutation { signUp(input: { name: "X", email: "x@example.test", password: "correct horse battery" }) { __typename } }',
        {},
        anonymous,
      );
      assert.equal(result.data?.signUp.__typename, 'SignUpClosed');
      assert.equal(closed.mailer.sent.length, 0);
    } finally {
      await closed.stop();
    }
  });

  let admins = 0;
  /** An ADMIN who passed MFA just now (step-up), whatever the clock did before. */
  async function freshAdmin(): Promise<Viewer> {
    admins += 1;
    const email = `admin${admins}@example.test`;
    const login = await seedStaff(h, email, PASSWORD, 'ADMIN');
    return (await signInFully(h, email, PASSWORD, login.totpSecret)).viewer;
  }
});
