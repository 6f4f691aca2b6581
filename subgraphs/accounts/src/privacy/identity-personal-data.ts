import type { EntityManager } from '@mikro-orm/postgresql';
import { fieldCipher } from '../../../shared/crypto/field-cipher';
import { Credential } from '../identity/credential.entity';
import { OneTimeToken } from '../identity/one-time-token.entity';
import { RecoveryCode } from '../mfa/recovery-code.entity';
import { Session } from '../session/session.entity';
import type { PersonalDataContributor } from './personal-data';

const loginsOf = (em: EntityManager, customerId: string) =>
  em.find(Credential, { subjectType: 'CUSTOMER', subjectId: customerId });

/**
 * Identity's part of a customer's personal data: the login (no hashes or secrets) and its
 * sessions. Erasure disables the login for good: sessions revoked and stripped of address and
 * user agent, password, TOTP secret, recovery codes and pending links removed, and the email's
 * blind index replaced so the address can sign up again as a new customer.
 */
export const identityPersonalData: PersonalDataContributor = {
  name: 'logins',
  async export(em, customerId) {
    const logins = await loginsOf(em, customerId);
    const sessions = await em.find(
      Session,
      { credential: { $in: logins.map((l) => l.id) } },
      { orderBy: { createdAt: 'asc' } },
    );
    return logins.map((login) => ({
      createdAt: login.createdAt.toISOString(),
      emailVerifiedAt: login.emailVerifiedAt?.toISOString() ?? null,
      isMfaEnabled: login.totpEnabledAt !== null,
      disabledAt: login.disabledAt?.toISOString() ?? null,
      sessions: sessions
        .filter((s) => s.credential.id === login.id)
        .map((s) => ({
          createdAt: s.createdAt.toISOString(),
          lastSeenAt: s.lastSeenAt.toISOString(),
          revokedAt: s.revokedAt?.toISOString() ?? null,
          ip: s.ip,
          userAgent: s.userAgent,
        })),
    }));
  },
  async erase(em, customerId) {
    const now = new Date();
    for (const login of await loginsOf(em, customerId)) {
      await em.nativeUpdate(Session, { credential: login.id, revokedAt: null }, { revokedAt: now });
      await em.nativeUpdate(Session, { credential: login.id }, { ip: null, userAgent: null });
      await em.nativeDelete(RecoveryCode, { credential: login.id });
      await em.nativeDelete(OneTimeToken, { credential: login.id });
      login.disabledAt ??= now;
      login.passwordHash = null;
      login.totpSecret = null;
      login.totpEnabledAt = null;
      login.emailIndex = fieldCipher().blindIndex(`erased-${login.id}`, 'email');
    }
  },
};
