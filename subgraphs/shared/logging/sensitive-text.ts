/** Email addresses (with a dotted domain; placeholders such as `x@invalid` are not addresses). */
export const EMAIL_PATTERN = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/**
 * Runs of 13-19 digits, optionally grouped by single spaces or dashes, not part of a longer token
 * (so UUIDs, ISO dates and hex hashes do not qualify); `isLuhnValid` decides.
 */
export const CARD_CANDIDATE_PATTERN = /(?<![\w.-])\d(?:[ -]?\d){12,18}(?![\w-])/g;

/** The Luhn (mod 10) check every payment card number passes. */
export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (d < 0 || d > 9) return false;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Card-like numbers in `text`: 13-19 digits (spaces/dashes allowed) that pass Luhn. */
export function findCardNumbers(text: string): string[] {
  return [...text.matchAll(CARD_CANDIDATE_PATTERN)]
    .map((m) => m[0])
    .filter((candidate) => isLuhnValid(candidate.replace(/[ -]/g, '')));
}

/** `text` with email addresses and card-like numbers replaced by `[email]` and `[card]`. */
export function scrubSensitiveText(text: string): string {
  return text
    .replace(EMAIL_PATTERN, '[email]')
    .replace(CARD_CANDIDATE_PATTERN, (candidate) =>
      isLuhnValid(candidate.replace(/[ -]/g, '')) ? '[card]' : candidate,
    );
}
