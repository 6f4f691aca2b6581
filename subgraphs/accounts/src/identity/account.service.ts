import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { Viewer } from '../../../shared/auth/viewer';
import { CustomerService } from '../customer/customer.service';
import { CustomerType } from '../customer/customer.type';
import { StaffUser } from '../staff/staff-user.entity';
import { StaffUserType } from '../staff/staff-user.type';
import type { AccountInterface } from './account.type';
import { Credential } from './credential.entity';

const isUuid = (value: string | null): value is string =>
  value !== null && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** Who a credential belongs to, as the `Account` GraphQL types; one instance per request. */
export class AccountService {
  /** Credential of a subject (customer or staff id), batched for `Customer.isMfaEnabled`. */
  readonly credentialBySubject = new DataLoader<string, Credential | null>(async (ids) => {
    const rows = await this.em.find(Credential, { subjectId: { $in: [...ids] } });
    return ids.map((id) => rows.find((c) => c.subjectId === id) ?? null);
  });

  constructor(private readonly em: EntityManager) {}

  /** The account of `credential`, read through `em` (pass a transaction's to see its writes). */
  async forCredential(
    credential: Credential,
    em: EntityManager = this.em,
  ): Promise<AccountInterface> {
    if (credential.subjectType === 'CUSTOMER') {
      return CustomerType.ownAccount(await new CustomerService(em).get(credential.subjectId));
    }
    const staff = await em.findOneOrFail(StaffUser, { id: credential.subjectId });
    return StaffUserType.from(staff, credential.totpEnabledAt !== null);
  }

  /** The signed-in account, or null for anonymous, pending-MFA and API-key viewers. */
  async forViewer(viewer: Viewer): Promise<AccountInterface | null> {
    if (!viewer.role || viewer.role === 'SERVICE' || !isUuid(viewer.subjectId)) return null;
    const credential = await this.em.findOne(Credential, { id: viewer.subjectId });
    return credential ? this.forCredential(credential) : null;
  }

  /** The email of a credential's owner (decrypted), for password rules and mail. */
  async emailOf(credential: Credential, em: EntityManager = this.em): Promise<string> {
    return (await this.forCredential(credential, em)).email;
  }
}
