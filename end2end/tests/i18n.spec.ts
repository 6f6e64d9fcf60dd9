import { test, expect, type Browser, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { addToCart, createProduct, hydrated, newShopper, screenshot, fillShipping } from './helpers';

/** A page in a fresh browser that speaks `locale` (its Accept-Language), optionally without JS. */
async function browse(browser: Browser, locale: string, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ locale, javaScriptEnabled });
  return context.newPage();
}

async function noAxeViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(found, `axe on ${what}`).toEqual([]);
}

test('a Korean browser gets the shop in Korean, an English one in English, any other in Korean', async ({ browser }) => {
  const ko = await browse(browser, 'ko-KR');
  await ko.goto('/');
  await expect(ko.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(ko.getByRole('heading', { level: 1 })).toHaveText('전체 상품');
  await expect(ko.getByRole('link', { name: '장바구니' })).toBeVisible();
  await expect(ko).toHaveTitle(/전체 상품 \| 나무상점/);

  const en = await browse(browser, 'en-US');
  await en.goto('/');
  await expect(en.locator('html')).toHaveAttribute('lang', 'en');
  await expect(en.getByRole('heading', { level: 1 })).toHaveText('Catalog');
  await expect(en).toHaveTitle(/Catalog \| Namu Shop/);

  const fr = await browse(browser, 'fr-FR');
  await fr.goto('/');
  await expect(fr.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(fr.getByRole('heading', { level: 1 })).toHaveText('전체 상품');
  for (const p of [ko, en, fr]) await p.context().close();
});

test('switching the language keeps the page and its query', async ({ browser }) => {
  for (const js of [false, true]) {
    const page = await browse(browser, 'ko-KR', js);
    await page.goto('/?q=mug&sort=price_asc');
    if (js) await hydrated(page);
    await page.locator('a[data-lang="en"]').click();
    await expect(page).toHaveURL(/\/\?q=mug&sort=price_asc$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.context().close();
  }
});

test('the language switcher works without JavaScript and is remembered', async ({ browser, request }) => {
  const bowl = await createProduct(request, 'Switcher Bowl', 15_000, 4);
  const page = await browse(browser, 'ko-KR', false);
  await page.goto(`/products/${bowl}`);
  await expect(page.getByRole('button', { name: '장바구니 담기' })).toBeVisible();
  await page.getByRole('link', { name: 'English' }).click();
  // Back on the same page, now in English.
  await expect(page).toHaveURL(new RegExp(`/products/${bowl}$`));
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: 'Add to cart' })).toBeVisible();
  // The choice outlives the page: the next page speaks English although the browser asks Korean.
  await page.goto('/cart');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your cart');
  await page.getByRole('link', { name: '한국어' }).click();
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('장바구니');
  await page.context().close();
});

test('the switcher with JavaScript changes the hydrated page and it keeps working', async ({ browser, request }) => {
  const cup = await createProduct(request, 'Hydrated Cup', 8_000, 9);
  const page = await browse(browser, 'en-US');
  await page.goto(`/products/${cup}`);
  await hydrated(page);
  await page.getByRole('link', { name: '한국어' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await hydrated(page);
  // Reactive parts of the hydrated page speak Korean too: the product card's toggle on the catalog.
  await page.goto('/');
  await hydrated(page);
  const details = page.getByRole('button', { name: '상세 보기' }).first();
  await details.click();
  await expect(page.getByRole('button', { name: '상세 닫기' }).first()).toBeVisible();
  await page.context().close();
});

test('counts read right in both languages and times are in Korea time', async ({ browser, request }) => {
  const spoon = await createProduct(request, 'Plural Spoon', 3_000, 20);
  for (const [locale, one, two, itemsOf2] of [
    ['en-US', '1 order', '2 orders', '2 items'],
    ['ko-KR', '주문 1건', '주문 2건', '2개'],
  ]) {
    const page = await browse(browser, locale);
    await newShopper(page, `plural-${locale}`);
    for (const [n, expected] of [[1, one], [2, two]] as const) {
      await addToCart(page, spoon, n, locale);
      await page.goto('/checkout');
      await hydrated(page);
      await fillShipping(page);
      await page.getByRole('button', { name: locale === 'en-US' ? 'Place order' : '주문하기' }).click();
      await expect(page).toHaveURL(/\/orders\/\d+(\?placed=1)?$/);
      // The order's times are in the shop's zone (Asia/Seoul), labelled.
      await expect(page.getByText(/KST/).first()).toBeVisible();
      await page.goto('/orders');
      await expect(page.getByTestId('orders-count')).toHaveText(expected);
    }
    await expect(page.locator('tr[data-order-id]').first()).toContainText(itemsOf2);
    await page.context().close();
  }
});

const shopperPages = ['/', '/products/{id}', '/cart', '/checkout', '/orders', '/orders/{order}', '/coupons', '/signin', '/signup', '/no-such-page'];

for (const locale of ['ko-KR', 'en-US']) {
  test(`every shopper page passes axe in ${locale}, on a desktop and a phone`, async ({ browser, request }, testInfo) => {
    // 20 page loads, each analysed by axe: well over the default 30 s on 2 cores.
    test.setTimeout(120_000);
    const board = await createProduct(request, `Axe Board ${locale}`, 21_000, 6);
    const page = await browse(browser, locale);
    await newShopper(page, `axe-${locale}`);
    await addToCart(page, board, 1, locale);
    await page.goto('/checkout');
    await hydrated(page);
    await fillShipping(page);
    await page.getByRole('button', { name: locale === 'en-US' ? 'Place order' : '주문하기' }).click();
    await expect(page).toHaveURL(/\/orders\/\d+(\?placed=1)?$/);
    const order = new URL(page.url()).pathname.split('/').pop() ?? '';
    await addToCart(page, board, 1, locale);
    for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(viewport);
      for (const path of shopperPages) {
        await page.goto(path.replace('{id}', String(board)).replace('{order}', order));
        await hydrated(page);
        await noAxeViolations(page, `${path} (${locale}, ${viewport.width}px)`);
        if (viewport.width < 500 || path === '/' || path === '/orders/{order}') {
          const name = `${locale}-${viewport.width}-${path.replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '') || 'catalog'}`;
          await screenshot(page, testInfo, name);
        }
      }
    }
    await page.context().close();
  });
}
