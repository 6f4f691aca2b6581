import express, { type Express } from 'express';
import { z } from 'zod';
import { anonymousViewer } from '../../../shared/auth/viewer';
import { isValidServiceSecret, SERVICE_SECRET_HEADER } from '../../../shared/server/service-secret';
import type { Logger } from 'pino';
import type { ViewerLookup } from './viewer-lookup';

/** Path of the gateway's viewer lookup. */
export const AUTH_RESOLVE_PATH = '/internal/auth/resolve';

const bodySchema = z.strictObject({
  sessionToken: z.string().max(200).optional(),
  apiKey: z.string().max(200).optional(),
  ip: z.string().min(1).max(64),
  userAgent: z.string().nullable(),
});

/**
 * `POST /internal/auth/resolve` for the gateway, behind the service secret like `/graphql`:
 * `{ sessionToken?, apiKey?, ip, userAgent }` → 200 `{ viewer }`, 401 `{ reason }` for an
 * unknown, expired or revoked credential, 400 for a malformed body. Neither token → anonymous;
 * both → the API key decides (an explicit `Authorization` header beats a cookie jar).
 */
export function authResolveRoute(lookup: ViewerLookup, serviceSecret: string, logger: Logger) {
  return (app: Express): void => {
    app.post(AUTH_RESOLVE_PATH, express.json({ limit: '4kb' }), async (req, res) => {
      if (!isValidServiceSecret(req.headers[SERVICE_SECRET_HEADER], serviceSecret)) {
        res.status(401).json({
          errors: [
            {
              message: 'Requests must come through the gateway.',
              extensions: { code: 'UNAUTHENTICATED' },
            },
          ],
        });
        return;
      }
      const parsed = bodySchema.safeParse(req.body);
      if (!parsed.success) {
        res.status(400).json({ error: 'body must be { sessionToken?, apiKey?, ip, userAgent }' });
        return;
      }
      const { sessionToken, apiKey, ip } = parsed.data;
      const userAgent = parsed.data.userAgent?.slice(0, 256) ?? null;
      try {
        const result = apiKey
          ? await lookup.byApiKey(apiKey, ip, userAgent)
          : sessionToken
            ? await lookup.bySessionToken(sessionToken, ip, userAgent)
            : { viewer: anonymousViewer(ip, userAgent) };
        if ('reason' in result) res.status(401).json({ reason: result.reason });
        else res.json(result);
      } catch (error) {
        // a database failure must not leak details to the gateway; it logs and retries per request
        logger.error({ err: error }, 'auth resolve failed');
        res.status(500).json({ error: 'internal' });
      }
    });
  };
}
