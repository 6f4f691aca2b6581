import type { EntityManager } from '@mikro-orm/postgresql';
import { requireRead, requireRecentMfa, requireRole } from '../../../shared/auth/policy';
import type { Viewer } from '../../../shared/auth/viewer';
import type { ChainedAuditTrail } from '../../../shared/audit/chained-audit-trail';
import { AuditEntry } from '../../../shared/audit/audit-entry.entity';
import { Customer, emailIndexOf } from '../customer/customer.entity';
import { Consent, ConsentPurpose } from './consent.entity';
import { ErasureRefusedError, type PersonalDataContributor } from './personal-data';

const CUSTOMER_PII = ['name', 'email', 'phone', 'postalAddress'];
export const ERASED_NAME = 'Erased customer';

const profileOf = (c: Customer) => ({
  name: c.name,
  email: c.email,
  phone: c.phone,
  postalAddress: c.postalAddress,
});

/**
 * GDPR use cases of accounts: consents (Art. 7), export (Art. 15/20) and erasure (Art. 17).
 * Financial records in schedules and payments reference customers by id only and are kept
 * (retention: 10 years); erasure therefore pseudonymises the customer and keeps its id.
 */
export class PrivacyService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
    private readonly audit: ChainedAuditTrail,
    private readonly contributors: readonly PersonalDataContributor[] = [],
  ) {}

  /** Consent history of a customer, newest first (the customer or staff). */
  async consents(customerId: string, purpose?: ConsentPurpose): Promise<Consent[]> {
    requireRead(this.viewer, customerId, 'customers:read');
    return this.em.find(
      Consent,
      { customer: customerId, ...(purpose ? { purpose } : {}) },
      { orderBy: { grantedAt: 'desc', id: 'asc' } },
    );
  }

  /**
   * Grants consent to `purpose` under text `textVersion`; a repeated grant is a no-op; `erased`
   * when the customer was erased.
   */
  async grantConsent(
    customerId: string,
    purpose: ConsentPurpose,
    textVersion: string,
  ): Promise<Consent | 'erased'> {
    this.requireSelfOrAdmin(customerId);
    return this.em.transactional(async (em) => {
      const customer = await em.findOneOrFail(Customer, customerId);
      if (customer.erasedAt) return 'erased' as const;
      const active = await em.findOne(Consent, { customer, purpose, withdrawnAt: null });
      if (active?.textVersion === textVersion) return active;
      if (active) active.withdrawnAt = new Date();
      const consent = new Consent(customer, purpose, textVersion, this.viewer.ip);
      em.persist(consent);
      await this.audit.record(em as EntityManager, this.viewer, {
        action: 'consent.granted',
        entityType: 'Customer',
        entityId: customerId,
        after: { purpose, textVersion, consentId: consent.id },
      });
      return consent;
    });
  }

  /**
   * Withdraws consent to `purpose` (Art. 7(3): one call, like granting). Repeating returns the
   * withdrawn consent unchanged; null when consent was never given.
   */
  async withdrawConsent(customerId: string, purpose: ConsentPurpose): Promise<Consent | null> {
    this.requireSelfOrAdmin(customerId);
    return this.em.transactional(async (em) => {
      const active = await em.findOne(
        Consent,
        { customer: customerId, purpose },
        { orderBy: { grantedAt: 'desc', id: 'asc' } },
      );
      if (!active || active.withdrawnAt) return active;
      active.withdrawnAt = new Date();
      await this.audit.record(em as EntityManager, this.viewer, {
        action: 'consent.withdrawn',
        entityType: 'Customer',
        entityId: customerId,
        after: { purpose, textVersion: active.textVersion, consentId: active.id },
      });
      return active;
    });
  }

  /**
   * Everything accounts holds about a customer as one JSON document (Art. 15/20): profile,
   * consents with history, contributors' sections (sessions…) and the audit entries about them.
   * Customers need a recent MFA (step-up); admins may export for a request made offline.
   */
  async exportPersonalData(customerId: string): Promise<string> {
    this.requireSelfWithStepUpOrAdmin(customerId);
    return this.em.transactional(async (em) => {
      const customer = await em.findOneOrFail(Customer, customerId);
      const consents = await em.find(Consent, { customer }, { orderBy: { grantedAt: 'asc' } });
      const auditEntries = await em.find(
        AuditEntry,
        { $or: [{ entityType: 'Customer', entityId: customerId }, { actorCustomer: customerId }] },
        { orderBy: { seq: 'asc' } },
      );
      const sections: Record<string, unknown> = {};
      for (const c of this.contributors)
        sections[c.name] = await c.export(em as EntityManager, customerId);
      await this.audit.record(em as EntityManager, this.viewer, {
        action: 'customer.exported',
        entityType: 'Customer',
        entityId: customerId,
      });
      return JSON.stringify({
        format: 'installa.accounts.personal-data/1',
        exportedAt: new Date().toISOString(),
        customer: {
          id: customer.id,
          ...profileOf(customer),
          locale: customer.locale,
          createdAt: customer.createdAt.toISOString(),
          erasedAt: customer.erasedAt?.toISOString() ?? null,
        },
        consents: consents.map((c) => ({
          purpose: c.purpose,
          textVersion: c.textVersion,
          grantedAt: c.grantedAt.toISOString(),
          withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
          sourceIp: c.sourceIp,
        })),
        ...sections,
        auditEntries: auditEntries.map((a) => ({
          seq: a.seq,
          at: a.at.toISOString(),
          action: a.action,
          actorRole: a.actorRole,
          ip: a.ip,
          userAgent: a.userAgent,
          before: a.before,
          after: a.after,
        })),
      });
    });
  }

  /**
   * Erasure (Art. 17) by pseudonymisation: name and contact data replaced, consents withdrawn,
   * contributors erase theirs (sessions revoked, credential disabled); the id stays for the
   * retained financial records. Idempotent: erasing again changes nothing and is not re-audited.
   * A contributor may refuse (ErasureRefusedError): nothing is erased and its message returned.
   */
  async eraseCustomer(customerId: string, reason: string): Promise<Customer | { refused: string }> {
    this.requireSelfWithStepUpOrAdmin(customerId);
    try {
      return await this.erase(customerId, reason);
    } catch (error) {
      // a contributor's refusal is an expected outcome; the transaction was rolled back
      if (error instanceof ErasureRefusedError) return { refused: error.message };
      throw error;
    }
  }

  private erase(customerId: string, reason: string): Promise<Customer> {
    return this.em.transactional(async (em) => {
      const customer = await em.findOneOrFail(Customer, customerId);
      if (customer.erasedAt) return customer;
      const before = profileOf(customer);
      customer.name = ERASED_NAME;
      customer.email = `erased-${customer.id}@invalid`;
      customer.emailIndex = emailIndexOf(customer.email);
      customer.phone = null;
      customer.postalAddress = null;
      customer.erasedAt = new Date();
      const now = customer.erasedAt;
      await em.nativeUpdate(Consent, { customer, withdrawnAt: null }, { withdrawnAt: now });
      for (const c of this.contributors) await c.erase(em as EntityManager, customerId);
      await this.audit.record(em as EntityManager, this.viewer, {
        action: 'customer.erased',
        entityType: 'Customer',
        entityId: customerId,
        before,
        after: { ...profileOf(customer), reason },
        personalFields: CUSTOMER_PII,
      });
      return customer;
    });
  }

  private requireSelfOrAdmin(customerId: string): void {
    if (this.viewer.role === 'CUSTOMER') requireRead(this.viewer, customerId, 'customers:read');
    else requireRole(this.viewer, 'ADMIN');
  }

  private requireSelfWithStepUpOrAdmin(customerId: string): void {
    this.requireSelfOrAdmin(customerId);
    if (this.viewer.role === 'CUSTOMER') requireRecentMfa(this.viewer);
  }
}
