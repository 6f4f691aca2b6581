import { authorizeRead, UUID_PATTERN } from '../../../shared/auth/entity-access';
import { requireRead, requireSignedIn } from '../../../shared/auth/policy';
import type { Viewer } from '../../../shared/auth/viewer';
import { notFound } from '../../../shared/errors/domain-error';
import type { InstallmentPlan } from './plan.entity';
import type { PlanService } from './plan.service';

/**
 * Who may read which plan, for one request: every query, field, reference and subscription of
 * schedules that shows a plan goes through here. Customers see their own plans only; staff all;
 * API keys need `plans:read`. A customer gets FORBIDDEN for another's plan and for an unknown
 * one alike (see `authorizeRead`). Lookups go through the request's DataLoader, so checking adds
 * no SQL statement.
 */
export class PlanAccess {
  constructor(
    private readonly plans: PlanService,
    readonly viewer: Viewer,
  ) {}

  /** The plan if the viewer may read it; null when it does not exist (viewers who see all). */
  async find(id: string): Promise<InstallmentPlan | null> {
    requireSignedIn(this.viewer);
    // not a UUID: nothing to look up (and the batch of other ids must not fail on a bad cast)
    const plan = UUID_PATTERN.test(id) ? await this.plans.byId.load(id) : null;
    return authorizeRead(this.viewer, 'plans:read', plan, (p) => p.customerId);
  }

  /** The plan if the viewer may read it; NOT_FOUND when it does not exist. */
  async get(id: string): Promise<InstallmentPlan> {
    const plan = await this.find(id);
    if (!plan) throw notFound('InstallmentPlan', id);
    return plan;
  }

  /** The plans of `customerId`, oldest first; throws unless the viewer may read them. */
  plansOf(customerId: string): Promise<InstallmentPlan[]> {
    requireRead(this.viewer, customerId, 'plans:read');
    return this.plans.byCustomer.load(customerId);
  }

  /** Business date of the request. */
  today(): string {
    return this.plans.today();
  }
}
