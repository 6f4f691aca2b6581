import { Directive, Field, ObjectType } from 'type-graphql';
import { DecimalScalar } from './decimal.scalar';
import type { Money } from './money';

/** The GraphQL shape of an amount; identical in every subgraph that returns it, hence shareable. */
@Directive('@shareable')
@ObjectType('Money', { description: 'An exact amount of money in one currency.' })
export class MoneyType {
  @Field(() => DecimalScalar, {
    description: "The amount as a decimal string with exactly the currency's minor digits.",
  })
  amount!: string;

  @Field({ description: 'ISO 4217 currency code, e.g. USD.' })
  currency!: string;

  static from(money: Money): MoneyType {
    return Object.assign(new MoneyType(), { amount: money.toFixed(), currency: money.currency });
  }
}
