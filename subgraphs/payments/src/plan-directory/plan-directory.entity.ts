import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Payments' read-only copy of what it needs to know about plans (owner and currency), kept in step
 * by `plan.opened` events from schedules, so recording a payment never calls another subgraph.
 */
@Entity({ tableName: 'plan_directory' })
export class PlanDirectoryEntry {
  [OptionalProps]?: 'openedAt';

  @PrimaryKey({ type: 'uuid' })
  planId: string;

  @Property({ type: 'uuid', index: true })
  customerId: string;

  @Property({ type: 'string', length: 3 })
  currency: string;

  @Property({ type: 'datetime' })
  openedAt: Date = new Date();

  constructor(planId: string, customerId: string, currency: string) {
    this.planId = planId;
    this.customerId = customerId;
    this.currency = currency;
  }
}
