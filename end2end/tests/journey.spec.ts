import { expect, test, type Browser, type Page } from '@playwright/test';
import { hydrated, screenshot, signIn } from './support';

const MAIL_API = process.env.E2E_MAIL_API ?? 'http://127.0.0.1:1080/messages';
const fixture = (name: string) => `fixtures/${name}`;

/** An operator creates a customer with `email` and a link for documents, selfie and signature. */
async function linkFor(browser: Browser, name: string, email: string): Promise<string> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, 'operator@acme.test');
  await page.getByRole('link', { name: 'Customers' }).click();
  await page.getByRole('link', { name: 'New customer' }).click();
  await hydrated(page);
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Create customer' }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await page.getByLabel('Bank account').uncheck();
  await page.getByLabel('DigiLocker Aadhaar').uncheck();
  await page.getByRole('button', { name: 'Generate link' }).click();
  const url = await page.locator('#generated-link').inputValue();
  await page.context().close();
  return url;
}

async function openOnPhone(browser: Browser, url: string, width = 320): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 720 }, permissions: ['camera'] });
  const phone = await context.newPage();
  await phone.goto(url);
  await expect(phone).toHaveURL(/\/journey$/);
  await hydrated(phone);
  return phone;
}

test('a customer on a small phone consents by keyboard, uploads, takes a selfie, signs, submits and is emailed', async ({ browser }) => {
  const email = `e2e-${Date.now()}@example.in`;
  const url = await linkFor(browser, 'Kavya Menon', email);
  const phone = await openOnPhone(browser, url);

  // Consent first, done with the keyboard alone.
  await expect(phone.getByRole('heading', { name: 'Before you start' })).toBeVisible();
  await expect(phone.locator('.purposes li')).toHaveCount(4);
  await screenshot(phone, 'journey-consent');
  await phone.getByLabel(/I agree to share/).focus();
  await phone.keyboard.press('Space');
  await phone.keyboard.press('Tab');
  await expect(phone.getByRole('button', { name: 'Agree and continue' })).toBeFocused();
  await phone.keyboard.press('Enter');

  // Documents: the progress indicator shows where we are; Continue waits for both categories.
  await expect(phone.getByRole('heading', { name: 'Documents' })).toBeVisible();
  await expect(phone.locator('.progress [aria-current="step"]')).toContainText('Documents');
  // Continue: a disabled button until the step is ready, then a link (it works as a plain
  // link before and without the wasm).
  const continueButton = phone.getByRole('button', { name: 'Continue' });
  const continueLink = phone.getByRole('link', { name: 'Continue' });
  await expect(continueButton).toBeDisabled();
  const identity = phone.locator('fieldset[data-category="identity"]');
  const address = phone.locator('fieldset[data-category="address"]');

  // A disguised file is refused with a reason and nothing is added.
  await identity.getByLabel('Add a photo of the front, or a PDF').setInputFiles(fixture('fake.jpg'));
  await expect(identity.getByRole('alert')).toContainText('not a JPEG, PNG or PDF');
  await expect(identity.locator('.document')).toHaveCount(0);

  await identity.getByLabel('Add a photo of the front, or a PDF').setInputFiles(fixture('passport.jpg'));
  await expect(identity.locator('.document img')).toBeVisible();
  await expect(identity.locator('.document')).toContainText('Not yet submitted');
  // A second one, then removed: nothing of it stays.
  await identity.getByLabel('Document type').selectOption('pan');
  await identity.getByLabel('Add a photo of the front, or a PDF').setInputFiles(fixture('pan.png'));
  await expect(identity.locator('.document')).toHaveCount(2);
  await identity.getByRole('button', { name: 'Remove PAN card' }).click();
  await expect(identity.locator('.document')).toHaveCount(1);
  await expect(continueButton).toBeDisabled();
  await expect(phone.locator('.missing')).toContainText('Address proof: add 1 more document');

  await address.getByLabel('Document type').selectOption('utility_bill');
  await address.getByLabel('Add a photo of the front, or a PDF').setInputFiles(fixture('utility-bill.pdf'));
  await expect(address.getByRole('link', { name: 'PDF document' })).toBeVisible();
  await expect(continueLink).toHaveAttribute('href', '/journey?step=selfie');
  await screenshot(phone, 'journey-documents');
  await continueLink.click();

  // Selfie with Chromium's fake camera: capture, check, use.
  await expect(phone.getByRole('heading', { name: 'Selfie' })).toBeVisible();
  await phone.getByRole('button', { name: 'Open camera' }).click();
  await expect(phone.getByRole('button', { name: 'Take photo' })).toBeVisible();
  await phone.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement | null)?.videoWidth! > 0);
  await phone.getByRole('button', { name: 'Take photo' }).click();
  await expect(phone.getByAltText('The photo you took')).toBeVisible();
  await phone.getByRole('button', { name: 'Use this photo' }).click();
  await expect(phone.getByAltText('Your selfie')).toBeVisible();
  await screenshot(phone, 'journey-selfie');
  await phone.getByRole('link', { name: 'Continue' }).click();

  // Signature: refused while empty, then drawn with the mouse (pointer events).
  await expect(phone.getByRole('heading', { name: 'Signature' })).toBeVisible();
  await phone.getByRole('button', { name: 'Save signature' }).click();
  await expect(phone.getByRole('alert').filter({ hasText: 'sign in the box first' })).toBeVisible();
  const pad = phone.getByLabel('Signature box');
  const box = (await pad.boundingBox())!;
  await phone.mouse.move(box.x + 20, box.y + box.height * 0.6);
  await phone.mouse.down();
  for (let i = 1; i <= 20; i++) {
    await phone.mouse.move(box.x + 20 + i * ((box.width - 40) / 20), box.y + box.height * (0.6 - 0.3 * Math.sin(i / 3)));
  }
  await phone.mouse.up();
  await phone.getByRole('button', { name: 'Save signature' }).click();
  await expect(phone.getByAltText('Your saved signature')).toBeVisible();
  await screenshot(phone, 'journey-signature');
  await phone.getByRole('link', { name: 'Continue' }).click();

  // Review, confirm, submitted.
  await expect(phone.getByRole('heading', { name: 'Review and submit' })).toBeVisible();
  await expect(phone.locator('.review-list .badge')).toHaveText(['Ready', 'Ready', 'Ready']);
  await phone.getByRole('button', { name: 'Submit', exact: true }).click();
  const dialog = phone.getByRole('dialog', { name: 'Submit your verification?' });
  await expect(dialog).toBeVisible();
  await screenshot(phone, 'journey-confirm');
  await dialog.getByRole('button', { name: 'Yes, submit' }).click();
  await expect(phone.locator('#submitted')).toContainText('Submitted successfully.');
  await phone.getByRole('button', { name: 'See status' }).click();
  const status = phone.locator('#status-panel');
  await expect(status.locator('[data-step="documents"]')).toContainText('Being checked');
  await expect(status.locator('.status-document')).toHaveCount(2);
  await expect(status.locator('.status-document .badge')).toHaveText(['Pending', 'Pending']);
  await screenshot(phone, 'journey-status');

  // Nothing is wider than the 320 px screen.
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

  // Coming back by the link shows the status, not the steps again.
  await phone.goto(url);
  await hydrated(phone);
  await expect(phone.locator('main.customer')).toHaveAttribute('data-panel', 'status');

  // The confirmation email reached the SMTP sink, branded.
  await expect
    .poll(async () => {
      const messages = (await (await fetch(MAIL_API)).json()) as Array<{ to: string[]; subject: string }>;
      return messages.filter((m) => m.to[0] === email).map((m) => m.subject);
    }, { timeout: 20_000 })
    .toEqual(['Acme Finance: we have received your verification']);
});

test('closing the tab and reopening the link returns to the step the customer was on', async ({ browser }) => {
  const url = await linkFor(browser, 'Rohan Das', `e2e-resume-${Date.now()}@example.in`);
  const phone = await openOnPhone(browser, url, 390);
  await phone.getByLabel(/I agree to share/).check();
  await phone.getByRole('button', { name: 'Agree and continue' }).click();
  const identity = phone.locator('fieldset[data-category="identity"]');
  await identity.getByLabel('Add a photo of the front, or a PDF').setInputFiles(fixture('passport.jpg'));
  await phone.locator('fieldset[data-category="address"]').getByLabel('Document type').selectOption('utility_bill');
  await phone.locator('fieldset[data-category="address"]').getByLabel('Add a photo of the front, or a PDF').setInputFiles(fixture('utility-bill.pdf'));
  await expect(phone.getByRole('link', { name: 'Continue' })).toBeEnabled();
  await phone.context().close();

  const again = await openOnPhone(browser, url, 390);
  await expect(again.locator('main.customer')).toHaveAttribute('data-panel', 'selfie');
  await expect(again.getByRole('heading', { name: 'Selfie' })).toBeVisible();
  await expect(again.locator('.progress-documents, .progress-ready').first()).toBeVisible();
});
