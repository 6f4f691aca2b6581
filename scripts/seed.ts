/**
 * Demo data for development: 3 customers and 5 plans of different shapes and states, schedules
 * from the servicing engine, and payments recorded through the gateway (the real path: payments →
 * outbox → schedules). Runs once: skipped when the demo customer exists. Never in production.
 */
import type { Logger } from 'pino';
import { openAccountsOrm } from '../subgraphs/accounts/src/orm';
import { openSchedulesOrm } from '../subgraphs/schedules/src/orm';
import { CustomerService } from '../subgraphs/accounts/src/customer/customer.service';
import { PlanService } from '../subgraphs/schedules/src/plan/plan.service';
import { Money } from '../subgraphs/shared/money/money';
import { installmentTotal } from '../subgraphs/schedules/src/plan/plan-balance';
import { fieldCipherFromEnv } from '../subgraphs/shared/config/env';
import { useFieldCipher } from '../subgraphs/shared/crypto/field-cipher';

export const DEMO_EMAIL = 'demo@installa.test';
export const DEMO_PASSWORD_HINT = 'demo-password-123';

/** Calendar date `days` from `today` (ISO), computed in UTC so it never drifts with the host zone. */
export const shiftDate = (today: string, days: number): string =>
  new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const shiftMonths = (today: string, months: number): string => {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 8) + '15';
};

interface DemoPlan {
  owner: string;
  title: string;
  terms: Record<string, unknown>;
  /** How many installments were paid, each as its own payment. */
  paidInstallments: number;
}

function demoPlans(today: string): DemoPlan[] {
  const monthly = (
    principal: string,
    currency: string,
    rate: string,
    count: number,
    monthsAgo: number,
  ) => ({
    principal,
    currency,
    annualRatePercent: rate,
    installmentCount: count,
    frequency: { unit: 'MONTHS', every: 1 },
    disbursementDate: shiftMonths(today, -monthsAgo),
    firstDueDate: shiftMonths(today, 1 - monthsAgo),
    interestMethod: 'DECLINING_BALANCE',
    amortization: 'EQUAL_INSTALLMENTS',
    interestAccrual: 'PER_PERIOD',
    dayCount: '30/360',
    rounding: { mode: 'HALF_EVEN', balanceLastInstallment: true },
  });
  const payInN = (principal: string, currency: string, count: number, startDaysAgo: number) => ({
    principal,
    currency,
    annualRatePercent: '0',
    installmentCount: count,
    frequency: { unit: 'WEEKS', every: 2 },
    disbursementDate: shiftDate(today, -startDaysAgo),
    firstDueDate: shiftDate(today, 14 - startDaysAgo),
    interestMethod: 'NONE',
    amortization: 'EQUAL_INSTALLMENTS',
    interestAccrual: 'PER_PERIOD',
    dayCount: 'ACT/365F',
    rounding: { mode: 'HALF_EVEN' },
  });
  return [
    {
      owner: DEMO_EMAIL,
      title: 'Laptop, 12 months',
      terms: monthly('1200.00', 'USD', '9.99', 12, 3),
      paidInstallments: 2,
    },
    {
      owner: DEMO_EMAIL,
      title: 'Sofa, pay in 4',
      terms: payInN('480.00', 'USD', 4, 42),
      paidInstallments: 1,
    },
    {
      owner: DEMO_EMAIL,
      title: 'Headphones, pay in 3',
      terms: payInN('149.99', 'EUR', 3, 50),
      paidInstallments: 3,
    },
    {
      owner: 'kenji.sato@installa.test',
      title: 'Bicycle, 6 months',
      terms: monthly('120000', 'JPY', '12', 6, 1),
      paidInstallments: 0,
    },
    {
      owner: 'layla.alsabah@installa.test',
      title: 'Phone, 10 months',
      terms: monthly('250.000', 'KWD', '5', 10, 2),
      paidInstallments: 1,
    },
  ];
}

const CUSTOMERS = [
  { name: 'Dana Demo', email: DEMO_EMAIL, locale: 'en-US' },
  { name: 'Kenji Sato', email: 'kenji.sato@installa.test', locale: 'ja-JP' },
  { name: 'Layla Al-Sabah', email: 'layla.alsabah@installa.test', locale: 'ar-KW' },
];

export interface SeededPayment {
  planId: string;
  amount: string;
  currency: string;
  idempotencyKey: string;
}

/**
 * Phase 1, straight through the services (the API has no plan-opening mutation yet): customers and
 * plans. Returns the payments still to record through the gateway (empty when already seeded).
 */
export async function seedCustomersAndPlans(
  databaseUrl: string,
  logger: Logger,
  today: string,
): Promise<SeededPayment[]> {
  // the same keys as the accounts subgraph, which encrypts and looks up what is seeded here
  useFieldCipher(fieldCipherFromEnv());
  const accounts = await openAccountsOrm(databaseUrl, logger, 2);
  const schedules = await openSchedulesOrm(databaseUrl, logger, 2);
  try {
    const customers = new CustomerService(accounts.em.fork());
    if (await customers.findByEmail(DEMO_EMAIL)) return [];
    const ids = new Map<string, string>();
    for (const c of CUSTOMERS) ids.set(c.email, (await customers.create(c)).id);
    const plans = new PlanService(schedules.em.fork(), () => today);
    const payments: SeededPayment[] = [];
    for (const demo of demoPlans(today)) {
      const plan = await plans.openPlanFromTerms(
        ids.get(demo.owner) as string,
        demo.title,
        demo.terms,
      );
      const rows = [...plan.installments.getItems()].sort((a, b) => a.number - b.number);
      rows.slice(0, demo.paidInstallments).forEach((i) =>
        payments.push({
          planId: plan.id,
          amount: Money.of(installmentTotal(i), plan.currency).toFixed(),
          currency: plan.currency,
          idempotencyKey: `seed-${plan.id}-${i.number}`,
        }),
      );
    }
    return payments;
  } finally {
    await accounts.close();
    await schedules.close();
  }
}

const RECORD = `mutation Seed($input: RecordPaymentInput!) {
  recordPayment(input: $input) { __typename ... on UserError { code message } }
}`;

/** Phase 2: records the seed payments through the gateway, waiting for plans to reach payments. */
export async function recordSeedPayments(
  gatewayUrl: string,
  payments: SeededPayment[],
): Promise<void> {
  for (const input of payments) {
    for (let attempt = 0; ; attempt += 1) {
      const response = await fetch(`${gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: RECORD, variables: { input } }),
        signal: AbortSignal.timeout(10_000),
      });
      const body = (await response.json()) as {
        data?: { recordPayment: { __typename: string } };
        errors?: unknown[];
      };
      const outcome = body.data?.recordPayment.__typename;
      if (outcome === 'PaymentRecorded') break;
      // the plan directory in payments fills asynchronously from schedules' outbox: wait for it
      if (outcome !== 'PlanNotFound' || attempt > 100)
        throw new Error(`seed payment failed: ${JSON.stringify(body)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
