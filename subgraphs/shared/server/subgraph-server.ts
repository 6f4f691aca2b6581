import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express, type Request } from 'express';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Logger } from 'pino';
import { formatError } from '../errors/format-error';
import { requestLogging } from './request-logging';
import { unauthenticated } from '../errors/domain-error';
import { isValidServiceSecret, SERVICE_SECRET_HEADER } from './service-secret';
import { IDENTITY_HEADER, identityKey, verifyIdentity } from '../auth/identity-header';
import { systemViewer, type Viewer } from '../auth/viewer';

/** What every request context carries, whatever the subgraph. */
export interface BaseRequestContext extends BaseContext {
  requestId: string;
  logger: Logger;
  /** Who is asking, as signed by the gateway; every resolver checks it. */
  viewer: Viewer;
  /**
   * Sets a header on the HTTP response to the gateway (e.g. accounts' session instruction, which
   * the gateway turns into a cookie); recorded by `execute` for tests, ignored over WebSocket.
   */
  setResponseHeader: (name: string, value: string) => void;
}

/** The result of an in-process operation, shaped like a GraphQL response body. */
export interface SingleResult<T> {
  data?: T | null;
  errors?: readonly GraphQLFormattedError[];
  /** Response headers the resolvers set (in-process execution only). */
  headers?: Record<string, string>;
}

export interface SubgraphServerOptions<C extends BaseRequestContext> {
  name: string;
  schema: GraphQLSchema;
  logger: Logger;
  serviceSecret: string;
  /** Builds a fresh context (one unit of work) per HTTP request or WebSocket operation. */
  createContext: (base: BaseRequestContext) => C;
  /** Readiness: resolves when the database is reachable and migrated; rejects otherwise. */
  checkReady: () => Promise<void>;
  /** Extra internal routes (e.g. event delivery), mounted before /graphql. */
  routes?: (app: Express) => void;
}

export interface SubgraphServer<C extends BaseRequestContext> {
  app: Express;
  httpServer: Server;
  apollo: ApolloServer<C>;
  /** Executes one operation in-process with a fresh request context (tests, internal jobs). */
  execute<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    viewer?: Viewer,
  ): Promise<SingleResult<T>>;
  listen(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}

const headerValue = (request: Request | IncomingMessage, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Request id propagated by the gateway (`x-request-id`), or a new one; bounded to stop log injection. */
const requestIdOf = (request: Request | IncomingMessage): string => {
  const id = headerValue(request, 'x-request-id');
  return id && /^[\w.-]{1,64}$/.test(id) ? id : randomUUID();
};

/**
 * One subgraph process: Apollo Server 5 on express 5 with graphql-ws on the same port and path,
 * `/healthz`, `/readyz`, errors masked in one place, and the service secret plus a signed identity
 * (the gateway's viewer, HMAC, at most a minute old) required on every GraphQL request and
 * WebSocket connection, so nothing bypasses the gateway.
 */
export async function createSubgraphServer<C extends BaseRequestContext>(
  options: SubgraphServerOptions<C>,
): Promise<SubgraphServer<C>> {
  const { logger, serviceSecret } = options;
  const signingKey = identityKey(serviceSecret);
  const viewerOf = new WeakMap<IncomingMessage, Viewer>();
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const wsCleanup = useServer<Record<string, unknown>>(
    {
      schema: options.schema,
      onConnect: (ctx) => {
        const params = ctx.connectionParams ?? {};
        const presented =
          headerValue(ctx.extra.request, SERVICE_SECRET_HEADER) ?? params[SERVICE_SECRET_HEADER];
        if (!isValidServiceSecret(presented, serviceSecret)) return false;
        const viewer = verifyIdentity(params[IDENTITY_HEADER], signingKey);
        if (!viewer) return false;
        viewerOf.set(ctx.extra.request, viewer);
        return true;
      },
      // subscriptions bypass Apollo's formatError: mask their unexpected errors the same way
      onNext: (ctx, _id, _payload, _args, result) => {
        if (!result.errors) return undefined;
        for (const error of result.errors) {
          const cause = error.originalError;
          if (cause && !(cause instanceof GraphQLError))
            logger.error({ err: cause }, 'unexpected error in subscription');
        }
        return {
          ...result,
          errors: result.errors.map((error) => formatError(error.toJSON(), error)),
        };
      },
      context: (ctx) => {
        const requestId = requestIdOf(ctx.extra.request);
        const viewer = viewerOf.get(ctx.extra.request);
        if (!viewer) throw new Error('WebSocket connection without a verified identity');
        return options.createContext({
          requestId,
          logger: logger.child({ requestId }),
          viewer,
          setResponseHeader: () => undefined,
        });
      },
    },
    wsServer,
  );

  const apollo = new ApolloServer<C>({
    schema: options.schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // federated tracing is for Apollo's commercial reporting, which we do not use; it costs CPU
      ApolloServerPluginInlineTraceDisabled(),
      requestLogging<C>(),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose();
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: options.name });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await options.checkReady();
      res.json({ status: 'ready', service: options.name });
    } catch (error) {
      // readiness failures are expected while the database is down or migrating: report, don't crash
      logger.warn({ err: error }, 'not ready');
      res.status(503).json({ status: 'not ready', service: options.name });
    }
  });
  options.routes?.(app);
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    (req, res, next) => {
      const viewer = isValidServiceSecret(headerValue(req, SERVICE_SECRET_HEADER), serviceSecret)
        ? verifyIdentity(headerValue(req, IDENTITY_HEADER), signingKey)
        : null;
      if (viewer) {
        res.locals.viewer = viewer;
        return next();
      }
      res.status(401).json({
        errors: [
          {
            message: unauthenticated('Requests must come through the gateway.').message,
            extensions: { code: 'UNAUTHENTICATED' },
          },
        ],
      });
    },
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = requestIdOf(req);
        const viewer = res.locals.viewer as Viewer;
        return options.createContext({
          requestId,
          logger: logger.child({ requestId }),
          viewer,
          setResponseHeader: (name, value) => res.setHeader(name, value),
        });
      },
    }),
  );

  return {
    app,
    httpServer,
    apollo,
    execute: async <T>(
      query: string,
      variables: Record<string, unknown> = {},
      viewer: Viewer = systemViewer(),
    ) => {
      const headers: Record<string, string> = {};
      const contextValue = options.createContext({
        requestId: randomUUID(),
        logger,
        viewer,
        setResponseHeader: (name, value) => {
          headers[name] = value;
        },
      });
      const response = await apollo.executeOperation<T>({ query, variables }, { contextValue });
      if (response.body.kind !== 'single') throw new Error('incremental delivery is not used here');
      // JSON round trip: plain objects (graphql-js builds null-prototype ones), as a client sees them
      const result = JSON.parse(JSON.stringify(response.body.singleResult)) as SingleResult<T>;
      return Object.keys(headers).length > 0 ? { ...result, headers } : result;
    },
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve((httpServer.address() as AddressInfo).port));
      }),
    stop: async () => {
      await apollo.stop();
      wsServer.close();
      if (httpServer.listening) await new Promise<void>((r) => httpServer.close(() => r()));
    },
  };
}
