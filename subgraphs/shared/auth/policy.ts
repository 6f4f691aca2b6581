import { DomainError } from '../errors/domain-error';
import { STAFF_ROLES, type ApiScope, type Role, type Viewer } from './viewer';

/** How recent an MFA must be for sensitive actions (step-up), unless configured otherwise. */
export const STEP_UP_MAX_AGE_MS = 10 * 60_000;

const unauthenticated = () =>
  new DomainError('UNAUTHENTICATED', 'Sign in to continue.', { reason: 'SIGN_IN_REQUIRED' });
const forbidden = (reason: string, message = 'You are not allowed to do this.') =>
  new DomainError('FORBIDDEN', message, { reason });

/** The viewer, or UNAUTHENTICATED when nobody is signed in. */
export function requireSignedIn(viewer: Viewer): Viewer & { role: Role } {
  if (!viewer.role) throw unauthenticated();
  return viewer as Viewer & { role: Role };
}

/** FORBIDDEN unless the viewer has one of `roles` (API keys: role SERVICE). */
export function requireRole(viewer: Viewer, ...roles: Role[]): Viewer & { role: Role } {
  const signedIn = requireSignedIn(viewer);
  if (!roles.includes(signedIn.role)) throw forbidden('ROLE');
  return signedIn;
}

export const isStaff = (viewer: Viewer): boolean =>
  viewer.role !== null && STAFF_ROLES.includes(viewer.role);

/**
 * May the viewer read data of `customerId`? Customers only their own; staff all; API keys with
 * `scope`. A refusal is FORBIDDEN.
 */
export function canRead(viewer: Viewer, customerId: string, scope: ApiScope): boolean {
  switch (viewer.role) {
    case 'CUSTOMER':
      return viewer.customerId === customerId;
    case 'AGENT':
    case 'ADMIN':
    case 'AUDITOR':
      return true;
    case 'SERVICE':
      return viewer.scopes.includes(scope);
    default:
      return false;
  }
}

/** Throws UNAUTHENTICATED/FORBIDDEN unless `canRead`. */
export function requireRead(viewer: Viewer, customerId: string, scope: ApiScope): void {
  requireSignedIn(viewer);
  if (!canRead(viewer, customerId, scope)) throw forbidden('OWNERSHIP');
}

/** FORBIDDEN unless an API key holds `scope`; other roles pass through to their own checks. */
export function requireScope(viewer: Viewer, scope: ApiScope): void {
  if (viewer.role === 'SERVICE' && !viewer.scopes.includes(scope)) throw forbidden('SCOPE');
}

/** Step-up: FORBIDDEN (reason STEP_UP_REQUIRED) unless this session passed MFA recently. */
export function requireRecentMfa(viewer: Viewer, now = Date.now(), maxAgeMs = STEP_UP_MAX_AGE_MS) {
  requireSignedIn(viewer);
  const at = viewer.mfaVerifiedAt ? Date.parse(viewer.mfaVerifiedAt) : NaN;
  if (!(now - at <= maxAgeMs))
    throw forbidden('STEP_UP_REQUIRED', 'Confirm it is you with your authenticator code first.');
}
