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
  // The pages of one record: a customer (made here), their journey's tracker and review case.
  await page.goto('/customers/new');
  await hydrated(page);
  await page.getByLabel('Full name').fill('Axe Record');
  await page.getByLabel('Email').fill(`axe-record-${Date.now()}@example.in`);
  await page.getByRole('button', { name: 'Create customer' }).click();
  await expect(page.getByRole('heading', { name: 'Axe Record' })).toBeVisible();
  await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}$/);
  await page.getByRole('button', { name: 'Generate link' }).click();
  await expect(page.locator('#generated-link')).toBeVisible();
  await expectAccessible(page, 'customer');
  await page.locator('table a[href^="/journeys/"]').first().click();
  await expect(page).toHaveURL(/\/journeys\/[0-9a-f-]{36}$/);
  await hydrated(page);
  await expectAccessible(page, 'journey tracker');
  const journey = new URL(page.url()).pathname.split('/').pop();
  await page.goto(`/review/${journey}`);
  await hydrated(page);
  await expectAccessible(page, 'review case');
});
