import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAccessible, hydrated, screenshot, signIn } from './support';

// The whole journey done with the keyboard alone on a 320 px phone, in English and in
// Hindi: consent, documents, DigiLocker (sandbox), bank, selfie by file, signature by typed
// name, submission, status; then sent back by a reviewer, then withdrawn. On every step
// nothing is wider than the screen, a new step takes the focus to its heading, and axe
// finds nothing (WCAG 2.0-2.2 A and AA, no rule disabled).

/** The words the test presses, in each language (from i18n/locales). */
const WORDS = {
  en: { continue: 'Continue', save: 'Save signature', submit: 'Submit', yes: 'Yes, submit', status: 'See status', verify: 'Verify account', digilocker: 'Continue to DigiLocker', withdrawn: 'This link was withdrawn' },
  hi: { continue: 'आगे बढ़ें', save: 'हस्ताक्षर सहेजें', submit: 'जमा करें', yes: 'हाँ, जमा करें', status: 'स्थिति देखें', verify: 'खाता सत्यापित करें', digilocker: 'DigiLocker पर आगे बढ़ें', withdrawn: 'यह लिंक वापस ले लिया गया है' },
};

/** Presses Tab until `target` has the focus: how a keyboard user gets there. */
async function tabTo(page: Page, target: Locator) {
  for (let presses = 0; presses < 120; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

async function typeInto(page: Page, field: Locator, text: string) {
  await tabTo(page, field);
  await page.keyboard.type(text);
}

async function press(page: Page, button: Locator, key = 'Enter') {
  await expect(button).toBeEnabled();
  await tabTo(page, button);
  await page.keyboard.press(key);
}

/** Opens the file chooser from the keyboard and picks `file`. */
async function pickFile(page: Page, input: Locator, file: string) {
  await tabTo(page, input);
  const chooser = page.waitForEvent('filechooser', { timeout: 10_000 });
  await page.keyboard.press('Space');
  const opened = await chooser.catch(async () => {
    // Which element had the keyboard instead, to tell a focus taken away from a lost event.
    const active = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
    throw new Error(`Space on ${file}'s field opened no file chooser; the focus was on ${active}`);
  });
  await opened.setFiles(`fixtures/${file}`);
}

/** Moves a focused `<select>` with the arrow keys until it shows `value`. */
async function chooseOption(page: Page, select: Locator, value: string) {
  await tabTo(page, select);
  for (let presses = 0; presses < 15 && (await select.inputValue()) !== value; presses++) {
    await page.keyboard.press('ArrowDown');
  }
  await expect(select).toHaveValue(value);
}

async function fitsTheScreen(page: Page, what: string) {
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(scroll, `${what}: ${scroll} px wide on a ${client} px screen`).toBeLessThanOrEqual(client);
}

async function onStep(page: Page, panel: string, what = panel) {
  await expect(page.locator(`main[data-panel="${panel}"]`)).toBeVisible();
  // Drawn: the step's code (a chunk of its own) has arrived and replaced the placeholder.
  await expect(page.locator('#step-panel h2').first()).toBeVisible();
  await expect(page.locator('#step-panel [aria-busy]')).toHaveCount(0);
  await fitsTheScreen(page, what);
  await expectAccessible(page, what);
}

/** A new step: its heading has the focus. */
async function focusedHeading(page: Page) {
  await expect(page.locator('#step-panel h2').first()).toBeFocused();
}

for (const [locale, lang, name] of [['en-IN', 'en', 'Kiran Keyboard'], ['hi-IN', 'hi', 'Meera Keyboard']] as const) {
  test(`the whole journey by keyboard at 320 px, accessible in every state (${locale})`, async ({ browser }) => {
    test.setTimeout(240_000);
    const words = WORDS[lang];

    // An operator links a customer with every step the customer does.
    const operator = await (await browser.newContext()).newPage();
    await signIn(operator, 'operator@acme.test');
    await operator.goto('/customers/new');
    await hydrated(operator);
    await operator.getByLabel('Full name').fill(name);
    await operator.getByLabel('Email').fill(`keyboard-${lang}-${Date.now()}@example.in`);
    await operator.getByRole('button', { name: 'Create customer' }).click();
    await expect(operator.getByRole('heading', { name })).toBeVisible();
    await operator.getByLabel('Sanction screening').uncheck();
    await operator.getByRole('button', { name: 'Generate link' }).click();
    const url = await operator.locator('#generated-link').inputValue();

    const context = await browser.newContext({ locale, viewport: { width: 320, height: 640 } });
    const phone = await context.newPage();
    // Listened for from the start, so the browser already intercepts file choosers when
    // Space opens one: adding the first listener turns interception on without waiting for
    // it, and a key press sent just after could otherwise open an unseen chooser.
    phone.on('filechooser', () => {});
    await phone.goto(url);
    await hydrated(phone);
    await expect(phone.locator('html')).toHaveAttribute('lang', lang);
    await expect(phone.locator('#consent-agree')).toBeVisible();
    await fitsTheScreen(phone, 'consent');
    await expectAccessible(phone, 'consent');

    // Consent.
    await tabTo(phone, phone.locator('#consent-agree'));
    await phone.keyboard.press('Space');
    await press(phone, phone.locator('form:has(#consent-agree) button[type="submit"]'));

    // Documents: a passport photo, a utility bill as a PDF.
    await onStep(phone, 'documents');
    await focusedHeading(phone);
    await pickFile(phone, phone.locator('#file-identity'), 'passport.jpg');
    await expect(phone.locator('fieldset[data-category="identity"] .document img')).toBeVisible();
    // The upload redrew the step and took the field with the focus: it goes to the heading.
    await focusedHeading(phone);
    await chooseOption(phone, phone.locator('fieldset[data-category="address"] select').first(), 'utility_bill');
    await pickFile(phone, phone.locator('#file-address'), 'utility-bill.pdf');
    await expect(phone.locator('fieldset[data-category="address"] .document')).toHaveCount(1);
    await fitsTheScreen(phone, 'documents, filled');
    await press(phone, phone.locator('#step-panel a', { hasText: words.continue }));

    // DigiLocker: name and birth date, then the sandbox's sign-in and consent.
    await onStep(phone, 'digilocker_aadhaar');
    await focusedHeading(phone);
    // As on the sandbox's Aadhaar record (persona "asha").
    await typeInto(phone, phone.locator('#aadhaar_name'), 'Asha Rao');
    const dob = phone.locator('#aadhaar_dob');
    await tabTo(phone, dob);
    await phone.keyboard.type('12041990');
    if ((await dob.inputValue()) === '1990-12-04') {
      // This browser shows the month first: back to the field's first part, in its order.
      await phone.keyboard.press('Shift+Tab');
      await phone.keyboard.press('Shift+Tab');
      await phone.keyboard.type('04121990');
    }
    await expect(dob).toHaveValue('1990-04-12');
    await press(phone, phone.locator('.digilocker-form button[type="submit"]'));
    await expect(phone.getByLabel('Mobile number or username')).toBeVisible();
    await typeInto(phone, phone.getByLabel('Mobile number or username'), '9000000001');
    await press(phone, phone.getByRole('button', { name: 'Send code' }));
    await typeInto(phone, phone.getByLabel('Code'), '123456');
    await press(phone, phone.getByRole('button', { name: 'Verify' }));
    await press(phone, phone.getByRole('button', { name: 'Allow' }));
    await expect(phone).toHaveURL(/\/journey$/);
    await hydrated(phone);

    // Bank account: a mistake first, announced beside its field, then the right details.
    await onStep(phone, 'bank_account');
    await typeInto(phone, phone.locator('#holder_name'), 'Asha Rao');
    await typeInto(phone, phone.locator('#account_number'), '026291800001191');
    await typeInto(phone, phone.locator('#account_number_again'), '026291800001190');
    await typeInto(phone, phone.locator('#ifsc'), 'hdfc0001234');
    await press(phone, phone.locator('.bank-form button[type="submit"]'));
    const mismatch = phone.locator('#account_number_again-error');
    await expect(mismatch).toBeVisible();
    await expect(mismatch).toHaveAttribute('role', 'alert');
    await expect(phone.locator('#account_number_again')).toHaveAttribute('aria-invalid', 'true');
    await expect(phone.locator('#account_number_again')).toHaveAttribute('aria-describedby', 'account_number_again-error');
    await onStep(phone, 'bank_account', 'bank with an error');
    await phone.locator('#account_number_again').focus();
    await phone.keyboard.press('Backspace');
    await phone.keyboard.type('1');
    await press(phone, phone.locator('.bank-form button[type="submit"]'));
    await expect(phone.locator('#bank-check')).toHaveAttribute('data-status', 'passed');
    await press(phone, phone.locator('#step-panel a', { hasText: words.continue }));

    // Selfie from a file (no camera used).
    await onStep(phone, 'selfie');
    await focusedHeading(phone);
    await press(phone, phone.locator('details.fallback summary'));
    await pickFile(phone, phone.locator('#selfie-file'), 'passport.jpg');
    await expect(phone.locator('.selfie-current img')).toBeVisible();
    await press(phone, phone.locator('#step-panel a', { hasText: words.continue }));

    // Signature by typed name.
    await onStep(phone, 'signature');
    await focusedHeading(phone);
    await typeInto(phone, phone.locator('#typed-signature'), name);
    await press(phone, phone.locator('#step-panel button', { hasText: words.save }));
    await expect(phone.locator('.signature-current img')).toBeVisible();
    await press(phone, phone.locator('#step-panel a', { hasText: words.continue }));

    // Review, confirm, submitted, status.
    await onStep(phone, 'review');
    await focusedHeading(phone);
    await press(phone, phone.locator('#step-panel button', { hasText: new RegExp(`^\\s*${words.submit}\\s*$`) }));
    const dialog = phone.getByRole('dialog');
    await expect(dialog.getByRole('button', { name: words.yes })).toBeFocused();
    await expectAccessible(phone, 'confirmation');
    await phone.keyboard.press('Enter');
    await expect(phone.locator('#submitted')).toBeVisible();
    await fitsTheScreen(phone, 'submitted');
    await expectAccessible(phone, 'submitted');
    await press(phone, phone.locator('#submitted button', { hasText: words.status }));
    await onStep(phone, 'status');
    await screenshot(phone, `keyboard-status-${lang}`);

    // A reviewer sends the passport back: the customer sees why.
    const reviewer = await (await browser.newContext()).newPage();
    await signIn(reviewer, 'reviewer@acme.test');
    await reviewer.goto('/review');
    await hydrated(reviewer);
    const row = reviewer.locator('table.queue tr', { hasText: name });
    await row.getByRole('button', { name: 'Take' }).click();
    await expect(row.locator('.assignee')).toHaveText('Riya Reviewer');
    await row.getByRole('link', { name }).click();
    await hydrated(reviewer);
    const passport = reviewer.locator('.document-review', { hasText: 'Passport' });
    await passport.getByText('Reject Passport…').click();
    await passport.getByLabel('Reason').selectOption('blurry');
    await passport.getByLabel('Comment for the customer').fill('The photo is blurred; please retake it in daylight.');
    await passport.getByRole('button', { name: 'Reject document' }).click();
    await expect(reviewer.locator('.document-review[data-state="rejected"]')).toHaveCount(1);
    await reviewer.context().close();

    await phone.goto(url);
    await hydrated(phone);
    await expect(phone.locator('.rejection').first()).toContainText('please retake it in daylight');
    await fitsTheScreen(phone, 'sent back');
    await expectAccessible(phone, 'sent back');
    await screenshot(phone, `keyboard-sent-back-${lang}`);

    // The operator withdraws the link: the customer is told, and shown nothing else.
    await operator.getByRole('table').getByRole('link').first().click();
    await hydrated(operator);
    await operator.getByRole('button', { name: 'Revoke link' }).click();
    await operator.getByRole('button', { name: 'Yes, revoke' }).click();
    await expect(operator.getByRole('button', { name: 'Issue a new journey' })).toBeVisible();
    await phone.goto('/journey');
    await expect(phone.locator('html')).toHaveAttribute('lang', lang);
    await expect(phone.getByRole('heading', { level: 1 })).toHaveText(words.withdrawn);
    await expect(phone.locator('.rejection')).toHaveCount(0);
    await fitsTheScreen(phone, 'withdrawn');
    await expectAccessible(phone, 'withdrawn');
    await screenshot(phone, `keyboard-withdrawn-${lang}`);
    await context.close();
    await operator.context().close();
  });
}
