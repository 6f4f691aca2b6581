import { LiveAnnouncer } from '@angular/cdk/a11y';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { provideZonelessChangeDetection } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { provideRouter } from '@angular/router';
import {
  APOLLO_TESTING_CACHE,
  ApolloTestingController,
  ApolloTestingModule,
} from 'apollo-angular/testing';

import { createCache } from '../graphql/apollo-cache';
import { StepUp } from '../step-up/step-up';
import { axeViolations } from '../testing/axe';
import { Security } from './security';

function me(isMfaEnabled: boolean) {
  return {
    me: {
      __typename: 'Customer',
      id: 'customer-1',
      name: 'Dana Demo',
      email: 'demo@installa.test',
      role: 'CUSTOMER',
      isMfaEnabled,
    },
  };
}

describe('Security', () => {
  let fixture: ComponentFixture<Security>;
  let loader: HarnessLoader;
  let controller: ApolloTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule, Security],
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([]),
        StepUp,
        { provide: APOLLO_TESTING_CACHE, useFactory: createCache },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    controller = TestBed.inject(ApolloTestingController);
    spyOn(TestBed.inject(LiveAnnouncer), 'announce').and.resolveTo();
    fixture = TestBed.createComponent(Security);
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
    controller.expectOne('MySessions').flushData({ mySessions: [] });
  });

  afterEach(() => {
    controller.verify();
    document.querySelector('.cdk-overlay-container')?.remove();
  });

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  function text(): string {
    return fixture.nativeElement.textContent;
  }

  it('sets up two-step verification: key as text, setup link, code, recovery codes', async () => {
    controller.expectOne('CurrentAccount').flushData(me(false));
    await settle();
    expect(await axeViolations(fixture.nativeElement, ['region'])).toEqual([]);

    await (await loader.getHarness(MatButtonHarness.with({ text: /Set up two-step/ }))).click();
    controller.expectOne('StartMfaEnrollment').flushData({
      startMfaEnrollment: {
        __typename: 'MfaEnrollment',
        secret: 'JBSWY3DPEHPK3PXP',
        otpauthUri: 'otpauth://totp/Installa:demo?secret=JBSWY3DPEHPK3PXP&issuer=Installa',
      },
    });
    await settle();
    expect(text()).toContain('JBSWY3DPEHPK3PXP');
    const link: HTMLAnchorElement = fixture.nativeElement.querySelector('a[href^="otpauth:"]');
    expect(link.getAttribute('href')).toMatch(/^otpauth:\/\/totp\/Installa/);
    expect(document.activeElement?.textContent).toContain('Set up your authenticator app');
    expect(await axeViolations(fixture.nativeElement, ['region'])).toEqual([]);

    await (
      await loader.getHarness(MatInputHarness.with({ selector: '[autocomplete="one-time-code"]' }))
    ).setValue('123456');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Turn on' }))).click();
    controller.expectOne('ConfirmMfaEnrollment').flushData({
      confirmMfaEnrollment: { __typename: 'MfaEnabled', recoveryCodes: ['aaaa-bbbb', 'cccc-dddd'] },
    });
    await settle();
    controller.expectOne('CurrentAccount').flushData(me(true));
    await settle();

    expect(text()).toContain('Save your recovery codes');
    expect(text()).toContain('aaaa-bbbb');
  });

  it('changes the password after the step-up code, retrying the change', async () => {
    controller.expectOne('CurrentAccount').flushData(me(true));
    await settle();

    await (
      await loader.getHarness(
        MatInputHarness.with({ selector: '[autocomplete="current-password"]' }),
      )
    ).setValue('old password 123');
    await (
      await loader.getHarness(MatInputHarness.with({ selector: '[autocomplete="new-password"]' }))
    ).setValue('a much longer new password');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Change password' }))).click();
    controller
      .expectOne('ChangePassword')
      .graphqlErrors([
        { message: 'Step up', extensions: { code: 'FORBIDDEN', reason: 'STEP_UP_REQUIRED' } },
      ]);

    const rootLoader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    let dialog: MatDialogHarness | null = null;
    for (let tries = 0; !dialog && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      dialog = await rootLoader.getHarnessOrNull(MatDialogHarness);
    }
    await (await dialog!.getHarness(MatInputHarness)).setValue('654321');
    await (await dialog!.getHarness(MatButtonHarness.with({ text: 'Confirm' }))).click();
    controller.expectOne('VerifyMfa').flushData({
      verifyMfa: {
        __typename: 'SignedIn',
        account: { __typename: 'Customer', id: 'customer-1', name: 'Dana Demo', role: 'CUSTOMER' },
        expiresAt: '2030-01-01T00:00:00.000Z',
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));

    const retried = controller.expectOne('ChangePassword');
    expect(retried.operation.variables).toEqual({
      input: { currentPassword: 'old password 123', newPassword: 'a much longer new password' },
    });
    retried.flushData({
      changePassword: { __typename: 'PasswordChanged', message: 'Your password was changed.' },
    });
    await settle();
    expect(text()).toContain('Your password was changed.');
  });

  it('says when the current password is wrong', async () => {
    controller.expectOne('CurrentAccount').flushData(me(false));
    await settle();
    await (
      await loader.getHarness(
        MatInputHarness.with({ selector: '[autocomplete="current-password"]' }),
      )
    ).setValue('wrong');
    await (
      await loader.getHarness(MatInputHarness.with({ selector: '[autocomplete="new-password"]' }))
    ).setValue('a much longer new password');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Change password' }))).click();
    controller.expectOne('ChangePassword').flushData({
      changePassword: { __typename: 'InvalidCredentials', message: 'Nope', code: 'INVALID' },
    });
    await settle();

    expect(text()).toContain('Your current password is not right.');
  });
});
