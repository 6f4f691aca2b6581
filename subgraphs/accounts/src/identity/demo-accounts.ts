import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { CustomerService } from '../customer/customer.service';
import { StaffUser } from '../staff/staff-user.entity';
import { Credential, type SubjectType } from './credential.entity';
import type { PasswordHasher } from './password';
import { emailIndexOf } from './sign-in.service';

/** Every demo account the seed may create (all on the reserved `installa.test` domain). */
export const DEMO_ACCOUNT_EMAILS = [
  'demo@installa.test',
  'admin@installa.test',
  'kenji.sato@installa.test',
  'layla.alsabah@installa.test',
] as const;

/**
 * Refuses to run production with demo data: throws when any demo account exists (looked up by
 * blind index, so it works with encrypted emails).
 */
export async function assertNoDemoAccounts(orm: MikroORM): Promise<void> {
  const em = orm.em.fork();
  const indexes = DEMO_ACCOUNT_EMAILS.map(emailIndexOf);
  const customers = new CustomerService(em);
  const found =
    (await em.count(Credential, { emailIndex: { $in: indexes } })) +
    (await em.count(StaffUser, { emailIndex: { $in: indexes } })) +
    (await Promise.all(DEMO_ACCOUNT_EMAILS.map((e) => customers.findByEmail(e)))).filter(Boolean)
      .length;
  if (found > 0)
    throw new Error('Demo accounts (@installa.test) exist in this database: refusing production.');
}

/**
 * A login with a password set directly, verified email and optionally TOTP enabled. For the demo
 * seed only: it bypasses the password rules (the demo passwords contain the email's local part).
 */
export async function createDemoLogin(
  em: EntityManager,
  hasher: PasswordHasher,
  login: {
    subjectType: SubjectType;
    subjectId: string;
    email: string;
    password: string;
    totpSecret?: string;
  },
): Promise<Credential> {
  const now = new Date();
  const credential = new Credential(
    login.subjectType,
    login.subjectId,
    emailIndexOf(login.email),
    now,
  );
  credential.passwordHash = await hasher.hash(login.password);
  credential.emailVerifiedAt = now;
  if (login.totpSecret) {
    credential.totpSecret = login.totpSecret;
    credential.totpEnabledAt = now;
  }
  em.persist(credential);
  return credential;
}
