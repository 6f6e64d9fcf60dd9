import { test, expect, type Page } from '@playwright/test';
import path from 'node:path';
import { DEMO, fillShipping, hydrated } from './helpers';

/** The README's pictures of the storefront, in Korean, made from the real pages on every run. */
const DOCS = path.resolve(__dirname, '../../docs/screenshots');

async function shot(page: Page, name: string): Promise<void> {
  // The viewport only, not the whole page: small files that show what a shopper sees first.
  await page.screenshot({ path: path.join(DOCS, `${name}.png`) });
}

test('the README screenshots of the catalog, a product, checkout and an order, in Korean', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1024, height: 760 } });
  const page = await context.newPage();
  // The demo shopper, so the pictures show the same account on every run.
  expect((await page.request.post('/api/v1/session', { data: DEMO })).status()).toBe(200);

  await page.goto('/?category=kitchen');
  await hydrated(page);
  await expect(page.locator('article.product-card img').first()).toBeVisible();
  await shot(page, 'catalog');

  // 월넛: a product with stock to spare (편백나무 도마 keeps its 3 for the catalog's low-stock note).
  await page.goto('/?q=%EC%9B%94%EB%84%9B');
  await page.getByRole('heading', { name: '월넛 서빙 보드' }).getByRole('link').click();
  await hydrated(page);
  await expect(page.locator('img.main-picture')).toBeVisible();
  await page.getByLabel('수량').fill('2');
  await page.getByRole('button', { name: '장바구니 담기' }).click();
  await expect(page.getByText('장바구니에 담았습니다.')).toBeVisible();
  await shot(page, 'product');

  await page.goto('/checkout');
  await hydrated(page);
  await fillShipping(page);
  await shot(page, 'checkout');

  await page.getByRole('button', { name: '주문하기' }).click();
  await expect(page.getByTestId('order-confirmation')).toBeVisible();
  await hydrated(page);
  await shot(page, 'order');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/?category=kitchen');
  await hydrated(page);
  await shot(page, 'catalog-phone');
  await context.close();
});

test('the README screenshots of a product with options, on a desktop and on a phone', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  // 코튼 홈웨어 티셔츠: 색상 x 사이즈, 블랙 / L sold out, XL dearer.
  await page.goto('/?q=%ED%8B%B0%EC%85%94%EC%B8%A0');
  await page.getByRole('heading', { name: '코튼 홈웨어 티셔츠' }).getByRole('link').click();
  await hydrated(page);
  const size = page.getByRole('group', { name: /사이즈/ });
  await expect(async () => {
    await page.getByRole('group', { name: /색상/ }).getByText('블랙', { exact: true }).click();
    await expect(size.getByRole('radio', { name: /^L/ })).toBeDisabled({ timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await size.getByText('XL', { exact: true }).click();
  await expect(page.getByTestId('price')).toHaveText('₩27,000');
  await shot(page, 'product-options');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator('.add-form').scrollIntoViewIfNeeded();
  await shot(page, 'product-options-phone');
  await context.close();
});
