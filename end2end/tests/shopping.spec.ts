import { test, expect, type Browser, type Page } from '@playwright/test';
import { addToCart, createProduct, hydrated, newShopper, screenshot, stockOf, fillShipping } from './helpers';

async function browse(browser: Browser, locale: string, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ locale, javaScriptEnabled });
  return context.newPage();
}

test('search finds products in Korean and in English, without JavaScript too', async ({ browser }) => {
  const page = await browse(browser, 'ko-KR', false);
  await page.goto('/');
  await page.getByLabel('상품 검색').fill('도마');
  await page.getByRole('button', { name: '검색', exact: true }).click();
  await expect(page).toHaveURL(/[?&]q=%EB%8F%84%EB%A7%88/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('“도마” 검색 결과');
  await expect(page.getByTestId('result-count')).toHaveText('상품 1개');
  await expect(page.getByRole('heading', { name: '편백나무 도마' })).toBeVisible();

  // Case does not matter in English; the words can be in the description.
  await page.goto('/?q=KETTLE');
  await expect(page.getByRole('heading', { name: '스테인리스 드립 케틀 1.2L' })).toBeVisible();
  await page.goto('/?q=gooseneck');
  await expect(page.getByTestId('result-count')).toHaveText('상품 1개');
  await page.goto('/?q=no-such-thing-anywhere');
  await expect(page.getByText('검색 결과가 없습니다.')).toBeVisible();
  await page.context().close();
});

test('adding from the catalog answers on the card that asked; a product sold out meanwhile is refused on its own card', async ({ page, request }) => {
  const word = `Grid${Date.now()}`;
  await createProduct(request, `${word} Bowl`, 7_000, 5);
  const cup = await createProduct(request, `${word} Cup`, 5_000, 5);
  await newShopper(page, 'grid');
  await page.goto(`/?q=${word}&sort=name`);
  await hydrated(page);
  const bowl = page.locator('article.product-card', { hasText: `${word} Bowl` });
  const cupCard = page.locator('article.product-card', { hasText: `${word} Cup` });

  await bowl.getByRole('button', { name: /Add to cart/ }).click();
  await expect(bowl.getByRole('status')).toHaveText('Added to your cart.');
  await expect(cupCard.getByRole('status')).toHaveText('');
  await expect(page.getByTestId('cart-link')).toHaveText('Cart (1)');

  // Sold out by someone else after the page was drawn: the refusal is the cup's, and the bowl's
  // answer, which is no longer the last one, goes away.
  expect((await request.patch(`/api/v1/admin/products/${cup}`, { data: { stock: 0 } })).status()).toBe(200);
  await cupCard.getByRole('button', { name: /Add to cart/ }).click();
  await expect(cupCard.getByRole('alert')).toHaveText('Sorry, this product is sold out.');
  await expect(bowl.getByRole('alert')).toHaveCount(0);
  await expect(bowl.getByRole('status')).toHaveText('');
  await expect(page.getByTestId('cart-link')).toHaveText('Cart (1)');

  await bowl.getByRole('button', { name: /Add to cart/ }).click();
  await expect(bowl.getByRole('status')).toHaveText('Added to your cart.');
  await expect(cupCard.getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('cart-link')).toHaveText('Cart (2)');
});

test('categories and sorting narrow and order the catalog; paging keeps the search', async ({ browser, request }) => {
  const page = await browse(browser, 'en-US', false);
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Categories' }).getByRole('link', { name: /커피·차/ }).click();
  await expect(page).toHaveURL(/category=coffee-tea/);
  await expect(page.getByRole('navigation', { name: 'Categories' }).getByRole('link', { name: /커피·차/ })).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('article.product-card')).toHaveCount(3);

  await page.getByLabel('Sort by').selectOption('price_asc');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page).toHaveURL(/category=coffee-tea/);
  const prices = await page.locator('article.product-card .price').allTextContents();
  const numbers = prices.map((p) => Number(p.replace(/[^0-9]/g, '')));
  expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  expect(numbers.length).toBe(3);

  const word = `Pager${Date.now()}`;
  for (let i = 0; i < 13; i += 1) await createProduct(request, `${word} Spoon ${i}`, 1_000 + i, 5);
  await page.goto(`/?q=${word}&sort=name`);
  await expect(page.getByTestId('result-count')).toHaveText('13 products');
  await expect(page.locator('article.product-card')).toHaveCount(12);
  await page.getByRole('link', { name: 'Next →' }).click();
  await expect(page).toHaveURL(new RegExp(`q=${word}.*sort=name.*page=2`));
  await expect(page.locator('article.product-card')).toHaveCount(1);
  await page.context().close();
});

