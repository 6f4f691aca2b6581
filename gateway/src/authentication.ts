import type { IncomingMessage } from 'node:http';
import { parse as parseCookies } from 'cookie';
import type { RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { anonymousViewer, type Viewer } from '../../subgraphs/shared/auth/viewer';
import { SERVICE_SECRET_HEADER } from '../../subgraphs/shared/server/service-secret';
import { SESSION_COOKIE } from '../../subgraphs/shared/auth/session-header';

export { SESSION_COOKIE };

/** What a client presented: a session cookie, an API key, both or neither. */
export interface Credentials {
  sessionToken?: string;
  apiKey?: string;
}

/** Why presented credentials were refused (the client only learns "sign in again"). */
export type RefusalReason = 'UNKNOWN' | 'EXPIRED' | 'REVOKED' | 'UNAVAILABLE';

export type Authentication = { viewer: Viewer } | { refused: RefusalReason };

/** Turns credentials into a viewer; accounts owns sessions and keys, so it asks accounts. */
export interface Authenticator {
  authenticate(
    credentials: Credentials,
    ip: string,
    userAgent: string | null,
  ): Promise<Authentication>;
}

const MAX_CREDENTIAL_LENGTH = 512;

/** The credentials of an HTTP request or WebSocket upgrade (cookie, `Authorization: Bearer`). */
export function credentialsOf(
  request: IncomingMessage,
  connectionParams?: Record<string, unknown>,
): Credentials {
  const credentials: Credentials = {};
  const cookieHeader = request.headers.cookie;
  if (cookieHeader) {
    const token = parseCookies(cookieHeader)[SESSION_COOKIE];
    if (token) credentials.sessionToken = token.slice(0, MAX_CREDENTIAL_LENGTH);
  }
  const authorization =
    request.headers.authorization ??
    (typeof connectionParams?.authorization === 'string'
      ? connectionParams.authorization
      : undefined);
  const apiKey = bearerKey(authorization);
  if (apiKey) credentials.apiKey = apiKey;
  return credentials;
}

/** The key of an `Authorization: Bearer <key>` value (bounded), or undefined. */
export function bearerKey(authorization: string | null | undefined): string | undefined {
  const bearer = /^Bearer ([\x21-\x7e]+)$/i.exec(authorization ?? '');
  return bearer?.[1]?.slice(0, MAX_CREDENTIAL_LENGTH);
}

/** Client address for limits and audit (the socket's; no proxy headers are trusted). */
export const clientIp = (request: IncomingMessage): string =>
  (request.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');

export const userAgentOf = (request: IncomingMessage): string | null =>
  request.headers['user-agent']?.slice(0, 256) ?? null;

/**
 * Asks accounts' internal endpoint (`POST /internal/auth/resolve`, service secret required) who a
 * session token or API key belongs to. No caching: a revoked session is refused on its next use.
 */
export function accountsAuthenticator(
  accountsGraphqlUrl: string,
  serviceSecret: string,
  logger: Logger,
): Authenticator {
  const endpoint = new URL('/internal/auth/resolve', accountsGraphqlUrl).toString();
  return {
    async authenticate(credentials, ip, userAgent) {
      if (!credentials.sessionToken && !credentials.apiKey) {
        return { viewer: anonymousViewer(ip, userAgent) };
      }
      try {
        const response = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [SERVICE_SECRET_HEADER]: serviceSecret },
          body: JSON.stringify({ ...credentials, ip, userAgent }),
          signal: AbortSignal.timeout(5_000),
        });
        const body = (await response.json()) as { viewer?: Viewer; reason?: RefusalReason };
        if (response.ok && body.viewer) return { viewer: { ...body.viewer, ip, userAgent } };
        if (response.status === 401) return { refused: body.reason ?? 'UNKNOWN' };
        logger.error({ status: response.status }, 'accounts refused to resolve credentials');
        return { refused: 'UNAVAILABLE' };
      } catch (error) {
        // accounts unreachable or timed out: the caller is not authenticated, not anonymous
        logger.error({ err: error }, 'accounts unreachable for authentication');
        return { refused: 'UNAVAILABLE' };
      }
    },
  };
}

/** `Set-Cookie` value that sets (token, max age) or clears the session cookie. */
export function sessionCookie(token: string | null, maxAgeSeconds = 0): string {
  const attributes = 'Path=/; Secure; HttpOnly; SameSite=Lax';
  return token
    ? `${SESSION_COOKIE}=${token}; Max-Age=${maxAgeSeconds}; ${attributes}`
    : `${SESSION_COOKIE}=; Max-Age=0; ${attributes}`;
}

const viewers = new WeakMap<IncomingMessage, Viewer>();

/** The viewer established for this HTTP request or WebSocket upgrade (none if not authenticated). */
export const viewerOfRequest = (request: IncomingMessage | undefined): Viewer | undefined =>
  request ? viewers.get(request) : undefined;

/** Remembers who an HTTP request or WebSocket upgrade was authenticated as. */
export const rememberViewer = (request: IncomingMessage, viewer: Viewer): void => {
  viewers.set(request, viewer);
};

function refuse(res: Response, reason: RefusalReason): void {
  const unavailable = reason === 'UNAVAILABLE';
  if (!unavailable) res.setHeader('Set-Cookie', sessionCookie(null));
  res.status(unavailable ? 503 : 401).json({
    errors: [
      {
        message: unavailable
          ? 'Sign-in is temporarily unavailable. Please try again shortly.'
          : 'Your session has ended or your key is not valid. Please sign in again.',
        extensions: { code: unavailable ? 'SERVICE_UNAVAILABLE' : 'UNAUTHENTICATED' },
      },
    ],
  });
}

/**
 * Express middleware before the GraphQL runtime: resolves the caller; dead credentials (forged,
 * expired, revoked) are refused here with 401 and the cookie cleared, so no subgraph sees them.
 */
export function authenticate(authenticator: Authenticator): RequestHandler {
  return async (req, res, next) => {
    const outcome = await authenticator.authenticate(
      credentialsOf(req),
      clientIp(req),
      userAgentOf(req),
    );
    if ('refused' in outcome) return refuse(res, outcome.refused);
    rememberViewer(req, outcome.viewer);
    next();
  };
}
