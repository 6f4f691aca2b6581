import { Location } from '@angular/common';
import { provideLocationMocks } from '@angular/common/testing';
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
import { Session } from '../session/session';
import { axeViolations } from '../testing/axe';
import { AcceptInvite } from './accept-invite';
import { ResetPassword } from './reset-password';

@Component({ template: '<h1>My plans</h1>' })
class Plans {}

describe('pages opened from emailed links', () => {
  let router: RouterTestingHarness;
  let loader: HarnessLoader;
  let controller: ApolloTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule],
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([
          { path: 'reset-password', component: ResetPassword },
          { path: 'accept-invite', component: AcceptInvite },
          { path: 'plans', component: Plans },
        ]),
        provideLocationMocks(),
        { provide: APOLLO_TESTING_CACHE, useFactory: createCache },
      ],
    });
    controller = TestBed.inject(ApolloTestingController);
  });

  afterEach(() => controller.verify());

  async function open(url: string): Promise<void> {
    router = await RouterTestingHarness.create(url);
    loader = TestbedHarnessEnvironment.loader(router.fixture);
  }

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await router.fixture.whenStable();
  }

  function text(): string {
    return router.routeNativeElement?.textContent ?? '';
  }

  async function choosePassword(password: string, button: string): Promise<void> {
    const field = await loader.getHarness(
      MatInputHarness.with({ selector: '[autocomplete="new-password"]' }),
    );
    await field.setValue(password);
    await (await loader.getHarness(MatButtonHarness.with({ text: button }))).click();
  }

  describe('ResetPassword', () => {
    it('reads the token from the fragment and removes it from the address bar', async () => {
      await open('/reset-password#token=reset-abc');

      expect(TestBed.inject(Location).path(true)).toBe('/reset-password');
      await choosePassword('correct horse battery staple', 'Save new password');

      const reset = controller.expectOne('ResetPassword');
      expect(reset.operation.variables).toEqual({
        input: { token: 'reset-abc', newPassword: 'correct horse battery staple' },
      });
      reset.flushData({
        resetPassword: { __typename: 'PasswordReset', message: 'Your password was changed.' },
      });
      await settle();
      expect(text()).toContain('Your password was changed.');
    });

    it('explains the rules and refuses a short password before asking the server', async () => {
      await open('/reset-password#token=reset-abc');
      expect(text()).toContain('At least 12 characters');

      await choosePassword('too-short', 'Save new password');

      expect(text()).toContain('Use at least 12 characters.');
      controller.expectNone('ResetPassword');
    });

    it("shows the server's reasons when it rejects the password", async () => {
      await open('/reset-password#token=reset-abc');
      await choosePassword('password1234', 'Save new password');
      controller.expectOne('ResetPassword').flushData({
        resetPassword: {
          __typename: 'PasswordRejected',
          message: 'Choose a different password.',
          code: 'PASSWORD_REJECTED',
          reasons: ['This password is too common.'],
        },
      });
      await settle();

      expect(text()).toContain('This password is too common.');
      expect(await axeViolations(router.routeNativeElement!, ['region'])).toEqual([]);
    });

    it('offers a new link when the token is no longer valid', async () => {
      await open('/reset-password#token=used');
      await choosePassword('correct horse battery staple', 'Save new password');
      controller.expectOne('ResetPassword').flushData({
        resetPassword: {
          __typename: 'TokenInvalid',
          message: 'This link has expired.',
          code: 'TOKEN_INVALID',
        },
      });
      await settle();

      expect(text()).toContain('This link has expired.');
      expect(text()).toContain('Send me a new link');
    });

    it('says the link is incomplete when there is no token', async () => {
      await open('/reset-password');

      expect(text()).toContain('This link is incomplete');
    });
  });

  describe('AcceptInvite', () => {
    it('reads and clears the token, then signs in and opens the plans', async () => {
      await open('/accept-invite#token=invite-xyz');
      expect(TestBed.inject(Location).path(true)).toBe('/accept-invite');

      await choosePassword('correct horse battery staple', 'Create my account');
      const accept = controller.expectOne('AcceptInvite');
      expect(accept.operation.variables).toEqual({
        input: { token: 'invite-xyz', password: 'correct horse battery staple' },
      });
      accept.flushData({
        acceptInvite: {
          __typename: 'SignedIn',
          account: { __typename: 'Customer', id: 'c9', name: 'New Customer', role: 'CUSTOMER' },
          expiresAt: '2030-01-01T00:00:00.000Z',
        },
      });
      await settle();
      await settle();

      expect(TestBed.inject(Router).url).toBe('/plans');
      expect(TestBed.inject(Session).account()?.name).toBe('New Customer');
    });
  });
});
