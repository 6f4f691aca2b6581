import { createUnionType, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { IsOptional, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { UserError } from '../../../shared/errors/user-error';
import { DateTimeScalar } from '../../../shared/graphql/scalars';
import { connectionOf } from '../../../shared/graphql/connection';
import type { AuditEntry } from '../../../shared/audit/audit-entry.entity';
import { CustomerType } from '../customer/customer.type';
import { ConsentPurpose, type Consent } from './consent.entity';

registerEnumType(ConsentPurpose, {
  name: 'ConsentPurpose',
  description: 'What a customer may consent to.',
  valuesConfig: {
    MARKETING_EMAIL: { description: 'Marketing messages by email.' },
    PRODUCT_ANALYTICS: { description: 'Analytics of portal use to improve the product.' },
    PARTNER_SHARING: { description: 'Sharing contact data with partner merchants.' },
  },
});

@ObjectType('Consent', { description: 'One grant of consent and, once withdrawn, when.' })
export class ConsentType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => ConsentPurpose, { description: 'What was consented to.' })
  purpose!: ConsentPurpose;

  @Field({ description: 'Version of the consent text the customer agreed to.' })
  textVersion!: string;

  @Field({ description: 'Same as textVersion (the portal reads this name).' })
  version!: string;

  @Field(() => DateTimeScalar, { description: 'When consent was given (UTC).' })
  grantedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When withdrawn, if it was.' })
  withdrawnAt!: Date | null;

  @Field({ description: 'True while not withdrawn.' })
  isActive!: boolean;

  @Field({ description: 'Same as isActive (the portal reads this name).' })
  isGranted!: boolean;

  static from(c: Consent): ConsentType {
    return Object.assign(new ConsentType(), {
      id: c.id,
      purpose: c.purpose,
      textVersion: c.textVersion,
      version: c.textVersion,
      grantedAt: c.grantedAt,
      withdrawnAt: c.withdrawnAt,
      isActive: c.withdrawnAt === null,
      isGranted: c.withdrawnAt === null,
    });
  }
}

/** Version of the consent texts the portal shows now; a grant without a version records it. */
export const CURRENT_CONSENT_TEXT_VERSION = '2026-01';

@InputType({ description: 'Consent to give.' })
export class GrantConsentInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The customer giving consent; default: the signed-in customer.',
  })
  @IsOptional()
  @IsUUID()
  customerId?: string | null;

  @Field(() => ConsentPurpose, { description: 'What is consented to.' })
  purpose!: ConsentPurpose;

  @Field(() => String, {
    nullable: true,
    description: `Version of the consent text shown; default: ${CURRENT_CONSENT_TEXT_VERSION}.`,
  })
  @IsOptional()
  @Matches(/^[\w.-]{1,32}$/)
  textVersion?: string | null;
}

@InputType({ description: 'Consent to withdraw.' })
export class WithdrawConsentInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The customer withdrawing consent; default: the signed-in customer.',
  })
  @IsOptional()
  @IsUUID()
  customerId?: string | null;

  @Field(() => ConsentPurpose, { description: 'What consent is withdrawn from.' })
  purpose!: ConsentPurpose;
}

@InputType({ description: 'A customer whose personal data is to be erased.' })
export class EraseCustomerInput {
  @Field(() => ID, { description: 'The customer to erase.' })
  @IsUUID()
  customerId!: string;

  @Field({ description: 'Why (e.g. "customer request by email 2026-03-01").' })
  @MinLength(3)
  @MaxLength(500)
  reason!: string;
}

@InputType({ description: 'A customer an agent needs to see unmasked, and why.' })
export class RevealCustomerInput {
  @Field(() => ID, { description: 'The customer.' })
  @IsUUID()
  id!: string;

  @Field({ description: 'Why (ticket number, call reference); kept in the audit trail.' })
  @MinLength(3)
  @MaxLength(500)
  reason!: string;
}

@ObjectType({ implements: UserError, description: 'The customer was erased; nothing to consent.' })
export class CustomerWasErased extends UserError {}

@ObjectType({ implements: UserError, description: 'Consent to this purpose was never given.' })
export class ConsentNotGranted extends UserError {}

@ObjectType({ description: 'The customer is pseudonymised; the id stays for financial records.' })
export class CustomerErased {
  @Field(() => ID, { description: 'The kept customer id.' })
  customerId!: string;

  @Field(() => DateTimeScalar, { description: 'When the personal data was erased (UTC).' })
  erasedAt!: Date;
}

@ObjectType({
  implements: UserError,
  description: 'Erasure is not possible now (e.g. a part of accounts must keep the data).',
})
export class ErasureRefused extends UserError {}

export const GrantConsentResult = createUnionType({
  name: 'GrantConsentResult',
  description: 'The consent in force, or why none could be given.',
  types: () => [ConsentType, CustomerWasErased] as const,
});

export const WithdrawConsentResult = createUnionType({
  name: 'WithdrawConsentResult',
  description: 'The consent as withdrawn (repeating is harmless), or that there was none.',
  types: () => [ConsentType, ConsentNotGranted] as const,
});

export const EraseCustomerResult = createUnionType({
  name: 'EraseCustomerResult',
  description: 'The erasure done (or done before), or why it was refused.',
  types: () => [CustomerErased, ErasureRefused] as const,
});

@ObjectType('RevealCustomerResult', {
  description: 'The customer unmasked (the reveal is audited).',
})
export class RevealCustomerResult {
  @Field(() => CustomerType, { description: 'The customer with personal data in the clear.' })
  customer!: CustomerType;
}

@ObjectType('AuditEntry', { description: 'One entry of the hash-chained audit trail of accounts.' })
export class AuditEntryType {
  @Field(() => ID, { description: 'Chain position (1, 2, 3…).' })
  seq!: string;

  @Field(() => DateTimeScalar, { description: 'When it happened (UTC).' })
  at!: Date;

  @Field(() => String, { nullable: true, description: 'Role of the actor.' })
  actorRole!: string | null;

  @Field(() => String, { nullable: true, description: 'Login or API key id of the actor.' })
  actorSubject!: string | null;

  @Field(() => String, { nullable: true, description: 'Customer id of the actor, if a customer.' })
  actorCustomer!: string | null;

  @Field({ description: 'Client address.' })
  ip!: string;

  @Field(() => String, { nullable: true, description: 'Client user agent.' })
  userAgent!: string | null;

  @Field({ description: 'What happened, e.g. customer.read_pii.' })
  action!: string;

  @Field({ description: 'Type of the entity concerned.' })
  entityType!: string;

  @Field(() => String, { nullable: true, description: 'Id of the entity concerned.' })
  entityId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Values before, as JSON (personal data fingerprinted).',
  })
  before!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Values after, as JSON (personal data fingerprinted).',
  })
  after!: string | null;

  @Field({ description: 'SHA-256 of this entry, chained to the previous one.' })
  hash!: string;

  static from(a: AuditEntry): AuditEntryType {
    return Object.assign(new AuditEntryType(), {
      ...a,
      seq: String(a.seq),
      before: a.before ? JSON.stringify(a.before) : null,
      after: a.after ? JSON.stringify(a.after) : null,
    });
  }
}

export const { Edge: AuditEntryEdge, Connection: AuditEntryConnection } = connectionOf(
  AuditEntryType,
  'AuditEntry',
);
