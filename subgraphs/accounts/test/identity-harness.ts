import assert from 'node:assert/strict';
import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import type { AuditEvent, AuditTrail } from '../../shared/audit/audit-trail';
import { parseSessionInstruction, SESSION_HEADER } from '../../shared/auth/session-header';
import { anonymousViewer, type Viewer } from '../../shared/auth/viewer';
import type { SingleResult, SubgraphServer } from '../../shared/server/subgraph-server';
import { createTestDatabase, type TestDatabase } from '../../shared/testing/test-database';
import { silentLogger } from '../../shared/testing/subgraph-harness';
import type { AccountsContext } from '../src/context';
import { CustomerService } from '../src/customer/customer.service';
import { Credential } from '../src/identity/credential.entity';
import { identitySettings } from '../src/identity/identity-deps';
import { IpLimiter } from '../src/identity/ip-limiter';
import { PasswordHasher } from '../src/identity/password';
import { emailIndexOf } from '../src/identity/sign-in.service';
import { MemoryMailer } from '../src/mail/mailer';
import { totpCodeAt, newTotpSecret } from '../src/mfa/totp';
import { openAccountsOrm } from '../src/orm';
import { createServer, type ServerConfig } from '../src/server';
import { ViewerLookup } from '../src/session/viewer-lookup';
import { StaffUser, type StaffRole } from '../src/staff/staff-user.entity';

export const SECRET = 'test-service-secret-0123456789';

/** An AuditTrail that keeps events in memory so tests can assert on them. */
export class MemoryAuditTrail implements AuditTrail {
  readonly events: { viewer: Viewer; event: AuditEvent }[] = [];

  async record(_em: EntityManager, viewer: Viewer, event: AuditEvent): Promise<void> {
    this.events.push({ viewer, event: structuredClone(event) });
  }

  actions(): string[] {
    return this.events.map((e) => e.event.action);
  }
}

/** A clock tests move by hand. */
export class TestClock {
  private current = new Date('2026-03-02T10:00:00.000Z');
  readonly now = (): Date => new Date(this.current);

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Counts password verifications (timing-safe paths must verify even for unknown emails). */
export class CountingHasher extends PasswordHasher {
  verifyCalls = 0;

