/** The only failure the engine reports: input the caller can fix, naming the offending field. */
export interface EngineIssue {
  readonly code: 'BAD_USER_INPUT';
  readonly message: string;
  /** Dotted path of the field, indices in brackets: "installmentCount", "fees[0].amount". */
  readonly path: string;
}

/**
 * Thrown by every engine entry point for invalid input; anything else escaping the engine is a
 * bug. The GraphQL layer maps it to a DomainError('BAD_USER_INPUT', message, { path }).
 */
export class EngineError extends Error implements EngineIssue {
  readonly code = 'BAD_USER_INPUT' as const;

  constructor(
    readonly path: string,
    message: string,
  ) {
    super(path ? `${path}: ${message}` : message);
    this.name = 'EngineError';
  }

  toJSON(): EngineIssue {
    return { code: this.code, message: this.message, path: this.path };
  }
}

/** Writes a zod-style path (["fees", 0, "amount"]) as "fees[0].amount". */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text ? `${text}.${String(key)}` : String(key);
  }, '');
}

/** Throws an EngineError for `path` unless `condition` holds. */
export function ensure(condition: boolean, path: string, message: string): asserts condition {
  if (!condition) throw new EngineError(path, message);
}
