import { LiveAnnouncer } from '@angular/cdk/a11y';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { provideZonelessChangeDetection } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatCardHarness } from '@angular/material/card/testing';
import { MatChipHarness } from '@angular/material/chips/testing';
import { MatExpansionPanelHarness } from '@angular/material/expansion/testing';
import { MatProgressBarHarness } from '@angular/material/progress-bar/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import {
  APOLLO_TESTING_CACHE,
  ApolloTestingController,
  ApolloTestingModule,
  TestOperation,
} from 'apollo-angular/testing';

import { createCache } from '../graphql/apollo-cache';
import { axeViolations } from '../testing/axe';
import { laptopPlan, myPlans, sofaPlan } from './plan-fixtures';
import { PlanList } from './plan-list';

describe('PlanList', () => {
  let fixture: ComponentFixture<PlanList>;
  let loader: HarnessLoader;
  let controller: ApolloTestingController;
  let announce: jasmine.Spy<LiveAnnouncer['announce']>;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule, PlanList],
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([]),
        // The app's own cache, so normalization and Money merging behave as in production.
        { provide: APOLLO_TESTING_CACHE, useFactory: createCache },
      ],
    });
    controller = TestBed.inject(ApolloTestingController);
    announce = spyOn(TestBed.inject(LiveAnnouncer), 'announce').and.resolveTo();
    fixture = TestBed.createComponent(PlanList);
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
  });

  afterEach(() => controller.verify());

  /**
   * Waits for Apollo and Angular: a cache write reaches watching queries through a
   * setTimeout(0) (ObservableQuery.scheduleNotify), which whenStable alone does not wait for.
   */
  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  /** Answers the MyPlans query, then waits for the cards to render. */
  async function flushPlans(data: ReturnType<typeof myPlans> | { me: null }): Promise<void> {
    controller.expectOne('MyPlans').flushData(data);
    await fixture.whenStable();
  }

  /** The live-update subscription a card opened for `planId`. */
  function balanceSubscription(planId: string): TestOperation {
    return controller.expectOne(
      (op) => op.operationName === 'PlanBalanceChanged' && op.variables['planId'] === planId,
    );
  }

  it('shows a progress indicator while the plans load', async () => {
    const bar = await loader.getHarness(MatProgressBarHarness);
    expect(await bar.getMode()).toBe('indeterminate');
    expect(fixture.nativeElement.textContent).toContain('Loading your plans');

    await flushPlans(myPlans([]));
  });

  it('renders one card per plan with title, status, progress and balances', async () => {
    await flushPlans(myPlans([laptopPlan(), sofaPlan()]));
    balanceSubscription('plan-1');
    balanceSubscription('plan-2');

    const cards = await loader.getAllHarnesses(MatCardHarness);
    expect(await Promise.all(cards.map((card) => card.getTitleText()))).toEqual(['Laptop', 'Sofa']);

    const laptop = cards[0];
    const laptopText = await laptop.getText();
    expect(laptopText).toContain('Remaining balance $937.50');
    expect(laptopText).toContain('$312.50 of $1,250.00');
    expect(laptopText).toContain('Next payment $312.50 due Feb 1, 2025');
    expect(await (await laptop.getHarness(MatChipHarness)).getText()).toBe('Status: Active');

    const bar = await laptop.getHarness(MatProgressBarHarness);
    expect(await bar.getValue()).toBe(25);
    expect(await (await bar.host()).getAttribute('aria-label')).toBe('25% repaid');

    const sofaText = await cards[1].getText();
    expect(sofaText).toContain('Next payment None scheduled');
    expect(await (await cards[1].getHarness(MatProgressBarHarness)).getValue()).toBe(100);
  });

  it('lists the installments in a table inside a collapsed panel', async () => {
    await flushPlans(myPlans([laptopPlan()]));
    balanceSubscription('plan-1');

    const panel = await loader.getHarness(
      MatExpansionPanelHarness.with({ title: 'Installments (4)' }),
    );
    expect(await panel.isExpanded()).toBeFalse();
    await panel.expand();

    const table = await panel.getHarness(MatTableHarness);
    const headers = await (await table.getHeaderRows())[0].getCellTextByIndex();
    expect(headers).toEqual([
      'No.',
      'Due date',
      'Principal',
      'Interest',
      'Fees',
      'Total',
      'Status',
    ]);
    const rows = await table.getCellTextByIndex();
    expect(rows.length).toBe(4);
    expect(rows[0]).toEqual(['1', 'Jan 1, 2025', '$300.00', '$12.50', '$0.00', '$312.50', 'Paid']);
    expect(rows[1][6]).toBe('Due');
  });

  it('shows an empty state when the customer has no plans', async () => {
    await flushPlans(myPlans([]));

    expect(await loader.getAllHarnesses(MatCardHarness)).toEqual([]);
    expect(fixture.nativeElement.textContent).toContain('No plans yet');
  });

  it('shows a not-signed-in state when there is no signed-in customer', async () => {
    await flushPlans({ me: null });

    expect(fixture.nativeElement.textContent).toContain("You're not signed in");
    expect(await loader.getAllHarnesses(MatCardHarness)).toEqual([]);
  });

  it('shows an error with a retry button that loads the plans again', async () => {
    controller.expectOne('MyPlans').networkError(new Error('Gateway unreachable'));
    await fixture.whenStable();

    expect(fixture.nativeElement.textContent).toContain("We couldn't load your plans");
    const retry = await loader.getHarness(MatButtonHarness.with({ text: /Try again/ }));
    await retry.click();
    await fixture.whenStable();

    await flushPlans(myPlans([laptopPlan()]));
    balanceSubscription('plan-1');
    const cards = await loader.getAllHarnesses(MatCardHarness);
    expect(await cards[0].getTitleText()).toBe('Laptop');
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /Try again/ }))).toEqual([]);
  });

  it('updates the card and announces the new balance when planBalanceChanged fires', async () => {
    await flushPlans(myPlans([laptopPlan()]));
    const subscription = balanceSubscription('plan-1');
    const card = await loader.getHarness(MatCardHarness);
    expect(await card.getText()).toContain('Remaining balance $937.50');

    subscription.flushData({
      planBalanceChanged: laptopPlan({
        outstandingBalance: { __typename: 'Money', amount: '625.00', currency: 'USD' },
        paidAmount: { __typename: 'Money', amount: '625.00', currency: 'USD' },
        repaidPercent: 50,
      }),
    });
    await settle();

    expect(await card.getText()).toContain('Remaining balance $625.00');
    expect(await (await card.getHarness(MatProgressBarHarness)).getValue()).toBe(50);
    expect(announce).toHaveBeenCalledOnceWith('Balance for Laptop is now $625.00', 'polite');
  });

  it('has a single h1 for the page', async () => {
    await flushPlans(myPlans([laptopPlan()]));
    balanceSubscription('plan-1');

    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelectorAll('h1').length).toBe(1);
    expect(element.querySelector('h1')?.textContent).toBe('My plans');
    expect(element.querySelectorAll('h2').length).toBe(1);
  });

  describe('accessibility (axe, without the shell around the page)', () => {
    // `region` needs the shell's landmarks; the shell spec and e2e cover it on full pages.
    const withoutShell = ['region'];

    it('has no violations with plans shown and a schedule expanded', async () => {
      await flushPlans(myPlans([laptopPlan(), sofaPlan()]));
      balanceSubscription('plan-1');
      balanceSubscription('plan-2');
      await (await loader.getHarness(MatExpansionPanelHarness)).expand();

      expect(await axeViolations(fixture.nativeElement, withoutShell)).toEqual([]);
    });

    it('has no violations in the error state', async () => {
      controller.expectOne('MyPlans').networkError(new Error('Gateway unreachable'));
      await fixture.whenStable();

      expect(await axeViolations(fixture.nativeElement, withoutShell)).toEqual([]);
    });
  });
});
