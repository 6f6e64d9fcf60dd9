import { expect, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';

/** The demo accounts serve.sh seeds. */
export const DEMO = { email: 'demo@shop.test', password: 'demo-password' };
export const ADMIN = { email: 'admin@shop.test', password: 'admin-password' };

let counter = 0;
/** An email no other test uses. */
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now()}-${counter}@shop.test`;
}

/** Creates a product through the admin JSON API, so each test owns its stock. */
export async function createProduct(
  request: APIRequestContext,
  name: string,
  price: number,
  stock: number,
): Promise<number> {
  const signIn = await request.post('/api/v1/session', { data: ADMIN });
  expect(signIn.status()).toBe(200);
  const created = await request.post('/api/v1/admin/products', {
    data: { name, price, stock, description: `${name}, made for a browser test.` },
  });
  expect(created.status()).toBe(201);
  return (await created.json()).id as number;
}

/** A product's stock, read through the public JSON API. */
export async function stockOf(request: APIRequestContext, id: number): Promise<number> {
  const r = await request.get(`/api/v1/products/${id}`);
  expect(r.status()).toBe(200);
  return (await r.json()).stock as number;
}

/** Signs a new shopper up and in within the page's browser context (the API and the pages share
 * sessions, so the cookie the API sets signs the pages in). */
export async function newShopper(page: Page, prefix: string): Promise<string> {
  const email = uniqueEmail(prefix);
  const up = await page.request.post('/api/v1/users', { data: { email, password: 'password-123' } });
  expect(up.status()).toBe(201);
  const inn = await page.request.post('/api/v1/session', { data: { email, password: 'password-123' } });
  expect(inn.status()).toBe(200);
  return email;
}

/** Signs in through the sign-in page, as a shopper would. */
export async function signInWithForm(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/signin');
  await hydrated(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText(email);
}

/** The words the helpers click, per language the browser speaks. */
const WORDS: Record<string, { quantity: string; add: string; added: string }> = {
  'en-US': { quantity: 'Quantity', add: 'Add to cart', added: 'Added to your cart.' },
  'ko-KR': { quantity: '수량', add: '장바구니 담기', added: '장바구니에 담았습니다.' },
};

/** Adds a product to the cart from its page. */
export async function addToCart(page: Page, productId: number, quantity: number, locale = 'en-US'): Promise<void> {
  const words = WORDS[locale];
  await page.goto(`/products/${productId}`);
  await hydrated(page);
  await page.getByLabel(words.quantity).fill(String(quantity));
  await page.getByRole('button', { name: words.add }).click();
  await expect(page.getByText(words.added)).toBeVisible();
}

/** Waits until the page is hydrated (`hydrate()` marks the body). */
export async function hydrated(page: Page): Promise<void> {
  await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached' });
}

export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

/** "₩12,000" for 12000. */
export function krw(amount: number): string {
  return `₩${amount.toLocaleString('en-US')}`;
}

/** Fills the checkout's shipping address (by the fields' ids, so in any language) when empty. */
export async function fillShipping(page: Page): Promise<void> {
  const recipient = page.locator('#ship-recipient');
  await recipient.waitFor();
  if ((await recipient.inputValue()) !== '') return;
  await recipient.fill('김하나');
  await page.locator('#ship-phone').fill('010-1234-5678');
  await page.locator('#ship-postal-code').fill('06236');
  await page.locator('#ship-address1').fill('서울특별시 강남구 테헤란로 123');
  await page.locator('#ship-address2').fill('4층 401호');
}
