import { provideHttpClient, withFetch } from '@angular/common/http';
import {
  EnvironmentProviders,
  inject,
  provideEnvironmentInitializer,
  Provider,
} from '@angular/core';
import { provideApollo } from 'apollo-angular';

import { Session } from '../session/session';
import { ApolloSessionGateway } from '../session/session-gateway';
import { StepUp } from '../step-up/step-up';
import { apolloOptions } from './apollo-options';

/**
 * HttpClient + the one Apollo client for every page that talks to the gateway.
 *
 * Provided on the lazy portal route (see portal.routes.ts), not in app.config.ts: Apollo
 * Client, graphql and graphql-ws are ~170 kB, which put the initial bundle at 670 kB against
 * the 500 kB budget. All portal pages share this route's injector, so there is still exactly
 * one client and one cache. The root Session (used by the shell's Sign out) gets its gateway
 * calls from here for the same reason.
 */
export function provideGraphQL(): (Provider | EnvironmentProviders)[] {
  return [
    provideHttpClient(withFetch()),
    provideApollo(() => apolloOptions()),
    ApolloSessionGateway,
    StepUp,
    provideEnvironmentInitializer(() => inject(Session).connect(inject(ApolloSessionGateway))),
  ];
}
