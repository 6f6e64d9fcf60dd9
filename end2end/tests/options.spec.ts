import { test, expect, type APIRequestContext } from '@playwright/test';
import { ADMIN, fillShipping, hydrated, newShopper } from './helpers';

/** A T-shirt in 색상 x 사이즈 through the admin API: 블랙 / L sold out, L in 화이트 dearer. */
async function createShirt(request: APIRequestContext, name: string): Promise<{ id: number; variants: Record<string, number> }> {
  expect((await request.post('/api/v1/session', { data: ADMIN })).status()).toBe(200);
  const variant = (colour: string, size: string, price: number, stock: number) => ({
    options: { 색상: colour, 사이즈: size },
    price,
    stock,
  });
  const created = await request.post('/api/v1/admin/products', {
    data: {
      name,
      description: `${name}: 부드러운 면 티셔츠`,
      options: [
        { name: '색상', values: ['블랙', '화이트'] },
        { name: '사이즈', values: ['M', 'L'] },
      ],
      variants: [
        variant('블랙', 'M', 25_000, 5),
        variant('블랙', 'L', 25_000, 0),
        variant('화이트', 'M', 25_000, 5),
        variant('화이트', 'L', 27_000, 2),
      ],
    },
  });
  expect(created.status()).toBe(201);
  const body = await created.json();
  const variants: Record<string, number> = {};
  for (const v of body.variants) variants[`${v.options['색상']} / ${v.options['사이즈']}`] = v.id;
  return { id: body.id as number, variants };
}

