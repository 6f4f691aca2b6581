import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Consecutive failed sign-ins per email blind index, whether or not an account has that email
 * (so lockout does not reveal which emails exist). Updated with one atomic upsert per failure.
 */
@Entity({ tableName: 'sign_in_throttle' })
export class SignInThrottle {
  [OptionalProps]?: 'failedCount' | 'lastFailedAt' | 'lockedUntil';

  @PrimaryKey({ type: 'string', length: 64 })
  emailIndex: string;

  @Property({ type: 'integer' })
  failedCount: number = 0;

  @Property({ type: 'datetime', nullable: true })
  lastFailedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  lockedUntil: Date | null = null;

  constructor(emailIndex: string) {
    this.emailIndex = emailIndex;
  }
}