  override async verify(stored: string, password: string): Promise<boolean> {
    this.verifyCalls += 1;
    return super.verify(stored, password);
  }
}

export interface IdentityHarness {
  db: TestDatabase;
  orm: MikroORM;
  server: SubgraphServer<AccountsContext>;
  clock: TestClock;
  mailer: MemoryMailer;
  audit: MemoryAuditTrail;
  hasher: CountingHasher;
  lookup: ViewerLookup;
  stop(): Promise<void>;
}

/** An accounts server on a fresh database with in-memory mail and audit and a manual clock. */
export async function startIdentityHarness(
  config: Partial<ServerConfig> = {},
): Promise<IdentityHarness> {
  const db = await createTestDatabase();
  const orm = await openAccountsOrm(db.url, silentLogger(), 4);
  const clock = new TestClock();
  const mailer = new MemoryMailer();
  const audit = new MemoryAuditTrail();
  const hasher = new CountingHasher();
  const settings = identitySettings(config);
  const server = await createServer({ SERVICE_SECRET: SECRET, ...config }, orm, silentLogger(), {
    clock: clock.now,
    mailer,
    audit,
    hasher,
    ipLimiter: new IpLimiter(config.SIGN_IN_IP_LIMIT ?? 50),
  });
  const lookup = new ViewerLookup(orm, settings, clock.now);
  return {
    db,
    orm,
    server,
    clock,
    mailer,
    audit,
    hasher,
    lookup,
    stop: async () => {
      await server.stop();
      await orm.close();
      await db.dispose();
    },
  };
}

/** The token in a `set` session instruction of a response (fails the test when absent). */
export function sessionTokenOf(result: SingleResult<unknown>): string {
  const instruction = parseSessionInstruction(result.headers?.[SESSION_HEADER]);
  assert.ok(
    instruction && instruction.action === 'set',
    `no session set: ${JSON.stringify(result)}`,
  );
  return instruction.token;
}

/** The viewer the gateway would get for `token` (fails when the token does not resolve). */
export async function viewerOf(h: IdentityHarness, token: string, ip = '198.51.100.7') {
  const outcome = await h.lookup.bySessionToken(token, ip, 'test-agent');
  assert.ok('viewer' in outcome, `token does not resolve: ${JSON.stringify(outcome)}`);
  return outcome.viewer;
}

/** A customer with a password (email verified), optionally with TOTP enabled. */
export async function seedCustomer(
  h: IdentityHarness,
  email: string,
  password: string,
  options: { totp?: boolean; name?: string } = {},
): Promise<{ customerId: string; credentialId: string; totpSecret: string | null }> {
  const em = h.orm.em.fork();
  const customer = await new CustomerService(em).create({ name: options.name ?? 'Test', email });
  const credential = new Credential('CUSTOMER', customer.id, emailIndexOf(email), h.clock.now());
  credential.passwordHash = await h.hasher.hash(password);
  credential.emailVerifiedAt = h.clock.now();
  const totpSecret = options.totp ? newTotpSecret() : null;
  if (totpSecret) {
    credential.totpSecret = totpSecret;
    credential.totpEnabledAt = h.clock.now();
  }
  await em.persistAndFlush(credential);
  return { customerId: customer.id, credentialId: credential.id, totpSecret };
}

/** A staff user with a password and TOTP enabled. */
export async function seedStaff(
  h: IdentityHarness,
  email: string,
  password: string,
  role: StaffRole,
): Promise<{ staffId: string; credentialId: string; totpSecret: string }> {
  const em = h.orm.em.fork();
  const staff = new StaffUser('Staff Member', email, role, h.clock.now());
  const credential = new Credential('STAFF', staff.id, emailIndexOf(email), h.clock.now());
  credential.passwordHash = await h.hasher.hash(password);
  credential.emailVerifiedAt = h.clock.now();
  const totpSecret = newTotpSecret();
  credential.totpSecret = totpSecret;
  credential.totpEnabledAt = h.clock.now();
  await em.persistAndFlush([staff, credential]);
  return { staffId: staff.id, credentialId: credential.id, totpSecret };
}

export const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) {
  __typename
  ... on SignedIn { expiresAt account { __typename id email role isMfaEnabled } }
  ... on AccountLocked { retryAfterSeconds }
  ... on UserError { code message }
} }`;

export const VERIFY_MFA = `mutation($code: String!) { verifyMfa(input: { code: $code }) {
  __typename ... on SignedIn { account { id role } } ... on UserError { code }
} }`;

type SignInData = {
  signIn: {
    __typename: string;
    code?: string;
    retryAfterSeconds?: number;
    account?: { id: string };
  };
};

/** Runs signIn as `viewer` (anonymous by default). */
export const signIn = (
  h: IdentityHarness,
  email: string,
  password: string,
  viewer: Viewer = anonymousViewer('198.51.100.7', 'test-agent'),
) => h.server.execute<SignInData>(SIGN_IN, { input: { email, password } }, viewer);

/** Signs in through both factors when needed; returns the ACTIVE session token and viewer. */
export async function signInFully(
  h: IdentityHarness,
  email: string,
  password: string,
  totpSecret: string | null = null,
): Promise<{ token: string; viewer: Viewer }> {
  const first = await signIn(h, email, password);
  let token = sessionTokenOf(first);
  if (first.data?.signIn.__typename === 'MfaRequired') {
    assert.ok(totpSecret, 'MFA required but no secret given');
    h.clock.advance(30_000); // a fresh time step, so a code of an earlier test is not a replay
    const second = await h.server.execute<{ verifyMfa: { __typename: string } }>(
      VERIFY_MFA,
      { code: await totpCodeAt(totpSecret, h.clock.now()) },
      await viewerOf(h, token),
    );
    assert.equal(second.data?.verifyMfa.__typename, 'SignedIn', JSON.stringify(second));
    token = sessionTokenOf(second);
  } else {
    assert.equal(first.data?.signIn.__typename, 'SignedIn', JSON.stringify(first));
  }
  return { token, viewer: await viewerOf(h, token) };
}
