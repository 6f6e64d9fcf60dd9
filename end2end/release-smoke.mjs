// Opens pages of the release server in Debian's Chromium and waits for each to hydrate: the
// optimized, hashed, brotli-served bundle must actually run (a broken wasm-opt, say, builds fine
// and fails only here). Any page error fails it. Run by `scripts/check-release.sh --browser`.
import { chromium } from 'playwright-core';

const base = process.argv[2];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'],
});
const errors = [];
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e}`));
  for (const path of ['/', '/products/1', '/cart']) {
    await page.goto(base + path);
    await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached', timeout: 20_000 });
    console.log(`  ${path} hydrated`);
  }
} catch (e) {
  errors.push(String(e));
} finally {
  await browser.close();
}
if (errors.length > 0) {
  console.error(`release-smoke: ${errors.join('\n')}`);
  process.exit(1);
}
