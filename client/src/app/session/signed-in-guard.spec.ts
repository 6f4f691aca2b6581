import { Component, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import {
  APOLLO_TESTING_CACHE,
  ApolloTestingController,
  ApolloTestingModule,
} from 'apollo-angular/testing';

import { createCache } from '../graphql/apollo-cache';
import { Session } from './session';
import { signedInGuard } from './signed-in-guard';

@Component({ template: '' })
class Page {}

describe('signedInGuard', () => {
  let controller: ApolloTestingController;
  let router: Router;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule],
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([
          { path: 'sign-in', component: Page },
          {
            path: '',
            canActivateChild: [signedInGuard],
            children: [{ path: 'account/security', component: Page }],
          },
        ]),
        { provide: APOLLO_TESTING_CACHE, useFactory: createCache },
      ],
    });
    controller = TestBed.inject(ApolloTestingController);
    router = TestBed.inject(Router);
  });

  afterEach(() => controller.verify());

  async function answerCheck(answer: (op: ReturnType<typeof controller.expectOne>) => void) {
    await new Promise((resolve) => setTimeout(resolve));
    answer(controller.expectOne('CurrentAccount'));
  }

  it('sends a signed-out visitor to sign-in with the page as returnUrl', async () => {
    const navigation = router.navigateByUrl('/account/security?tab=mfa');
    await answerCheck((op) => op.flushData({ me: null }));
    await navigation;

    expect(router.url).toBe('/sign-in?returnUrl=%2Faccount%2Fsecurity%3Ftab%3Dmfa');
  });

  it('opens the page for a signed-in account and remembers who it is', async () => {
    const navigation = router.navigateByUrl('/account/security');
    await answerCheck((op) =>
      op.flushData({
        me: {
          __typename: 'Customer',
          id: 'customer-1',
          name: 'Dana Demo',
          email: 'demo@installa.test',
          role: 'CUSTOMER',
          isMfaEnabled: false,
        },
      }),
    );

    expect(await navigation).toBeTrue();
    expect(router.url).toBe('/account/security');
    expect(TestBed.inject(Session).account()?.name).toBe('Dana Demo');
  });

  it('asks the gateway only once while the account is known', async () => {
    TestBed.inject(Session).signedIn({ id: 'c1', name: 'Dana Demo', role: 'CUSTOMER' });

    expect(await router.navigateByUrl('/account/security')).toBeTrue();
    controller.expectNone('CurrentAccount');
  });

  it('stops the navigation on UNAUTHENTICATED (the error link routes to sign-in)', async () => {
    const navigation = router.navigateByUrl('/account/security');
    await answerCheck((op) =>
      op.graphqlErrors([{ message: 'Session expired', extensions: { code: 'UNAUTHENTICATED' } }]),
    );

    expect(await navigation).toBeFalse();
  });

  it('lets the page open and show its own error when the gateway is unreachable', async () => {
    const navigation = router.navigateByUrl('/account/security');
    await answerCheck((op) => op.networkError(new Error('Gateway unreachable')));

    expect(await navigation).toBeTrue();
  });
});
