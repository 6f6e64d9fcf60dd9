import { test, expect, type ConsoleMessage } from '@playwright/test';
import {
  DEMO,
  addToCart,
  createProduct,
  hydrated,
  krw,
  newShopper,
  screenshot,
  signInWithForm,
  stockOf,
  fillShipping,
} from './helpers';

test('the demo shopper buys two products with a coupon, pays, and the stock goes down', async ({ page, request }, testInfo) => {
  const problems: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  const kettle = await createProduct(request, 'Test Kettle', 20_000, 10);
  const towel = await createProduct(request, 'Test Towel', 15_000, 10);

  await signInWithForm(page, DEMO.email, DEMO.password);
  await addToCart(page, kettle, 2);
  await screenshot(page, testInfo, 'product');
  await addToCart(page, towel, 1);
  await expect(page.getByTestId('cart-link')).toHaveText('Cart (3)');

  await page.goto('/cart');
  await expect(page.getByTestId('cart-subtotal')).toHaveText(krw(55_000));
  await screenshot(page, testInfo, 'cart');

  await page.getByRole('link', { name: 'Go to checkout' }).click();
  await expect(page.getByRole('heading', { name: 'Checkout' })).toBeVisible();
  await hydrated(page);
  await expect(page.getByTestId('total')).toHaveText(krw(55_000));
  // 10% of 55,000 is 5,500 (under the 20,000 cap): the domain's arithmetic, shown as quoted.
  await page.getByLabel(/10% 할인/).check();
  await expect(page.getByTestId('discount')).toHaveText(`−${krw(5_500)}`);
  await expect(page.getByTestId('total')).toHaveText(krw(49_500));
  await screenshot(page, testInfo, 'checkout');

  await fillShipping(page);
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page).toHaveURL(/\/orders\/\d+(\?placed=1)?$/);
  await expect(page.getByTestId('order-status')).toHaveText('Awaiting payment');
  await expect(page.getByTestId('countdown')).toContainText('left to pay');
  await expect(page.getByTestId('total')).toHaveText(krw(49_500));
  expect(await stockOf(request, kettle)).toBe(8);
  expect(await stockOf(request, towel)).toBe(9);
  await screenshot(page, testInfo, 'order-pending');

  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(page.getByTestId('order-status')).toHaveText('Paid');
  await expect(page.getByRole('button', { name: 'Pay' })).toHaveCount(0);
  await screenshot(page, testInfo, 'order-paid');

  // Paid orders keep their stock; the cart is empty again.
  expect(await stockOf(request, kettle)).toBe(8);
  await page.goto('/orders');
  await expect(page.locator('tr', { hasText: 'Paid' }).first()).toBeVisible();
  await screenshot(page, testInfo, 'my-orders');
  await page.goto('/cart');
  await expect(page.getByText('Your cart is empty.')).toBeVisible();
  expect(problems).toEqual([]);
});

test('another shopper buying the last unit first shows out of stock, and the cart keeps its line', async ({ browser, request }) => {
  const lamp = await createProduct(request, 'Last Lamp', 30_000, 1);
  const first = await browser.newPage();
  const second = await browser.newPage();
  try {
    await newShopper(first, 'first');
    await newShopper(second, 'second');
    await addToCart(first, lamp, 1);
    await addToCart(second, lamp, 1);
    for (const p of [first, second]) {
      await p.goto('/checkout');
      await hydrated(p);
      await expect(p.getByTestId('total')).toHaveText(krw(30_000));
    }
    await fillShipping(second);
    await second.getByRole('button', { name: 'Place order' }).click();
    await expect(second).toHaveURL(/\/orders\/\d+(\?placed=1)?$/);

    await fillShipping(first);
    await first.getByRole('button', { name: 'Place order' }).click();
    await expect(first.getByTestId('quote-error')).toHaveText('Sorry, there is not enough stock left of this product.');
    await expect(first.locator('li[data-product-id]', { hasText: 'Last Lamp' }).getByText('Sold out')).toBeVisible();
    await expect(first).toHaveURL(/\/checkout/);
    await first.goto('/cart');
    await expect(first.locator('tr', { hasText: 'Last Lamp' })).toContainText('Sold out');
    expect(await stockOf(request, lamp)).toBe(0);
  } finally {
    await first.close();
    await second.close();
  }
});

