import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** A named 256-bit key; the id is stored with every ciphertext so keys can rotate. */
export interface FieldKey {
  id: string;
  key: Buffer;
}

const VERSION = 'v1';
const IV_BYTES = 12; // NIST SP 800-38D: 96-bit IVs for GCM
const TAG_BYTES = 16;

/** Thrown when a stored value cannot be decrypted (unknown key id, tampered, not ours). */
export class FieldDecryptionError extends Error {
  constructor(reason: string) {
    super(`Encrypted field cannot be read: ${reason}`);
    this.name = 'FieldDecryptionError';
  }
}

/**
 * Field-level encryption at rest: AES-256-GCM with a fresh random IV per value, the key id in the
 * stored string (`v1.<keyId>.<iv>.<ciphertext+tag>`, base64url parts), and the column name as
 * additional authenticated data so a ciphertext cannot be moved to another column. Blind indexes
 * (HMAC-SHA256 with a separate key) allow equality lookups (e.g. by email) without decrypting.
 */
export class FieldCipher {
  private readonly keys: Map<string, Buffer>;

  constructor(
    keys: readonly FieldKey[],
    private readonly activeKeyId: string,
    private readonly blindIndexKey: Buffer,
  ) {
    this.keys = new Map(keys.map((k) => [k.id, k.key]));
    for (const { id, key } of keys) {
      if (!/^[\w-]{1,32}$/.test(id)) throw new RangeError(`Key id "${id}" must match [\\w-]{1,32}`);
      if (key.length !== 32) throw new RangeError(`Key ${id} must be 32 bytes`);
    }
    if (!this.keys.has(activeKeyId)) throw new RangeError(`Active key ${activeKeyId} is not given`);
    if (blindIndexKey.length < 32) throw new RangeError('Blind index key must be ≥ 32 bytes');
  }

  /** Encrypts `plaintext` with the active key; `column` is bound as additional data. */
  encrypt(plaintext: string, column: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.activeKeyId)!, iv);
    cipher.setAAD(Buffer.from(column));
    const body = Buffer.concat([
      cipher.update(plaintext, 'utf8'),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    return [VERSION, this.activeKeyId, iv.toString('base64url'), body.toString('base64url')].join(
      '.',
    );
  }

  /** Decrypts a value written by `encrypt` for the same `column`; throws FieldDecryptionError. */
  decrypt(stored: string, column: string): string {
    const [version, keyId, iv, body] = stored.split('.');
    if (version !== VERSION || !keyId || !iv || !body) throw new FieldDecryptionError('format');
    const key = this.keys.get(keyId);
    if (!key) throw new FieldDecryptionError(`unknown key id ${keyId}`);
    const bytes = Buffer.from(body, 'base64url');
    if (bytes.length < TAG_BYTES) throw new FieldDecryptionError('format');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(column));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      // final() throws when the tag does not verify: tampered data or the wrong column
      throw new FieldDecryptionError('authentication failed');
    }
  }

  /** True when `stored` was written with a key other than the active one (rotation pending). */
  needsRotation(stored: string): boolean {
    return stored.split('.')[1] !== this.activeKeyId;
  }

  /**
   * Deterministic HMAC-SHA256 (hex) of a normalised value for equality lookups; `purpose` separates
   * indexes so equal values in different columns do not match. Normalise before calling (e.g.
   * lower-case emails).
   */
  blindIndex(value: string, purpose: string): string {
    return createHmac('sha256', this.blindIndexKey).update(`${purpose}\0${value}`).digest('hex');
  }
}

/** Development keys derived from a public constant: never valid in production (config refuses). */
export function developmentCipher(): FieldCipher {
  const derive = (label: string) =>
    Buffer.from(hkdfSync('sha256', 'installa-development-only', 'installa', label, 32));
  return new FieldCipher([{ id: 'dev1', key: derive('field-key-dev1') }], 'dev1', derive('blind'));
}

/**
 * Parses `FIELD_ENCRYPTION_KEYS` (`id:base64key,id:base64key`), the active key id and the base64
 * blind-index key; throws a RangeError naming what is wrong.
 */
export function cipherFromConfig(keys: string, activeKeyId: string, blindKey: string): FieldCipher {
  const parsed = keys.split(',').map((entry) => {
    const [id, material] = entry.trim().split(':');
    if (!id || !material) throw new RangeError('FIELD_ENCRYPTION_KEYS entries are id:base64key');
    return { id, key: Buffer.from(material, 'base64') };
  });
  return new FieldCipher(parsed, activeKeyId, Buffer.from(blindKey, 'base64'));
}

let current: FieldCipher | null = null;

/** Sets the process's cipher (once at start-up, from config); entities' encrypted columns use it. */
export function useFieldCipher(cipher: FieldCipher): void {
  current = cipher;
}

/** The process's cipher; development keys unless `useFieldCipher` was called. */
export function fieldCipher(): FieldCipher {
  current ??= developmentCipher();
  return current;
}
