import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, LocalDateScalar } from '../../../shared/graphql/scalars';
import { Money } from '../../../shared/money/money';
import { MoneyType } from '../../../shared/money/money.type';
import {
  ServicingActionKind,
  ServicingActionStatus,
  WaivableComponent,
  type ServicingAction,
} from './servicing-action.entity';

registerEnumType(ServicingActionKind, {
  name: 'ServicingActionKind',
  description: 'A staff action that moves money on a plan.',
  valuesConfig: {
    WAIVER: { description: 'Forgives an amount of interest, fees or late fees.' },
    WRITE_OFF: {
      description: 'Charges the plan off as uncollectible; what is owed stays owed.',
    },
  },
});
registerEnumType(ServicingActionStatus, {
  name: 'ServicingActionStatus',
  description: 'Where a servicing action is in maker-checker.',
  valuesConfig: {
    PENDING_APPROVAL: { description: 'Waits for a second staff member to approve or reject.' },
    APPLIED: { description: 'Took effect.' },
    REJECTED: { description: 'Turned down (or withdrawn by whoever requested it); no effect.' },
  },
});
registerEnumType(WaivableComponent, {
  name: 'WaivableComponent',
  description: 'What a waiver may forgive (principal never).',
  valuesConfig: {
    PENALTY: { description: 'Late fees.' },
    FEE: { description: 'Scheduled fees and fees charged later.' },
    INTEREST: { description: 'Interest.' },
  },
});

@ObjectType('ServicingAction', {
  description: 'A waiver or write-off requested by staff, applied at once or after approval.',
})
export class ServicingActionType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => ServicingActionKind, { description: 'Waiver or write-off.' })
  kind!: ServicingActionKind;

  @Field(() => ServicingActionStatus, { description: 'Where it is in maker-checker.' })
  status!: ServicingActionStatus;

  @Field(() => ID, { description: 'The plan it acts on.' })
  planId!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Waivers: the installment; null to forgive oldest installment first.',
  })
  installmentNumber!: number | null;

  @Field(() => WaivableComponent, { nullable: true, description: 'Waivers: what is forgiven.' })
  component!: WaivableComponent | null;

  @Field(() => MoneyType, {
    nullable: true,
    description:
      'Waivers: the amount forgiven. Write-offs: what was outstanding when written off (null until applied).',
  })
  amount!: MoneyType | null;

  @Field({ description: 'Why, as the requester wrote it.' })
  reason!: string;

  @Field({ description: 'Staff member who requested it (login id).' })
  requestedBy!: string;

  @Field(() => DateTimeScalar, { description: 'When it was requested (UTC).' })
  requestedAt!: Date;

  @Field(() => String, {
    nullable: true,
    description: 'Staff member who approved or rejected it; null while pending or applied at once.',
  })
  decidedBy!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was decided (UTC).' })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was rejected.' })
  decisionReason!: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Business date it took effect; null unless applied.',
  })
  appliedOn!: string | null;

  static from(action: ServicingAction): ServicingActionType {
    return Object.assign(new ServicingActionType(), {
      id: action.id,
      kind: action.kind,
      status: action.status,
      planId: action.plan.id,
      installmentNumber: action.installmentNumber,
      component: action.component,
      amount: action.amount ? MoneyType.from(Money.of(action.amount, action.currency)) : null,
      reason: action.reason,
      requestedBy: action.requestedBy,
      requestedAt: action.requestedAt,
      decidedBy: action.decidedBy,
      decidedAt: action.decidedAt,
      decisionReason: action.decisionReason,
      appliedOn: action.appliedOn,
    });
  }
}
