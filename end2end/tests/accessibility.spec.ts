import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { hydrated, signIn } from './support';

// axe-core against WCAG 2.0, 2.1 and 2.2, levels A and AA: no rule disabled, nothing
// excluded. Every customer page and state in both languages, every staff page.
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  expect(found, `${what}:\n${found.join('\n')}`).toEqual([]);
}

/** A link with every step the customer does (screening runs by itself, so it is left out). */
async function fullLink(browser: Browser, name: string): Promise<string> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, 'operator@acme.test');
  await page.goto('/customers/new');
  await hydrated(page);
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Email').fill(`a11y-${Date.now()}@example.in`);
  await page.getByRole('button', { name: 'Create customer' }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await page.getByLabel('Sanction screening').uncheck();
  await page.getByRole('button', { name: 'Generate link' }).click();
  const url = await page.locator('#generated-link').inputValue();
  await page.context().close();
  return url;
}

for (const locale of ['en-IN', 'hi-IN']) {
  test(`every state of the customer's journey is accessible (${locale})`, async ({ browser }) => {
    const url = await fullLink(browser, 'Access Check');
    const phone = await (await browser.newContext({ locale, viewport: { width: 360, height: 740 } })).newPage();
    await phone.goto(url);
    await hydrated(phone);
    await expectAccessible(phone, 'consent');

    await phone.locator('#consent-agree').check();
    await phone.locator('#consent-agree').locator('xpath=ancestor::form').locator('button[type="submit"]').click();
    await expect(phone.locator('main[data-panel="documents"]')).toBeVisible();
    await expectAccessible(phone, 'documents');

    for (const panel of ['digilocker_aadhaar', 'bank_account', 'selfie', 'signature', 'review']) {
      await phone.locator('.progress-button').nth(
        ['documents', 'digilocker_aadhaar', 'bank_account', 'selfie', 'signature', 'review'].indexOf(panel),
      ).click();
      await expect(phone.locator(`main[data-panel="${panel}"]`)).toBeVisible();
      await expectAccessible(phone, panel);
    }

    // Errors shown beside their fields.
    await phone.locator('.progress-button').nth(2).click();
    await phone.locator('#holder_name').fill('Access Check');
    await phone.locator('#account_number').fill('026291800001191');
    await phone.locator('#account_number_again').fill('026291800001190');
    await phone.locator('#ifsc').fill('HDFC1234');
    await phone.locator('#ifsc').locator('xpath=ancestor::form').locator('button[type="submit"]').click();
    await expect(phone.locator('.field-error').first()).toBeVisible();
    await expectAccessible(phone, 'bank with errors');

    await phone.goto('/link-invalid');
    await expectAccessible(phone, 'invalid link');
  });
}

test('every staff page is accessible', async ({ page }) => {
  await page.goto('/login');
  await hydrated(page);
  await expectAccessible(page, 'sign-in');
  await page.goto('/forgot-password');
  await expectAccessible(page, 'forgot password');
  await signIn(page, 'admin@acme.test');
  for (const path of [
    '/', '/customers', '/customers/new', '/reports', '/review', '/tickets', '/account/security',
    '/settings/branding', '/settings/staff', '/settings/audit', '/settings/screening',
    '/settings/name-matching', '/settings/api-keys', '/settings/webhooks',
  ]) {
    await page.goto(path);
    await hydrated(page);
    await expectAccessible(page, path);
  }
});
