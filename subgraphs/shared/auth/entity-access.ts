import { DomainError } from '../errors/domain-error';
import { requireRead, requireScope, requireSignedIn } from './policy';
import type { ApiScope, Viewer } from './viewer';

/** Identifiers of stored entities are UUIDs; anything else can only be a miss. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** FORBIDDEN with reason OWNERSHIP, the same answer `requireRead` gives for another's data. */
export const ownershipForbidden = (): DomainError =>
  new DomainError('FORBIDDEN', 'You are not allowed to do this.', { reason: 'OWNERSHIP' });

/**
 * Authorizes reading one entity looked up by id (`row` null when there is none) and returns it,
 * or null when it does not exist and the viewer may see everything of its kind.
 * - anonymous: UNAUTHENTICATED; an API key without `scope`: FORBIDDEN (before anything is said
 *   about the row);
 * - a customer: the row when it is theirs, otherwise FORBIDDEN, also when it does not exist, so
 *   the answer never tells another customer's id from an unknown one;
 * - staff and keys with the scope: the row, or null.
 * FORBIDDEN rather than NOT_FOUND for customers: `requireRead` already answers FORBIDDEN for
 * another's data, so every refusal has one code and reason (OWNERSHIP) whatever the id, and
 * probing for other customers' ids shows up as FORBIDDEN in logs and alerts instead of hiding
 * among ordinary misses. Staff keep NOT_FOUND, which is simply true for them.
 */
export function authorizeRead<T>(
  viewer: Viewer,
  scope: ApiScope,
  row: T | null,
  ownerOf: (row: T) => string,
): T | null {
  requireSignedIn(viewer);
  requireScope(viewer, scope);
  if (row === null) {
    if (viewer.role === 'CUSTOMER') throw ownershipForbidden();
    return null;
  }
  requireRead(viewer, ownerOf(row), scope);
  return row;
}
