import { expect, test } from '@playwright/test';
import { hydrated, screenshot, signIn } from './support';

test('an operator links a new customer, the customer opens it, and the timeline shows In Progress', async ({ browser }) => {
  const operatorContext = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await operatorContext.newPage();
  await signIn(page, 'operator@acme.test');

  await page.getByRole('link', { name: 'Customers' }).click();
  await page.getByRole('link', { name: 'New customer' }).click();
  await hydrated(page);
  const reference = `E2E-${Date.now()}`;
  await page.getByLabel('Full name').fill('Meera Iyer');
  await page.getByLabel('Email').fill('meera.iyer@example.in');
  await page.getByLabel(/Phone/).fill('+91 91234 56789');
  await page.getByLabel(/External reference/).fill(reference);
  await page.getByRole('button', { name: 'Create customer' }).click();
  await expect(page.getByRole('heading', { name: 'Meera Iyer' })).toBeVisible();

  await page.getByLabel('Bank account').uncheck();
  await page.getByLabel('DigiLocker Aadhaar').uncheck();
  await page.getByLabel('Valid for (hours)').fill('48');
  await page.getByRole('button', { name: 'Generate link' }).click();
  const linkField = page.locator('#generated-link');
  await expect(linkField).toHaveValue(/\/k\/[A-Za-z0-9_-]{43}$/);
  const url = await linkField.inputValue();
  await page.getByRole('button', { name: 'Copy' }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await expect(page.getByRole('table')).toContainText('Created');
  await screenshot(page, 'customer-with-link');

  const customerContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const phone = await customerContext.newPage();
  await phone.goto(url);
  await expect(phone).toHaveURL(/\/journey$/);
  await hydrated(phone);
  await expect(phone.locator('.brand-name')).toHaveText('Acme Finance');
  await expect(phone.locator('img.brand-logo')).toBeVisible();
  await expect
    .poll(() => phone.locator('.brand-bar').evaluate((bar) => getComputedStyle(bar).backgroundColor))
    .toBe('rgb(15, 118, 110)');
  await expect(phone.locator('#journey-status')).toHaveAttribute('data-state', 'in_progress');
  // The consent screen lists what each of the link's steps collects.
  await expect(phone.getByRole('heading', { name: 'Before you start' })).toBeVisible();
  await expect(phone.locator('.purposes li')).toHaveCount(4);
  await screenshot(phone, 'customer-journey');

  await page.reload();
  await page.getByRole('table').getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: 'KYC Tracker' })).toBeVisible();
  await expect(page.locator('#journey-state')).toHaveText('In Progress');
  const opened = page.locator('#timeline li[data-to="in_progress"]');
  await expect(opened).toContainText('Created → In Progress');
  await expect(opened).toContainText('by Customer');
  await expect(opened.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
  await screenshot(page, 'tracker');

  await phone.goto(url.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')));
  await expect(phone).toHaveURL(/\/link-invalid$/);
  await expect(phone.getByRole('heading', { name: 'This link is not valid' })).toBeVisible();

  // Resend: a new link is shown once and the old one stops working; then revoke.
  await page.getByRole('button', { name: 'Resend link' }).click();
  await expect(page.locator('.link-actions #generated-link')).toHaveValue(/\/k\/[A-Za-z0-9_-]{43}$/);
  const resent = await page.locator('.link-actions #generated-link').inputValue();
  expect(resent).not.toBe(url);
  await phone.goto(url);
  await expect(phone).toHaveURL(/\/link-invalid$/);
  await page.getByRole('button', { name: 'Revoke link' }).click();
  await page.getByRole('button', { name: 'Yes, revoke' }).click();
  await expect(page.locator('#journey-state')).toHaveText('Expired');
  await expect(page.getByRole('button', { name: 'Revoke link' })).toHaveCount(0);
  await phone.goto(resent);
  await expect(phone).toHaveURL(/\/link-withdrawn$/);
  await expect(phone.getByRole('heading', { name: 'This link was withdrawn' })).toBeVisible();
  await expect(phone.locator('main')).not.toContainText('Asha');
  await screenshot(phone, 'link-withdrawn');

  // A withdrawn journey is issued again as a new journey for the same customer.
  await page.getByRole('button', { name: 'Issue a new journey' }).click();
  await expect(page.locator('.link-actions #generated-link')).toHaveValue(/\/k\/[A-Za-z0-9_-]{43}$/);
  const reissued = await page.locator('.link-actions #generated-link').inputValue();
  await screenshot(page, 'reissued');
  await phone.goto(reissued);
  await expect(phone).toHaveURL(/\/journey$/);
});

test("another merchant's operator gets not found for this merchant's customer and journey", async ({ browser }) => {
  const acme = await (await browser.newContext()).newPage();
  await signIn(acme, 'operator@acme.test');
  await acme.getByRole('link', { name: 'Customers' }).click();
  await acme.getByRole('link', { name: 'Asha Rao' }).click();
  await expect(acme.getByRole('heading', { name: 'Asha Rao' })).toBeVisible();
  const customerPath = new URL(acme.url()).pathname;
  await hydrated(acme);
  await acme.getByRole('button', { name: 'Generate link' }).click();
  await expect(acme.locator('#generated-link')).toBeVisible();
  await acme.getByRole('table').getByRole('link').first().click();
  await expect(acme.getByRole('heading', { name: 'KYC Tracker' })).toBeVisible();
  const journeyPath = new URL(acme.url()).pathname;

  const globex = await (await browser.newContext()).newPage();
  await signIn(globex, 'operator@globex.test');
  await expect(globex.getByRole('table')).toHaveCount(0);
  for (const path of [customerPath, journeyPath]) {
    await globex.goto(path);
    await expect(globex.getByRole('alert')).toHaveText('Not found.');
  }
  await globex.goto('/customers?q=Asha');
  await expect(globex.getByText('No customers found.')).toBeVisible();
});

test('a visitor without a session is sent to sign in', async ({ page }) => {
  await page.goto('/customers');
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel('Email').fill('operator@acme.test');
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('The email or password is not correct.')).toBeVisible();
});

test('every dashboard page loads directly and hydrates without a console error', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await signIn(page, 'operator@acme.test');
  await page.getByRole('link', { name: 'Customers' }).click();
  await page.getByRole('link', { name: 'Asha Rao' }).click();
  const customerPath = new URL(page.url()).pathname;
  await page.getByRole('button', { name: 'Generate link' }).click();
  await expect(page.locator('#generated-link')).toBeVisible();
  await page.getByRole('table').getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: 'KYC Tracker' })).toBeVisible();
  const trackerPath = new URL(page.url()).pathname;
  for (const path of ['/', '/?state=created', '/customers', '/customers?q=asha', '/customers/new', customerPath, trackerPath]) {
    await page.goto(path);
    await hydrated(page);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
  }
  expect(errors).toEqual([]);
});
