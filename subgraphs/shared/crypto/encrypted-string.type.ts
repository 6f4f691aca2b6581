import { Type, type TransformContext } from '@mikro-orm/core';
import { fieldCipher } from './field-cipher';

/**
 * A personal-data column encrypted at rest (AES-256-GCM, see FieldCipher): the entity holds
 * plaintext, the database holds `v1.<keyId>.<iv>.<ciphertext>` bound to `column` (e.g.
 * `customer.email`) as additional data. Use one instance per property:
 * `@Property({ type: new EncryptedStringType('customer.email') })`.
 */
export class EncryptedStringType extends Type<
  string | null | undefined,
  string | null | undefined
> {
  /** `column` (e.g. `customer.email`) is bound to every ciphertext as additional data. */
  constructor(readonly column: string) {
    super();
  }

  /**
   * Encrypts for storage. Refuses to serve as a WHERE condition: a fresh IV per value means an
   * encrypted condition never matches, so such a query would silently find nothing; look up
   * through a blind index instead (e.g. `Customer.emailIndex`).
   */
  override convertToDatabaseValue(
    value: string | null | undefined,
    _platform: unknown,
    context?: TransformContext,
  ): string | null | undefined {
    if (context?.mode === 'query' && value != null)
      throw new Error(`${this.column} is encrypted and cannot be queried; use its blind index`);
    return value == null ? value : fieldCipher().encrypt(value, this.column);
  }

  override convertToJSValue(value: string | null | undefined): string | null | undefined {
    return value == null ? value : fieldCipher().decrypt(value, this.column);
  }

  override getColumnType(): string {
    return 'text';
  }

  override compareAsType(): string {
    return 'string';
  }

  /** Ciphertexts differ per write (random IV): compare what they decrypt to. */
  override compareValues(a: string | null | undefined, b: string | null | undefined): boolean {
    if (a == null || b == null) return a === b;
    return a === b || this.convertToJSValue(a) === this.convertToJSValue(b);
  }

  /** Hydrated values stay as read; no re-encryption just to take a snapshot. */
  override ensureComparable(): boolean {
    return false;
  }
}
