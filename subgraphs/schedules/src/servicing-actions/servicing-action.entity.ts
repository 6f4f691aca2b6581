import {
  Entity,
  Enum,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
} from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { DecimalJsType } from '../../../shared/money/decimal-js.type';
import type { Dec as Decimal } from '../../../shared/money/money';
import { InstallmentPlan } from '../plan/plan.entity';

export enum ServicingActionKind {
  WAIVER = 'WAIVER',
  WRITE_OFF = 'WRITE_OFF',
}

export enum ServicingActionStatus {
  PENDING_APPROVAL = 'PENDING_APPROVAL',
  APPLIED = 'APPLIED',
  REJECTED = 'REJECTED',
}

/** Components a waiver may forgive: the servicing engine's WAIVER components (never principal). */
export enum WaivableComponent {
  PENALTY = 'PENALTY',
  FEE = 'FEE',
  INTEREST = 'INTEREST',
}

/** What one applied waiver forgave on one installment, in the plan currency. */
export interface WaiverLine {
  installmentNumber: number;
  amount: string;
}

/**
 * A staff servicing action that moves money (maker-checker): requested by one staff member, applied
 * at once when small enough, otherwise applied only when a different staff member approves it.
 * Applied waivers are events of the plan's log (`waiverLines`, dated `appliedOn`); a write-off
 * changes the plan's status and records the amount written off.
 */
@Entity({ tableName: 'servicing_action' })
@Index({ name: 'servicing_action_status_idx', properties: ['status', 'requestedAt'] })
@Index({ name: 'servicing_action_plan_idx', properties: ['plan', 'status'] })
export class ServicingAction {
  [OptionalProps]?:
    | 'status'
    | 'requestedAt'
    | 'installmentNumber'
    | 'component'
    | 'amount'
    | 'decidedBy'
    | 'decidedAt'
    | 'decisionReason'
    | 'appliedOn'
    | 'waiverLines';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => InstallmentPlan, { deleteRule: 'cascade' })
  plan: InstallmentPlan;

  @Enum({ items: () => ServicingActionKind })
  kind: ServicingActionKind;

  @Enum({ items: () => ServicingActionStatus })
  status: ServicingActionStatus = ServicingActionStatus.PENDING_APPROVAL;

  /** Waivers: the installment, or null to forgive oldest installment first. */
  @Property({ type: 'integer', nullable: true })
  installmentNumber: number | null = null;

  @Enum({ items: () => WaivableComponent, nullable: true })
  component: WaivableComponent | null = null;

  /** Waivers: the amount forgiven; write-offs: what was outstanding when written off (on apply). */
  @Property({ type: DecimalJsType, precision: 19, scale: 4, nullable: true })
  amount: Decimal | null = null;

  @Property({ type: 'string', length: 3 })
  currency: string;

  @Property({ type: 'string', length: 500 })
  reason: string;

  /** The maker: subject id (login) of the staff member who asked. */
  @Property({ type: 'string', length: 64 })
  requestedBy: string;

  @Property({ type: 'datetime' })
  requestedAt: Date = new Date();

  /** The checker who approved or rejected; null while pending and for actions applied at once. */
  @Property({ type: 'string', length: 64, nullable: true })
  decidedBy: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  decidedAt: Date | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  decisionReason: string | null = null;

  /** Business date the action took effect (the date of its waiver events). */
  @Property({ type: 'string', columnType: 'date', nullable: true })
  appliedOn: string | null = null;

  @Property({ type: 'json', nullable: true })
  waiverLines: WaiverLine[] | null = null;

  constructor(init: {
    plan: InstallmentPlan;
    kind: ServicingActionKind;
    reason: string;
    requestedBy: string;
  }) {
    this.plan = init.plan;
    this.kind = init.kind;
    this.currency = init.plan.currency;
    this.reason = init.reason;
    this.requestedBy = init.requestedBy;
  }
}
