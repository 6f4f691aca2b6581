import { DomainError } from '../../../shared/errors/domain-error';
import { EngineError } from '../engine';

/**
 * Runs a servicing-engine call and turns its EngineError (input the caller can fix) into a
 * BAD_USER_INPUT DomainError whose `field` is the engine path under `prefix` ("terms" +
 * "fees[0].amount" → "terms.fees[0].amount"). Anything else is rethrown and masked as INTERNAL.
 */
export function engineCall<T>(prefix: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    // The engine reports invalid input only by throwing; it cannot be checked beforehand.
    if (!(error instanceof EngineError)) throw error;
    const field = [prefix, error.path].filter((part) => part.length > 0).join('.');
    throw new DomainError('BAD_USER_INPUT', error.message, { field });
  }
}
