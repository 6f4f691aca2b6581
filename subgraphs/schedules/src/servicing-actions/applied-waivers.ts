import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppliedWaiverRecord } from '../plan/plan-events';
import {
  ServicingAction,
  ServicingActionKind,
  ServicingActionStatus,
} from './servicing-action.entity';

/** The waiver as the plan's event log takes it; only for an applied waiver. */
export function waiverRecord(action: ServicingAction): AppliedWaiverRecord {
  if (!action.appliedOn || !action.component || !action.waiverLines)
    throw new Error(`servicing action ${action.id} is not an applied waiver`);
  return {
    id: action.id,
    appliedOn: action.appliedOn,
    component: action.component,
    lines: action.waiverLines,
  };
}

/** Applied waivers of a plan, oldest first, as event-log records (one SELECT). */
export async function appliedWaivers(
  em: EntityManager,
  planId: string,
): Promise<AppliedWaiverRecord[]> {
  const actions = await em.find(
    ServicingAction,
    { plan: planId, kind: ServicingActionKind.WAIVER, status: ServicingActionStatus.APPLIED },
    { orderBy: { requestedAt: 'asc', id: 'asc' } },
  );
  return actions.map(waiverRecord);
}
