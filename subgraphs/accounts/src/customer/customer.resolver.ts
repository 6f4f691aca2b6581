import { Arg, Args, ID, Query, Resolver } from 'type-graphql';
import { CustomerConnection, CustomerType } from './customer.type';
import { ForwardPageArgs, PageInfo } from '../../../shared/graphql/connection';
import type { CustomerService } from './customer.service';
import { requireRead, requireRole, requireScope } from '../../../shared/auth/policy';
import type { Viewer } from '../../../shared/auth/viewer';

@Resolver(() => CustomerType)
export class CustomerResolver {
  constructor(
    private readonly customerService: CustomerService,
    private readonly viewer: Viewer,
  ) {}

  @Query(() => CustomerType, {
    description:
      'One customer by id; NOT_FOUND if there is none. Customers may read only themselves.',
  })
  async customer(@Arg('id', () => ID) id: string): Promise<CustomerType> {
    requireRead(this.viewer, id, 'customers:read');
    return CustomerType.from(await this.customerService.get(id));
  }

  @Query(() => CustomerConnection, {
    description: 'Customers, oldest first, as a Relay connection (staff, or customers:read).',
  })
  async customers(
    @Args(() => ForwardPageArgs) { first, after }: ForwardPageArgs,
  ): Promise<InstanceType<typeof CustomerConnection>> {
    requireRole(this.viewer, 'AGENT', 'ADMIN', 'AUDITOR', 'SERVICE');
    requireScope(this.viewer, 'customers:read');
    const page = await this.customerService.list(first, after);
    return Object.assign(new CustomerConnection(), {
      edges: page.edges.map((e) => ({ cursor: e.cursor, node: CustomerType.from(e.node) })),
      pageInfo: Object.assign(new PageInfo(), {
        hasNextPage: page.hasNextPage,
        endCursor: page.edges.at(-1)?.cursor ?? null,
      }),
    });
  }
}
