import { LiveAnnouncer } from '@angular/cdk/a11y';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { provideZonelessChangeDetection } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatSlideToggleHarness } from '@angular/material/slide-toggle/testing';
import { provideRouter } from '@angular/router';
import {
  APOLLO_TESTING_CACHE,
  ApolloTestingController,
  ApolloTestingModule,
} from 'apollo-angular/testing';

import { createCache } from '../graphql/apollo-cache';
import { Session } from '../session/session';
import { StepUp } from '../step-up/step-up';
import { axeViolations } from '../testing/axe';
import { buildDataExport } from './data-export';
import { Privacy } from './privacy';

const CONSENTS = {
  me: {
    __typename: 'Customer',
    id: 'customer-1',
    consents: [
      {
        __typename: 'Consent',
        purpose: 'MARKETING_EMAIL',
        isGranted: true,
        grantedAt: '2026-01-10T10:00:00.000Z',
        withdrawnAt: null,
        version: '1',
      },
    ],
  },
};

describe('Privacy', () => {
  let fixture: ComponentFixture<Privacy>;
  let loader: HarnessLoader;
  let rootLoader: HarnessLoader;
  let controller: ApolloTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule, Privacy],
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
    fixture = TestBed.createComponent(Privacy);
    loader = TestbedHarnessEnvironment.loader(fixture);
    rootLoader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    await fixture.whenStable();
    controller.expectOne('MyConsents').flushData(CONSENTS);
    await settle();
  });

  afterEach(() => {
    controller.verify();
    document.querySelector('.cdk-overlay-container')?.remove();
  });

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  it('shows one toggle per purpose with its current state', async () => {
    const toggles = await loader.getAllHarnesses(MatSlideToggleHarness);
    expect(await Promise.all(toggles.map((t) => t.getLabelText()))).toEqual([
      'News and offers by email',
      'Help us improve the portal',
      'Share my details with partner shops',
    ]);
    expect(await Promise.all(toggles.map((t) => t.isChecked()))).toEqual([true, false, false]);
    expect(await axeViolations(fixture.nativeElement, ['region'])).toEqual([]);
  });

  it('withdraws a consent with one toggle, and grants one the same way', async () => {
    const [marketing, analytics] = await loader.getAllHarnesses(MatSlideToggleHarness);

    await marketing.toggle();
    const withdraw = controller.expectOne('WithdrawConsent');
    expect(withdraw.operation.variables).toEqual({ input: { purpose: 'MARKETING_EMAIL' } });
    withdraw.flushData({
      withdrawConsent: {
        ...CONSENTS.me.consents[0],
        isGranted: false,
        withdrawnAt: '2026-12-04T10:00:00.000Z',
      },
    });
    await settle();
    expect(await marketing.isChecked()).toBeFalse();
    expect(fixture.nativeElement.textContent).toContain('Off since Dec 4, 2026');

    await analytics.toggle();
    const grant = controller.expectOne('GrantConsent');
    expect(grant.operation.variables).toEqual({ input: { purpose: 'PRODUCT_ANALYTICS' } });
    grant.flushData({
      grantConsent: {
        __typename: 'Consent',
        purpose: 'PRODUCT_ANALYTICS',
        isGranted: true,
        grantedAt: '2026-12-04T10:00:00.000Z',
        withdrawnAt: null,
        version: '1',
      },
    });
    await settle();
    expect(await analytics.isChecked()).toBeTrue();
  });

  it('puts the toggle back and says so when saving fails', async () => {
    const [marketing] = await loader.getAllHarnesses(MatSlideToggleHarness);
    await marketing.toggle();
    controller.expectOne('WithdrawConsent').networkError(new Error('offline'));
    await settle();

    expect(await marketing.isChecked()).toBeTrue();
    expect(fixture.nativeElement.textContent).toContain("We couldn't save that choice.");
  });

  it('downloads the export query answer as a JSON file', async () => {
    const createObjectURL = spyOn(URL, 'createObjectURL').and.returnValue('blob:export');
    spyOn(URL, 'revokeObjectURL');
    const click = spyOn(HTMLAnchorElement.prototype, 'click');

    await (await loader.getHarness(MatButtonHarness.with({ text: 'Download my data' }))).click();
    controller.expectOne('MyDataExport').flushData({
      me: {
        __typename: 'Customer',
        id: 'customer-1',
        name: 'Dana Demo',
        email: 'demo@installa.test',
        role: 'CUSTOMER',
        isMfaEnabled: false,
        personalDataExport: { addresses: [] },
        consents: [],
        plans: [],
        payments: [],
      },
    });
    await settle();

    expect(click).toHaveBeenCalledTimes(1);
    const blob = createObjectURL.calls.mostRecent().args[0] as Blob;
    expect(blob.type).toBe('application/json');
    const file = JSON.parse(await blob.text());
    expect(file.account.email).toBe('demo@installa.test');
    expect(file.account.__typename).toBeUndefined();
    expect(file.exportedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('asks for confirmation before erasing, and erases nothing when cancelled', async () => {
    await (await loader.getHarness(MatButtonHarness.with({ text: /Erase my account/ }))).click();
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Erase your account?');
    expect(await dialog.getText()).toContain('We keep the financial records');

    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Cancel' }))).click();
    await settle();
    controller.expectNone('EraseCustomer');
  });

  it('erases the account after confirmation and signs out', async () => {
    const signOut = spyOn(TestBed.inject(Session), 'signOut').and.resolveTo();
    await (await loader.getHarness(MatButtonHarness.with({ text: /Erase my account/ }))).click();
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Erase my account' }))).click();
    await settle();

    const erase = controller.expectOne('EraseCustomer');
    expect(erase.operation.variables).toEqual({
      input: { customerId: 'customer-1', reason: 'Requested by the customer in the portal' },
    });
    erase.flushData({ eraseCustomer: { __typename: 'CustomerErased' } });
    await settle();

    expect(signOut).toHaveBeenCalledOnceWith(
      'Your account has been erased. You have been signed out.',
    );
  });
});

describe('buildDataExport', () => {
  it('writes indented JSON without GraphQL __typename fields', async () => {
    const blob = buildDataExport(
      { __typename: 'Customer', plans: [{ __typename: 'InstallmentPlan', id: 'p1' }] },
      new Date('2026-12-04T10:00:00.000Z'),
    );

    expect(JSON.parse(await blob.text())).toEqual({
      exportedAt: '2026-12-04T10:00:00.000Z',
      account: { plans: [{ id: 'p1' }] },
    });
  });
});
