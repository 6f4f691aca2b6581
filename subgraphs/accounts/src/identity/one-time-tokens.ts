import type { EntityManager } from '@mikro-orm/postgresql';
import { Credential } from './credential.entity';
import { OneTimeToken, type TokenPurpose } from './one-time-token.entity';
import { newSecretToken, sha256Hex, type Clock } from './secret-token';

/** Lifetimes of link tokens. */
export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  INVITE: 7 * 24 * 3_600_000,
  VERIFY_EMAIL: 24 * 3_600_000,
  RESET_PASSWORD: 3_600_000,
};

/** Issues and redeems single-use link tokens within the caller's transaction. */
export class OneTimeTokens {
  constructor(private readonly clock: Clock) {}

  /** A new token for `credential` (persisted; flushed by the caller); returns the secret. */
  issue(em: EntityManager, purpose: TokenPurpose, credential: Credential): string {
    const token = newSecretToken();
    const now = this.clock();
    em.persist(
      new OneTimeToken(
        purpose,
        sha256Hex(token),
        em.getReference(Credential, credential.id, { wrapped: true }),
        now,
        new Date(now.getTime() + TOKEN_TTL_MS[purpose]),
      ),
    );
    return token;
  }

  /**
   * Marks the token used and returns its credential, or null when it is unknown, of another
   * purpose, used or expired. One conditional UPDATE: two concurrent redemptions cannot both win.
   */
  async redeem(
    em: EntityManager,
    purpose: TokenPurpose,
    token: string,
  ): Promise<Credential | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const now = this.clock();
    const tokenHash = sha256Hex(token);
    const updated = await em.nativeUpdate(
      OneTimeToken,
      { tokenHash, purpose, usedAt: null, expiresAt: { $gt: now } },
      { usedAt: now },
    );
    if (updated === 0) return null;
    const row = await em.findOneOrFail(OneTimeToken, { tokenHash }, { populate: ['credential'] });
    return row.credential.getEntity();
  }

  /** Invalidates every unused token of a purpose for a credential (e.g. older reset links). */
  async revokeAll(em: EntityManager, purpose: TokenPurpose, credentialId: string): Promise<void> {
    await em.nativeUpdate(
      OneTimeToken,
      { purpose, credential: credentialId, usedAt: null },
      { usedAt: this.clock() },
    );
  }
}
