import { Field, InterfaceType } from 'type-graphql';

/**
 * An expected outcome the UI renders (returned as a union member, never thrown), following
 * the "result as data" pattern. Every concrete outcome implements this interface.
 */
@InterfaceType('UserError', {
  description: 'An expected failure that the client should show to the user.',
})
export abstract class UserError {
  @Field({ description: 'Human-readable explanation, safe to show to the customer.' })
  message!: string;

  @Field({ description: 'Stable machine-readable code, e.g. PLAN_NOT_FOUND.' })
  code!: string;
}
