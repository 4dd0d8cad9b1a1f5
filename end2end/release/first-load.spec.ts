import { expect, test, type Browser, type Page } from '@playwright/test';
import { documentsLink } from '../tests/support';

// Runs against the release build only (scripts/wasm-size starts it): what a customer's
// browser transfers on the link page, against the budget, and how long the page takes on a
// throttled phone profile. Figures are printed; only the byte budget is asserted.

const BUDGET = Number(process.env.KYC_FIRST_LOAD_BUDGET ?? 220_000);

interface Transfer { name: string; transferred: number; decoded: number }

/** The page's wasm, JS and CSS as the browser fetched them (resource timing). */
async function transfers(page: Page): Promise<Transfer[]> {
  return page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => /\.(wasm|js|css)$/.test(new URL(e.name).pathname))
      .map((e) => ({ name: new URL(e.name).pathname, transferred: e.transferSize, decoded: e.decodedBodySize })),
  );
}

function report(title: string, files: Transfer[]) {
  const total = files.reduce((sum, f) => sum + f.transferred, 0);
  console.log(`\n${title}: ${total} bytes transferred`);
  for (const f of files) console.log(`  ${f.name}: ${f.transferred} transferred, ${f.decoded} decoded`);
  return total;
}

let link: string | undefined;
/** One customer's link, made by an operator in another context (whose cache is apart). */
async function customerLink(browser: Browser): Promise<string> {
  link ??= await documentsLink(browser, 'First Load', `first.load.${Date.now()}@example.in`);
  return link;
}

test('a customer\'s first load of the link page stays within the budget', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto(await customerLink(browser));
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached({ timeout: 60_000 });
  const files = await transfers(page);
  const total = report('customer first load (link page)', files);
  expect(files.every((f) => !/split_|chunk_/.test(f.name))).toBe(true);
  // Compressed on the wire (a second entry for a preloaded file reads 0 and 0).
  const fetched = files.filter((f) => f.decoded > 0 && f.decoded > 1000);
  expect(fetched.every((f) => f.transferred < f.decoded)).toBe(true);
  expect(total).toBeLessThanOrEqual(BUDGET);
  await context.close();
});

test('the staff dashboard\'s first load, for comparison', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email').fill('operator@acme.test');
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Journeys' })).toBeVisible({ timeout: 60_000 });
  report('staff first load (sign-in, then journeys)', await transfers(page));
  await context.close();
});

test('first paint and hydration of the link page on a throttled phone profile', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  // About 1.6 Mbps down, 750 kbps up, 150 ms round trip; a CPU four times slower.
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const link = await customerLink(browser);
  const started = Date.now();
  await page.goto(link, { waitUntil: 'commit' });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 120_000 });
  const heading = Date.now() - started;
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached({ timeout: 120_000 });
  const hydrated = Date.now() - started;
  console.log(`\nthrottled link page: heading visible after ${heading} ms, interactive (hydrated) after ${hydrated} ms`);
  await context.close();
});