test('a coupon below its minimum is shown disabled with the reason; a foreign coupon is refused and stock is unchanged', async ({ page, request }, testInfo) => {
  const spoon = await createProduct(request, 'Small Spoon', 5_000, 5);
  await newShopper(page, 'coupon');
  await page.goto('/coupons');
  await hydrated(page);
  await page.getByRole('button', { name: /Claim 신규 가입/ }).click();
  await expect(page.locator('.coupon-list li', { hasText: '신규 가입' }).first()).toContainText('Available');
  await screenshot(page, testInfo, 'my-coupons');

  await addToCart(page, spoon, 1);
  await page.goto('/checkout');
  const welcome = page.locator('label.choice', { hasText: '신규 가입' });
  await expect(welcome).toContainText("Can't be used: the order does not reach its minimum amount");
  await expect(welcome.getByRole('radio')).toBeDisabled();

  // A coupon id that is not this shopper's (as if typed into the address bar).
  await page.goto('/checkout?coupon=1');
  await expect(page.getByTestId('quote-error')).toHaveText("This coupon can't be used: it is not one of your coupons.");
  await expect(page.getByRole('button', { name: 'Place order' })).toBeDisabled();
  expect(await stockOf(request, spoon)).toBe(5);
});

test('an unpaid order turns expired on its page by itself and the stock comes back', async ({ page, request }, testInfo) => {
  test.setTimeout(60_000);
  const vase = await createProduct(request, 'Short Vase', 25_000, 2);
  await newShopper(page, 'expiry');
  await addToCart(page, vase, 2);
  await page.goto('/checkout');
  await hydrated(page);
  await fillShipping(page);
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByTestId('order-status')).toHaveText('Awaiting payment');
  expect(await stockOf(request, vase)).toBe(0);

  // serve.sh gives orders 8 seconds to be paid; the worker expires them, the page notices.
  await expect(page.getByTestId('order-status')).toHaveText('Expired', { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Pay' })).toHaveCount(0);
  await screenshot(page, testInfo, 'order-expired');
  await page.goto(`/products/${vase}`);
  await expect(page.getByTestId('stock')).toHaveText('Only 2 left');
});

test('double-clicking "Place order" makes one order', async ({ page, request }) => {
  const cup = await createProduct(request, 'Double Cup', 10_000, 10);
  await newShopper(page, 'double');
  await addToCart(page, cup, 1);
  await page.goto('/checkout');
  await hydrated(page);
  await fillShipping(page);
  await page.getByRole('button', { name: 'Place order' }).dblclick();
  await expect(page).toHaveURL(/\/orders\/\d+(\?placed=1)?$/);
  const orders = await (await page.request.get('/api/v1/orders')).json();
  expect(orders.items).toHaveLength(1);
  expect(await stockOf(request, cup)).toBe(9);
});

test('the whole checkout works with JavaScript disabled', async ({ browser, request }, testInfo) => {
  const plate = await createProduct(request, 'Plain Plate', 40_000, 4);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    const email = await newShopper(page, 'nojs');
    // Sign out and back in through the plain form.
    await page.request.delete('/api/v1/session');
    await page.goto('/signin');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('password-123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('signed-in-as')).toHaveText(email);

    await page.goto('/coupons');
    await page.getByRole('button', { name: /Claim 신규 가입/ }).click();
    await expect(page.locator('.coupon-list li', { hasText: '신규 가입' }).first()).toContainText('Available');

    await page.goto(`/products/${plate}`);
    await page.getByLabel('Quantity').fill('1');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect(page.getByTestId('cart-link')).toHaveText('Cart (1)');

    await page.goto('/checkout');
    await page.getByLabel(/신규 가입/).check();
    await page.getByRole('button', { name: 'Apply coupon' }).click();
    await expect(page.getByTestId('discount')).toHaveText(`−${krw(3_000)}`);
    await expect(page.getByTestId('total')).toHaveText(krw(37_000));
    await fillShipping(page);
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect(page).toHaveURL(/\/orders\/\d+(\?placed=1)?$/);
    await expect(page.getByTestId('order-status')).toHaveText('Awaiting payment');
    await page.getByRole('button', { name: 'Pay' }).click();
    await expect(page.getByTestId('order-status')).toHaveText('Paid');
    await screenshot(page, testInfo, 'order-paid-without-js');
    expect(await stockOf(request, plate)).toBe(3);
  } finally {
    await context.close();
  }
});

test('a shopper cannot see another shopper\'s order', async ({ browser, request }) => {
  const bowl = await createProduct(request, 'Private Bowl', 10_000, 5);
  const owner = await browser.newPage();
  const other = await browser.newPage();
  try {
    await newShopper(owner, 'owner');
    await newShopper(other, 'other');
    await addToCart(owner, bowl, 1);
    await owner.goto('/checkout');
    await hydrated(owner);
    await fillShipping(owner);
    await owner.getByRole('button', { name: 'Place order' }).click();
    await expect(owner).toHaveURL(/\/orders\/\d+(\?placed=1)?$/);
    await other.goto(new URL(owner.url()).pathname);
    await expect(other.getByRole('heading', { name: 'Order not found' })).toBeVisible();
    await expect(other.getByText('Private Bowl')).toHaveCount(0);
  } finally {
    await owner.close();
    await other.close();
  }
});
