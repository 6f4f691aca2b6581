import { Arg, Field, ID, InputType, Mutation, Query, Resolver } from 'type-graphql';
import { IsUUID } from 'class-validator';
import { RevokeSessionResult, SessionType } from './session.type';
import type { MySessionsService } from './my-sessions.service';

@InputType({ description: 'Which session to end.' })
export class RevokeSessionInput {
  @Field(() => ID, { description: 'A session id from mySessions.' })
  @IsUUID('all', { message: 'id must be a session id' })
  id!: string;
}

@Resolver(() => SessionType)
export class SessionResolver {
  constructor(private readonly sessionsOfViewer: MySessionsService) {}

  @Query(() => [SessionType], { description: 'Live sessions of the signed-in account.' })
  mySessions(): Promise<SessionType[]> {
    return this.sessionsOfViewer.list();
  }

  @Mutation(() => RevokeSessionResult, { description: 'Ends one of your own sessions.' })
  revokeSession(
    @Arg('input', () => RevokeSessionInput) input: RevokeSessionInput,
  ): Promise<typeof RevokeSessionResult> {
    return this.sessionsOfViewer.revoke(input.id);
  }
}
