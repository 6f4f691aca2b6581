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

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
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
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      const blocked: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
      });
      await page.goto(`${fx.system.gatewayUrl}/plans`);
      await page.getByRole('heading', { name: 'Laptop, 12 months' }).waitFor();
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
      await page.goto(`${fx.system.gatewayUrl}/no-such-page`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      assert.deepEqual(await axeViolations(page), [], '/no-such-page');
      assert.deepEqual(blocked, [], 'the portal must run under the CSP without violations');
      await context.close();
    });
  }

  it("updates a plan's remaining balance live when a payment is recorded elsewhere", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${fx.system.gatewayUrl}/plans`);
    const card = page
      .locator('mat-card')
      .filter({ has: page.getByRole('heading', { name: 'Laptop, 12 months' }) });
    const balance = card.locator('dd.balance');
    await balance.waitFor();
    const before = (await balance.textContent())?.trim();
    const plans = await fx.gql<{ me: { plans: { id: string; title: string }[] } }>(
      '{ me { plans { id title } } }',
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
