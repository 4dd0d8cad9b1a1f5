import { expect, test, type Browser } from '@playwright/test';
import { documentsLink, expectAccessible, hydrated, screenshot } from './support';

// The customer's journey on a poor connection, without its script, and across devices.

const fixture = (name: string) => `fixtures/${name}`;

async function consent(page: import('@playwright/test').Page) {
  await page.getByLabel(/I agree to share/).check();
  await page.getByRole('button', { name: 'Agree and continue' }).click();
  await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
}

async function phoneContext(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}) {
  return browser.newContext({ viewport: { width: 320, height: 640 }, ...options });
}

test('without JavaScript a customer consents, moves between steps, reads the status and asks a question', async ({ browser }) => {
  const url = await documentsLink(browser, 'Meena Iyer', 'meena.iyer@example.in');
  const phone = await (await phoneContext(browser, { javaScriptEnabled: false })).newPage();
  await phone.goto(url);
  await expect(phone.getByRole('heading', { name: 'Before you start' })).toBeVisible();
  await expect(phone.locator('#load-failed')).toBeHidden();
  await consent(phone);
  await expect(phone).toHaveURL(/\/journey$/);

  // The progress list and the review's "Go to" are plain links.
  await phone.getByRole('navigation', { name: 'Progress' }).getByRole('link', { name: /Review and submit/ }).click();
  await expect(phone).toHaveURL(/\/journey\?step=review$/);
  await expect(phone.getByRole('heading', { name: 'Review and submit' })).toBeVisible();
  await phone.getByRole('link', { name: 'Go to Documents' }).click();
  await expect(phone.getByRole('heading', { name: 'Documents' })).toBeVisible();
  await expect(phone.locator('.progress [aria-current="step"]')).toContainText('Documents');

  // The status page, by its address.
  await phone.goto('/journey?step=status');
  await expect(phone.locator('#journey-status')).toBeVisible();

  // A question to support, as a plain form.
  await phone.getByText('Ask a question').click();
  await phone.getByLabel('Subject').fill('Which address proof?');
  await phone.getByLabel('Message').fill('Is a gas bill enough?');
  await phone.getByRole('button', { name: 'Send question' }).click();
  await expect(phone).toHaveURL(/\/journey$/);
  await expect(phone.locator('.ticket h3')).toContainText('Which address proof?');
  await expect(phone.locator('.ticket-messages')).toContainText('Is a gas bill enough?');
  await phone.context().close();
});

test('a bundle that does not load leaves a working journey page with a plain message, in the page language', async ({ browser }) => {
  const url = await documentsLink(browser, 'Arjun Nair', 'arjun.nair@example.in');
  const context = await phoneContext(browser, { locale: 'hi-IN' });
  await context.route(/\.wasm$/, (route) => route.abort());
  const phone = await context.newPage();
  await phone.goto(url);
  const notice = phone.locator('#load-failed');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('यह पन्ना पूरी तरह लोड नहीं हुआ');
  await expect(phone.locator('body')).not.toHaveAttribute('data-hydrated', 'true');
  await screenshot(phone, 'journey-bundle-failed-hindi');
  await expectAccessible(phone, 'the bundle failed to load');
  // The consent still works, as a plain form, and the customer stays on their journey.
  await phone.getByLabel(/मैंने यह पढ़ लिया है/).check();
  await phone.getByRole('button', { name: /सहमत/ }).click();
  await expect(phone).toHaveURL(/\/journey$/);
  await expect(phone.getByRole('heading', { level: 2 }).first()).toBeVisible();
  await expect(phone.locator('[data-panel="documents"]')).toBeAttached();
  await context.close();
});

