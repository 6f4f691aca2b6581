import type { EntityManager } from '@mikro-orm/postgresql';
import { requireSignedIn } from '../../../shared/auth/policy';
import type { Viewer } from '../../../shared/auth/viewer';
import { forbidden } from '../identity/identity-errors';
import { outcome } from '../identity/identity.results';
import type { IdentityDeps } from '../identity/identity-deps';
import type { SessionService, SessionSink } from './session.service';
import {
  maskIp,
  SessionNotFound,
  SessionRevoked,
  SessionType,
  type RevokeSessionResult,
} from './session.type';

/** The signed-in account's view of its own sessions. */
export class MySessionsService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
    private readonly deps: IdentityDeps,
    private readonly sessions: SessionService,
    private readonly sink: SessionSink,
  ) {}

  /** Live sessions of the caller's login, newest first. */
  async list(): Promise<SessionType[]> {
    const credentialId = this.ownCredentialId();
    const rows = await this.sessions.listLive(this.em, credentialId);
    return rows.map((s) =>
      outcome(SessionType, {
        id: s.id,
        createdAt: s.createdAt,
        lastSeenAt: s.lastSeenAt,
        expiresAt: this.sessions.expiresAt(s),
        userAgent: s.userAgent,
        ip: maskIp(s.ip),
        isCurrent: s.id === this.viewer.sessionId,
      }),
    );
  }

  /** Ends one of the caller's own sessions; anybody else's id is SessionNotFound. */
  async revoke(id: string): Promise<typeof RevokeSessionResult> {
    const credentialId = this.ownCredentialId();
    const revoked = await this.em.transactional(async (em) => {
      if (!(await this.sessions.revoke(em, id, credentialId))) return false;
      await this.deps.audit.record(em, this.viewer, {
        action: 'session_revoked',
        entityType: 'session',
        entityId: id,
        after: { reason: 'REVOKED_BY_USER' },
      });
      return true;
    });
    if (!revoked)
      return outcome(SessionNotFound, {
        code: 'SESSION_NOT_FOUND',
        message: 'No session of yours has this id.',
      });
    if (id === this.viewer.sessionId) this.sink({ action: 'clear' });
    return outcome(SessionRevoked, { id });
  }

  private ownCredentialId(): string {
    const viewer = requireSignedIn(this.viewer);
    if (viewer.role === 'SERVICE' || !viewer.subjectId || !viewer.sessionId)
      throw forbidden('SESSION_REQUIRED');
    return viewer.subjectId;
  }
}