test('pictures: sized, lazy below the fold, cached for a year; unknown products answer 404', async ({ page, request }) => {
  await page.goto('/?category=kitchen');
  const cards = page.locator('article.product-card img');
  await expect(cards.first()).toHaveAttribute('loading', 'eager');
  await expect(cards.nth(5)).toHaveAttribute('loading', 'lazy');
  const src = await cards.first().getAttribute('src');
  expect(await cards.first().getAttribute('width')).toMatch(/^\d+$/);
  const media = await request.get(src ?? '');
  expect(media.status()).toBe(200);
  expect(media.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(media.headers()['content-type']).toMatch(/^image\/(jpeg|png)$/);

  await page.getByRole('heading', { name: '편백나무 도마' }).getByRole('link').click();
  const main = page.locator('img.main-picture');
  await expect(main).toHaveAttribute('width', /^\d+$/);
  await expect(main).toHaveAttribute('alt', '편백나무 도마');
  await expect(page).toHaveTitle(/편백나무 도마 \| Namu Shop/);
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', /\/media\/[0-9a-f]{64}$/);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /주방도구/);

  const missing = await page.goto('/products/999999');
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Product not found');
});

test('the cart takes no more than is left, and says so', async ({ page, request }) => {
  const tray = await createProduct(request, 'Scarce Tray', 9_000, 3);
  await newShopper(page, 'clamp');
  await page.goto(`/products/${tray}`);
  await hydrated(page);
  await page.getByLabel('Quantity').fill('50');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByText('Only 3 left - we set your quantity to 3.')).toBeVisible();
  await expect(page.getByTestId('cart-link')).toHaveText('Cart (3)');
  await page.goto('/cart');
  await expect(page.locator('tr', { hasText: 'Scarce Tray' }).getByRole('spinbutton')).toHaveValue('3');

  // Stock that shrinks after adding: the cart follows it when it is read.
  expect((await request.patch(`/api/v1/admin/products/${tray}`, { data: { stock: 2 } })).status()).toBe(200);
  await page.goto('/cart');
  const row = page.locator('tr', { hasText: 'Scarce Tray' });
  await expect(row).toContainText('Only 2 left - we set your quantity to 2.');
  await expect(row.getByRole('spinbutton')).toHaveValue('2');
  expect(await stockOf(request, tray)).toBe(2);
});

