import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';

export const PASSWORD = 'demo-password';

/** Waits until the wasm bundle has taken over the page (a broken bundle never gets here). */
export async function hydrated(page: Page) {
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
}

export async function signIn(page: Page, email: string) {
  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Journeys' })).toBeVisible();
}

export async function screenshot(page: Page, name: string) {
  // The web fonts the page asked for (Devanagari) drawn, not their fallback's empty boxes.
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
}

/** An operator creates a customer with `email` and a documents-only link; returns the link. */
export async function documentsLink(browser: Browser, name: string, email: string): Promise<string> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, 'operator@acme.test');
  await page.goto('/customers/new');
  await hydrated(page);
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Create customer' }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  for (const step of ['DigiLocker Aadhaar', 'Bank account', 'Selfie', 'Signature', 'Sanction screening']) {
    await page.getByLabel(step).uncheck();
  }
  await page.getByRole('button', { name: 'Generate link' }).click();
  const url = await page.locator('#generated-link').inputValue();
  await page.context().close();
  return url;
}

export async function submit(phone: Page) {
  await phone.getByRole('link', { name: 'Continue' }).click();
  await expect(phone.getByRole('heading', { name: 'Review and submit' })).toBeVisible();
  await phone.getByRole('button', { name: 'Submit', exact: true }).click();
  await phone.getByRole('dialog').getByRole('button', { name: 'Yes, submit' }).click();
  await expect(phone.locator('#submitted')).toContainText('Submitted successfully.');
}

// axe-core against WCAG 2.0, 2.1 and 2.2, levels A and AA: no rule disabled, nothing
// excluded.
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

export async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  expect(found, `${what}:\n${found.join('\n')}`).toEqual([]);
}
