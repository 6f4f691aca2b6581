import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { Logger as RuntimeLogger } from '@graphql-hive/logger';
import { PinoLogWriter } from '@graphql-hive/logger/writers/pino';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import express, { type Express, type RequestHandler } from 'express';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Logger } from 'pino';
import { SERVICE_SECRET_HEADER } from '../../subgraphs/shared/server/service-secret';
import { IDENTITY_HEADER } from '../../subgraphs/shared/auth/identity-header';
import { accountsAuthenticator, authenticate, type Authenticator } from './authentication';
import { identityPlugin, sessionCookieFromSubgraph, webSocketAuthentication } from './identity';
import { mountPortal } from './portal';
import { createRateLimiters } from './rate-limit';
import { loadManifest, trustedDocuments } from './trusted-documents';
import {
  armorPlugins,
  CSRF_HEADERS,
  isAllowedOrigin,
  maskUnexpectedErrors,
  OPERATION_LIMITS,
  securityHeaders,
} from './hardening';
import type { GatewayConfig } from './config';

/** `/readyz`: ready when every subgraph reports ready. */
function readiness(urls: Record<string, string>): RequestHandler {
  return async (_req, res) => {
    const checks = await Promise.all(
      Object.entries(urls).map(async ([name, url]) => {
        try {
          const response = await fetch(new URL('/readyz', url), {
            signal: AbortSignal.timeout(2_000),
          });
          return [name, response.ok] as const;
        } catch {
          return [name, false] as const; // unreachable subgraph: reported as not ready
        }
      }),
    );
    const ready = checks.every(([, ok]) => ok);
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'not ready', subgraphs: Object.fromEntries(checks) });
  };
}

/** Offline GraphiQL at /graphiql (and /graphql for browsers), opening with a federated example. */
function mountGraphiQL(app: Express): void {
  const page = renderGraphiQL({
    endpoint: '/graphql',
    title: 'Installa GraphQL',
    subscriptionsProtocol: 'WS',
    defaultQuery: EXAMPLE_QUERY,
  });
  app.get(['/graphiql', '/graphql'], (req, res, next) => {
    if (req.path === '/graphql' && (req.query.query || !req.accepts('html'))) return next();
    res.type('html').send(page);
  });
}

/** Refuses request bodies over `maxBytes` (413) and bodies of unknown length (411). */
function limitBody(maxBytes: number): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST') return next();
    const length = Number(req.headers['content-length']);
    if (!req.headers['content-length'] || Number.isNaN(length)) {
      res.status(411).json({
        errors: [
          { message: 'Content-Length is required.', extensions: { code: 'BAD_USER_INPUT' } },
        ],
      });
    } else if (length > maxBytes) {
      res.status(413).json({
        errors: [
          {
            message: `Requests are limited to ${maxBytes} bytes.`,
            extensions: { code: 'BAD_USER_INPUT' },
          },
        ],
      });
    } else next();
  };
}

