import { test, expect, type ConsoleMessage } from '@playwright/test';

test('the catalog is rendered from the database and hydrates without console errors', async ({ page }, testInfo) => {
  const problems: string[] = [];
  page.on('console', (msg: ConsoleMessage) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));

  // The kitchen shelf holds only demo products (the other suites' products have no category).
  await page.goto('/?category=kitchen');
  await expect(page.getByRole('heading', { level: 1, name: '주방도구' })).toBeVisible();
  const board = page.locator('article', { has: page.getByRole('heading', { name: '편백나무 도마' }) });
  await expect(board.getByText('₩39,000')).toBeVisible();
  await expect(board.getByText('Only 3 left')).toBeVisible();
  await expect(page.locator('article.product-card')).toHaveCount(7);

  // Only a hydrated page reacts to the click: retry until it does.
  const details = board.getByRole('button', { name: 'Details' });
  const description = board.getByText('국산 편백나무 원목 도마입니다. 칼자국이 적고 향이 은은합니다.');
  await expect(description).toBeHidden();
  await expect(async () => {
    await details.click();
    await expect(description).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await expect(board.getByRole('button', { name: 'Hide details' })).toHaveAttribute('aria-expanded', 'true');

  await page.screenshot({ path: testInfo.outputPath('catalog.png'), fullPage: true });
  expect(problems).toEqual([]);
});

test('the catalog fits a 360 px phone', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/');
  await expect(page.locator('article.product-card').first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: testInfo.outputPath('catalog-phone.png') });
});

test('the page policy runs the nonce-carrying hydration script but not an injected inline script', async ({ page }) => {
  const response = await page.goto('/');
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9_-]{16,}' 'wasm-unsafe-eval'/);
  // An attacker's inline script (no nonce) is refused by the browser.
  await page.addScriptTag({ content: 'window.__injected = true;' }).catch(() => undefined);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
});
