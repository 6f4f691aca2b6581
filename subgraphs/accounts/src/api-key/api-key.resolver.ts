import { Arg, Field, ID, InputType, Mutation, Query, Resolver } from 'type-graphql';
import { ArrayMaxSize, IsUUID, Length } from 'class-validator';
import type { ApiScope } from '../../../shared/auth/viewer';
import { DateTimeScalar } from '../../../shared/graphql/scalars';
import { ApiKeyCreated, ApiKeyType, ApiScopeEnum, RevokeApiKeyResult } from './api-key.type';
import type { ApiKeyService } from './api-key.service';

@InputType({ description: 'A new API key.' })
export class CreateApiKeyInput {
  @Field({ description: 'What the key is for, e.g. "nightly export".' })
  @Length(1, 100)
  name!: string;

  @Field(() => [ApiScopeEnum], { description: 'Scopes to grant (at least one).' })
  @ArrayMaxSize(10)
  scopes!: ApiScope[];

  @Field(() => DateTimeScalar, { description: 'When it stops working (within 366 days).' })
  expiresAt!: Date;
}

@InputType({ description: 'Which key to revoke.' })
export class RevokeApiKeyInput {
  @Field(() => ID, { description: 'Key id.' })
  @IsUUID('all', { message: 'id must be an API key id' })
  id!: string;
}

@Resolver(() => ApiKeyType)
export class ApiKeyResolver {
  constructor(private readonly apiKeyService: ApiKeyService) {}

  @Query(() => [ApiKeyType], { description: 'All API keys, newest first (ADMIN).' })
  apiKeys(): Promise<ApiKeyType[]> {
    return this.apiKeyService.list();
  }

  @Mutation(() => ApiKeyCreated, {
    description: 'Creates an API key; its secret is shown once (ADMIN, recent authenticator code).',
  })
  createApiKey(@Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput) {
    return this.apiKeyService.create(input);
  }

  @Mutation(() => RevokeApiKeyResult, {
    description: 'Revokes an API key at once (ADMIN, recent authenticator code).',
  })
  revokeApiKey(@Arg('input', () => RevokeApiKeyInput) input: RevokeApiKeyInput) {
    return this.apiKeyService.revoke(input.id);
  }
}
