/** Who may act: one per role, checked by every resolver (see `policy.ts`). */
export const ROLES = ['CUSTOMER', 'AGENT', 'ADMIN', 'AUDITOR', 'SERVICE'] as const;
export type Role = (typeof ROLES)[number];
export const STAFF_ROLES: readonly Role[] = ['AGENT', 'ADMIN', 'AUDITOR'];

/** What an API key (role SERVICE) may be granted; each names a resource and an access level. */
export const API_SCOPES = [
  'customers:read',
  'plans:read',
  'payments:read',
  'payments:write',
  'ledger:read',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/**
 * The caller of one request, established by the gateway (session cookie or API key) and sent to
 * subgraphs in the signed identity header. Anonymous callers have `role: null`.
 */
export interface Viewer {
  role: Role | null;
  /** Login (credential) id for users, API key id for SERVICE; null when anonymous. */
  subjectId: string | null;
  /** The customer this viewer is, for role CUSTOMER only. */
  customerId: string | null;
  /** Server-side session row id (never the cookie token); null for API keys and anonymous. */
  sessionId: string | null;
  /** When this session last passed MFA (ISO 8601 UTC), for step-up checks; null if never. */
  mfaVerifiedAt: string | null;
  /** Granted scopes, for role SERVICE only. */
  scopes: ApiScope[];
  /** Client address as seen by the gateway, for audit and per-IP limits. */
  ip: string;
  /** Client user agent (truncated), for the session list and audit. */
  userAgent: string | null;
}

/** A caller that is not signed in. */
export const anonymousViewer = (ip = 'unknown', userAgent: string | null = null): Viewer => ({
  role: null,
  subjectId: null,
  customerId: null,
  sessionId: null,
  mfaVerifiedAt: null,
  scopes: [],
  ip,
  userAgent,
});

/** In-process callers (seed, jobs, tests) acting with full rights, audited as the system. */
export const systemViewer = (): Viewer => ({
  role: 'ADMIN',
  subjectId: 'system',
  customerId: null,
  sessionId: null,
  mfaVerifiedAt: new Date().toISOString(),
  scopes: [],
  ip: 'internal',
  userAgent: null,
});

/** A signed-in customer (tests and in-process use). */
export const customerViewer = (customerId: string, subjectId = customerId): Viewer => ({
  ...anonymousViewer('internal'),
  role: 'CUSTOMER',
  subjectId,
  customerId,
});
