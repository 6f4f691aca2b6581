import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';

import { AxeBuilder } from '@axe-core/playwright';
import { startSystemFixture, type SystemFixture } from '../../gateway/test/system-fixture';

/** Debian's chromium, never a downloaded browser; background networking off (closed network). */
const CHROMIUM = process.env.CHROME_BIN ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const WIDTHS = [360, 768, 1280];

/** The seeded demo customer (scripts/seed.ts). */
const DEMO_EMAIL = 'demo@installa.test';
const DEMO_PASSWORD = 'demo-password-123';

async function axeViolations(page: Page, disabledRules: string[] = []): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(AXE_TAGS)
    .disableRules(disabledRules)
    .analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/**
 * Signs in through the UI like a customer: the guard sends /plans to sign-in with a returnUrl,
 * and signing in comes back to it.
 */
async function signIn(page: Page, baseUrl: string, checkAxe = false): Promise<void> {
  await page.goto(`${baseUrl}/plans`);
  await page.waitForURL(/\/sign-in\?returnUrl=%2Fplans$/);
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  if (checkAxe) assert.deepEqual(await axeViolations(page), [], '/sign-in');
  await page.getByLabel('Email').fill(DEMO_EMAIL);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${baseUrl}/plans`);
  await page.getByRole('heading', { name: 'Laptop, 12 months' }).waitFor();
}

/** GraphQL as the signed-in browser: the request shares the page's session cookie. */
async function gqlAsPage<T>(page: Page, baseUrl: string, query: string): Promise<{ data?: T }> {
  const response = await page.request.post(`${baseUrl}/graphql`, {
    headers: { 'content-type': 'application/json', 'x-graphql-csrf': '1' },
    data: { query },
  });
  return (await response.json()) as { data?: T };
}

describe('the portal in a real browser', { timeout: 300_000 }, () => {
  let fx: SystemFixture;
  let browser: Browser;

  before(async () => {
    fx = await startSystemFixture();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });

  after(async () => {
    await browser?.close();
    await fx?.stop();
  });

  for (const width of WIDTHS) {
    it(`has no axe violations (WCAG 2.2 A/AA and best practice) on every route at ${width} px`, async () => {
      const base = fx.system.gatewayUrl;
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      const blocked: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
      });

      // Pages for signed-out visitors, including the ones opened from emailed links.
      for (const [path, heading] of [
        ['/forgot-password', 'Reset your password'],
        ['/sign-up', 'Create an account'],
        ['/reset-password#token=e2e-not-a-real-token', 'Choose a new password'],
        ['/accept-invite#token=e2e-not-a-real-token', 'Set up your account'],
      ] as const) {
        await page.goto(`${base}${path}`);
        await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
        assert.deepEqual(await axeViolations(page), [], path);
        assert.ok(!page.url().includes('token='), `${path}: the token must leave the address bar`);
      }
      await page.goto(`${base}/verify-email#token=e2e-not-a-real-token`);
      await page.getByRole('link', { name: 'Go to sign in' }).waitFor();
      assert.deepEqual(await axeViolations(page), [], '/verify-email with a bad token');

      await signIn(page, base, true);
      assert.deepEqual(await axeViolations(page), [], '/plans');
      await page
        .getByRole('button', { name: /Installments/ })
        .first()
        .click();
      await page.getByRole('table').first().waitFor();
      assert.deepEqual(await axeViolations(page), [], '/plans with a schedule expanded');
      const menu = page.getByRole('button', { name: 'Navigation menu' });
      if (await menu.isVisible()) {
        await menu.click();
        await page.getByRole('navigation', { name: 'Main' }).waitFor();
        assert.deepEqual(await axeViolations(page), [], '/plans with the navigation open');
        await page.keyboard.press('Escape');
      }

      const account = page.getByRole('button', { name: /^Account menu for / });
      await account.click();
      await page.getByRole('menuitem', { name: 'Sign out' }).waitFor();
      // An open popup menu sits outside every landmark by nature; all other rules apply.
      assert.deepEqual(await axeViolations(page, ['region']), [], 'the account menu');
      await page.getByRole('menuitem', { name: 'Security' }).click();
      await page.getByRole('heading', { name: 'Security', level: 1 }).waitFor();
      await page.getByRole('heading', { name: "Where you're signed in" }).waitFor();
      await page.getByText('(this device)').waitFor();
      assert.deepEqual(await axeViolations(page), [], '/account/security');

      await page.goto(`${base}/account/privacy`);
      await page.getByRole('heading', { name: 'Privacy and your data', level: 1 }).waitFor();
      await page.getByRole('switch').first().waitFor();
      assert.deepEqual(await axeViolations(page), [], '/account/privacy');

      await page.goto(`${base}/no-such-page`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      assert.deepEqual(await axeViolations(page), [], '/no-such-page');
      assert.deepEqual(blocked, [], 'the portal must run under the CSP without violations');
      await context.close();
    });
  }

  it('guards the portal pages and signs out from the account menu', async () => {
    const base = fx.system.gatewayUrl;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/account/security`);
    await page.waitForURL(/\/sign-in\?returnUrl=%2Faccount%2Fsecurity$/);

    await page.getByLabel('Email').fill(DEMO_EMAIL);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText("That email and password don't match.").waitFor();

    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/account/security`);

    await page.getByRole('button', { name: /^Account menu for / }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(`${base}/sign-in`);
    await page.getByText('You have signed out.').waitFor();
    await page.goto(`${base}/plans`);
    await page.waitForURL(/\/sign-in\?returnUrl=%2Fplans$/);
    await context.close();
  });

  it("updates a plan's remaining balance live when a payment is recorded elsewhere", async () => {
    const base = fx.system.gatewayUrl;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, base);
    const card = page
      .locator('mat-card')
      .filter({ has: page.getByRole('heading', { name: 'Laptop, 12 months' }) });
    const balance = card.locator('dd.balance');
    await balance.waitFor();
    const before = (await balance.textContent())?.trim();
    const plans = await gqlAsPage<{ me: { plans: { id: string; title: string }[] } }>(
      page,
      base,
      '{ me { ... on Customer { plans { id title } } } }',
    );
    const laptop = plans.data?.me.plans.find((p) => p.title === 'Laptop, 12 months');
    assert.ok(laptop);
    await page.waitForTimeout(1_500); // the card's subscription opens after the first render
    // what a lender's staff member would do in GraphiQL
    const recorded = await fx.gql<{ recordPayment: { __typename: string } }>(
      'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { __typename } }',
      {
        input: {
          planId: laptop.id,
          amount: '100.00',
          currency: 'USD',
          idempotencyKey: `portal-e2e-${Date.now()}`,
        },
      },
    );
    assert.equal(recorded.data?.recordPayment.__typename, 'PaymentRecorded');
    const announced = page.waitForFunction(
      () =>
        [...document.querySelectorAll('[aria-live]')].some((e) =>
          /Balance for Laptop, 12 months is now/.test(e.textContent ?? ''),
        ),
      undefined,
      { timeout: 5_000, polling: 50 },
    );
    const deadline = Date.now() + 5_000;
    while ((await balance.textContent())?.trim() === before && Date.now() < deadline)
      await page.waitForTimeout(50);
    assert.notEqual(
      (await balance.textContent())?.trim(),
      before,
      'the balance did not change without a reload',
    );
    await announced; // screen readers are told politely
    await context.close();
  });
});
