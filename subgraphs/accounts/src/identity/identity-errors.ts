import { DomainError } from '../../../shared/errors/domain-error';

/** FORBIDDEN with a machine-readable reason. */
export const forbidden = (reason: string, message = 'You are not allowed to do this.') =>
  new DomainError('FORBIDDEN', message, { reason });
