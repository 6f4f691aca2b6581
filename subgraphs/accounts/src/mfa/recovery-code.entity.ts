import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Credential } from '../identity/credential.entity';

/** One MFA recovery code (80 random bits), stored as SHA-256; usable once. */
@Entity({ tableName: 'recovery_code' })
export class RecoveryCode {
  [OptionalProps]?: 'usedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Credential, { ref: true, deleteRule: 'cascade', index: true })
  credential: Ref<Credential>;

  @Property({ type: 'string', length: 64, unique: 'recovery_code_code_hash_unique' })
  codeHash: string;

  @Property({ type: 'datetime', nullable: true })
  usedAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date;

  constructor(credential: Ref<Credential>, codeHash: string, createdAt: Date) {
    this.credential = credential;
    this.codeHash = codeHash;
    this.createdAt = createdAt;
  }
}
