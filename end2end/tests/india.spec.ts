import { expect, test } from '@playwright/test';
import { hydrated, screenshot, signIn } from './support';

test('a customer shares their Aadhaar through DigiLocker, verifies their bank account by penny drop, and the tracker explains both', async ({ browser }) => {
  const operator = await (await browser.newContext()).newPage();
  await signIn(operator, 'operator@acme.test');
  await operator.goto('/customers/new');
  await hydrated(operator);
  await operator.getByLabel('Full name').fill('Asha Rao');
  await operator.getByLabel('Email').fill(`e2e-bank-${Date.now()}@example.in`);
  await operator.getByRole('button', { name: 'Create customer' }).click();
  await expect(operator.getByRole('heading', { name: 'Asha Rao' })).toBeVisible();
  for (const step of ['Documents', 'Selfie', 'Signature', 'Sanction screening']) {
    await operator.getByLabel(step).uncheck();
  }
  await operator.getByRole('button', { name: 'Generate link' }).click();
  const url = await operator.locator('#generated-link').inputValue();
  await operator.getByRole('table').getByRole('link').first().click();
  await expect(operator.getByRole('heading', { name: 'KYC Tracker' })).toBeVisible();
  await hydrated(operator);
  await expect(operator.locator('.live-status')).toHaveAttribute('data-live', 'live');

  const phone = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  await phone.goto(url);
  await hydrated(phone);
  await phone.getByLabel(/I agree to share/).check();
  await phone.getByRole('button', { name: 'Agree and continue' }).click();

  // DigiLocker: the customer types their name and birth date, then signs in to the
  // sandbox (mobile number, OTP) and allows sharing their e-Aadhaar.
  await expect(phone.getByRole('heading', { name: 'Aadhaar from DigiLocker' })).toBeVisible();
  await phone.getByLabel('Your name as on your Aadhaar').fill('Asha Rao');
  await phone.getByLabel('Your date of birth').fill('1990-04-12');
  await phone.getByRole('button', { name: 'Continue to DigiLocker' }).click();
  await expect(phone.getByRole('heading', { name: /DigiLocker/ }).first()).toBeVisible();
  await phone.getByLabel('Mobile number or username').fill('9000000001');
  await phone.getByRole('button', { name: 'Send code' }).click();
  await phone.getByLabel('Code').fill('123456');
  await phone.getByRole('button', { name: 'Verify' }).click();
  await screenshot(phone, 'digilocker-sandbox-consent');
  await phone.getByRole('button', { name: 'Allow' }).click();

  // Back on the journey, which moves on to the bank step.
  await expect(phone).toHaveURL(/\/journey$/);
  await hydrated(phone);
  await expect(phone.getByRole('heading', { name: 'Bank account' })).toBeVisible();

  // The IFSC rule runs as the customer types; the server says the same on submission.
  await phone.getByLabel(/IFSC/).fill('HDFC1234');
  await expect(phone.locator('#ifsc-hint')).toContainText('11 characters');
  await phone.getByLabel("Account holder's name").fill('Asha Rao');
  await phone.getByLabel('Account number', { exact: true }).fill('026291800001191');
  await phone.getByLabel('Account number again').fill('026291800001190');
  await phone.getByRole('button', { name: 'Verify account' }).click();
  await expect(phone.locator('#account_number_again-error')).toContainText('does not match');
  await expect(phone.locator('#ifsc-error')).toContainText('11 characters');

  await phone.getByLabel('Account number again').fill('026291800001191');
  await phone.getByLabel(/IFSC/).fill('hdfc0001234');
  await expect(phone.locator('#ifsc-hint')).toHaveCount(0);
  await phone.getByRole('button', { name: 'Verify account' }).click();
  await expect(phone.locator('#bank-check')).toHaveAttribute('data-status', 'passed');
  await expect(phone.locator('#bank-check')).toContainText('XXXXXXXXXXX1191');
  await expect(phone.locator('body')).not.toContainText('026291800001191');
  await screenshot(phone, 'customer-bank-verified');
  await phone.getByRole('link', { name: 'Continue' }).click();

  // The tracker follows live: the step completes and the check shows its name match.
  await expect(operator.locator('#tracker-steps li[data-step="bank_account"]')).toHaveAttribute('data-state', 'completed');
  const check = operator.locator('#online-checks .online-check[data-kind="bank_account"]').first();
  await expect(check).toHaveAttribute('data-status', 'passed');
  await expect(check.getByRole('row', { name: /Name entered vs name at bank.*Asha Rao.*ASHA RAO.*100\/100.*Pass/ })).toBeVisible();
  await expect(operator.locator('#timeline')).toContainText('Bank check');
  await expect(operator.locator('#tracker-steps li[data-step="digilocker_aadhaar"]')).toHaveAttribute('data-state', 'completed');
  const aadhaar = operator.locator('#online-checks .online-check[data-kind="digilocker_aadhaar"]').first();
  await expect(aadhaar).toHaveAttribute('data-status', 'passed');
  await expect(aadhaar.getByRole('row', { name: /Name entered vs name on Aadhaar.*Asha Rao.*Asha Rao.*100\/100.*Pass/ })).toBeVisible();
  await expect(aadhaar).toContainText('Date of birth: matches the one entered');
  await expect(operator.locator('#timeline')).toContainText('Aadhaar check');
  await check.scrollIntoViewIfNeeded();
  await screenshot(operator, 'tracker-bank-check');

  // The customer submits; a reviewer sees the verified e-Aadhaar with its photo.
  await phone.getByRole('button', { name: 'Submit', exact: true }).click();
  await phone.getByRole('dialog').getByRole('button', { name: 'Yes, submit' }).click();
  await expect(phone.locator('#submitted')).toContainText('Submitted successfully.');
  const journeyId = operator.url().split('/').pop();
  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, 'reviewer@acme.test');
  await reviewer.goto(`/review/${journeyId}`);
  await hydrated(reviewer);
  const evidence = reviewer.locator('.aadhaar-evidence');
  await expect(evidence).toContainText('XXXX XXXX 4821');
  await expect(evidence).toContainText('Bengaluru');
  await expect(evidence.getByAltText('Photo on the e-Aadhaar')).toBeVisible();
  await expect(evidence.getByRole('link', { name: 'Download the signed e-Aadhaar XML' })).toBeVisible();
  await evidence.scrollIntoViewIfNeeded();
  await screenshot(reviewer, 'review-aadhaar-evidence');
});
