import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

/** OWASP's argon2id baseline: m=19456 KiB, t=2, p=1 (about 35 ms per hash on one core here). */
export const ARGON2_OPTIONS = {
  algorithm: 2 as Algorithm, // Argon2id; the enum is `const` and cannot be read with isolatedModules
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** Why a password is refused; the client shows a sentence for each. */
export type PasswordProblem = 'TOO_SHORT' | 'TOO_LONG' | 'COMMON' | 'CONTAINS_EMAIL';

let common: Set<string> | null = null;
const commonPasswords = (): Set<string> => {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return common;
};

/**
 * NIST SP 800-63B rules: 12 to 128 characters, not in the bundled list of 49k common passwords
 * (case-insensitive), not the email's local part nor containing it; no composition rules.
 */
export function passwordProblems(password: string, email: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('TOO_SHORT');
  if (length > PASSWORD_MAX_LENGTH) problems.push('TOO_LONG');
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) problems.push('COMMON');
  const local = email.trim().toLowerCase().split('@')[0] ?? '';
  // a 1-2 letter local part would refuse half the dictionary; still refuse it verbatim
  if (local && (lower === local || (local.length >= 3 && lower.includes(local))))
    problems.push('CONTAINS_EMAIL');
  return problems;
}

/** Messages for `PasswordProblem`s, one place. */
export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  TOO_SHORT: `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
  TOO_LONG: `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
  COMMON: 'This password is too common; choose another.',
  CONTAINS_EMAIL: 'The password must not contain your email address.',
};

/** Hashes and verifies passwords (argon2id); injectable so tests can observe verification. */
export class PasswordHasher {
  private dummy: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return hash(password, ARGON2_OPTIONS);
  }

  /** False for a wrong password or a malformed hash (never throws on bad input). */
  async verify(stored: string, password: string): Promise<boolean> {
    try {
      return await verify(stored, password);
    } catch {
      // a malformed stored hash is a refusal, not a crash (e.g. a hand-edited row)
      return false;
    }
  }

  /**
   * A real hash of a random password, verified when the email is unknown or has no password so
   * the response time does not reveal whether an account exists.
   */
  dummyHash(): Promise<string> {
    this.dummy ??= this.hash(`dummy-${Math.random()}-${Date.now()}`);
    return this.dummy;
  }
}
