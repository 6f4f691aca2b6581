import type { MikroORM } from '@mikro-orm/postgresql';
import type { ApiScope, Role, Viewer } from '../../../shared/auth/viewer';
import { SESSION_TOKEN_PATTERN } from '../../../shared/auth/session-header';
import { qualifiedTable } from '../../../shared/db/orm';
import { sha256Hex, type Clock } from '../identity/secret-token';
import type { IdentitySettings } from '../identity/identity-deps';

/** Why a presented credential does not give a viewer. */
export type ResolveFailure = 'UNKNOWN' | 'EXPIRED' | 'REVOKED';

export type ResolveOutcome = { viewer: Viewer } | { reason: ResolveFailure };

/** `lastSeenAt`/`lastUsedAt` are written at most this often per session or key. */
export const TOUCH_INTERVAL_MS = 30_000;

/** API keys look like `ik_<8 lower-case letters/digits>_<43 base64url characters>`. */
export const API_KEY_PATTERN = /^ik_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/;

/** The driver returns timestamptz as a string or a Date depending on the ORM's type parsers. */
type Timestamp = Date | string;
const ms = (value: Timestamp): number => new Date(value).getTime();

interface SessionRow {
  id: string;
  credential_id: string;
  state: string;
  role: Role;
  customer_id: string | null;
  last_seen_at: Timestamp;
  absolute_expires_at: Timestamp;
  mfa_verified_at: Timestamp | null;
  revoked_at: Timestamp | null;
  disabled_at: Timestamp | null;
}

interface ApiKeyRow {
  id: string;
  scopes: ApiScope[];
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

/**
 * What the gateway calls on every request: session token or API key → viewer. One indexed SELECT
 * on the token hash (raw SQL, no entity hydration), plus at most one UPDATE per 30 s to slide the
 * idle window.
 */
export class ViewerLookup {
  private readonly sessionSql: string;
  private readonly touchSql: string;
  private readonly apiKeySql: string;
  private readonly apiKeyTouchSql: string;

  constructor(
    private readonly orm: MikroORM,
    private readonly settings: Pick<IdentitySettings, 'sessionIdleMs'>,
    private readonly clock: Clock,
  ) {
    const session = qualifiedTable(orm, 'session');
    const apiKey = qualifiedTable(orm, 'api_key');
    this.sessionSql =
      `select s.id, s.credential_id, s.state, s.role, s.customer_id, s.last_seen_at, ` +
      `s.absolute_expires_at, s.mfa_verified_at, s.revoked_at, c.disabled_at from ${session} s ` +
      `join ${qualifiedTable(orm, 'credential')} c on c.id = s.credential_id where s.token_hash = ?`;
    this.touchSql = `update ${session} set last_seen_at = ? where id = ? and last_seen_at < ?`;
    this.apiKeySql = `select id, scopes, expires_at, revoked_at, last_used_at from ${apiKey} where secret_hash = ?`;
    this.apiKeyTouchSql = `update ${apiKey} set last_used_at = ? where id = ?`;
  }

  /** Resolves a session cookie token. */
  async bySessionToken(
    token: string,
    ip: string,
    userAgent: string | null,
  ): Promise<ResolveOutcome> {
    if (!SESSION_TOKEN_PATTERN.test(token)) return { reason: 'UNKNOWN' };
    const connection = this.orm.em.getConnection();
    const row = (await connection.execute<SessionRow>(
      this.sessionSql,
      [sha256Hex(token)],
      'get',
    )) as SessionRow | undefined;
    if (!row) return { reason: 'UNKNOWN' };
    if (row.revoked_at || row.disabled_at) return { reason: 'REVOKED' };
    const now = this.clock();
    const lastSeen = ms(row.last_seen_at);
    if (now.getTime() >= ms(row.absolute_expires_at)) return { reason: 'EXPIRED' };
    if (now.getTime() >= lastSeen + this.settings.sessionIdleMs) return { reason: 'EXPIRED' };
    if (now.getTime() - lastSeen >= TOUCH_INTERVAL_MS) {
      const threshold = new Date(now.getTime() - TOUCH_INTERVAL_MS);
      await connection.execute(this.touchSql, [now, row.id, threshold], 'run');
    }
    const active = row.state === 'ACTIVE';
    const viewer: Viewer = {
      role: active ? row.role : null,
      subjectId: active ? row.credential_id : null,
      customerId: active ? row.customer_id : null,
      sessionId: row.id,
      mfaVerifiedAt:
        active && row.mfa_verified_at ? new Date(row.mfa_verified_at).toISOString() : null,
      scopes: [],
      ip,
      userAgent,
    };
    return { viewer };
  }

  /** Resolves an API key (role SERVICE with its scopes). */
  async byApiKey(key: string, ip: string, userAgent: string | null): Promise<ResolveOutcome> {
    if (!API_KEY_PATTERN.test(key)) return { reason: 'UNKNOWN' };
    const connection = this.orm.em.getConnection();
    const row = (await connection.execute<ApiKeyRow>(this.apiKeySql, [sha256Hex(key)], 'get')) as
      ApiKeyRow | undefined;
    if (!row) return { reason: 'UNKNOWN' };
    if (row.revoked_at) return { reason: 'REVOKED' };
    const now = this.clock();
    if (now.getTime() >= ms(row.expires_at)) return { reason: 'EXPIRED' };
    if (!row.last_used_at || now.getTime() - ms(row.last_used_at) >= TOUCH_INTERVAL_MS)
      await connection.execute(this.apiKeyTouchSql, [now, row.id], 'run');
    return {
      viewer: {
        role: 'SERVICE',
        subjectId: row.id,
        customerId: null,
        sessionId: null,
        mfaVerifiedAt: null,
        scopes: row.scopes,
        ip,
        userAgent,
      },
    };
  }
}