test('the order page confirms, follows a payment made elsewhere and asks before cancelling', async ({ browser, request }, testInfo) => {
  const pot = await createProduct(request, 'Followed Pot', 14_000, 4);
  const page = await browse(browser, 'ko-KR');
  await newShopper(page, 'follow');
  await addToCart(page, pot, 1, 'ko-KR');
  await page.goto('/checkout');
  await hydrated(page);
  await fillShipping(page);
  await page.getByRole('button', { name: '주문하기' }).click();
  await expect(page.getByTestId('order-confirmation')).toContainText('주문해 주셔서 감사합니다!');
  await expect(page.getByTestId('order-confirmation')).toContainText(/\d\d:\d\d KST까지 결제해 주셔야/);
  await expect(page.getByTestId('test-mode')).toContainText('테스트 결제 모드');
  for (const label of ['카드 번호', '유효기간(MM/YY)', 'CVC', '카드 소유자 이름']) {
    await expect(page.getByLabel(label)).toBeVisible();
  }
  await hydrated(page);
  await screenshot(page, testInfo, 'order-confirmation-ko');

  // Paid in another tab: this one turns to paid by itself.
  const other = await page.context().newPage();
  await other.goto(new URL(page.url()).pathname);
  await hydrated(other);
  await other.getByRole('button', { name: '결제하기' }).click();
  await expect(other.getByTestId('order-status')).toHaveText('결제 완료');
  await expect(page.getByTestId('order-status')).toHaveText('결제 완료', { timeout: 5_000 });
  await expect(page.getByTestId('order-outcome')).toContainText('결제가 완료되었습니다');
  await expect(page.getByRole('button', { name: '결제하기' })).toHaveCount(0);

  // Cancelling another order asks first.
  await addToCart(page, pot, 1, 'ko-KR');
  await page.goto('/checkout');
  await hydrated(page);
  await fillShipping(page);
  await page.getByRole('button', { name: '주문하기' }).click();
  await expect(page.getByTestId('order-status')).toHaveText('결제 대기');
  const confirm = page.getByRole('button', { name: '네, 주문을 취소합니다' });
  await expect(confirm).toBeHidden();
  await page.getByText('주문 취소', { exact: true }).click();
  await expect(page.getByText('이 주문을 취소하시겠어요?')).toBeVisible();
  await confirm.click();
  await expect(page.getByTestId('order-status')).toHaveText('주문 취소');
  await expect(page.getByTestId('order-outcome')).toContainText('주문이 취소되었습니다');
  await page.context().close();
});

test('a card form with a wrong expiry is refused with a clear message', async ({ page, request }) => {
  const jar = await createProduct(request, 'Card Jar', 7_000, 4);
  await newShopper(page, 'card');
  await addToCart(page, jar, 1);
  await page.goto('/checkout');
  await hydrated(page);
  await fillShipping(page);
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByTestId('order-status')).toHaveText('Awaiting payment');
  await hydrated(page);
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Expiry (MM/YY)').fill('13/30');
  await page.getByLabel('CVC').fill('123');
  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(page.getByRole('alert')).toHaveText("Enter the card's expiry as MM/YY.");
  await page.getByLabel('Expiry (MM/YY)').fill('12/30');
  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(page.getByTestId('order-status')).toHaveText('Paid');
});

test('checkout asks where to ship, explains a wrong postal code and remembers the address', async ({ page, request }) => {
  const lamp = await createProduct(request, 'Shipped Lamp', 30_000, 10);
  await newShopper(page, 'ship');
  await addToCart(page, lamp, 1);
  await page.goto('/checkout');
  await hydrated(page);
  await page.getByLabel('Recipient').fill('Kim Hana');
  await page.getByLabel('Phone').fill('010-9876-5432');
  await page.getByLabel('Postal code').fill('062');
  await page.getByLabel('Address', { exact: true }).fill('123 Teheran-ro, Gangnam-gu, Seoul');
  // The browser itself refuses a postal code that is not 5 digits.
  await page.getByRole('button', { name: 'Place order' }).click();
  expect(await page.getByLabel('Postal code').evaluate((el) => (el as HTMLInputElement).validity.valid)).toBe(false);
  await expect(page).toHaveURL(/\/checkout/);
  await page.getByLabel('Postal code').fill('06236');
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByTestId('shipping-address')).toContainText('Kim Hana');
  await expect(page.getByTestId('shipping-address')).toContainText('(06236) 123 Teheran-ro');

  // The next checkout starts from the same address.
  await addToCart(page, lamp, 1);
  await page.goto('/checkout');
  await hydrated(page);
  await expect(page.getByLabel('Recipient')).toHaveValue('Kim Hana');
  await expect(page.getByLabel('Postal code')).toHaveValue('06236');
  // Typing and then choosing a coupon keeps what was typed.
  await page.getByLabel('Recipient').fill('Lee Dana');
  await page.getByLabel('No coupon').check();
  await expect(page.getByLabel('Recipient')).toHaveValue('Lee Dana');

  // The API refuses a bad address with the field named, and keeps a good one on the order.
  const bad = await page.request.post('/api/v1/orders/quote', {
    data: { items: [{ product_id: lamp, quantity: 1 }], shipping: { recipient: 'A', phone: '010', postal_code: '1234', address1: 'x' } },
  });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).field).toBe('shipping.postal_code');
});

