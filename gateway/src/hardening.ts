import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { GraphQLError } from 'graphql';
import { maskError } from 'graphql-yoga';

/** Limits every operation must respect before any subgraph is called. */
export const OPERATION_LIMITS = {
  depth: 10,
  aliases: 15,
  directives: 10,
  tokens: 3000,
  /** GraphQL Armor's cost: objects 2, scalars 1, multiplied by depth; the portal's query ≈ 300. */
  cost: 5000,
  /** Largest request body, in bytes. */
  bodyBytes: 100_000,
} as const;

/** Headers one of which a "simple" (non-preflighted) browser request must carry (CSRF). */
export const CSRF_HEADERS = ['x-graphql-csrf', 'apollo-require-preflight'];

/**
 * GraphQL Armor plugins (limits on tokens, depth, aliases, directives and cost; field suggestions
 * off in production, since they leak the schema). Depth and cost ignore introspection, which
 * development tools need and production refuses anyway.
 */
export function armorPlugins(production: boolean) {
  return [
    maxTokensPlugin({ n: OPERATION_LIMITS.tokens }),
    maxDepthPlugin({ n: OPERATION_LIMITS.depth, ignoreIntrospection: true }),
    maxAliasesPlugin({ n: OPERATION_LIMITS.aliases }),
    maxDirectivesPlugin({ n: OPERATION_LIMITS.directives }),
    costLimitPlugin({ maxCost: OPERATION_LIMITS.cost, ignoreIntrospection: true }),
    ...(production ? [blockFieldSuggestionsPlugin()] : []),
  ];
}

/**
 * Security headers for the portal and the API: a CSP with no inline or remote scripts, no
 * framing, HSTS, no referrer, and a Permissions-Policy that turns off what the portal never uses.
 * Styles may be inline (Angular adds component styles at run time); scripts may not.
 */
export function securityHeaders(): RequestHandler[] {
  return [
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
      referrerPolicy: { policy: 'no-referrer' },
    }),
    (_req, res, next) => {
      res.setHeader(
        'Permissions-Policy',
        'camera=(), microphone=(), geolocation=(), usb=(), payment=(self), interest-cohort=()',
      );
      next();
    },
  ];
}

/**
 * WebSocket upgrades from a browser must come from this origin (or a configured one): a page on
 * another site must not open a subscription with the customer's cookies. Clients that are not
 * browsers send no Origin and are authenticated like any API client.
 */
export function isAllowedOrigin(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (!origin) return true;
  try {
    const url = new URL(origin);
    return url.host === host || allowed.includes(url.origin);
  } catch {
    return false; // a malformed Origin header is refused
  }
}

/** Error codes subgraphs send on purpose; through the gateway they reach the client unchanged. */
const INTENDED_ERROR_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
]);

/**
 * Yoga's masking, except for intended errors from subgraphs. Subscription errors from an upstream
 * arrive thrown inside the event stream (not as result errors), which the default masks as
 * INTERNAL_SERVER_ERROR: a FORBIDDEN subscription must still say FORBIDDEN.
 */
export const maskUnexpectedErrors: typeof maskError = (error, message, isDev) => {
  const intended = intendedError(error) ?? intendedError((error as GraphQLError)?.originalError);
  if (!intended) return maskError(error, message, isDev);
  return new GraphQLError(intended.message, {
    path: (error as GraphQLError).path ?? intended.path,
    extensions: intended.extensions,
  });
};

/** The error if it carries an intended code: upstream errors may be plain objects, not instances. */
function intendedError(
  error: unknown,
): Pick<GraphQLError, 'message' | 'extensions' | 'path'> | null {
  if (typeof error !== 'object' || error === null) return null;
  const candidate = error as Partial<GraphQLError>;
  return typeof candidate.message === 'string' &&
    INTENDED_ERROR_CODES.has(String(candidate.extensions?.code))
    ? (candidate as GraphQLError)
    : null;
}
