import { outcome, PasswordRejected } from './identity.results';
import { PASSWORD_PROBLEM_MESSAGES, passwordProblems } from './password';

/** PasswordRejected listing every broken rule, or null when `password` is acceptable. */
export function rejectPassword(password: string, email: string): PasswordRejected | null {
  const reasons = passwordProblems(password, email);
  if (reasons.length === 0) return null;
  return outcome(PasswordRejected, {
    code: 'PASSWORD_REJECTED',
    message: reasons.map((r) => PASSWORD_PROBLEM_MESSAGES[r]).join(' '),
    reasons,
  });
}
