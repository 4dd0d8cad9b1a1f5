import { createHmac } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { documentsLink, hydrated, screenshot, signIn, submit } from './support';

const MAIL_API = process.env.E2E_MAIL_API ?? 'http://127.0.0.1:1080/messages';
const NEW_PASSWORD = 'violet-harbour-lantern-42';

/** The TOTP code (RFC 6238: SHA-1, six digits, 30 s) of a base32 secret at `at` seconds. */
function totp(secret: string, at: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const c of secret.toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30)));
  const h = createHmac('sha1', Buffer.from(bytes)).update(counter).digest();
  const o = h[h.length - 1] & 15;
  const n = (((h[o] & 127) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3]) % 1_000_000;
  return n.toString().padStart(6, '0');
}

/** The link in the newest email to `email` whose text matches `path`. */
async function emailedLink(email: string, path: string): Promise<string> {
  let link = '';
  await expect
    .poll(
      async () => {
        const messages = (await (await fetch(MAIL_API)).json()) as Array<{ to: string[]; text: string }>;
        const found = messages
          .filter((m) => m.to[0] === email)
          .map((m) => m.text.match(new RegExp(`https?://\\S+${path}\\S+`)))
          .find((m) => m !== null);
        link = found ? found[0] : '';
        return link;
      },
      { timeout: 20_000 },
    )
    .not.toBe('');
  return link;
}

async function signInWithCode(page: Page, email: string, secret: string) {
  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The step after the one enrolment used: each code counts once.
  await page.getByLabel('Code').fill(totp(secret, Date.now() / 1000 + 30));
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Journeys' })).toBeVisible();
}

test('an admin invites a reviewer who joins, turns on two-factor sign-in, reviews a case, and is shut out when disabled', async ({ browser }) => {
  const email = `e2e-staff-${Date.now()}@acme.test`;

  // The admin invites them.
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, 'admin@acme.test');
  await admin.getByRole('link', { name: 'Staff' }).click();
  await hydrated(admin);
  await admin.getByLabel('Email').fill(email);
  await admin.getByLabel('Role', { exact: true }).selectOption('reviewer');
  await admin.getByRole('button', { name: 'Send invitation' }).click();
  await expect(admin.locator('#staff-invitations')).toContainText(email);
  await screenshot(admin, 'staff-settings');

  // They accept from the email and choose a password.
  const invitation = await emailedLink(email, '/invitation/');
  const reviewer = await (await browser.newContext()).newPage();
  await reviewer.goto(invitation);
  await hydrated(reviewer);
  await expect(reviewer.getByText(`Acme Finance invites ${email} as Reviewer.`)).toBeVisible();
  await reviewer.getByLabel('Your name').fill('Vera Reviewer');
  await reviewer.getByLabel('Choose a password').fill('password1234');
  await reviewer.getByRole('button', { name: 'Join' }).click();
  await expect(reviewer.locator('#password-error')).toContainText('too common');
  await reviewer.getByLabel('Choose a password').fill(NEW_PASSWORD);
  await reviewer.getByRole('button', { name: 'Join' }).click();
  await expect(reviewer.getByRole('heading', { level: 1, name: 'Journeys' })).toBeVisible();

  // Two-factor sign-in: the QR code and key, a first code, the recovery codes once.
  await reviewer.goto('/account/security');
  await hydrated(reviewer);
  await reviewer.getByLabel('Your password').fill(NEW_PASSWORD);
  await reviewer.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
  await expect(reviewer.getByAltText('QR code for your authenticator app')).toBeVisible();
  const secret = (await reviewer.locator('#totp-secret').textContent()) ?? '';
  await screenshot(reviewer, 'two-factor-setup');
  await reviewer.getByLabel('The six-digit code the app shows').fill(totp(secret, Date.now() / 1000));
  await reviewer.getByRole('button', { name: 'Turn on' }).click();
  await expect(reviewer.locator('#recovery-codes li')).toHaveCount(10);
  await reviewer.getByRole('button', { name: 'Sign out' }).click();
  await expect(reviewer.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await signInWithCode(reviewer, email, secret);

  // They review a case.
  const url = await documentsLink(browser, 'Karan Mehta', `e2e-staff-customer-${Date.now()}@example.in`);
  const phone = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  await phone.goto(url);
  await hydrated(phone);
  await phone.getByLabel(/I agree to share/).check();
  await phone.getByRole('button', { name: 'Agree and continue' }).click();
  const identity = phone.locator('fieldset[data-category="identity"]');
  const address = phone.locator('fieldset[data-category="address"]');
  await identity.getByLabel('Add a photo of the front, or a PDF').setInputFiles('fixtures/passport.jpg');
  await expect(identity.locator('.document img')).toBeVisible();
  await address.getByLabel('Document type').selectOption('utility_bill');
  await address.getByLabel('Add a photo of the front, or a PDF').setInputFiles('fixtures/utility-bill.pdf');
  await expect(address.getByRole('link', { name: 'PDF document' })).toBeVisible();
  await submit(phone);
  await reviewer.getByRole('link', { name: 'Review', exact: true }).click();
  await hydrated(reviewer);
  await reviewer.locator('table.queue tr', { hasText: 'Karan Mehta' }).getByRole('link', { name: 'Karan Mehta' }).click();
  await hydrated(reviewer);
  await reviewer.getByRole('button', { name: /Approve Passport/ }).click();
  await expect(reviewer.getByRole('button', { name: /Approve Passport/ })).toHaveCount(0);

  // The admin disables them: their open page stops working.
  await admin.reload();
  await hydrated(admin);
  await admin.locator('#staff-members tr', { hasText: email }).getByRole('button', { name: 'Disable' }).click();
  await expect(admin.locator('#staff-members tr', { hasText: email })).toContainText('Disabled');
  await reviewer.getByRole('button', { name: /Approve Utility/ }).click();
  await expect(reviewer.getByText('Please sign in to continue.').first()).toBeVisible();
  await reviewer.reload();
  await expect(reviewer.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});
