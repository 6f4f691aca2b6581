import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { Component, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import {
  APOLLO_TESTING_CACHE,
  ApolloTestingController,
  ApolloTestingModule,
} from 'apollo-angular/testing';

import { createCache } from '../graphql/apollo-cache';
import { axeViolations } from '../testing/axe';
import { Session } from '../session/session';
import { INVALID_CREDENTIALS_MESSAGE, SignIn } from './sign-in';

@Component({ template: '<h1>Somewhere else</h1>' })
class Destination {}

const SIGNED_IN = {
  __typename: 'SignedIn',
  account: { __typename: 'Customer', id: 'customer-1', name: 'Dana Demo', role: 'CUSTOMER' },
  expiresAt: '2030-01-01T00:00:00.000Z',
};

describe('SignIn', () => {
  let router: RouterTestingHarness;
  let loader: HarnessLoader;
  let controller: ApolloTestingController;

  async function open(url: string): Promise<void> {
    router = await RouterTestingHarness.create(url);
    loader = TestbedHarnessEnvironment.loader(router.fixture);
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule],
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([
          { path: 'sign-in', component: SignIn },
          { path: 'plans', component: Destination },
          { path: 'account/security', component: Destination },
        ]),
        { provide: APOLLO_TESTING_CACHE, useFactory: createCache },
      ],
    });
    controller = TestBed.inject(ApolloTestingController);
  });

  afterEach(() => controller.verify());

  async function input(label: string): Promise<MatInputHarness> {
    return loader.getHarness(MatInputHarness.with({ selector: `[autocomplete="${label}"]` }));
  }

  async function signIn(email = 'demo@installa.test', password = 'demo-password-123') {
    await (await input('email')).setValue(email);
    await (await input('current-password')).setValue(password);
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Sign in' }))).click();
  }

  function text(): string {
    return (router.routeNativeElement as HTMLElement).textContent ?? '';
  }

  async function answer(operation: string, data: object): Promise<void> {
    controller.expectOne(operation).flushData(data);
    await router.fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await router.fixture.whenStable();
  }

  it('signs in and goes to the page in returnUrl', async () => {
    await open('/sign-in?returnUrl=%2Faccount%2Fsecurity');
    await signIn();

    const operation = controller.expectOne('SignIn');
    expect(operation.operation.variables).toEqual({
      input: { email: 'demo@installa.test', password: 'demo-password-123' },
    });
    operation.flushData({ signIn: SIGNED_IN });
    await router.fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));

    expect(TestBed.inject(Router).url).toBe('/account/security');
    expect(TestBed.inject(Session).account()).toEqual(SIGNED_IN.account);
  });

  it('goes to the plans page, never to another site, when returnUrl is absolute', async () => {
    await open('/sign-in?returnUrl=https%3A%2F%2Fevil.example%2Fplans');
    await signIn();
    await answer('SignIn', { signIn: SIGNED_IN });

    expect(TestBed.inject(Router).url).toBe('/plans');
  });

  it('asks for the authenticator code when MFA is required, then signs in', async () => {
    await open('/sign-in?returnUrl=%2Fplans');
    await signIn();
    await answer('SignIn', {
      signIn: { __typename: 'MfaRequired', message: 'Enter your code', code: 'MFA_REQUIRED' },
    });

    const heading = router.routeNativeElement?.querySelector('h1');
    expect(heading?.textContent).toContain('Enter your authenticator code');
    expect(document.activeElement).toBe(heading ?? null);
    const code = await input('one-time-code');
    expect(await (await code.host()).getAttribute('inputmode')).toBe('numeric');

    await code.setValue('123 456');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Continue' }))).click();
    const verify = controller.expectOne('VerifyMfa');
    expect(verify.operation.variables).toEqual({ input: { code: '123456' } });
    verify.flushData({ verifyMfa: SIGNED_IN });
    await router.fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));

    expect(TestBed.inject(Router).url).toBe('/plans');
  });

  it('explains, without a code step, when staff must first set up their authenticator', async () => {
    await open('/sign-in');
    await signIn();
    const message = 'Set up your authenticator from the invitation we sent you first.';
    await answer('SignIn', {
      signIn: { __typename: 'MfaRequired', message, code: 'MFA_ENROLLMENT_REQUIRED' },
    });

    expect(text()).toContain(message);
    expect(text()).not.toContain('Enter your authenticator code');
  });

  it('accepts a recovery code in a text field instead of the numeric one', async () => {
    await open('/sign-in');
    await signIn();
    await answer('SignIn', {
      signIn: { __typename: 'MfaRequired', message: 'Enter your code', code: 'MFA_REQUIRED' },
    });
    await (
      await loader.getHarness(MatButtonHarness.with({ text: 'Use a recovery code instead' }))
    ).click();
    const recovery = await loader.getHarness(
      MatInputHarness.with({ selector: '[autocomplete="off"]' }),
    );
    expect(await (await recovery.host()).getAttribute('inputmode')).toBeNull();

    await recovery.setValue('abcd-efgh');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Continue' }))).click();
    const verify = controller.expectOne('VerifyMfa');
    expect(verify.operation.variables).toEqual({ input: { code: 'abcd-efgh' } });
    verify.flushData({ verifyMfa: SIGNED_IN });
    await router.fixture.whenStable();
  });

  it('says that the code was wrong and stays on the code step', async () => {
    await open('/sign-in');
    await signIn();
    await answer('SignIn', {
      signIn: { __typename: 'MfaRequired', message: 'Enter your code', code: 'MFA_REQUIRED' },
    });
    await (await input('one-time-code')).setValue('000000');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Continue' }))).click();
    await answer('VerifyMfa', {
      verifyMfa: { __typename: 'InvalidMfaCode', message: 'That code is not right.', code: 'X' },
    });

    expect(text()).toContain('That code is not right.');
    expect(TestBed.inject(Router).url).toBe('/sign-in');
  });

  it('starts again when the half-finished sign-in expired before the code was entered', async () => {
    await open('/sign-in');
    await signIn();
    await answer('SignIn', {
      signIn: { __typename: 'MfaRequired', message: 'Enter your code', code: 'MFA_REQUIRED' },
    });
    await (await input('one-time-code')).setValue('123456');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Continue' }))).click();
    controller
      .expectOne('VerifyMfa')
      .graphqlErrors([{ message: 'Expired', extensions: { code: 'UNAUTHENTICATED' } }]);
    await router.fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await router.fixture.whenStable();

    expect(router.routeNativeElement?.querySelector('h1')?.textContent).toContain('Sign in');
    expect(text()).toContain('That took too long. Please sign in again.');
  });

  it('shows one generic message for a wrong email or password', async () => {
    await open('/sign-in');
    await signIn('demo@installa.test', 'wrong-password-123');
    await answer('SignIn', {
      signIn: { __typename: 'InvalidCredentials', message: 'No such user', code: 'INVALID' },
    });

    const message = router.routeNativeElement?.querySelector('.message');
    expect(message?.textContent?.trim()).toBe(INVALID_CREDENTIALS_MESSAGE);
    expect(message?.getAttribute('aria-live')).toBe('polite');
    expect(text()).not.toContain('No such user');
    expect(await (await input('current-password')).getValue()).toBe('');
  });

  it('explains when a locked account can try again', async () => {
    await open('/sign-in');
    await signIn();
    await answer('SignIn', {
      signIn: {
        __typename: 'AccountLocked',
        message: 'Locked',
        code: 'ACCOUNT_LOCKED',
        retryAfterSeconds: 840,
      },
    });

    expect(text()).toContain('Try again in 14 minutes.');
  });

  it('checks the fields before sending anything and focuses the first problem', async () => {
    await open('/sign-in');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Sign in' }))).click();

    expect(text()).toContain('Enter your email address.');
    expect(document.activeElement?.getAttribute('autocomplete')).toBe('email');
    controller.expectNone('SignIn');
  });

  it('sends one request however often the button is pressed', async () => {
    await open('/sign-in');
    await signIn();
    await (await loader.getHarness(MatButtonHarness.with({ text: /Signing in/ }))).click();

    controller.expectOne('SignIn').flushData({ signIn: SIGNED_IN });
    await router.fixture.whenStable();
  });

  it('tells the user why they are here after the session ended', async () => {
    TestBed.inject(Session).signInRequired();
    await open('/sign-in?returnUrl=%2Fplans');

    expect(text()).toContain('Your session has ended. Please sign in again.');
  });

  it('has a "Forgot password?" link and no axe violations', async () => {
    await open('/sign-in');
    const link = router.routeNativeElement?.querySelector('a[href="/forgot-password"]');
    expect(link?.textContent).toContain('Forgot password?');
    expect(await axeViolations(router.routeNativeElement!, ['region'])).toEqual([]);
  });
});
