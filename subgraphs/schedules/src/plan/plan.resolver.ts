import { Arg, FieldResolver, ID, Query, Resolver, Root, Subscription } from 'type-graphql';
import { CustomerRef, PlanType } from './plan.type';
import { filter, pipe } from '@graphql-yoga/subscription';
import type { PlanAccess } from './plan-access';
import type { SchedulesContext } from '../context';
import { planBalanceTopic, type PlanBalanceEvent } from '../payment-intake/payment-intake';

@Resolver(() => PlanType)
export class PlanResolver {
  constructor(
    private readonly access: PlanAccess,
    /**
     * Clears the request's caches before each subscription event: graphql-ws keeps one context
     * for the life of a subscription, so without it every event would show the first one's data.
     */
    private readonly startEvent: () => void,
  ) {}

  @Query(() => PlanType, {
    description:
      'One installment plan by id. NOT_FOUND if there is none; FORBIDDEN for a plan the viewer may not read.',
  })
  async plan(@Arg('id', () => ID) id: string): Promise<PlanType> {
    return PlanType.from(await this.access.get(id), this.access.today());
  }

  @Subscription(() => PlanType, {
    // authorized once when subscribing (the stream never opens for a plan the viewer may not
    // read) and again for every event; only events of the plan asked for pass the filter
    subscribe: async ({ args, context }) => {
      const { planId } = args as { planId: string };
      const { access, pubSub } = context as SchedulesContext;
      await access.get(planId);
      return pipe(
        pubSub.subscribe(planBalanceTopic(planId)),
        filter((event: unknown) => (event as PlanBalanceEvent).planId === planId),
      );
    },
    description: 'Emits the plan each time a payment changes its balance.',
  })
  async planBalanceChanged(
    @Root() _event: PlanBalanceEvent,
    @Arg('planId', () => ID, { description: 'The plan to watch.' }) planId: string,
  ): Promise<PlanType> {
    this.startEvent();
    return PlanType.from(await this.access.get(planId), this.access.today());
  }
}

@Resolver(() => CustomerRef)
export class CustomerPlansResolver {
  constructor(private readonly access: PlanAccess) {}

  @FieldResolver(() => [PlanType], {
    description: "The customer's installment plans, oldest first.",
  })
  async plans(@Root() customer: CustomerRef): Promise<PlanType[]> {
    return (await this.access.plansOf(customer.id)).map((p) =>
      PlanType.from(p, this.access.today()),
    );
  }
}
