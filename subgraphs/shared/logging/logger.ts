import pino, { type Logger, type LevelWithSilent } from 'pino';

/**
 * Paths never written to logs: credentials, tokens, cookies and personal data. pino replaces
 * their values with "[redacted]" before serialising.
 */
export const REDACT_PATHS = [
  'password',
  '*.password',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'email',
  '*.email',
  'name',
  '*.name',
  'authorization',
  'cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-installa-router-secret"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-installa-router-secret"]',
  'variables',
  '*.variables',
];

/** The root logger of one process; modules take `logger.child({ feature })`. */
export function createLogger(options: { level: LevelWithSilent; service: string }): Logger {
  return pino({
    level: options.level,
    base: { service: options.service },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
