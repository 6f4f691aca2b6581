import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { EventHandler } from '../../../shared/events/inbox-receiver';
import { PlanDirectoryEntry } from './plan-directory.entity';

/** Topic sent by schedules when a plan opens. */
export const PLAN_OPENED = 'plan.opened';

const planOpened = z.object({
  planId: z.uuid(),
  customerId: z.uuid(),
  currency: z.string().length(3),
});

/** Records a newly opened plan in the directory (idempotent through the inbox). */
export const planOpenedHandler: EventHandler = async (em: EntityManager, event) => {
  const payload = planOpened.parse(event.payload);
  await em.upsert(
    PlanDirectoryEntry,
    new PlanDirectoryEntry(payload.planId, payload.customerId, payload.currency),
  );
};
