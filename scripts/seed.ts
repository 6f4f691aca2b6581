/**
 * Demo data for development: 3 customers and 5 plans of different shapes and states, schedules
 * from the servicing engine, a demo customer login and a demo admin (TOTP enrolled), and payments
 * recorded through the gateway (the real path: payments → outbox → schedules) with a short-lived
 * API key. Runs once: skipped when the demo customer exists. Never in production.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { StaffUser } from '../subgraphs/accounts/src/staff/staff-user.entity';
import { createDemoLogin } from '../subgraphs/accounts/src/identity/demo-accounts';
import { PasswordHasher } from '../subgraphs/accounts/src/identity/password';
import { issueApiKey } from '../subgraphs/accounts/src/api-key/api-key.service';
import { newTotpSecret } from '../subgraphs/accounts/src/mfa/totp';
import { ROOT } from './system';
import type { EntityManager } from '@mikro-orm/postgresql';
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
export const DEMO_ADMIN_EMAIL = 'admin@installa.test';
export const DEMO_ADMIN_PASSWORD = 'admin-password-123';
/** File (in the data folder) holding the demo admin's TOTP secret, written 0600 by the seed. */
export const DEMO_ADMIN_TOTP_FILE = 'demo-admin-totp';

/** The demo admin's TOTP secret from `dataDir`, or null before the first seed. */
export function readDemoAdminTotp(dataDir: string): string | null {
  const file = path.join(dataDir, DEMO_ADMIN_TOTP_FILE);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
}

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

/** What phase 2 needs: the payments to record and an API key allowed to record them. */
export interface SeedResult {
  payments: SeededPayment[];
  /** `payments:write` key valid for one hour, sent as `Authorization: Bearer`; null if seeded. */
  apiKey: string | null;
}

export interface SeededPayment {
  planId: string;
  amount: string;
  currency: string;
  idempotencyKey: string;
}

/**
 * Phase 1, straight through the services (the API has no plan-opening mutation yet): customers,
 * logins and plans. Returns the payments still to record through the gateway (none when already
 * seeded). The demo admin's TOTP secret goes to `<dataDir>/demo-admin-totp` (0600).
 */
export async function seedCustomersAndPlans(
  databaseUrl: string,
  logger: Logger,
  today: string,
  options: { dataDir?: string } = {},
): Promise<SeedResult> {
  if (process.env.NODE_ENV === 'production')
    throw new Error('Refusing to seed demo data in production');
  // the same keys as the accounts subgraph, which encrypts and looks up what is seeded here
  useFieldCipher(fieldCipherFromEnv());
  const accounts = await openAccountsOrm(databaseUrl, logger, 2);
  const schedules = await openSchedulesOrm(databaseUrl, logger, 2);
  try {
    const customers = new CustomerService(accounts.em.fork());
    if (await customers.findByEmail(DEMO_EMAIL)) return { payments: [], apiKey: null };
    const ids = new Map<string, string>();
    for (const c of CUSTOMERS) ids.set(c.email, (await customers.create(c)).id);
    const apiKey = await seedLogins(
      accounts.em.fork(),
      ids.get(DEMO_EMAIL) as string,
      options.dataDir ?? path.join(ROOT, '.data'),
    );
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
    return { payments, apiKey };
  } finally {
    await accounts.close();
    await schedules.close();
  }
}

const RECORD = `mutation Seed($input: RecordPaymentInput!) {
  recordPayment(input: $input) { __typename ... on UserError { code message } }
}`;

/**
 * The demo customer's login (no MFA), the demo admin (TOTP enrolled, secret written to the data
 * folder) and a one-hour `payments:write` API key for phase 2, which it returns. The demo passwords
 * are set directly: they contain the email's local part, which the password rules refuse.
 */
async function seedLogins(
  em: EntityManager,
  demoCustomerId: string,
  dataDir: string,
): Promise<string> {
  const hasher = new PasswordHasher();
  const now = new Date();
  await createDemoLogin(em, hasher, {
    subjectType: 'CUSTOMER',
    subjectId: demoCustomerId,
    email: DEMO_EMAIL,
    password: DEMO_PASSWORD_HINT,
  });
  const admin = new StaffUser('Ada Admin', DEMO_ADMIN_EMAIL, 'ADMIN', now);
  const totpSecret = newTotpSecret();
  em.persist(admin);
  await createDemoLogin(em, hasher, {
    subjectType: 'STAFF',
    subjectId: admin.id,
    email: DEMO_ADMIN_EMAIL,
    password: DEMO_ADMIN_PASSWORD,
    totpSecret,
  });
  const { key } = issueApiKey(em, {
    name: 'seed: demo payments',
    scopes: ['payments:write'],
    createdBy: 'system',
    now,
    expiresAt: new Date(now.getTime() + 3_600_000),
  });
  await em.flush();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(path.join(dataDir, DEMO_ADMIN_TOTP_FILE), `${totpSecret}\n`, { mode: 0o600 });
  return key;
}

/** Phase 2: records the seed payments through the gateway, waiting for plans to reach payments. */
export async function recordSeedPayments(gatewayUrl: string, seed: SeedResult): Promise<void> {
  for (const input of seed.payments) {
    for (let attempt = 0; ; attempt += 1) {
      const response = await fetch(`${gatewayUrl}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(seed.apiKey ? { authorization: `Bearer ${seed.apiKey}` } : {}),
        },
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

/** Id of the demo customer (benchmarks and tests that need one without signing in). */
export async function demoCustomerId(databaseUrl: string, logger: Logger): Promise<string> {
  const accounts = await openAccountsOrm(databaseUrl, logger, 1);
  try {
    const customer = await new CustomerService(accounts.em.fork()).findByEmail(DEMO_EMAIL);
    if (!customer) throw new Error('demo customer not seeded');
    return customer.id;
  } finally {
    await accounts.close();
  }
}
