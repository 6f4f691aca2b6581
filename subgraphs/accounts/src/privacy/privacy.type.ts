import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
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

  @Field(() => DateTimeScalar, { description: 'When consent was given (UTC).' })
  grantedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When withdrawn, if it was.' })
  withdrawnAt!: Date | null;

  @Field({ description: 'True while not withdrawn.' })
  isActive!: boolean;

  static from(c: Consent): ConsentType {
    return Object.assign(new ConsentType(), {
      id: c.id,
      purpose: c.purpose,
      textVersion: c.textVersion,
      grantedAt: c.grantedAt,
      withdrawnAt: c.withdrawnAt,
      isActive: c.withdrawnAt === null,
    });
  }
}

@InputType({ description: 'Consent to give.' })
export class GrantConsentInput {
  @Field(() => ID, { description: 'The customer giving consent.' })
  @IsUUID()
  customerId!: string;

  @Field(() => ConsentPurpose, { description: 'What is consented to.' })
  purpose!: ConsentPurpose;

  @Field({ description: 'Version of the consent text shown, e.g. "2026-01".' })
  @Matches(/^[\w.-]{1,32}$/)
  textVersion!: string;
}

@InputType({ description: 'Consent to withdraw.' })
export class WithdrawConsentInput {
  @Field(() => ID, { description: 'The customer withdrawing consent.' })
  @IsUUID()
  customerId!: string;

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

@ObjectType('GrantConsentResult', { description: 'The consent now in force.' })
export class GrantConsentResult {
  @Field(() => ConsentType, { description: 'The active consent.' })
  consent!: ConsentType;
}

@ObjectType('WithdrawConsentResult', { description: 'The consent withdrawn, if one was active.' })
export class WithdrawConsentResult {
  @Field(() => ConsentType, { nullable: true, description: 'Null when none was active.' })
  consent!: ConsentType | null;
}

@ObjectType('EraseCustomerResult', { description: 'The pseudonymised customer.' })
export class EraseCustomerResult {
  @Field(() => ID, { description: 'The kept customer id.' })
  customerId!: string;

  @Field(() => DateTimeScalar, { description: 'When the personal data was erased (UTC).' })
  erasedAt!: Date;
}

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
