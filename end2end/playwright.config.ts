import { defineConfig } from '@playwright/test';

// The server under test: the debug build from `cargo leptos build`, on its own port and
// its own database (scripts/test recreates it), seeded with the demo merchants.
const port = Number(process.env.E2E_PORT ?? 3107);
/** The second server process (same database). */
const secondPort = port + 1;

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        // A synthetic camera for the selfie step, allowed without a prompt.
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
      ],
    },
  },
  // Two server processes on one database: the live tracker test watches on the second while
  // the customer works through the first. Only the first seeds the demo data.
  webServer: [server(port, true), server(secondPort, false)],
});

function server(listen: number, seed: boolean) {
  return {
    command: './target/debug/kyc-server serve',
    cwd: '..',
    url: `http://127.0.0.1:${listen}/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe' as const,
    env: {
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kyc_e2e',
      LEPTOS_SITE_ADDR: `127.0.0.1:${listen}`,
      LEPTOS_SITE_ROOT: 'target/site',
      LEPTOS_OUTPUT_NAME: 'kyc',
      LEPTOS_HASH_FILES: 'true',
      KYC_ENV: 'development',
      KYC_SEED_DEMO: seed ? '1' : '0',
      KYC_PUBLIC_URL: `http://127.0.0.1:${listen}`,
      KYC_STORAGE_URL: 'target/e2e-objects',
      KYC_SCREENING_DIR: 'target/e2e-screening',
      KYC_SMTP_URL: process.env.E2E_SMTP_URL ?? 'smtp://127.0.0.1:1025',
      RUST_LOG: 'info,sqlx=warn',
    },
  };
}