test('a signed-in shopper\'s cart follows them to another browser and joins the one they filled before signing in', async ({ browser, request }) => {
  const cup = await createProduct(request, 'Travelling Cup', 6_000, 20);
  const bowl = await createProduct(request, 'Waiting Bowl', 8_000, 20);
  const laptop = await browse(browser, 'en-US');
  const email = await newShopper(laptop, 'travel');
  await addToCart(laptop, cup, 2);

  // Another browser: a visitor fills a cart, then signs in as the same shopper.
  const phone = await browse(browser, 'en-US');
  await addToCart(phone, bowl, 1);
  await expect(phone.getByTestId('cart-link')).toHaveText('Cart (1)');
  await phone.goto('/signin');
  await hydrated(phone);
  await phone.getByLabel('Email').fill(email);
  await phone.getByLabel('Password').fill('password-123');
  await phone.getByRole('button', { name: 'Sign in' }).click();
  await expect(phone.getByTestId('signed-in-as')).toHaveText(email);
  await expect(phone.getByTestId('cart-link')).toHaveText('Cart (3)');
  await phone.goto('/cart');
  await expect(phone.locator('tr', { hasText: 'Travelling Cup' }).getByRole('spinbutton')).toHaveValue('2');
  await expect(phone.locator('tr', { hasText: 'Waiting Bowl' }).getByRole('spinbutton')).toHaveValue('1');

  // And the laptop sees the bowl too.
  await laptop.goto('/cart');
  await expect(laptop.locator('tr', { hasText: 'Waiting Bowl' })).toBeVisible();
  for (const p of [laptop, phone]) await p.context().close();
});

test('on a phone the header folds into a menu, tables become labelled cards and targets are large enough', async ({ browser, request }) => {
  const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const plate = await createProduct(request, 'Phone Plate', 11_000, 5);
  await newShopper(page, 'phone');
  await addToCart(page, plate, 2, 'ko-KR');
  await page.goto('/cart');
  await hydrated(page);
  const menu = page.getByRole('button', { name: '메뉴' });
  await expect(menu).toBeVisible();
  await expect(page.getByRole('link', { name: '주문 내역' })).toBeHidden();
  await expect(page.getByTestId('cart-link')).toHaveText('장바구니 (2)');
  const header = await page.locator('header').boundingBox();
  expect(header?.height ?? 999).toBeLessThan(80);
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('link', { name: '주문 내역' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'English' })).toBeVisible();
  for (const target of await page.locator('header a:visible, header button:visible, main button:visible').all()) {
    const box = await target.boundingBox();
    expect(box?.height ?? 0, await target.textContent() ?? '').toBeGreaterThanOrEqual(44);
  }
  // The cart's table reads as a card whose cells say what they are.
  const price = page.locator('tr', { hasText: 'Phone Plate' }).locator('td[data-label="가격"]');
  await expect(price).toBeVisible();
  expect(await price.evaluate((el) => getComputedStyle(el, '::before').content)).toBe('"가격"');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // Hydrating moves nothing: the header is folded from the first paint.
  const reload = await context.newPage();
  let release = () => {};
  const held = new Promise<void>((resolve) => { release = resolve; });
  await reload.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  await reload.goto('/cart', { waitUntil: 'domcontentloaded' });
  const before = await reload.locator('header').boundingBox();
  expect(await reload.locator('body[data-hydrated]').count()).toBe(0);
  release();
  await hydrated(reload);
  expect((await reload.locator('header').boundingBox())?.height).toBe(before?.height);

  // Without JavaScript the menu button is a link that unfolds the menu.
  const plain = await browser.newContext({ locale: 'ko-KR', viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  const noJs = await plain.newPage();
  await noJs.goto('/');
  await expect(noJs.getByRole('link', { name: '로그인' })).toBeHidden();
  await noJs.getByRole('button', { name: '메뉴' }).click();
  await expect(noJs.getByRole('link', { name: '로그인' })).toBeVisible();
  await context.close();
  await plain.close();
});