export interface Gateway {
  runtime: GatewayRuntime;
  httpServer: Server;
  hasPortal: boolean;
  listen(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}

/** What GraphiQL opens with: one query that spans all three subgraphs. */
const EXAMPLE_QUERY = `# Installa's federated API. Open "Docs" for every type and field.
# This query reads from accounts (customer), schedules (plans, installments) and payments.
query MyPlans {
  me {
    name
    plans {
      title
      status
      outstandingBalance { amount currency }
      installments { number dueDate principal interest fees total status }
      payments { amount createdAt }
    }
  }
}
`;

const SUBGRAPH_URLS = (config: GatewayConfig) => ({
  accounts: config.ACCOUNTS_URL,
  schedules: config.SCHEDULES_URL,
  payments: config.PAYMENTS_URL,
});

/**
 * The one public entry point: the composed supergraph over HTTP and graphql-ws (Rust query planner),
 * offline GraphiQL, health and readiness, and the portal's static files on the same origin.
 */
export function createGateway(
  config: GatewayConfig,
  logger: Logger,
  authenticator: Authenticator = accountsAuthenticator(
    config.ACCOUNTS_URL,
    config.SERVICE_SECRET,
    logger,
  ),
): Gateway {
  const urls = SUBGRAPH_URLS(config);
  const secretHeader: [string, string] = [SERVICE_SECRET_HEADER, config.SERVICE_SECRET];
  const production = config.NODE_ENV === 'production';
  const runtime = createGatewayRuntime({
    supergraph: readFileSync(config.SUPERGRAPH_PATH, 'utf8'),
    ...(config.GATEWAY_QUERY_PLANNER === 'rust' ? { unifiedGraphHandler } : {}),
    graphiql: false,
    landingPage: false,
    plugins: () => [
      ...(config.GATEWAY_HARDENING === 'on' ? armorPlugins(production) : []),
      identityPlugin(config.SERVICE_SECRET),
    ],
    csrfPrevention: { requestHeaders: CSRF_HEADERS },
    maskedErrors: { maskError: maskUnexpectedErrors },
    persistedDocuments: trustedDocuments(
      loadManifest(config.TRUSTED_DOCUMENTS_PATH),
      config.TRUSTED_DOCUMENTS,
    ),
    // batched requests ([{query}, …]) stay off: one operation per request, each within the limits
    batching: false,
    ...(production ? { disableIntrospection: { disableIf: () => true } } : {}),
    // the runtime's own messages go through our pino logger: one JSON line each, redacted and
    // scrubbed of emails and card numbers like every other log line
    logging: new RuntimeLogger({
      level:
        config.LOG_LEVEL === 'silent'
          ? false
          : config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace'
            ? 'debug'
            : 'warn',
      writers: [
        new PinoLogWriter(
          // upstream failures carry the client's request (variables: passwords, codes): never log it
          logger.child(
            { component: 'gateway-runtime' },
            { redact: { paths: ['extensions.request', 'request'], censor: '[redacted]' } },
          ),
        ),
      ],
    }),
    transportEntries: {
      '*.http': {
        // the signed viewer of this request (HTTP and WebSocket alike), interpolated per fetch
        headers: [secretHeader, [IDENTITY_HEADER, '{context.installaIdentity}']],
        options: {
          deduplicateInflightRequests: config.GATEWAY_DEDUPE_INFLIGHT,
          subscriptions: {
            kind: 'ws',
            location: '/graphql',
            options: {
              connectionParams: {
                [SERVICE_SECRET_HEADER]: config.SERVICE_SECRET,
                // interpolated per subscription: the signed viewer of the client's connection
                [IDENTITY_HEADER]: '{context.installaIdentity}',
              },
            },
          },
        },
      },
      ...Object.fromEntries(Object.entries(urls).map(([name, location]) => [name, { location }])),
    },
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({
        'x-request-id': request.headers.get('x-request-id') ?? undefined,
      }),
      fromSubgraphsToClient: sessionCookieFromSubgraph,
    },
  });

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  app.get('/readyz', readiness(urls));
  // GraphiQL is a development tool (9 MB with inline scripts that the strict CSP would block):
  // served before the security headers, and not at all in production
  if (!production) mountGraphiQL(app);
  app.use(securityHeaders());
  const limiters = createRateLimiters(
    {
      perIpPerMinute: config.RATE_LIMIT_PER_IP_PER_MINUTE,
      perUserPerMinute: config.RATE_LIMIT_PER_USER_PER_MINUTE,
      namespace: config.RATE_LIMIT_NAMESPACE,
    },
    config.REDIS_URL,
    logger,
  );
  app.use(
    '/graphql',
    limiters.perIp,
    limitBody(OPERATION_LIMITS.bodyBytes),
    authenticate(authenticator),
    limiters.perUser,
    runtime,
  );
  const hasPortal = mountPortal(app, config.PORTAL_DIR);

  const httpServer =
    config.TLS_CERT_FILE && config.TLS_KEY_FILE
      ? createHttpsServer(
          { cert: readFileSync(config.TLS_CERT_FILE), key: readFileSync(config.TLS_KEY_FILE) },
          app,
        )
      : createServer(app);
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: OPERATION_LIMITS.bodyBytes,
    verifyClient: (info: { origin: string; req: IncomingMessage }) =>
      isAllowedOrigin(info.origin, info.req.headers.host, config.ALLOWED_ORIGINS),
  });
  const wsCleanup = useServer(
    webSocketAuthentication(runtime, authenticator, limiters.allowConnection),
    wsServer,
  );
  logger.debug({ hasPortal }, 'gateway ready to listen');

  return {
    runtime,
    httpServer,
    hasPortal,
    listen: (port, host = config.HOST) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve((httpServer.address() as AddressInfo).port));
      }),
    // the runtime does not close the http server on its own (STACK.md trap 5): close everything here
    stop: async () => {
      await wsCleanup.dispose();
      wsServer.close();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await runtime.dispose();
      await limiters.close();
    },
  };
}