test('a bundle that panics while taking over the page shows the same message', async ({ browser }) => {
  const url = await documentsLink(browser, 'Farah Khan', 'farah.khan@example.in');
  const context = await phoneContext(browser);
  const phone = await context.newPage();
  // The bundle's glue, changed so that the page's body looks missing to the wasm: Leptos
  // expects one and panics (a real Rust panic, in the real bundle).
  await phone.route(/\/pkg\/kyc\.[^/]+\.js$/, async (route) => {
    const response = await route.fetch();
    const glue = await response.text();
    expect(glue).toContain('const ret = arg0.body;');
    await route.fulfill({ response, body: glue.replace('const ret = arg0.body;', 'const ret = null;') });
  });
  // Without the page's own watcher for failed loads, so that the notice can only come from
  // the wasm's panic hook.
  await phone.route(/\/journey$/, async (route) => {
    const response = await route.fetch();
    const html = await response.text();
    const watcher = /<script nonce="[^"]*">\(function\(\)\{function show\(\)[\s\S]*?<\/script>/;
    expect(html).toMatch(watcher);
    await route.fulfill({ response, body: html.replace(watcher, '') });
  });
  const panics: string[] = [];
  phone.on('console', (message) => {
    if (message.text().includes('panicked')) panics.push(message.text());
  });
  await phone.goto(url);
  await expect(phone.locator('#load-failed')).toBeVisible();
  await expect(phone.locator('#load-failed')).toContainText('This page did not finish loading');
  expect(panics.length).toBeGreaterThan(0);
  await expect(phone.locator('body')).not.toHaveAttribute('data-hydrated', 'true');
  // The page the server sent is still there, and its consent still works as a plain form.
  await expect(phone.getByRole('heading', { name: 'Before you start' })).toBeVisible();
  await consent(phone);
  await expect(phone).toHaveURL(/\/journey$/);
  // The journey page that consent loads asks for the glue again; that request may still be
  // in the route above when the context closes.
  await phone.unrouteAll({ behavior: 'ignoreErrors' });
  await context.close();
});

test('a step whose code does not arrive says so, and its link opens the step as a page of its own', async ({ browser }) => {
  const url = await documentsLink(browser, 'Ira Menon', 'ira.menon@example.in');
  const context = await phoneContext(browser);
  const phone = await context.newPage();
  const panics: string[] = [];
  phone.on('console', (message) => {
    if (message.text().includes('panicked')) panics.push(message.text());
  });
  await phone.goto(url);
  await hydrated(phone);
  // The documents step's chunk cannot be fetched (the connection dropped as it was asked for).
  const chunk = /\/pkg\/split_journey_documents\.[^/]+\.wasm$/;
  await phone.route(chunk, (route) => route.abort('internetdisconnected'));
  await phone.getByLabel(/I agree to share/).check();
  await phone.getByRole('button', { name: 'Agree and continue' }).click();
  const panel = phone.locator('#step-panel');
  await expect(panel.getByRole('alert')).toContainText('This page did not finish loading');
  await expect(panel.locator('[aria-busy="false"]')).toBeVisible();
  await screenshot(phone, 'journey-step-chunk-failed');
  await expectAccessible(phone, 'a step whose code did not arrive');
  // The page still runs: the link loads the step as a new page once the connection is back.
  await phone.unroute(chunk);
  await panel.getByRole('link', { name: 'Reload the page' }).click();
  await expect(phone).toHaveURL(/\/journey\?step=documents$/);
  await hydrated(phone);
  await expect(phone.getByRole('heading', { name: 'Documents' })).toBeVisible();
  await expect(phone.locator('#file-identity')).toBeEnabled();
  await expect(phone.locator('#load-failed')).toBeHidden();

  // A page drawn on that step whose chunk does not come stays as drawn, not taken over,
  // with the same note; its plain links still work.
  await phone.route(chunk, (route) => route.abort('internetdisconnected'));
  await phone.reload();
  await expect(phone.locator('#load-failed')).toBeVisible();
  await expect(phone.locator('body')).not.toHaveAttribute('data-hydrated', 'true');
  await expect(phone.getByRole('heading', { name: 'Documents' })).toBeVisible();
  expect(panics).toEqual([]);
  await phone.unrouteAll({ behavior: 'ignoreErrors' });
  await context.close();
});

