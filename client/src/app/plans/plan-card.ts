import { LiveAnnouncer } from '@angular/cdk/a11y';
import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  LOCALE_ID,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatCardModule } from '@angular/material/card';
import { MatChipsModule } from '@angular/material/chips';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Apollo } from 'apollo-angular';
import { distinctUntilChanged, map, switchMap } from 'rxjs';

import { InstallmentTable } from './installment-table';
import { formatMoney, MoneyPipe } from './money-pipe';
import { PLAN_BALANCE_CHANGED, PlanSummary } from './plan-queries';
import { PLAN_STATUS_LABELS } from './status-labels';

/**
 * One installment plan: status, repayment progress, balance, next payment and schedule.
 *
 * While shown, the card listens to `planBalanceChanged` for its plan. Apollo writes each event
 * into the normalized cache, which re-renders the list query (and so this card); the card only
 * adds the screen-reader announcement.
 */
@Component({
  selector: 'app-plan-card',
  imports: [
    DatePipe,
    InstallmentTable,
    MatCardModule,
    MatChipsModule,
    MatExpansionModule,
    MatProgressBarModule,
    MoneyPipe,
  ],
  templateUrl: './plan-card.html',
  styleUrl: './plan-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanCard {
  readonly plan = input.required<PlanSummary>();

  private readonly apollo = inject(Apollo);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly locale = inject(LOCALE_ID);

  protected readonly statusLabels = PLAN_STATUS_LABELS;
  protected readonly percent = computed(() => this.plan().repaidPercent);

  constructor() {
    toObservable(this.plan)
      .pipe(
        map((plan) => plan.id),
        distinctUntilChanged(),
        switchMap((planId) =>
          this.apollo.subscribe({ query: PLAN_BALANCE_CHANGED, variables: { planId } }),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ data }) => {
        // Failed events arrive without data; the error link has already reported them.
        if (data) this.announceBalance(data.planBalanceChanged);
      });
  }

  private announceBalance(plan: PlanSummary): void {
    const { amount, currency } = plan.outstandingBalance;
    const balance = formatMoney(amount, currency, this.locale);
    void this.announcer.announce(`Balance for ${plan.title} is now ${balance}`, 'polite');
  }
}