test('on a phone a shopper picks 화이트 / L, sees 블랙 / L sold out, and buys it through to paid', async ({ browser, request }, testInfo) => {
  const name = `홈웨어 티셔츠 ${Date.now()}`;
  const shirt = await createShirt(request, name);
  const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await newShopper(page, 'options');

  await page.goto(`/products/${shirt.id}`);
  await hydrated(page);
  await expect(page.getByTestId('price')).toHaveText('₩25,000~');
  await expect(page.getByTestId('stock')).toHaveText('옵션을 선택하시면 재고를 알려 드려요');
  const colour = page.getByRole('group', { name: /색상/ });
  const size = page.getByRole('group', { name: /사이즈/ });
  // Only a hydrated page reacts to the choice: retry the click until it does.
  await expect(async () => {
    await colour.getByText('블랙', { exact: true }).click();
    await expect(size.getByRole('radio', { name: /L/ })).toBeDisabled({ timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await expect(size.locator('label', { hasText: 'L' })).toContainText('(품절)');
  await expect(size.getByRole('radio', { name: /M/ })).toBeEnabled();
  await page.screenshot({ path: testInfo.outputPath('product-options-sold-out-phone.png'), fullPage: true });

  // 화이트 makes L buyable again, at its own price.
  await colour.getByText('화이트', { exact: true }).click();
  await expect(size.getByRole('radio', { name: /L/ })).toBeEnabled();
  await size.getByText('L', { exact: true }).click();
  await expect(page.getByTestId('price')).toHaveText('₩27,000');
  await expect(page.getByTestId('stock')).toHaveText('2개 남음');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: testInfo.outputPath('product-options-phone.png'), fullPage: true });
  await page.getByRole('button', { name: '장바구니 담기' }).click();
  await expect(page.getByText('장바구니에 담았습니다.')).toBeVisible();

  await page.goto('/cart');
  const line = page.locator(`tr[data-variant-id="${shirt.variants['화이트 / L']}"]`);
  await expect(line).toContainText(name);
  await expect(line).toContainText('화이트 / L');
  await expect(page.getByTestId('cart-subtotal')).toHaveText('₩27,000');

  await page.goto('/checkout');
  await hydrated(page);
  await expect(page.locator('.checkout-lines')).toContainText('화이트 / L');
  await fillShipping(page);
  await page.getByRole('button', { name: '주문하기' }).click();
  await expect(page).toHaveURL(/\/orders\/\d+(\?placed=1)?$/);
  await expect(page.getByTestId('order-status')).toHaveText('결제 대기');
  await expect(page.locator('.line-options')).toHaveText('화이트 / L');
  await page.getByRole('button', { name: '결제하기' }).click();
  await expect(page.getByTestId('order-status')).toHaveText('결제 완료');
  await page.screenshot({ path: testInfo.outputPath('order-options-phone.png'), fullPage: true });
  const orderId = Number(new URL(page.url()).pathname.split('/').pop());

  // The variant's stock moved; its sibling's did not.
  const product = await (await request.get(`/api/v1/products/${shirt.id}`)).json();
  const stockOf = (id: number) => product.variants.find((v: { id: number }) => v.id === id).stock;
  expect(stockOf(shirt.variants['화이트 / L'])).toBe(1);
  expect(stockOf(shirt.variants['블랙 / M'])).toBe(5);

  // The admin's order page names the options too.
  const admin = await browser.newContext({ locale: 'ko-KR' });
  const adminPage = await admin.newPage();
  expect((await adminPage.request.post('/api/v1/session', { data: ADMIN })).status()).toBe(200);
  await adminPage.goto(`/admin/orders/${orderId}`);
  await expect(adminPage.locator('.line-options')).toHaveText('화이트 / L');
  await admin.close();
  await context.close();
});

test('without JavaScript the form will not add a product with options until each is chosen', async ({ browser, request }) => {
  const shirt = await createShirt(request, `무JS 티셔츠 ${Date.now()}`);
  const context = await browser.newContext({ locale: 'ko-KR', javaScriptEnabled: false });
  const page = await context.newPage();
  await newShopper(page, 'nojs-options');
  await page.goto(`/products/${shirt.id}`);
  await page.getByRole('button', { name: '장바구니 담기' }).click();
  // The browser refuses the form and says which choice is missing.
  await expect(page).toHaveURL(new RegExp(`/products/${shirt.id}$`));
  const missing = page.locator('input[name="opt0"]').first();
  expect(await missing.evaluate((el: HTMLInputElement) => el.validity.valueMissing)).toBe(true);
  await expect(page.getByText('(필수)').first()).toBeVisible();

  await page.getByRole('group', { name: /색상/ }).getByText('화이트', { exact: true }).click();
  await page.getByRole('group', { name: /사이즈/ }).getByText('M', { exact: true }).click();
  await page.getByRole('button', { name: '장바구니 담기' }).click();
  await page.goto('/cart');
  await expect(page.locator(`tr[data-variant-id="${shirt.variants['화이트 / M']}"]`)).toContainText('화이트 / M');
  await context.close();
});

test('the catalog card of a product with options says where its price starts and links to its choices', async ({ browser, request }) => {
  const name = `카드 티셔츠 ${Date.now()}`;
  const shirt = await createShirt(request, name);
  const context = await browser.newContext({ locale: 'ko-KR' });
  const page = await context.newPage();
  await page.goto(`/?q=${encodeURIComponent(name)}`);
  const card = page.locator('article.product-card', { hasText: name });
  await expect(card.locator('.price')).toHaveText('₩25,000~');
  await card.getByRole('link', { name: /옵션 선택/ }).click();
  await expect(page).toHaveURL(new RegExp(`/products/${shirt.id}$`));
  await context.close();
});

test('the admin sells a product in options and fills in its variant table', async ({ browser, request }, testInfo) => {
  const name = `옵션 앞치마 ${Date.now()}`;
  expect((await request.post('/api/v1/session', { data: ADMIN })).status()).toBe(200);
  const created = await request.post('/api/v1/admin/products', { data: { name, price: 32_000, stock: 0 } });
  expect(created.status()).toBe(201);
  const id = (await created.json()).id as number;

  const context = await browser.newContext({ locale: 'ko-KR' });
  const page = await context.newPage();
  expect((await page.request.post('/api/v1/session', { data: ADMIN })).status()).toBe(200);
  await page.goto(`/admin/products/${id}`);
  await hydrated(page);
  await page.getByLabel('옵션명 1').fill('색상');
  await page.getByLabel('옵션값 1 (쉼표로 구분)').fill('내추럴, 차콜');
  await page.getByRole('button', { name: '옵션 조합 만들기' }).click();
  const rows = page.locator('table.variant-table tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByRole('rowheader')).toHaveText('내추럴');

  await page.getByLabel('차콜 재고').fill('6');
  await page.getByLabel('차콜 SKU').fill(`AP-CH-${id}`);
  await page.getByRole('button', { name: '저장 차콜' }).click();
  await expect(page.getByText('저장했습니다.').first()).toBeVisible();
  await expect(page.getByLabel('차콜 재고')).toHaveValue('6');
  await page.screenshot({ path: testInfo.outputPath('admin-variants.png'), fullPage: true });

  const product = await (await request.get(`/api/v1/products/${id}`)).json();
  expect(product.stock).toBe(6);
  expect(product.options).toEqual([{ name: '색상', values: ['내추럴', '차콜'] }]);
  const charcoal = product.variants.find((v: { options: Record<string, string> }) => v.options['색상'] === '차콜');
  expect([charcoal.stock, charcoal.sku, charcoal.price]).toEqual([6, `AP-CH-${id}`, 32_000]);
  await context.close();
});
