import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { MaxLength } from 'class-validator';
import { requireRole } from '../../../shared/auth/policy';
import { ForwardPageArgs, PageInfo } from '../../../shared/graphql/connection';
import { badInput } from '../../../shared/errors/domain-error';
import { AuditEntry } from '../../../shared/audit/audit-entry.entity';
import { CustomerType } from '../customer/customer.type';
import { ConsentPurpose } from './consent.entity';
import type { AccountsContext } from '../context';
import {
  AuditEntryConnection,
  AuditEntryType,
  ConsentNotGranted,
  ConsentType,
  CURRENT_CONSENT_TEXT_VERSION,
  CustomerErased,
  CustomerWasErased,
  EraseCustomerInput,
  EraseCustomerResult,
  ErasureRefused,
  GrantConsentInput,
  GrantConsentResult,
  RevealCustomerInput,
  RevealCustomerResult,
  WithdrawConsentInput,
  WithdrawConsentResult,
} from './privacy.type';

/** The customer a consent input names, or the signed-in customer. */
function customerOf(input: { customerId?: string | null }, ctx: AccountsContext): string {
  const id = input.customerId ?? ctx.viewer.customerId;
  if (!id) throw badInput('customerId', 'Name the customer.');
  return id;
}

@ArgsType()
class AuditEntriesArgs extends ForwardPageArgs {
  @Field(() => String, { nullable: true, description: 'Only entries about this entity type.' })
  @MaxLength(64)
  entityType?: string | null;

  @Field(() => String, { nullable: true, description: 'Only entries about this entity id.' })
  @MaxLength(100)
  entityId?: string | null;
}

/** Personal fields of Customer (masked or audited), consents, export, erasure, audit trail. */
@Resolver(() => CustomerType)
export class PrivacyResolver {
  @FieldResolver(() => String, { description: 'Full name (masked for agents until revealed).' })
  name(@Root() c: CustomerType, @Ctx() ctx: AccountsContext) {
    return ctx.personalData.read(c, 'name', c.name);
  }

  @FieldResolver(() => String, { description: 'Email, lower-case (masked for agents).' })
  email(@Root() c: CustomerType, @Ctx() ctx: AccountsContext) {
    return ctx.personalData.read(c, 'email', c.email);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Phone (masked for agents).' })
  phone(@Root() c: CustomerType, @Ctx() ctx: AccountsContext) {
    return ctx.personalData.read(c, 'phone', c.phone);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Postal address (masked for agents).',
  })
  postalAddress(@Root() c: CustomerType, @Ctx() ctx: AccountsContext) {
    return ctx.personalData.read(c, 'postalAddress', c.postalAddress);
  }

  @FieldResolver(() => [ConsentType], {
    description: 'Consents with their history, newest first (the first per purpose is current).',
  })
  async consents(
    @Root() c: CustomerType,
    @Ctx() ctx: AccountsContext,
    @Arg('purpose', () => ConsentPurpose, { nullable: true, description: 'Only this purpose.' })
    purpose?: ConsentPurpose | null,
  ): Promise<ConsentType[]> {
    return (await ctx.privacy.consents(c.id, purpose ?? undefined)).map(ConsentType.from);
  }

  @FieldResolver(() => String, {
    description:
      'Everything accounts holds about the customer as a JSON document (GDPR Art. 15/20). ' +
      'Customers need a recent MFA (step-up); audited.',
  })
  personalDataExport(@Root() c: CustomerType, @Ctx() ctx: AccountsContext): Promise<string> {
    return ctx.privacy.exportPersonalData(c.id);
  }

  @Mutation(() => GrantConsentResult, { description: 'Gives consent to one purpose.' })
  async grantConsent(
    @Arg('input') input: GrantConsentInput,
    @Ctx() ctx: AccountsContext,
  ): Promise<typeof GrantConsentResult> {
    const consent = await ctx.privacy.grantConsent(
      customerOf(input, ctx),
      input.purpose,
      input.textVersion ?? CURRENT_CONSENT_TEXT_VERSION,
    );
    if (consent === 'erased')
      return Object.assign(new CustomerWasErased(), {
        code: 'CUSTOMER_ERASED',
        message: 'This account was erased.',
      });
    return ConsentType.from(consent);
  }

