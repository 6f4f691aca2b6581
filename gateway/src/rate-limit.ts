import type { RequestHandler } from 'express';
import { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { Logger } from 'pino';
import { clientIp, viewerOfRequest } from './authentication';

/** Requests allowed per minute, per client address and per signed-in user or API key. */
export interface RateLimits {
  perIpPerMinute: number;
  perUserPerMinute: number;
  /** Redis key prefix: deployments (or test runs) sharing one Redis keep separate budgets. */
  namespace: string;
}

export interface RateLimiters {
  /** Refuses (429 + Retry-After) a client over its per-IP budget; before authentication. */
  perIp: RequestHandler;
  /** Refuses a signed-in user or API key over its budget; after authentication. */
  perUser: RequestHandler;
  /** Consumes one point for a WebSocket connection from `ip`; false when over budget. */
  allowConnection(ip: string): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Fixed-window limits (rate-limiter-flexible): in memory on one instance, in Redis when
 * `redisUrl` is set so every gateway instance shares one budget. When Redis is unreachable the
 * limiter falls back to memory (insurance) rather than refusing all traffic.
 */
export function createRateLimiters(
  limits: RateLimits,
  redisUrl: string | undefined,
  logger: Logger,
): RateLimiters {
  const redis = redisUrl ? new Redis(redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
  redis?.on('error', (err) => logger.warn({ err }, 'rate-limit store unavailable'));
  const limiter = (keyPrefix: string, points: number): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ keyPrefix, points, duration: 60 });
    return redis
      ? new RateLimiterRedis({
          storeClient: redis,
          keyPrefix: `${limits.namespace}:rl:${keyPrefix}`,
          points,
          duration: 60,
          insuranceLimiter: memory,
        })
      : memory;
  };
  const ipLimiter = limiter('ip', limits.perIpPerMinute);
  const userLimiter = limiter('user', limits.perUserPerMinute);

  const guard =
    (
      rateLimiter: RateLimiterAbstract,
      keyOf: (req: Parameters<RequestHandler>[0]) => string | null,
    ): RequestHandler =>
    async (req, res, next) => {
      const key = keyOf(req);
      if (!key) return next();
      try {
        await rateLimiter.consume(key);
        next();
      } catch (outcome) {
        // consume rejects with RateLimiterRes when over budget, with an Error when the store fails
        if (!(outcome instanceof RateLimiterRes)) return next(outcome);
        const retryAfter = Math.max(1, Math.ceil(outcome.msBeforeNext / 1000));
        res.setHeader('Retry-After', String(retryAfter));
        res.status(429).json({
          errors: [
            {
              message: `Too many requests. Please wait ${retryAfter} s and try again.`,
              extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter },
            },
          ],
        });
      }
    };

  return {
    perIp: guard(ipLimiter, (req) => clientIp(req)),
    perUser: guard(userLimiter, (req) => viewerOfRequest(req)?.subjectId ?? null),
    allowConnection: async (ip) => {
      try {
        await ipLimiter.consume(ip);
        return true;
      } catch (outcome) {
        // over budget (RateLimiterRes) refuses the socket; a store error lets it through
        return !(outcome instanceof RateLimiterRes);
      }
    },
    close: async () => {
      redis?.disconnect();
    },
  };
}
