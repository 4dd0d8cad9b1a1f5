import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { hydrated, screenshot, signIn } from './support';

const port = Number(process.env.E2E_PORT ?? 3107);
const first = `http://127.0.0.1:${port}`;
const second = `http://127.0.0.1:${port + 1}`;
const databaseUrl = process.env.E2E_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kyc_e2e';

/** Runs one SQL statement against the e2e database; returns its single value. */
function sql(statement: string): string {
  return execFileSync('psql', [databaseUrl, '-tAc', statement], { encoding: 'utf8' }).trim();
}

/** An operator on `base` creates a customer and a link; returns the link and the tracker page. */
async function trackerWithLink(page: Page, base: string, name: string, reference: string) {
  await signIn(page, 'operator@acme.test');
  await page.goto(`${base}/customers/new`);
  await hydrated(page);
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Email').fill(`${reference.toLowerCase()}@example.in`);
  await page.getByLabel(/External reference/).fill(reference);
  await page.getByRole('button', { name: 'Create customer' }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  for (const step of ['Bank account', 'DigiLocker Aadhaar', 'Signature', 'Sanction screening']) {
    await page.getByLabel(step).uncheck();
  }
  await page.getByRole('button', { name: 'Generate link' }).click();
  const url = await page.locator('#generated-link').inputValue();
  await page.getByRole('table').getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: 'KYC Tracker' })).toBeVisible();
  await hydrated(page);
  await expect(page.locator('.live-status')).toHaveAttribute('data-live', 'live');
  return url;
}

test('a tracker on the second server follows a customer on the first, live, through a killed listener', async ({ browser }) => {
  const operator = await (await browser.newContext({ baseURL: second })).newPage();
  await operator.goto(`${second}/login`);
  const reference = `LIVE-${Date.now()}`;
  const url = await trackerWithLink(operator, second, 'Live Watcher', reference);
  expect(url.startsWith(second)).toBe(true);
  // The page must never reload: this marker would be lost.
  await operator.evaluate(() => ((window as unknown as { marker: number }).marker = 42));

  const phone = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  await phone.goto(url.replace(second, first));
  await expect(phone).toHaveURL(/\/journey$/);
  await hydrated(phone);
  await expect(operator.locator('#journey-state')).toHaveText('In Progress');
  await expect(operator.locator('#timeline li[data-to="in_progress"]')).toHaveCount(1);

  await phone.getByLabel(/I agree to share/).check();
  await phone.getByRole('button', { name: 'Agree and continue' }).click();
  await expect(operator.locator('#timeline li[data-to="given"]')).toHaveCount(1);

  // Every listener loses its database connection; what happens next still arrives.
  const killed = Number(sql(
    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'kyc-live-listener'",
  ));
  expect(killed).toBeGreaterThanOrEqual(2);
  const identity = phone.locator('fieldset[data-category="identity"]');
  await identity.getByLabel('Add a photo of the front, or a PDF').setInputFiles('fixtures/passport.jpg');
  await expect(identity.locator('.document img')).toBeVisible();
  await expect(operator.locator('#tracker-steps li[data-step="documents"]')).toHaveAttribute('data-state', 'in_progress');
  await expect(operator.locator('.live-status')).toHaveAttribute('data-live', 'live');

  // Nothing shown twice, nothing missing, and no reload happened.
  const shown = await operator.locator('#timeline li').evaluateAll((items) => items.map((i) => i.getAttribute('data-event')));
  expect(new Set(shown).size).toBe(shown.length);
  const journeyId = new URL(operator.url()).pathname.split('/').pop();
  expect(Number(sql(`SELECT count(*) FROM journey_events WHERE journey_id = '${journeyId}'`))).toBe(shown.length);
  expect(await operator.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(42);
  await screenshot(operator, 'tracker-live');
});

test('the journeys list filters, searches and pages, with a funnel and median-time chart', async ({ page }) => {
  const reference = `FILTER-${Date.now()}`;
  await trackerWithLink(page, first, 'Filter Person', reference);
  await page.goto('/');
  await hydrated(page);
  await expect(page.locator('svg#funnel')).toBeVisible();
  await expect(page.locator('#funnel text').first()).toHaveText('Created');
  await page.getByLabel('Search').fill(reference.toLowerCase());
  await page.getByLabel('Journey state').selectOption('created');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(new RegExp(`q=${reference.toLowerCase()}`));
  await expect(page.locator('#result-count')).toHaveText('1–1 of 1 journeys');
  await expect(page.locator('table.journeys')).toContainText('Filter Person');
  await expect(page.locator('table.journeys')).toContainText('Documents: Not Started');
  await page.getByLabel('Journey state').selectOption('completed');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.locator('#result-count')).toHaveText('No journeys match these filters.');
  await page.getByRole('link', { name: 'Clear' }).click();
  await expect(page.getByLabel('Search')).toHaveValue('');
  await screenshot(page, 'journeys-list');
});

