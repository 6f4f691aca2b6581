import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../../shared/graphql/scalars';
import { connectionOf } from '../../../shared/graphql/connection';
import type { Customer } from './customer.entity';
import { AccountInterface } from '../identity/account.type';

@Directive('@key(fields: "id")')
@ObjectType('Customer', {
  implements: AccountInterface,
  description: 'A person who repays one or more installment plans.',
})
export class CustomerType extends AccountInterface {
  @Field(() => ID, { description: 'Stable identifier.' })
  declare id: string;

  @Field({ description: 'Full name as the lender recorded it.' })
  declare name: string;

  @Field({ description: 'Email address (lower-case), used for sign-in and notices.' })
  declare email: string;

  @Field({ description: 'Preferred language as a BCP 47 tag, e.g. en-US.' })
  locale!: string;

  @Field(() => DateTimeScalar, { description: 'When the customer was created (UTC).' })
  createdAt!: Date;

  static from(entity: Customer): CustomerType {
    return Object.assign(new CustomerType(), {
      id: entity.id,
      name: entity.name,
      email: entity.email,
      locale: entity.locale,
      createdAt: entity.createdAt,
    });
  }
}

export const { Edge: CustomerEdge, Connection: CustomerConnection } = connectionOf(
  CustomerType,
  'Customer',
);
