import { Arg, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Role, Viewer } from '../../../shared/auth/viewer';
import { CustomerType } from '../customer/customer.type';
import type { MfaService } from '../mfa/mfa.service';
import type { AccountService } from './account.service';
import { AccountInterface, RoleEnum } from './account.type';
import { SignInInput, VerifyMfaInput } from './identity.inputs';
import { SignInResult, VerifyMfaResult } from './identity.results';
import type { SignInService } from './sign-in.service';

@Resolver()
export class IdentityResolver {
  constructor(
    private readonly signInService: SignInService,
    private readonly mfaService: MfaService,
    private readonly accountService: AccountService,
    private readonly viewer: Viewer,
  ) {}

  @Query(() => AccountInterface, {
    nullable: true,
    description: 'The signed-in account, or null when nobody (or an API key) is signed in.',
  })
  me(): Promise<AccountInterface | null> {
    return this.accountService.forViewer(this.viewer);
  }

  @Mutation(() => SignInResult, {
    description:
      'Signs in with email and password. Ends the session the request came with; sets the ' +
      'session cookie (through the gateway).',
  })
  signIn(@Arg('input', () => SignInInput) input: SignInInput): Promise<typeof SignInResult> {
    return this.signInService.signIn(input);
  }

  @Mutation(() => VerifyMfaResult, {
    description:
      'Completes sign-in with an authenticator or recovery code (new session token), or ' +
      'refreshes the step-up time of an active session.',
  })
  verifyMfa(@Arg('input', () => VerifyMfaInput) input: VerifyMfaInput) {
    return this.mfaService.verifyMfa(input.code);
  }

  @Mutation(() => Boolean, { description: 'Ends the current session and clears the cookie.' })
  signOut(): Promise<boolean> {
    return this.signInService.signOut();
  }
}

@Resolver(() => CustomerType)
export class CustomerAccountResolver {
  constructor(private readonly accountService: AccountService) {}

  @FieldResolver(() => RoleEnum, { description: 'Always CUSTOMER.' })
  role(): Role {
    return 'CUSTOMER';
  }

  @FieldResolver(() => Boolean, {
    description: 'True when sign-in asks for an authenticator code.',
  })
  async isMfaEnabled(@Root() customer: CustomerType): Promise<boolean> {
    const credential = await this.accountService.credentialBySubject.load(customer.id);
    return credential?.totpEnabledAt != null;
  }
}
