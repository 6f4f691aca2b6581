import { inject, LOCALE_ID, Pipe, PipeTransform } from '@angular/core';

import { Decimal } from './plan-queries';

/**
 * Formats an exact decimal amount in its currency, e.g. ("1250.5", "USD") → "$1,250.50".
 *
 * Display only. The decimal string goes to Intl as a string, which formats it exactly (no
 * conversion to a binary float, so no rounding of large amounts).
 */
export function formatMoney(amount: Decimal, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
    amount as Intl.StringNumericLiteral,
  );
}

/** `{{ plan.outstandingBalance.amount | money: plan.outstandingBalance.currency }}` */
@Pipe({ name: 'money' })
export class MoneyPipe implements PipeTransform {
  private readonly locale = inject(LOCALE_ID);

  transform(amount: Decimal, currency: string): string {
    return formatMoney(amount, currency, this.locale);
  }
}
