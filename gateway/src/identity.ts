import type { IncomingMessage } from 'node:http';
import {
  getGraphQLWSOptions,
  type GatewayPlugin,
  type GatewayRuntime,
} from '@graphql-hive/gateway-runtime';
import type { ServerOptions } from 'graphql-ws';
import { identityKey, signIdentity } from '../../subgraphs/shared/auth/identity-header';
import { anonymousViewer, type Viewer } from '../../subgraphs/shared/auth/viewer';
import {
  parseSessionInstruction,
  SESSION_HEADER,
} from '../../subgraphs/shared/auth/session-header';
import {
  clientIp,
  credentialsOf,
  rememberViewer,
  sessionCookie,
  userAgentOf,
  viewerOfRequest,
  type Authenticator,
} from './authentication';

interface IdentityContext {
  req?: IncomingMessage;
  installaViewer?: Viewer;
}

/**
 * Signs the request's viewer (HTTP: set by `authenticate`; WebSocket: by `connection_init`) into
 * the context, from where it goes to every subgraph as `x-installa-identity`.
 */
export function identityPlugin(serviceSecret: string): GatewayPlugin {
  const key = identityKey(serviceSecret);
  return {
    onContextBuilding({ context, extendContext }) {
      const { req, installaViewer } = context as IdentityContext;
      const viewer = installaViewer ?? viewerOfRequest(req) ?? anonymousViewer();
      extendContext({ installaIdentity: signIdentity(viewer, key) } as never);
    },
  };
}

/**
 * Accounts' session instruction (`set <token> <maxAgeSeconds>` or `clear`) becomes the
 * `__Host-` cookie; no other subgraph may set it and the instruction never reaches the client.
 */
export function sessionCookieFromSubgraph({
  response,
  subgraphName,
}: {
  response: Response;
  subgraphName: string;
}): Record<string, string> | undefined {
  if (subgraphName !== 'accounts') return undefined;
  const instruction = parseSessionInstruction(response.headers.get(SESSION_HEADER));
  if (!instruction) return undefined;
  return {
    'set-cookie':
      instruction.action === 'clear'
        ? sessionCookie(null)
        : sessionCookie(instruction.token, instruction.maxAgeSeconds),
  };
}

/**
 * graphql-ws options for the gateway: `connection_init` is authenticated like an HTTP request
 * (the upgrade's session cookie, or `authorization: Bearer <key>` in the connection params); dead
 * credentials and clients over their per-IP budget are closed (4403) before any subscription
 * reaches a subgraph.
 */
export function webSocketAuthentication(
  runtime: GatewayRuntime,
  authenticator: Authenticator,
  allowConnection: (ip: string) => Promise<boolean>,
): ServerOptions<Record<string, unknown>, { request: IncomingMessage }> {
  const options = getGraphQLWSOptions(runtime, (ctx: { extra: { request: IncomingMessage } }) => ({
    installaViewer: viewerOfRequest(ctx.extra.request) ?? anonymousViewer(),
  })) as ServerOptions<Record<string, unknown>, { request: IncomingMessage }>;
  return {
    ...options,
    onConnect: async (ctx) => {
      const request = ctx.extra.request;
      if (!(await allowConnection(clientIp(request)))) return false;
      const outcome = await authenticator.authenticate(
        credentialsOf(request, ctx.connectionParams),
        clientIp(request),
        userAgentOf(request),
      );
      if ('refused' in outcome) return false;
      rememberViewer(request, outcome.viewer);
      return true;
    },
  };
}
