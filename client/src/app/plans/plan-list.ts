import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';

import { Icon } from '../icons/icon';
import { PlanCard } from './plan-card';
import { MY_PLANS, PlanSummary } from './plan-queries';

/** What the page shows; exactly one at a time. */
export type PlanListView =
  | { readonly kind: 'loading' }
  | { readonly kind: 'error' }
  | { readonly kind: 'signed-out' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'plans'; readonly plans: readonly PlanSummary[] };

/** "My plans": the signed-in customer's installment plans, kept live by subscriptions. */
@Component({
  selector: 'app-plan-list',
  imports: [Icon, MatButtonModule, MatProgressBarModule, PlanCard, RouterLink],
  templateUrl: './plan-list.html',
  styleUrl: './plan-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanList {
  private readonly query = inject(Apollo).watchQuery({
    query: MY_PLANS,
    notifyOnNetworkStatusChange: true,
  });
  private readonly result = toSignal(this.query.valueChanges);

  protected readonly view = computed<PlanListView>(() => {
    const result = this.result();
    if (!result) return { kind: 'loading' };
    if (result.dataState === 'complete') {
      const me = result.data.me;
      if (!me) return { kind: 'signed-out' };
      const plans = 'plans' in me ? me.plans : [];
      return plans.length ? { kind: 'plans', plans } : { kind: 'empty' };
    }
    // With errorPolicy "none" Apollo clears data on error: complete data and an error never
    // arrive together, so the checks above and below cannot both match.
    if (result.error && !result.loading) return { kind: 'error' };
    return { kind: 'loading' };
  });

  protected readonly plans = computed(() => {
    const view = this.view();
    return view.kind === 'plans' ? view.plans : [];
  });

  protected retry(): void {
    // refetch() also rejects with the error; the error state already comes through
    // valueChanges, so the rejection needs no second handling here.
    this.query.refetch().catch(() => undefined);
  }
}
