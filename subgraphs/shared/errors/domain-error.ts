import { GraphQLError } from 'graphql';

/** The error codes every subgraph and the gateway use in `extensions.code`. */
export type ErrorCode =
  'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'INTERNAL';

/** A failure the client is meant to see; anything that is not a GraphQLError gets masked. */
export class DomainError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { ...details, code } });
  }
}

/** `NOT_FOUND` for a read of an entity that does not exist (or the viewer may not see). */
export const notFound = (entity: string, id: string): DomainError =>
  new DomainError('NOT_FOUND', `${entity} ${id} was not found.`, { entity, id });

/** `BAD_USER_INPUT` naming the offending field path, e.g. `input.amount`. */
export const badInput = (field: string, message: string): DomainError =>
  new DomainError('BAD_USER_INPUT', message, { field });

/** `CONFLICT` when the request contradicts stored state (e.g. an idempotency key reused). */
export const conflict = (message: string, details: Record<string, unknown> = {}): DomainError =>
  new DomainError('CONFLICT', message, details);

export const unauthenticated = (message = 'Authentication required.'): DomainError =>
  new DomainError('UNAUTHENTICATED', message);