test('an admin gets a light colour refused with a darker suggestion, previews and saves it', async ({ page }) => {
  await signIn(page, 'admin@acme.test');
  await page.getByRole('link', { name: 'Branding' }).click();
  await hydrated(page);
  const primary = page.getByLabel('Primary colour', { exact: true });
  await primary.fill('#facc15');
  await expect(page.locator('#primary_colour-contrast')).toContainText('too light');
  await expect(page.locator('#brand-preview [data-part="header"]')).toHaveAttribute('fill', '#facc15');
  await page.getByRole('button', { name: 'Save colours' }).click();
  await expect(page.locator('#primary_colour-error')).toContainText('nearest darker shade');
  await screenshot(page, 'branding-refused');
  await page.getByRole('button', { name: /^Use #/ }).first().click();
  const suggested = await primary.inputValue();
  expect(suggested).not.toBe('#facc15');
  await expect(page.locator('#primary_colour-contrast')).toContainText('passes');
  await expect(page.locator('#brand-preview [data-part="button"]')).toHaveAttribute('fill', suggested);
  await page.getByRole('button', { name: 'Save colours' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  const merchant = sql("SELECT id FROM merchants WHERE slug = 'acme'");
  const theme = await (await page.request.get(`/m/${merchant}/theme.css`)).text();
  expect(theme).toContain(`--brand: ${suggested}`);
  await page.reload();
  await expect(primary).toHaveValue(suggested);
  // Put the demo colour back for the other tests.
  await primary.fill('#0f766e');
  await page.getByRole('button', { name: 'Save colours' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
});

test('a reviewer downloads the KYC report as CSV and the download is audited', async ({ page }) => {
  await signIn(page, 'reviewer@acme.test');
  await page.getByRole('link', { name: 'Reports' }).click();
  // The page's code arrives as a chunk of its own: the journeys list (with its own From and
  // To) stays until it has.
  await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
  await hydrated(page);
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel('From').fill(today);
  await page.getByLabel('To').fill('2000-01-01');
  await page.getByRole('button', { name: 'Download KYC report' }).click();
  await expect(page.locator('#report-error')).toContainText('must not be before From');
  await page.getByLabel('To').fill(today);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download KYC report' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`kyc-report-${today}-to-${today}.csv`);
  const lines = readFileSync((await download.path())!, 'utf8').trim().split('\n');
  expect(lines[0]).toMatch(/^journey_id,customer_reference,state,/);
  const expected = Number(sql(
    `SELECT count(*) FROM journeys j JOIN merchants m ON m.id = j.merchant_id WHERE m.slug = 'acme' AND j.created_at >= '${today}'::date`,
  ));
  expect(lines.length - 1).toBe(expected);
  expect(Number(sql("SELECT count(*) FROM audit_log WHERE action = 'report.downloaded'"))).toBeGreaterThanOrEqual(1);
});

test('admin pages load directly and hydrate without a console error', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await signIn(page, 'admin@acme.test');
  for (const path of ['/reports', '/settings/branding', '/settings/audit', '/review', '/review?scope=mine', '/tickets', '/tickets?show=all', '/?state=in_progress&step=documents&step_state=in_progress&from=2026-01-01']) {
    await page.goto(path);
    await hydrated(page);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  expect(errors).toEqual([]);
});
