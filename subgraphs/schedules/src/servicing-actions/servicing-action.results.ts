import { Field, Int, ObjectType, createUnionType } from 'type-graphql';
import { UserError } from '../../../shared/errors/user-error';
import { MoneyType } from '../../../shared/money/money.type';
import { ServicingActionStatus } from './servicing-action.entity';
import { ServicingActionType } from './servicing-action.type';

@ObjectType({
  description:
    'The action was recorded: APPLIED when it took effect (at once or on approval), PENDING_APPROVAL while it waits for a second person, REJECTED when turned down.',
})
export class ServicingActionRecorded {
  @Field(() => ServicingActionType, { description: 'The action as it now stands.' })
  action!: ServicingActionType;
}

@ObjectType({
  implements: UserError,
  description: 'The waiver is more than the component has outstanding.',
})
export class AmountExceedsOutstanding extends UserError {
  @Field(() => MoneyType, { description: 'Outstanding on what the waiver names, now.' })
  outstanding!: MoneyType;
}

@ObjectType({
  implements: UserError,
  description:
    'The plan cannot take this action: it is paid off, cancelled or written off, has nothing outstanding, or (waivers) was opened without terms.',
})
export class PlanNotServiceable extends UserError {}

@ObjectType({ implements: UserError, description: 'The plan has no installment with this number.' })
export class InstallmentNotFound extends UserError {
  @Field(() => Int, { description: 'The installment number asked for.' })
  installmentNumber!: number;
}

@ObjectType({
  implements: UserError,
  description: 'Whoever requested an action cannot approve it: a second person must.',
})
export class MakerCannotApprove extends UserError {}

@ObjectType({ implements: UserError, description: 'The action was already approved or rejected.' })
export class ActionAlreadyDecided extends UserError {
  @Field(() => ServicingActionStatus, { description: 'Its status now.' })
  status!: ServicingActionStatus;
}

export const RequestWaiverResult = createUnionType({
  name: 'RequestWaiverResult',
  description: 'Outcome of requestWaiver.',
  types: () =>
    [
      ServicingActionRecorded,
      AmountExceedsOutstanding,
      PlanNotServiceable,
      InstallmentNotFound,
    ] as const,
});

export const RequestWriteOffResult = createUnionType({
  name: 'RequestWriteOffResult',
  description: 'Outcome of requestWriteOff.',
  types: () => [ServicingActionRecorded, PlanNotServiceable] as const,
});

export const ApproveServicingActionResult = createUnionType({
  name: 'ApproveServicingActionResult',
  description: 'Outcome of approveServicingAction.',
  types: () =>
    [
      ServicingActionRecorded,
      MakerCannotApprove,
      ActionAlreadyDecided,
      AmountExceedsOutstanding,
      PlanNotServiceable,
    ] as const,
});

export const RejectServicingActionResult = createUnionType({
  name: 'RejectServicingActionResult',
  description: 'Outcome of rejectServicingAction.',
  types: () => [ServicingActionRecorded, ActionAlreadyDecided] as const,
});

/** Builds a UserError outcome (services return class instances so the unions resolve). */
export const outcome = <T extends UserError>(
  type: new () => T,
  code: string,
  message: string,
  extra: Omit<T, 'code' | 'message'> = {} as Omit<T, 'code' | 'message'>,
): T => Object.assign(new type(), { code, message, ...extra });
