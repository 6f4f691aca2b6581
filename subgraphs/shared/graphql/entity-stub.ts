import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** An entity owned by another subgraph, known here only by its key. */
export interface EntityStub {
  id: string;
}

/**
 * Builds the key-only stub of an entity another subgraph owns (Federation 2: `@key(fields: "id")`
 * with just `id`), so this subgraph can return references to it or add fields to it. The
 * description must match the owner's, since composition merges them.
 */
export function entityStub(name: string, description: string) {
  @Directive('@key(fields: "id")')
  @ObjectType(name, { description })
  class Stub implements EntityStub {
    @Field(() => ID, { description: 'Stable identifier.' })
    id!: string;

    static of(id: string): Stub {
      return Object.assign(new Stub(), { id });
    }
  }
  return Stub;
}

/** Descriptions of the shared entities, one place for every subgraph that stubs them. */
export const ENTITY_DESCRIPTIONS = {
  Customer: 'A person who repays one or more installment plans.',
  InstallmentPlan: 'A principal repaid by one customer in scheduled installments.',
} as const;
