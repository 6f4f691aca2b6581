import { Arg, FieldResolver, ID, Query, Resolver, Root, Subscription } from 'type-graphql';
import { CustomerRef, PlanType } from './plan.type';
import type { PlanService } from './plan.service';
import { planBalanceTopic } from '../payment-intake/payment-intake';

@Resolver(() => PlanType)
export class PlanResolver {
  constructor(
    private readonly planService: PlanService,
    /** Loads a plan through a fresh unit of work, so every subscription event shows current data. */
    private readonly loadFresh: (id: string) => Promise<PlanType>,
  ) {}

  @Query(() => PlanType, { description: 'One installment plan by id; NOT_FOUND if there is none.' })
  async plan(@Arg('id', () => ID) id: string): Promise<PlanType> {
    return PlanType.from(await this.planService.get(id), this.planService.today());
  }

  @Subscription(() => PlanType, {
    topics: ({ args }) => planBalanceTopic((args as { planId: string }).planId),
    description: 'Emits the plan each time a payment changes its balance.',
  })
  async planBalanceChanged(
    @Root() event: { planId: string },
    @Arg('planId', () => ID, { description: 'The plan to watch.' }) planId: string,
  ): Promise<PlanType> {
    return this.loadFresh(event.planId ?? planId);
  }
}

@Resolver(() => CustomerRef)
export class CustomerPlansResolver {
  constructor(private readonly planService: PlanService) {}

  @FieldResolver(() => [PlanType], {
    description: "The customer's installment plans, oldest first.",
  })
  async plans(@Root() customer: CustomerRef): Promise<PlanType[]> {
    const rows = await this.planService.byCustomer.load(customer.id);
    return rows.map((p) => PlanType.from(p, this.planService.today()));
  }
}
