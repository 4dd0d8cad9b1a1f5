// Every customer page and state is checked by axe in both languages in keyboard.spec.ts
// (the whole journey done by keyboard); here every staff page, lists and records alike.
import { expect, test } from '@playwright/test';
import { expectAccessible, hydrated, signIn } from './support';

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
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expectAccessible(page, path);
  }
  // The pages of one record: a journey's tracker, its review case, a customer.
  await page.goto('/');
  await hydrated(page);
  await page.locator('table a[href^="/journeys/"]').first().click();
  await expect(page).toHaveURL(/\/journeys\/[0-9a-f-]{36}$/);
  await hydrated(page);
  await expectAccessible(page, 'journey tracker');
  const journey = new URL(page.url()).pathname.split('/').pop();
  await page.goto(`/review/${journey}`);
  await hydrated(page);
  await expectAccessible(page, 'review case');
  await page.goto('/customers');
  await hydrated(page);
  await page.locator('table a[href^="/customers/"]').first().click();
  await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}$/);
  await hydrated(page);
  await expectAccessible(page, 'customer');
});
