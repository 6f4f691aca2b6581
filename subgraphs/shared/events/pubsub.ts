import { createPubSub } from '@graphql-yoga/subscription';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';
import type { PubSub } from 'type-graphql';

export interface ClosablePubSub {
  pubSub: PubSub;
  close(): Promise<void>;
}

/**
 * type-graphql's PubSub: in memory on one instance, or over Redis when `redisUrl` is set, so an
 * event published by one instance reaches subscribers connected to another.
 */
export function createAppPubSub(redisUrl?: string): ClosablePubSub {
  if (!redisUrl) return { pubSub: createPubSub(), close: async () => undefined };
  const publishClient = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const subscribeClient = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const eventTarget = createRedisEventTarget({ publishClient, subscribeClient });
  return {
    pubSub: createPubSub({ eventTarget }),
    close: async () => {
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  };
}
