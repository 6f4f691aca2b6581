/** NIST SP 800-63B: length is what counts; no other composition rules. */
export const PASSWORD_MIN_LENGTH = 12;

/** Shown under every new-password field. */
export const PASSWORD_HINT =
  `At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a strong, ` +
  'memorable password. Very common passwords are not accepted.';
