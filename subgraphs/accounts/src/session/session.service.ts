import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role, Viewer } from '../../../shared/auth/viewer';
import type { SessionInstruction } from '../../../shared/auth/session-header';
import { Credential } from '../identity/credential.entity';
import { newSecretToken, sha256Hex } from '../identity/secret-token';
import type { IdentityDeps } from '../identity/identity-deps';
import { Session, type SessionState } from './session.entity';

/** A session just opened and the cookie instruction that carries its token. */
export interface OpenedSession {
  session: Session;
  instruction: SessionInstruction;
}

/** Opens, rotates, lists and revokes sessions inside the caller's unit of work. */
export class SessionService {
  constructor(private readonly deps: IdentityDeps) {}

  /**
   * Opens a session for `credential` (persisted, flushed by the caller); the token exists only in
   * the returned instruction. PENDING_MFA sessions live 5 minutes, ACTIVE ones the absolute limit.
   */
  open(
    em: EntityManager,
    credential: Credential,
    fields: {
      state: SessionState;
      role: Role;
      customerId: string | null;
      viewer: Viewer;
      mfaVerifiedAt?: Date | null;
    },
  ): OpenedSession {
    const now = this.deps.clock();
    const { settings } = this.deps;
    const lifetime = fields.state === 'ACTIVE' ? settings.sessionAbsoluteMs : settings.pendingMfaMs;
    const token = newSecretToken();
    const session = new Session({
      tokenHash: sha256Hex(token),
      credential: em.getReference(Credential, credential.id, { wrapped: true }),
      state: fields.state,
      role: fields.role,
      customerId: fields.customerId,
      createdAt: now,
      absoluteExpiresAt: new Date(now.getTime() + lifetime),
    });
    session.mfaVerifiedAt = fields.mfaVerifiedAt ?? null;
    session.ip = fields.viewer.ip;
    session.userAgent = fields.viewer.userAgent;
    em.persist(session);
    return {
      session,
      instruction: { action: 'set', token, maxAgeSeconds: Math.floor(lifetime / 1000) },
    };
  }

  /** Revokes one session of `credentialId` (no-op when it is not theirs or already revoked). */
  async revoke(em: EntityManager, id: string, credentialId?: string): Promise<boolean> {
    const where = credentialId
      ? { id, credential: credentialId, revokedAt: null }
      : { id, revokedAt: null };
    return (await em.nativeUpdate(Session, where, { revokedAt: this.deps.clock() })) > 0;
  }

  /** Revokes every session of a credential, optionally keeping one. */
  async revokeAll(em: EntityManager, credentialId: string, exceptId?: string): Promise<number> {
    return em.nativeUpdate(
      Session,
      {
        credential: credentialId,
        revokedAt: null,
        ...(exceptId ? { id: { $ne: exceptId } } : {}),
      },
      { revokedAt: this.deps.clock() },
    );
  }

  /** When the session ends if unused from now on: idle or absolute limit, whichever is first. */
  expiresAt(session: Pick<Session, 'state' | 'lastSeenAt' | 'absoluteExpiresAt'>): Date {
    const idle = session.lastSeenAt.getTime() + this.deps.settings.sessionIdleMs;
    return new Date(Math.min(idle, session.absoluteExpiresAt.getTime()));
  }

  /** True while the session is neither revoked nor past its idle or absolute limit. */
  isLive(session: Pick<Session, 'state' | 'lastSeenAt' | 'absoluteExpiresAt' | 'revokedAt'>) {
    return !session.revokedAt && this.expiresAt(session) > this.deps.clock();
  }

  /** The live session `id`, or null. */
  async findLive(em: EntityManager, id: string | null): Promise<Session | null> {
    if (!id) return null;
    const session = await em.findOne(Session, { id }, { populate: ['credential'] });
    return session && this.isLive(session) ? session : null;
  }

  /** Live sessions of a credential, newest first. */
  async listLive(em: EntityManager, credentialId: string): Promise<Session[]> {
    const now = this.deps.clock();
    const rows = await em.find(
      Session,
      { credential: credentialId, revokedAt: null, absoluteExpiresAt: { $gt: now } },
      { orderBy: { createdAt: 'desc', id: 'desc' } },
    );
    return rows.filter((s) => this.isLive(s));
  }
}

/** Applies a cookie instruction to the response (the context's `setResponseHeader`). */
export type SessionSink = (instruction: SessionInstruction) => void;
