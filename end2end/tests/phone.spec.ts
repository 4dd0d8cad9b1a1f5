import { expect, test, type Page } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { documentsLink, hydrated, screenshot, signIn } from './support';

/** The wasm modules (file names without `.wasm`) of the split points whose names pass
 * `wanted`, from the split build's manifest. */
function splitModules(wanted: (split: string) => boolean): Set<string> {
  const pkg = path.join(__dirname, '..', '..', 'target', 'site', 'pkg');
  const file = fs.readdirSync(pkg).find((name) => /^__wasm_split_manifest\..*\.json$/.test(name));
  if (!file) throw new Error(`no split manifest in ${pkg}`);
  const manifest = JSON.parse(fs.readFileSync(path.join(pkg, file), 'utf8')) as Record<string, string[]>;
  const splits = Object.keys(manifest).filter(wanted);
  expect(splits.length).toBeGreaterThan(0);
  return new Set(splits.flatMap((split) => manifest[split]));
}

/** The fonts Chromium drew the first element matching `selector` with (its text only), as
 * DevTools reports them: family names, whether a web font, and how many glyphs each. */
async function fontsUsed(page: Page, selector: string) {
  // Loaded before asking (`fonts.ready` alone may resolve before its fetch starts); having
  // it loaded does not make the page draw with it, which is what is asked.
  await page.evaluate(() => document.fonts.load('700 1em "KYC Devanagari"', 'क').then(() => document.fonts.ready));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts;
}

/** Every wasm file the page fetches, by name, as it fetches them. */
function wasmRequests(page: Page): string[] {
  const names: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.endsWith('.wasm')) names.push(url.pathname.split('/').pop() ?? '');
  });
  return names;
}

test('a customer downloads only the journey: staff pages come as chunks fetched when reached', async ({ browser }) => {
  const url = await documentsLink(browser, 'Kavya Rao', 'kavya.rao@example.in');
  const phone = await (await browser.newContext({ viewport: { width: 320, height: 640 } })).newPage();
  const fetched = wasmRequests(phone);
  await phone.goto(url);
  await hydrated(phone);
  await expect(phone.getByRole('heading', { name: 'Before you start' })).toBeVisible();
  expect(fetched.length).toBe(1);
  expect(fetched[0]).toMatch(/^kyc\.[A-Za-z0-9_-]+\.wasm$/);

  // Each step's panel is a chunk of its own, fetched when the customer reaches it: after
  // consent, the documents step's, and only chunks the journey's split points list.
  await phone.getByLabel(/I agree to share/).check();
  await phone.getByRole('button', { name: 'Agree and continue' }).click();
  await expect(phone.getByRole('heading', { name: 'Documents' })).toBeVisible();
  await expect(phone.locator('fieldset[data-category="identity"]')).toBeVisible();
  const chunks = fetched.slice(1);
  expect(chunks.some((name) => name.startsWith('split_journey_documents'))).toBe(true);
  const journeyModules = splitModules((split) => split.startsWith('journey_'));
  for (const name of chunks) expect(journeyModules.has(name.replace(/\.wasm$/, ''))).toBe(true);
  // A reload on that step loads its chunk before the page hydrates, and it hydrates.
  await phone.reload();
  await hydrated(phone);
  await expect(phone.getByRole('heading', { name: 'Documents' })).toBeVisible();

  // The same bundle on a staff page needs the dashboard's chunks, fetched only there.
  const staff = await (await browser.newContext()).newPage();
  const staffFetched = wasmRequests(staff);
  await signIn(staff, 'operator@acme.test');
  expect(staffFetched.filter((name) => name.startsWith('kyc.'))).toHaveLength(1);
  expect(staffFetched.some((name) => !name.startsWith('kyc.'))).toBe(true);
});

test('the bundle is named by its content and kept a year; pages are never stored', async ({ page, request }) => {
  const response = await page.goto('/link-invalid');
  expect(response?.headers()['cache-control']).toBe('no-store');
  const assets = await page
    .locator('link[rel="modulepreload"], link[rel="preload"], link[rel="stylesheet"]')
    .evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href).filter((h) => h.includes('/pkg/')));
  expect(assets.length).toBeGreaterThanOrEqual(3);
  for (const asset of assets) {
    expect(asset).toMatch(/\/pkg\/kyc\.[A-Za-z0-9_-]{6,}\.(js|wasm|css)$/);
    const answer = await request.get(asset, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(answer.status()).toBe(200);
    expect(answer.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(answer.headers()['vary']).toBe('accept-encoding');
  }
});

test('a customer whose browser prefers Hindi reads the journey in Hindi and can switch, and the choice is kept', async ({ browser }) => {
  const url = await documentsLink(browser, 'Ravi Verma', 'ravi.verma@example.in');
  const context = await browser.newContext({ locale: 'hi-IN', viewport: { width: 320, height: 640 } });
  const phone = await context.newPage();
  await phone.goto(url);
  await hydrated(phone);
  await expect(phone.locator('html')).toHaveAttribute('lang', 'hi');
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText('पहचान सत्यापन');
  await screenshot(phone, 'journey-hindi');
  // Drawn in Devanagari, not as empty boxes: the fonts Chromium used for the bold heading
  // and for the language label (this machine has no Devanagari font of its own).
  for (const selector of ['h1', '.language-switch .muted']) {
    const fonts = await fontsUsed(phone, selector);
    expect(fonts, `${selector}: ${JSON.stringify(fonts)}`).toContainEqual(
      expect.objectContaining({ familyName: 'Noto Sans Devanagari', isCustomFont: true }),
    );
  }

  await phone.getByRole('button', { name: 'English' }).click();
  await expect(phone.locator('html')).toHaveAttribute('lang', 'en');
  await expect(phone.getByRole('heading', { name: 'Before you start' })).toBeVisible();
  await phone.reload();
  await hydrated(phone);
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Identity verification');

  await phone.getByRole('button', { name: 'हिन्दी' }).click();
  await expect(phone.locator('html')).toHaveAttribute('lang', 'hi');
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText('पहचान सत्यापन');
});

test('the language switch works as a plain form without the wasm', async ({ browser }) => {
  const url = await documentsLink(browser, 'Sunita Das', 'sunita.das@example.in');
  const context = await browser.newContext({ javaScriptEnabled: false });
  const phone = await context.newPage();
  await phone.goto(url);
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Identity verification');
  await phone.getByRole('button', { name: 'हिन्दी' }).click();
  await expect(phone).toHaveURL(/\/journey$/);
  await expect(phone.locator('html')).toHaveAttribute('lang', 'hi');
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText('पहचान सत्यापन');
});
