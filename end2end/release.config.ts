import { defineConfig } from '@playwright/test';

// The release build's byte budget and throttled timings (scripts/wasm-size builds it and
// runs this); not part of the test command, since a release server build alone takes about
// a quarter of an hour on two cores.
const port = Number(process.env.RELEASE_PORT ?? 3127);

export default defineConfig({
  testDir: './release',
  timeout: 240_000,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic'],
    },
  },
  webServer: {
    command: './target/release/kyc-server serve',
    cwd: '..',
    url: `http://127.0.0.1:${port}/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    env: {
      DATABASE_URL: process.env.RELEASE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kyc_release',
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: 'target/site-release',
      LEPTOS_OUTPUT_NAME: 'kyc',
      LEPTOS_HASH_FILES: 'true',
      KYC_ENV: 'development',
      KYC_SEED_DEMO: '1',
      KYC_PUBLIC_URL: `http://127.0.0.1:${port}`,
      KYC_STORAGE_URL: 'target/release-objects',
      KYC_SCREENING_DIR: 'target/release-screening',
      KYC_SMTP_URL: process.env.RELEASE_SMTP_URL ?? 'smtp://127.0.0.1:1025',
      RUST_LOG: 'warn',
    },
  },
});
