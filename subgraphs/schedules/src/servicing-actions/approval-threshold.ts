import { Money, isKnownCurrency } from '../../../shared/money/money';

/**
 * Per currency, the largest waiver one staff member may apply alone; anything larger waits for a
 * second person. A currency without a threshold always needs approval (the safe default).
 */
export type ApprovalThresholds = ReadonlyMap<string, Money>;

/** `WAIVER_APPROVAL_THRESHOLD` when unset: 50 in each of the main currencies. */
export const DEFAULT_WAIVER_APPROVAL_THRESHOLD = 'USD:50.00,EUR:50.00,GBP:50.00';

/**
 * Parses `CUR:amount` pairs separated by commas (e.g. `USD:50.00,JPY:5000,KWD:15.000`). Amounts are
 * exact decimals with at most the currency's minor digits, not negative; a threshold per currency
 * because one number means very different sums in JPY and in KWD. Returns every problem found.
 */
export function parseApprovalThresholds(text: string): {
  thresholds: ApprovalThresholds;
  issues: string[];
} {
  const thresholds = new Map<string, Money>();
  const issues: string[] = [];
  for (const entry of text.split(',').map((part) => part.trim())) {
    const match = /^([A-Z]{3}):(\d{1,15}(?:\.\d{1,4})?)$/.exec(entry);
    if (!match) {
      issues.push(`"${entry}" is not CUR:amount (e.g. USD:50.00)`);
      continue;
    }
    const [, currency, amount] = match as unknown as [string, string, string];
    if (!isKnownCurrency(currency)) issues.push(`${currency} is not a known ISO 4217 currency`);
    else if (thresholds.has(currency)) issues.push(`${currency} is given twice`);
    else {
      try {
        thresholds.set(currency, Money.of(amount, currency));
      } catch (error) {
        // Money.of refuses more decimals than the currency has: name the entry
        issues.push(`${entry}: ${(error as Error).message}`);
      }
    }
  }
  return { thresholds, issues };
}

/** True when a waiver of `amount` needs a second person: above its currency's threshold. */
export function needsApproval(thresholds: ApprovalThresholds, amount: Money): boolean {
  const threshold = thresholds.get(amount.currency);
  return !threshold || amount.compare(threshold) > 0;
}
