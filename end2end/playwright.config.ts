import { defineConfig } from '@playwright/test';

const addr = process.env.E2E_ADDR ?? '127.0.0.1:3100';

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://${addr}`,
    // The suites written in English browse as an English-speaking browser; the language tests
    // (i18n.spec.ts) choose their own.
    locale: 'en-US',
    launchOptions: {
      // Debian's Chromium; Playwright never downloads a browser here.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        '--disable-dev-shm-usage',
      ],
    },
  },
  // The README's screenshots first, while the shop holds only its demo data (the other suites
  // add categories and products with made-up names).
  projects: [
    { name: 'docs', testMatch: /docs-screenshots\.spec\.ts/ },
    { name: 'suites', testIgnore: /docs-screenshots\.spec\.ts/, dependencies: ['docs'] },
  ],
  webServer: {
    command: './serve.sh',
    url: `http://${addr}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
