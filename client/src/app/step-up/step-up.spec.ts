import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { Component, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { Apollo } from 'apollo-angular';
import {
  APOLLO_TESTING_CACHE,
  ApolloTestingController,
  ApolloTestingModule,
} from 'apollo-angular/testing';
import { firstValueFrom } from 'rxjs';

import { DISABLE_MFA } from '../account/security-queries';
import { createCache } from '../graphql/apollo-cache';
import { axeViolations } from '../testing/axe';
import { StepUp, StepUpCancelled } from './step-up';

@Component({ template: '' })
class EmptyHost {}

const STEP_UP_REQUIRED = [
  {
    message: 'Confirm with your authenticator code.',
    extensions: { code: 'FORBIDDEN', reason: 'STEP_UP_REQUIRED' },
  },
];

describe('StepUp', () => {
  let controller: ApolloTestingController;
  let loader: HarnessLoader;
  let stepUp: StepUp;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule],
      providers: [
        provideZonelessChangeDetection(),
        StepUp,
        { provide: APOLLO_TESTING_CACHE, useFactory: createCache },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    controller = TestBed.inject(ApolloTestingController);
    stepUp = TestBed.inject(StepUp);
    loader = TestbedHarnessEnvironment.documentRootLoader(TestBed.createComponent(EmptyHost));
  });

  afterEach(() => {
    controller.verify();
    document.querySelector('.cdk-overlay-container')?.remove();
  });

  function disableMfa(): Promise<boolean | undefined> {
    const apollo = TestBed.inject(Apollo);
    return stepUp
      .run(() => firstValueFrom(apollo.mutate({ mutation: DISABLE_MFA })))
      .then(({ data }) => data?.disableMfa);
  }

  async function dialog(): Promise<MatDialogHarness> {
    for (let tries = 0; tries < 100; tries++) {
      const found = await loader.getHarnessOrNull(MatDialogHarness);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('The step-up dialog did not open');
  }

  it('runs the action once when no step-up is needed', async () => {
    const result = disableMfa();
    controller.expectOne('DisableMfa').flushData({ disableMfa: true });

    expect(await result).toBeTrue();
    expect(await loader.getHarnessOrNull(MatDialogHarness)).toBeNull();
  });

  it('asks for a code, verifies it and then retries the action', async () => {
    const result = disableMfa();
    controller.expectOne('DisableMfa').graphqlErrors(STEP_UP_REQUIRED);

    const codeDialog = await dialog();
    expect(await codeDialog.getTitleText()).toBe("Confirm it's you");
    const code = await codeDialog.getHarness(MatInputHarness);
    expect(await (await code.host()).getAttribute('autocomplete')).toBe('one-time-code');
    // The dialog sits in the overlay container, outside the page landmarks by design.
    const overlay = document.querySelector('.cdk-overlay-container')!;
    expect(await axeViolations(overlay, ['region'])).toEqual([]);
    await code.setValue('123456');
    await (await codeDialog.getHarness(MatButtonHarness.with({ text: 'Confirm' }))).click();

    const verify = controller.expectOne('VerifyMfa');
    expect(verify.operation.variables).toEqual({ input: { code: '123456' } });
    verify.flushData({
      verifyMfa: {
        __typename: 'SignedIn',
        account: { __typename: 'Customer', id: 'c1', name: 'Dana Demo', role: 'CUSTOMER' },
        expiresAt: '2030-01-01T00:00:00.000Z',
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.expectOne('DisableMfa').flushData({ disableMfa: true });

    expect(await result).toBeTrue();
  });

  it('keeps the dialog open with the reason when the code is wrong', async () => {
    void disableMfa().catch(() => undefined);
    controller.expectOne('DisableMfa').graphqlErrors(STEP_UP_REQUIRED);
    const codeDialog = await dialog();
    await (await codeDialog.getHarness(MatInputHarness)).setValue('000000');
    await (await codeDialog.getHarness(MatButtonHarness.with({ text: 'Confirm' }))).click();

    controller.expectOne('VerifyMfa').flushData({
      verifyMfa: { __typename: 'InvalidMfaCode', message: 'That code is not right.', code: 'X' },
    });
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(await codeDialog.getText()).toContain('That code is not right.');
    await (await codeDialog.getHarness(MatButtonHarness.with({ text: 'Cancel' }))).click();
  });

  it('rejects with StepUpCancelled and does not retry when the dialog is cancelled', async () => {
    const result = disableMfa();
    controller.expectOne('DisableMfa').graphqlErrors(STEP_UP_REQUIRED);
    const codeDialog = await dialog();
    await (await codeDialog.getHarness(MatButtonHarness.with({ text: 'Cancel' }))).click();

    await expectAsync(result).toBeRejectedWithError(StepUpCancelled);
    controller.expectNone('DisableMfa');
  });
});
