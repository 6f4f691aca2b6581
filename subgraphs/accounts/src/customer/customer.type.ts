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

  @Field({ description: 'Full name as the lender recorded it (masked for agents until revealed).' })
  declare name: string;

  @Field({
    description: 'Email address (lower-case), used for sign-in and notices (masked for agents).',
  })
  declare email: string;

  @Field(() => String, {
    nullable: true,
    description: 'Phone number (E.164), if recorded (masked for agents).',
  })
  phone!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Postal address, if recorded (hidden from agents).',
  })
  postalAddress!: string | null;

  @Field({ description: 'Preferred language as a BCP 47 tag, e.g. en-US.' })
  locale!: string;

  @Field(() => DateTimeScalar, { description: 'When the customer was created (UTC).' })
  createdAt!: Date;

  /**
   * Not in the schema: set when built for the person it describes (sign-in, `me`), whose own
   * personal fields are shown unmasked and unaudited even before the viewer is established.
   */
  isOwnAccount = false;

  /** The customer as its owner sees it (see `isOwnAccount`). */
  static ownAccount(entity: Customer): CustomerType {
    return Object.assign(CustomerType.from(entity), { isOwnAccount: true });
  }

  static from(entity: Customer): CustomerType {
    return Object.assign(new CustomerType(), {
      id: entity.id,
      name: entity.name,
      email: entity.email,
      phone: entity.phone,
      postalAddress: entity.postalAddress,
      locale: entity.locale,
      createdAt: entity.createdAt,
    });
  }
}

export const { Edge: CustomerEdge, Connection: CustomerConnection } = connectionOf(
  CustomerType,
  'Customer',
);
