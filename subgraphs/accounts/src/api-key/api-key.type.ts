import { Field, ID, ObjectType, createUnionType, registerEnumType } from 'type-graphql';
import type { ApiScope } from '../../../shared/auth/viewer';
import { UserError } from '../../../shared/errors/user-error';
import { DateTimeScalar } from '../../../shared/graphql/scalars';
import type { ApiKey } from './api-key.entity';

/** GraphQL names of the API scopes (`customers:read` → CUSTOMERS_READ). */
export const ApiScopeEnum = {
  CUSTOMERS_READ: 'customers:read',
  PLANS_READ: 'plans:read',
  PAYMENTS_READ: 'payments:read',
  PAYMENTS_WRITE: 'payments:write',
  LEDGER_READ: 'ledger:read',
} as const satisfies Record<string, ApiScope>;
registerEnumType(ApiScopeEnum, {
  name: 'ApiScope',
  description: 'What an API key may do: a resource and an access level.',
  valuesConfig: {
    CUSTOMERS_READ: { description: 'Read customers (`customers:read`).' },
    PLANS_READ: { description: 'Read plans, schedules and installments (`plans:read`).' },
    PAYMENTS_READ: { description: 'Read payments (`payments:read`).' },
    PAYMENTS_WRITE: { description: 'Record payments (`payments:write`).' },
    LEDGER_READ: { description: 'Read the general ledger (`ledger:read`).' },
  },
});

@ObjectType('ApiKey', {
  description: 'A key for a machine client; the secret is never shown again.',
})
export class ApiKeyType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field({ description: 'What the key is for.' })
  name!: string;

  @Field({ description: 'Public start of the key (`ik_<prefix>_…`), to recognise it.' })
  prefix!: string;

  @Field(() => [ApiScopeEnum], { description: 'Granted scopes.' })
  scopes!: ApiScope[];

  @Field(() => DateTimeScalar, { description: 'When it was created.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When it stops working.' })
  expiresAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was revoked, if it was.' })
  revokedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Last use (to within 30 s).' })
  lastUsedAt!: Date | null;

  static from(entity: ApiKey): ApiKeyType {
    return Object.assign(new ApiKeyType(), {
      id: entity.id,
      name: entity.name,
      prefix: entity.prefix,
      scopes: entity.scopes,
      createdAt: entity.createdAt,
      expiresAt: entity.expiresAt,
      revokedAt: entity.revokedAt,
      lastUsedAt: entity.lastUsedAt,
    });
  }
}

@ObjectType({ description: 'A new API key. Copy the secret now: it is shown only once.' })
export class ApiKeyCreated {
  @Field(() => ApiKeyType, { description: 'The key without its secret.' })
  apiKey!: ApiKeyType;

  @Field({ description: 'The whole key, `ik_<prefix>_<secret>`; send as `Authorization: Bearer`.' })
  secret!: string;
}

@ObjectType({ description: 'The key no longer works.' })
export class ApiKeyRevoked {
  @Field(() => ApiKeyType, { description: 'The revoked key.' })
  apiKey!: ApiKeyType;
}

@ObjectType({ implements: UserError, description: 'No API key has this id.' })
export class ApiKeyNotFound extends UserError {}

export const RevokeApiKeyResult = createUnionType({
  name: 'RevokeApiKeyResult',
  description: 'Outcome of revokeApiKey.',
  types: () => [ApiKeyRevoked, ApiKeyNotFound] as const,
});
