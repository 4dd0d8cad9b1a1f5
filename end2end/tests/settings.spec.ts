import { expect, test } from '@playwright/test';
import { hydrated, screenshot, signIn } from './support';

test('an admin creates an API key that works once shown, and a webhook endpoint with its secret', async ({ page, request }) => {
  await signIn(page, 'admin@acme.test');
  await page.goto('/settings/api-keys');
  await hydrated(page);
  await page.getByLabel('Name').fill('E2E integration');
  await page.getByRole('button', { name: 'Create key' }).click();
  const secret = await page.getByLabel('The new API key').inputValue();
  expect(secret).toMatch(/^kyc_/);
  await expect(page.locator('#api-keys')).toContainText('E2E integration');
  await expect(page.locator('#api-keys')).not.toContainText(secret);
  await screenshot(page, 'settings-api-keys');

  const answer = await request.get('/api/v1/journeys?limit=1', { headers: { Authorization: `Bearer ${secret}` } });
  expect(answer.status()).toBe(200);
  expect(answer.headers()['ratelimit-limit']).toBe('600');

  await page.goto('/settings/webhooks');
  await hydrated(page);
  await page.getByLabel('URL').fill('http://127.0.0.1:9/kyc/hooks');
  await page.getByLabel('journey.completed').check();
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  await expect(page.getByLabel("The endpoint's signing secret")).toHaveValue(/^whsec_/);
  await expect(page.locator('#webhook-endpoints')).toContainText('http://127.0.0.1:9/kyc/hooks');
  await expect(page.locator('#webhook-endpoints')).toContainText('journey.completed');
  await screenshot(page, 'settings-webhooks');
});
