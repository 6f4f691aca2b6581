import type Redis from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

/** Window of the per-IP failed sign-in limit. */
export const IP_WINDOW_SECONDS = 15 * 60;

/**
 * Failed sign-ins per client IP (all emails together), shared by every accounts instance through
 * Redis when configured, else per process. Blocks the IP for the rest of the window at the limit.
 */
export class IpLimiter {
  private readonly limiter: RateLimiterAbstract;

  constructor(
    private readonly limit: number,
    redis?: Redis,
  ) {
    const options = {
      keyPrefix: 'installa:sign-in-ip',
      points: limit,
      duration: IP_WINDOW_SECONDS,
    };
    this.limiter = redis
      ? new RateLimiterRedis({ ...options, storeClient: redis })
      : new RateLimiterMemory(options);
  }

  /** Seconds until `ip` may try again, or 0 when it is under the limit. */
  async retryAfterSeconds(ip: string): Promise<number> {
    const state = await this.limiter.get(ip);
    if (!state || state.consumedPoints < this.limit) return 0;
    return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  }

  /** Counts one failed sign-in from `ip`. */
  async recordFailure(ip: string): Promise<void> {
    await this.limiter.penalty(ip, 1);
  }
}
