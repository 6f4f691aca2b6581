import { Field, ID, ObjectType, createUnionType } from 'type-graphql';
import { UserError } from '../../../shared/errors/user-error';
import { DateTimeScalar } from '../../../shared/graphql/scalars';

/** Hides the host part of an address: `203.0.113.x`, IPv6 kept to its /48 prefix. */
export function maskIp(ip: string | null): string | null {
  if (!ip) return null;
  const v4 = /^(?:::ffff:)?(\d+)\.(\d+)\.(\d+)\.\d+$/.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.x`;
  if (ip.includes(':')) return `${ip.split(':').slice(0, 3).join(':')}::/48`;
  return 'unknown';
}

@ObjectType('Session', { description: 'A signed-in browser or device of the current account.' })
export class SessionType {
  @Field(() => ID, { description: 'Session id (not the cookie token).' })
  id!: string;

  @Field(() => DateTimeScalar, { description: 'When the sign-in happened.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'Last request seen (to within 30 seconds).' })
  lastSeenAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When it ends unless used again before.' })
  expiresAt!: Date;

  @Field(() => String, { nullable: true, description: 'Browser user agent at sign-in.' })
  userAgent!: string | null;

  @Field(() => String, { nullable: true, description: 'Network address at sign-in, masked.' })
  ip!: string | null;

  @Field({ description: 'True for the session making this request.' })
  isCurrent!: boolean;
}

@ObjectType({ description: 'The session was ended.' })
export class SessionRevoked {
  @Field(() => ID, { description: 'The ended session.' })
  id!: string;
}

@ObjectType({ implements: UserError, description: 'No live session of yours has this id.' })
export class SessionNotFound extends UserError {}

export const RevokeSessionResult = createUnionType({
  name: 'RevokeSessionResult',
  description: 'Outcome of revokeSession.',
  types: () => [SessionRevoked, SessionNotFound] as const,
});
