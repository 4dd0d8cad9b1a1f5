import { expect, test } from '@playwright/test';
import { documentsLink, hydrated, screenshot, signIn, submit } from './support';

const MAIL_API = process.env.E2E_MAIL_API ?? 'http://127.0.0.1:1080/messages';

async function subjectsTo(email: string): Promise<string[]> {
  const messages = (await (await fetch(MAIL_API)).json()) as Array<{ to: string[]; subject: string }>;
  return messages.filter((m) => m.to[0] === email).map((m) => m.subject);
}

test('a reviewer sends a document back with a comment, the customer uploads again, and the approved journey completes', async ({ browser }) => {
  const email = `e2e-review-${Date.now()}@example.in`;
  const url = await documentsLink(browser, 'Nisha Verma', email);

  // The customer submits a passport photo and a utility bill.
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

  // The reviewer takes the case from the queue and sends the passport back as Retry.
  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, 'reviewer@acme.test');
  await reviewer.getByRole('link', { name: 'Review', exact: true }).click();
  await hydrated(reviewer);
  const row = reviewer.locator('table.queue tr', { hasText: 'Nisha Verma' });
  await row.getByRole('button', { name: 'Take' }).click();
  await expect(row.locator('.assignee')).toHaveText('Riya Reviewer');
  await row.getByRole('link', { name: 'Nisha Verma' }).click();
  await hydrated(reviewer);
  const passport = reviewer.locator('.document-review', { hasText: 'Passport' });
  await expect(passport.locator('img')).toBeVisible();
  expect(await passport.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await screenshot(reviewer, 'review-case');
  await passport.getByText('Reject Passport…').click();
  await passport.getByLabel('Reason').selectOption('blurry');
  await passport.getByLabel('Comment for the customer').fill('The photo is blurred; please retake it in daylight.');
  await passport.getByRole('button', { name: 'Reject document' }).click();
  await expect(reviewer.locator('.document-review[data-state="rejected"]')).toHaveCount(1);

  // The customer sees the comment and uploads a PAN card instead.
  await phone.goto(url);
  await hydrated(phone);
  await expect(phone.locator('.rejection').first()).toContainText('please retake it in daylight');
  await screenshot(phone, 'journey-sent-back');
  if (!(await identity.isVisible())) {
    await phone.locator('.progress').getByRole('button', { name: /Documents/ }).click();
  }
  await identity.getByLabel('Document type').selectOption('pan');
  await identity.getByLabel('Add a photo of the front, or a PDF').setInputFiles('fixtures/pan.png');
  await expect(identity.locator('.document img')).toHaveCount(2);
  await submit(phone);

  // The reviewer approves both documents, then the journey.
  await reviewer.reload();
  await hydrated(reviewer);
  for (const name of [/Approve PAN/, /Approve Utility/]) {
    await reviewer.getByRole('button', { name }).click();
    await expect(reviewer.getByRole('button', { name })).toHaveCount(0);
  }
  await reviewer.getByRole('button', { name: 'Approve journey' }).click();
  await expect(reviewer.locator('#case-state')).toHaveText('Completed');
  await screenshot(reviewer, 'review-completed');

  // The customer was told at each turn.
  await expect
    .poll(() => subjectsTo(email), { timeout: 20_000 })
    .toEqual([
      'Acme Finance: we have received your verification',
      'Acme Finance: please upload a new document',
      'Acme Finance: we have received your verification',
      'Acme Finance: your verification is complete',
    ]);
});

test('a customer asks a question with a photo and reads the reviewer\'s answer on the journey page', async ({ browser }) => {
  const email = `e2e-ticket-${Date.now()}@example.in`;
  const url = await documentsLink(browser, 'Farah Khan', email);
  const phone = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  await phone.goto(url);
  await hydrated(phone);
  await phone.getByLabel(/I agree to share/).check();
  await phone.getByRole('button', { name: 'Agree and continue' }).click();
  const support = phone.locator('#support');
  await expect(support).toContainText('support@acme.test');
  await support.getByText('Ask a question').click();
  await support.getByLabel('Subject').fill('Which side of my PAN?');
  await support.getByLabel('Message', { exact: true }).fill('Do you need the back of the card too?');
  await support.getByLabel('Attach a photo or PDF (optional)').setInputFiles('fixtures/pan.png');
  await support.getByRole('button', { name: 'Send question' }).click();
  const ticket = support.locator('.ticket', { hasText: 'Which side of my PAN?' });
  await expect(ticket.locator('.ticket-message')).toHaveCount(2);
  await expect(ticket).toContainText('File attached');

  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, 'reviewer@acme.test');
  await reviewer.getByRole('link', { name: 'Tickets' }).click();
  await reviewer.getByRole('link', { name: 'Which side of my PAN?' }).click();
  await hydrated(reviewer);
  const staffTicket = reviewer.locator('#tickets .ticket', { hasText: 'Which side of my PAN?' });
  await expect(staffTicket.getByRole('link', { name: 'Attached file' })).toBeVisible();
  await staffTicket.getByPlaceholder('Reply to the customer').fill('The front is enough for a PAN card.');
  await staffTicket.getByRole('button', { name: 'Send reply' }).click();
  await expect(staffTicket.locator('.ticket-message.from-staff')).toContainText('The front is enough');
  await screenshot(reviewer, 'review-ticket');

  await phone.reload();
  await hydrated(phone);
  await expect(support.locator('.ticket-message.from-staff')).toContainText('The front is enough for a PAN card.');
  await expect(support.locator('.ticket-message.from-staff')).toContainText('Support');
  await screenshot(phone, 'journey-support');
  await expect.poll(() => subjectsTo(email), { timeout: 20_000 }).toEqual(['Acme Finance: reply to "Which side of my PAN?"']);
});
