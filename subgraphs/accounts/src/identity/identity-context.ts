import type { EntityManager } from '@mikro-orm/postgresql';
import { formatSessionInstruction, SESSION_HEADER } from '../../../shared/auth/session-header';
import type { BaseRequestContext } from '../../../shared/server/subgraph-server';
import { ApiKeyResolver } from '../api-key/api-key.resolver';
import { ApiKeyService } from '../api-key/api-key.service';
import { MfaResolver } from '../mfa/mfa.resolver';
import { MfaService } from '../mfa/mfa.service';
import { OnboardingResolver } from '../onboarding/onboarding.resolver';
import { OnboardingService } from '../onboarding/onboarding.service';
import { PasswordService } from '../onboarding/password.service';
import { MySessionsService } from '../session/my-sessions.service';
import { SessionResolver } from '../session/session.resolver';
import { SessionService, type SessionSink } from '../session/session.service';
import { StaffResolver } from '../staff/staff.resolver';
import { StaffService } from '../staff/staff.service';
import { AccountService } from './account.service';
import type { IdentityDeps } from './identity-deps';
import { CustomerAccountResolver, IdentityResolver } from './identity.resolver';
import { OneTimeTokens } from './one-time-tokens';
import { SignInService } from './sign-in.service';

/** Every identity GraphQL resolver class, for the schema. */
export const identityResolvers = [
  IdentityResolver,
  CustomerAccountResolver,
  SessionResolver,
  MfaResolver,
  OnboardingResolver,
  StaffResolver,
  ApiKeyResolver,
] as const;

/** The identity part of one request's composition root: services and resolver instances. */
export function createIdentityContext(
  em: EntityManager,
  base: BaseRequestContext,
  deps: IdentityDeps,
): { accounts: AccountService; resolvers: [Function, object][] } {
  const viewer = base.viewer;
  const sink: SessionSink = (instruction) =>
    base.setResponseHeader(SESSION_HEADER, formatSessionInstruction(instruction));
  const sessions = new SessionService(deps);
  const accounts = new AccountService(em);
  const tokens = new OneTimeTokens(deps.clock);
  const signIn = new SignInService(em, viewer, deps, sessions, accounts, sink);
  const mfa = new MfaService(em, viewer, deps, sessions, accounts, sink);
  const onboarding = new OnboardingService(em, viewer, deps, tokens, sessions, accounts, sink);
  const passwords = new PasswordService(em, viewer, deps, tokens, sessions, accounts, sink);
  return {
    accounts,
    resolvers: [
      [IdentityResolver, new IdentityResolver(signIn, mfa, accounts, viewer)],
      [CustomerAccountResolver, new CustomerAccountResolver(accounts)],
      [
        SessionResolver,
        new SessionResolver(new MySessionsService(em, viewer, deps, sessions, sink)),
      ],
      [MfaResolver, new MfaResolver(mfa)],
      [OnboardingResolver, new OnboardingResolver(onboarding, passwords)],
      [StaffResolver, new StaffResolver(new StaffService(em, viewer, deps, tokens))],
      [ApiKeyResolver, new ApiKeyResolver(new ApiKeyService(em, viewer, deps))],
    ],
  };
}
