import { Arg, Args, ID, Query, Resolver } from 'type-graphql';
import { CustomerConnection, CustomerType } from './customer.type';
import { ForwardPageArgs, PageInfo } from '../../../shared/graphql/connection';
import type { CustomerService } from './customer.service';

@Resolver(() => CustomerType)
export class CustomerResolver {
  constructor(
    private readonly customerService: CustomerService,
    private readonly viewerEmail: string | undefined,
  ) {}

  @Query(() => CustomerType, { description: 'One customer by id; NOT_FOUND if there is none.' })
  async customer(@Arg('id', () => ID) id: string): Promise<CustomerType> {
    return CustomerType.from(await this.customerService.get(id));
  }

  @Query(() => CustomerConnection, {
    description: 'Customers, oldest first, as a Relay connection.',
  })
  async customers(
    @Args(() => ForwardPageArgs) { first, after }: ForwardPageArgs,
  ): Promise<InstanceType<typeof CustomerConnection>> {
    const page = await this.customerService.list(first, after);
    return Object.assign(new CustomerConnection(), {
      edges: page.edges.map((e) => ({ cursor: e.cursor, node: CustomerType.from(e.node) })),
      pageInfo: Object.assign(new PageInfo(), {
        hasNextPage: page.hasNextPage,
        endCursor: page.edges.at(-1)?.cursor ?? null,
      }),
    });
  }

  @Query(() => CustomerType, {
    nullable: true,
    description: 'The signed-in customer, or null when nobody is signed in.',
  })
  async me(): Promise<CustomerType | null> {
    if (!this.viewerEmail) return null;
    const customer = await this.customerService.findByEmail(this.viewerEmail);
    return customer ? CustomerType.from(customer) : null;
  }
}
