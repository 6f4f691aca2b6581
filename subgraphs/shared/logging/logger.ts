import pino, { type Logger, type LevelWithSilent, type DestinationStream } from 'pino';
import { scrubSensitiveText } from './sensitive-text';

/**
 * Paths never written to logs: credentials, tokens, cookies and personal data. pino replaces
 * their values with "[redacted]" before serialising.
 */
export const REDACT_PATHS = [
  'password',
  '*.password',
  'newPassword',
  '*.newPassword',
  'currentPassword',
  '*.currentPassword',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'refreshToken',
  '*.refreshToken',
  'sessionToken',
  '*.sessionToken',
  'apiKey',
  '*.apiKey',
  'secret',
  '*.secret',
  'totpSecret',
  '*.totpSecret',
  'otp',
  '*.otp',
  'mfaCode',
  '*.mfaCode',
  'totpCode',
  '*.totpCode',
  'recoveryCode',
  '*.recoveryCode',
  'phone',
  '*.phone',
  'postalAddress',
  '*.postalAddress',
  'email',
  '*.email',
  'name',
  '*.name',
  'authorization',
  'cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-installa-router-secret"]',
  'req.headers["x-installa-service-secret"]',
  'req.headers["x-installa-identity"]',
  'req.headers["set-cookie"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'headers["x-installa-router-secret"]',
  'headers["x-installa-service-secret"]',
  'headers["x-installa-identity"]',
  'variables',
  '*.variables',
];

/**
 * The root logger of one process; modules take `logger.child({ feature })`. Besides the redacted
 * paths, every finished line (message, error stacks, any string anywhere) has email addresses
 * and card-like numbers (Luhn-valid) replaced, since they turn up in error messages and SQL.
 */
export function createLogger(
  options: { level: LevelWithSilent; service: string },
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.service },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      hooks: { streamWrite: scrubSensitiveText },
    },
    destination ?? pino.destination(1),
  );
}
