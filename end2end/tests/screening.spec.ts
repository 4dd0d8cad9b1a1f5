import { expect, test } from '@playwright/test';
import { hydrated, screenshot, signIn } from './support';

test('a submitted name resembling a listed person waits for a reviewer, who sees why and clears it', async ({ browser }) => {
  // The operator sends a signature + screening link to a customer whose name is one letter
  // away from a UN-listed person.
  const operator = await (await browser.newContext()).newPage();
  await signIn(operator, 'operator@acme.test');
  await operator.goto('/customers/new');
  await hydrated(operator);
  await operator.getByLabel('Full name').fill('Bosco Tagande');
  await operator.getByLabel('Email').fill(`e2e-screening-${Date.now()}@example.in`);
  await operator.getByRole('button', { name: 'Create customer' }).click();
  await expect(operator.getByRole('heading', { name: 'Bosco Tagande' })).toBeVisible();
  for (const step of ['Documents', 'DigiLocker Aadhaar', 'Bank account', 'Selfie']) {
    await operator.getByLabel(step).uncheck();
  }
  await operator.getByRole('button', { name: 'Generate link' }).click();
  const url = await operator.locator('#generated-link').inputValue();

  // The customer signs and submits.
  const phone = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  await phone.goto(url);
  await hydrated(phone);
  await phone.getByLabel(/I agree to share/).check();
  await phone.getByRole('button', { name: 'Agree and continue' }).click();
  const pad = phone.getByLabel('Signature box');
  const box = (await pad.boundingBox())!;
  await phone.mouse.move(box.x + 20, box.y + box.height / 2);
  await phone.mouse.down();
  for (let i = 1; i <= 10; i++) await phone.mouse.move(box.x + 20 + i * 20, box.y + box.height / 2 + (i % 2) * 20);
  await phone.mouse.up();
  await phone.getByRole('button', { name: 'Save signature' }).click();
  await expect(phone.getByAltText('Your saved signature')).toBeVisible();
  await phone.getByRole('link', { name: 'Continue' }).click();
  await phone.getByRole('button', { name: 'Submit', exact: true }).click();
  await phone.getByRole('dialog').getByRole('button', { name: 'Yes, submit' }).click();
  await expect(phone.locator('#submitted')).toContainText('Submitted successfully.');

  // The screening worker runs within seconds; the case waits in the review queue.
  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, 'reviewer@acme.test');
  await expect(async () => {
    await reviewer.goto('/review');
    await expect(reviewer.getByRole('row', { name: /Bosco Tagande.*Sanction screening/ })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await reviewer.getByRole('link', { name: 'Bosco Tagande' }).first().click();
  await hydrated(reviewer);
  const result = reviewer.locator('.screening-result').first();
  await expect(result).toHaveAttribute('data-decision', /match/);
  await expect(result.locator('.hit').first()).toContainText('BOSCO TAGANDA');
  await expect(result.locator('.hit').first()).toContainText('UN consolidated');
  await expect(result.locator('.tokens').first().getByRole('row', { name: /tagande taganda/ })).toBeVisible();
  await expect(result.locator('.screening-lists')).toContainText('sha256');
  await result.scrollIntoViewIfNeeded();
  await screenshot(reviewer, 'review-screening');

  await result.getByRole('button', { name: 'False positive' }).click();
  await expect(reviewer.locator('.screening-resolution').first()).toContainText('False positive by Riya Reviewer');
  await expect(reviewer.locator('[data-step="sanction_screening"] .badge')).toHaveText('Completed');

  // The customer's status page never mentions the lists.
  await phone.reload();
  await expect(phone.locator('body')).not.toContainText('TAGANDA');
  await expect(phone.locator('body')).not.toContainText('CDi.030');
});
