import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { requireRead } from '../../../shared/auth/policy';
import type { Viewer } from '../../../shared/auth/viewer';
import type { ChainedAuditTrail } from '../../../shared/audit/chained-audit-trail';
import { maskEmail, maskName, maskPhone, maskPostalAddress } from './masking';

/** Customer fields that are personal data. */
export const PERSONAL_FIELDS = ['name', 'email', 'phone', 'postalAddress'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];

const MASKS: Record<PersonalField, (value: string) => string> = {
  name: maskName,
  email: maskEmail,
  phone: maskPhone,
  postalAddress: maskPostalAddress,
};

/**
 * Per-request gate on personal fields of customers. Customers read themselves freely; agents see
 * masks unless they revealed the customer in this request (`revealCustomer`, audited with its
 * reason); admins, auditors and API keys read in the clear, and every such read is audited as
 * `customer.read_pii`: one entry per customer per request, written in one batch.
 */
export class PersonalDataAccess {
  private readonly revealed = new Set<string>();
  private readonly fieldsRead = new Map<string, Set<PersonalField>>();
  private readonly reads = new DataLoader<string, true>(async (ids) => {
    await this.audit.recordMany(
      this.em.fork(),
      this.viewer,
      ids.map((id) => ({
        action: 'customer.read_pii',
        entityType: 'Customer',
        entityId: id,
        after: { fields: [...(this.fieldsRead.get(id) ?? [])].sort() },
      })),
    );
    return ids.map(() => true as const);
  });

  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
    private readonly audit: ChainedAuditTrail,
  ) {}

  /** The value of `field` of `customer` as this viewer may see it. */
  async read(
    customer: { id: string; isOwnAccount?: boolean },
    field: PersonalField,
    value: string | null,
  ): Promise<string | null> {
    const customerId = customer.id;
    if (customer.isOwnAccount) return value;
    requireRead(this.viewer, customerId, 'customers:read');
    if (this.viewer.role === 'CUSTOMER' || this.revealed.has(customerId)) return value;
    if (this.viewer.role === 'AGENT') return value === null ? null : MASKS[field](value);
    const fields = this.fieldsRead.get(customerId) ?? new Set<PersonalField>();
    fields.add(field);
    this.fieldsRead.set(customerId, fields);
    await this.reads.load(customerId);
    return value;
  }

  /** Marks a customer revealed for the rest of this request (the caller audited why). */
  markRevealed(customerId: string): void {
    this.revealed.add(customerId);
  }
}
