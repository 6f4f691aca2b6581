import { Type } from '@mikro-orm/core';
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
  constructor(private readonly column: string) {
    super();
  }

  override convertToDatabaseValue(
    value: string | null | undefined,
    _platform: unknown,
    context?: unknown,
  ): string | null | undefined {
    void context;
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