  @Mutation(() => WithdrawConsentResult, {
    description: 'Withdraws consent to one purpose; as easy as granting (GDPR Art. 7(3)).',
  })
  async withdrawConsent(
    @Arg('input') input: WithdrawConsentInput,
    @Ctx() ctx: AccountsContext,
  ): Promise<typeof WithdrawConsentResult> {
    const consent = await ctx.privacy.withdrawConsent(customerOf(input, ctx), input.purpose);
    if (!consent)
      return Object.assign(new ConsentNotGranted(), {
        code: 'CONSENT_NOT_GRANTED',
        message: 'Consent to this was never given.',
      });
    return ConsentType.from(consent);
  }

  @Mutation(() => EraseCustomerResult, {
    description:
      'Erases the personal data of a customer (GDPR Art. 17), keeping the id for financial ' +
      'records: the customer (with step-up) or an admin. Idempotent.',
  })
  async eraseCustomer(
    @Arg('input') input: EraseCustomerInput,
    @Ctx() ctx: AccountsContext,
  ): Promise<typeof EraseCustomerResult> {
    const outcome = await ctx.privacy.eraseCustomer(input.customerId, input.reason);
    if ('refused' in outcome)
      return Object.assign(new ErasureRefused(), {
        code: 'ERASURE_REFUSED',
        message: outcome.refused,
      });
    return Object.assign(new CustomerErased(), {
      customerId: outcome.id,
      erasedAt: outcome.erasedAt,
    });
  }

  @Mutation(() => RevealCustomerResult, {
    description: 'Shows a customer unmasked to staff, recording the reason in the audit trail.',
  })
  async revealCustomer(@Arg('input') input: RevealCustomerInput, @Ctx() ctx: AccountsContext) {
    requireRole(ctx.viewer, 'AGENT', 'ADMIN', 'AUDITOR');
    const customer = await ctx.customers.get(input.id);
    await ctx.audit.record(ctx.em, ctx.viewer, {
      action: 'customer.read_pii',
      entityType: 'Customer',
      entityId: customer.id,
      after: { reason: input.reason, fields: ['email', 'name', 'phone', 'postalAddress'] },
    });
    ctx.personalData.markRevealed(customer.id);
    return Object.assign(new RevealCustomerResult(), { customer: CustomerType.from(customer) });
  }

  @Query(() => AuditEntryConnection, {
    description: 'The audit trail of accounts, newest first (auditors and admins).',
  })
  async auditEntries(
    @Args(() => AuditEntriesArgs) args: AuditEntriesArgs,
    @Ctx() ctx: AccountsContext,
  ): Promise<InstanceType<typeof AuditEntryConnection>> {
    requireRole(ctx.viewer, 'AUDITOR', 'ADMIN');
    const before = args.after ? Number(Buffer.from(args.after, 'base64url').toString()) : null;
    if (before !== null && !Number.isSafeInteger(before))
      throw badInput('after', 'The cursor is not valid; use a pageInfo.endCursor value.');
    const rows = await ctx.em.find(
      AuditEntry,
      {
        ...(before !== null ? { seq: { $lt: before } } : {}),
        ...(args.entityType ? { entityType: args.entityType } : {}),
        ...(args.entityId ? { entityId: args.entityId } : {}),
      },
      { orderBy: { seq: 'desc' }, limit: args.first + 1 },
    );
    const edges = rows.slice(0, args.first).map((row) => ({
      cursor: Buffer.from(String(row.seq)).toString('base64url'),
      node: AuditEntryType.from(row),
    }));
    return Object.assign(new AuditEntryConnection(), {
      edges,
      pageInfo: Object.assign(new PageInfo(), {
        hasNextPage: rows.length > args.first,
        endCursor: edges.at(-1)?.cursor ?? null,
      }),
    });
  }
}
