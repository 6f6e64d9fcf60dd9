import { test, expect, type Locator, type Page } from '@playwright/test';
import { addToCart, createProduct, hydrated, newShopper, screenshot, fillShipping } from './helpers';

/** Presses Tab until `target` has the focus (keyboard-only use). */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 60; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('the control cannot be reached with the keyboard');
}

test('checkout works with the keyboard only', async ({ page, request }) => {
  const jug = await createProduct(request, 'Keyboard Jug', 11_000, 5);
  await newShopper(page, 'keys');
  await page.goto(`/products/${jug}`);
  await hydrated(page);
  await tabTo(page, page.getByLabel('Quantity'));
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2');
  await tabTo(page, page.getByRole('button', { name: 'Add to cart' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('Added to your cart.')).toBeVisible();

  await page.goto('/checkout');
  await hydrated(page);
  await fillShipping(page);
  const place = page.getByRole('button', { name: 'Place order' });
  await tabTo(page, place);
  // The focused control is visibly marked.
  const outline = await place.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/orders\/\d+(\?placed=1)?$/);
  await tabTo(page, page.getByRole('button', { name: 'Pay' }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('order-status')).toHaveText('Paid');
});

test('product names, descriptions and coupon names are shown as text, never run as HTML', async ({ page, request }) => {
  const markup = '<img src=x onerror="window.__xss=1">Bold <b>claim</b>';
  const id = await createProduct(request, markup, 9_000, 3);
  // The description and a campaign name carry markup too (set through the admin API).
  expect((await request.patch(`/api/v1/admin/products/${id}`, { data: { name: markup } })).status()).toBe(200);
  const campaign = await request.post('/api/v1/admin/coupons', { data: { name: `${markup} coupon`, kind: 'fixed', value: 500 } });
  expect(campaign.status()).toBe(201);
  const email = await newShopper(page, 'markup');
  const me = await (await page.request.get('/api/v1/me')).json();
  const issued = await request.post(`/api/v1/admin/coupons/${(await campaign.json()).id}/issue`, { data: { user_id: me.id } });
  expect(issued.status()).toBe(201);
  expect(email).toContain('@');

  await page.goto(`/products/${id}`);
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(markup);
  await page.goto('/coupons');
  await hydrated(page);
  await expect(page.getByText(`${markup} coupon`)).toBeVisible();
  await expect(page.locator('main img, main b')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});

test('server functions refuse to act on another shopper\'s order', async ({ browser, request }) => {
  const pot = await createProduct(request, 'Guarded Pot', 12_000, 3);
  const owner = await browser.newPage();
  const other = await browser.newPage();
  try {
    await newShopper(owner, 'guard-owner');
    await newShopper(other, 'guard-other');
    await addToCart(owner, pot, 1);
    await owner.goto('/checkout');
    await hydrated(owner);
    await fillShipping(owner);
    await owner.getByRole('button', { name: 'Place order' }).click();
    await expect(owner).toHaveURL(/\/orders\/\d+(\?placed=1)?$/);
    const orderId = new URL(owner.url()).pathname.split('/').pop() ?? '';

    for (const fn of ['cancel_order', 'pay_order']) {
      const r = await other.request.post(`/api/${fn}`, {
        form: { order_id: orderId, card_number: '' },
        headers: { Accept: 'application/json' },
      });
      expect(r.status()).toBe(404);
      expect((await r.json()).code).toBe('not_found');
    }
    const mine = await (await owner.request.get(`/api/v1/orders/${orderId}`)).json();
    expect(mine.status).toBe('pending_payment');
  } finally {
    await owner.close();
    await other.close();
  }
});

test('the cart, checkout and order pages fit a 360 px phone', async ({ page, request }, testInfo) => {
  const mat = await createProduct(request, 'Phone Mat With A Rather Long Name For Small Screens', 13_000, 5);
  await newShopper(page, 'phone');
  await addToCart(page, mat, 1);
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ['/cart', '/checkout', `/products/${mat}`, '/coupons']) {
    await page.goto(path);
    await hydrated(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  await screenshot(page, testInfo, 'coupons-phone');
  await page.goto('/checkout');
  await screenshot(page, testInfo, 'checkout-phone');
});

test('a shopper signs up with the form, signs out, and a wrong password reads like an unknown email', async ({ page }) => {
  const email = `signup-${Date.now()}@shop.test`;
  await page.goto('/signup');
  await hydrated(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password (at least 8 characters)').fill('password-123');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText(email);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByTestId('signed-in-as')).toHaveCount(0);

  for (const who of [email, `nobody-${Date.now()}@shop.test`]) {
    await page.goto('/signin');
    await hydrated(page);
    await page.getByLabel('Email').fill(who);
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('Wrong email or password.');
  }
});
