import { Arg, ID, Mutation, Query, Resolver } from 'type-graphql';
import {
  ApproveServicingActionInput,
  RejectServicingActionInput,
  RequestWaiverInput,
  RequestWriteOffInput,
} from './servicing-action.inputs';
import {
  ApproveServicingActionResult,
  RejectServicingActionResult,
  RequestWaiverResult,
  RequestWriteOffResult,
} from './servicing-action.results';
import type { ServicingActionService } from './servicing-action.service';
import { ServicingActionType } from './servicing-action.type';

@Resolver(() => ServicingActionType)
export class ServicingActionResolver {
  constructor(private readonly actions: ServicingActionService) {}

  @Query(() => [ServicingActionType], {
    description:
      'Servicing actions waiting for a second staff member, oldest first. Agents, admins and auditors.',
  })
  pendingServicingActions(
    @Arg('planId', () => ID, { nullable: true, description: 'Only those of this plan.' })
    planId?: string | null,
  ): Promise<ServicingActionType[]> {
    return this.actions.pending(planId ?? null);
  }

  @Mutation(() => RequestWaiverResult, {
    description:
      'Agents and admins: forgives interest, fees or late fees; at once up to the approval threshold of the currency, otherwise once another staff member approves.',
  })
  requestWaiver(
    @Arg('input', () => RequestWaiverInput) input: RequestWaiverInput,
  ): Promise<typeof RequestWaiverResult> {
    return this.actions.requestWaiver(input);
  }

  @Mutation(() => RequestWriteOffResult, {
    description:
      'Agents and admins: asks to write the plan off as uncollectible; applies once another staff member approves.',
  })
  requestWriteOff(
    @Arg('input', () => RequestWriteOffInput) input: RequestWriteOffInput,
  ): Promise<typeof RequestWriteOffResult> {
    return this.actions.requestWriteOff(input);
  }

  @Mutation(() => ApproveServicingActionResult, {
    description:
      'Agents and admins other than the requester, after a recent MFA (FORBIDDEN, reason STEP_UP_REQUIRED, otherwise): applies a pending action.',
  })
  approveServicingAction(
    @Arg('input', () => ApproveServicingActionInput) input: ApproveServicingActionInput,
  ): Promise<typeof ApproveServicingActionResult> {
    return this.actions.approve(input);
  }

  @Mutation(() => RejectServicingActionResult, {
    description:
      'Agents and admins: turns a pending action down (its requester may withdraw it); nothing moves.',
  })
  rejectServicingAction(
    @Arg('input', () => RejectServicingActionInput) input: RejectServicingActionInput,
  ): Promise<typeof RejectServicingActionResult> {
    return this.actions.reject(input);
  }
}