test('an upload cut off by a lost connection says so and is sent again with Retry; a reload keeps it', async ({ browser }) => {
  const url = await documentsLink(browser, 'Deepak Joshi', 'deepak.joshi@example.in');
  const context = await phoneContext(browser);
  const phone = await context.newPage();
  await phone.goto(url);
  await hydrated(phone);
  await consent(phone);
  const identity = phone.locator('fieldset[data-category="identity"]');

  await context.setOffline(true);
  await identity.getByLabel('Add a photo of the front, or a PDF').setInputFiles(fixture('passport.jpg'));
  const failure = identity.getByRole('alert');
  await expect(failure).toContainText('The upload did not reach us. Check your connection and try again.');
  const retry = identity.getByRole('button', { name: 'Retry' });
  await expect(retry).toBeVisible();
  await expect(identity.locator('.document')).toHaveCount(0);
  await screenshot(phone, 'journey-upload-offline');
  await expectAccessible(phone, 'a failed upload with Retry');

  await context.setOffline(false);
  await retry.click();
  await expect(identity.locator('.document img')).toBeVisible();
  await expect(retry).toHaveCount(0);

  // A reload (or coming back later) finds it there.
  await phone.reload();
  await hydrated(phone);
  await expect(phone.locator('fieldset[data-category="identity"] .document')).toHaveCount(1);

  // A refusal is not offered again: the same file cannot do better.
  await phone.locator('fieldset[data-category="address"]').getByLabel('Add a photo of the front, or a PDF').setInputFiles(fixture('fake.jpg'));
  await expect(phone.locator('fieldset[data-category="address"]').getByRole('alert')).toContainText('not a JPEG, PNG or PDF');
  await expect(phone.locator('fieldset[data-category="address"]').getByRole('button', { name: 'Retry' })).toHaveCount(0);
  await context.close();
});

test('a customer on a computer continues on their phone with a one-time code; the computer follows live', async ({ browser }) => {
  const url = await documentsLink(browser, 'Lakshmi Menon', 'lakshmi.menon@example.in');
  const computer = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await computer.goto(url);
  await hydrated(computer);
  const card = computer.locator('section.handoff');
  await expect(card.getByRole('heading', { name: 'Continue on your phone' })).toBeVisible();
  await card.getByRole('button', { name: 'Show a code for my phone' }).click();
  await expect(card.getByRole('img', { name: /QR code/ })).toBeVisible();
  await expect(card.getByRole('status')).toHaveText('Waiting for your phone…');
  const code = (await card.locator('.handoff-url').textContent())!.trim();
  expect(code).toMatch(/\/h\/[A-Za-z0-9_-]{43}$/);
  await screenshot(computer, 'journey-handoff-code');
  await expectAccessible(computer, 'the hand-off code');

  // The phone opens the code: the same journey, which it takes on from consent.
  const phoneContextA = await phoneContext(browser, { isMobile: true, hasTouch: true });
  const phone = await phoneContextA.newPage();
  await phone.goto(code);
  // Opening the address only asks; the code is used by the customer's answer.
  await expect(phone.getByRole('heading', { name: 'Continue your verification on this device?' })).toBeVisible();
  await expectAccessible(phone, 'continue on this device');
  await phone.getByRole('button', { name: 'Continue on this device' }).click();
  await expect(phone).toHaveURL(/\/journey$/);
  await hydrated(phone);
  await expect(phone.locator('section.handoff')).toBeHidden();
  await expect(card.getByRole('status')).toHaveText('Your phone has taken over. This page shows your progress as you go.');
  await consent(phone);
  // The computer follows: consent given, then the document the phone adds.
  await expect(computer.getByRole('heading', { name: 'Documents' })).toBeVisible();
  await phone.locator('fieldset[data-category="identity"]').getByLabel('Add a photo of the front, or a PDF').setInputFiles(fixture('passport.jpg'));
  await expect(computer.locator('fieldset[data-category="identity"] .document')).toHaveCount(1);
  await expect(card.getByRole('status')).toHaveText('Your phone has taken over. This page shows your progress as you go.');

  // The code worked once.
  const other = await (await phoneContext(browser)).newPage();
  await other.goto(code);
  await other.getByRole('button', { name: 'Continue on this device' }).click();
  await expect(other).toHaveURL(/\/link-invalid$/);
  await other.context().close();
  await phoneContextA.close();
  await computer.context().close();
});
