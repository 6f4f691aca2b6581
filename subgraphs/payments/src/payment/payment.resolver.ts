import { Arg, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CustomerRef, PaymentType, PlanRef } from './payment.type';
import { RecordPaymentInput } from './payment.inputs';
import { RecordPaymentResult } from './payment.results';
import type { PaymentService } from './payment.service';

@Resolver(() => PaymentType)
export class PaymentResolver {
  constructor(private readonly paymentService: PaymentService) {}

  @Query(() => PaymentType, {
    description:
      'One payment by id. NOT_FOUND if there is none; FORBIDDEN for a payment the viewer may not read.',
  })
  async payment(@Arg('id', () => ID) id: string): Promise<PaymentType> {
    return PaymentType.from(await this.paymentService.get(id));
  }

  @Mutation(() => RecordPaymentResult, {
    description:
      "Records a payment received for a plan; the plan's balance updates and subscribers are told.",
  })
  recordPayment(
    @Arg('input', () => RecordPaymentInput) input: RecordPaymentInput,
  ): Promise<typeof RecordPaymentResult> {
    return this.paymentService.recordPayment(input);
  }
}

@Resolver(() => PlanRef)
export class PlanPaymentsResolver {
  constructor(private readonly paymentService: PaymentService) {}

  @FieldResolver(() => [PaymentType], {
    description: 'Payments received for this plan, oldest first.',
  })
  async payments(@Root() plan: PlanRef): Promise<PaymentType[]> {
    return (await this.paymentService.ofPlan(plan.id)).map(PaymentType.from);
  }
}

@Resolver(() => CustomerRef)
export class CustomerPaymentsResolver {
  constructor(private readonly paymentService: PaymentService) {}

  @FieldResolver(() => [PaymentType], {
    description: 'Payments by this customer on any plan, oldest first.',
  })
  async payments(@Root() customer: CustomerRef): Promise<PaymentType[]> {
    return (await this.paymentService.ofCustomer(customer.id)).map(PaymentType.from);
  }
}
