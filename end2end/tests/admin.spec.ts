import { test, expect } from '@playwright/test';
import { ADMIN, addToCart, createProduct, hydrated, krw, newShopper, screenshot, signInWithForm, fillShipping } from './helpers';

test('an admin watches a shopper\'s pending order expire without reloading and reads its timeline', async ({ browser, request }, testInfo) => {
  test.setTimeout(60_000);
  const kettle = await createProduct(request, 'Admin Watch Kettle', 21_000, 3);
  const shopper = await browser.newPage();
  const admin = await browser.newPage();
  try {
    const email = await newShopper(shopper, 'watched');
    await addToCart(shopper, kettle, 2);
    await shopper.goto('/checkout');
    await hydrated(shopper);
    await fillShipping(shopper);
    await shopper.getByRole('button', { name: 'Place order' }).click();
    await expect(shopper).toHaveURL(/\/orders\/\d+(\?placed=1)?$/);
    const orderId = new URL(shopper.url()).pathname.split('/').pop() ?? '';

    await signInWithForm(admin, ADMIN.email, ADMIN.password);
    await admin.goto(`/admin/orders?q=${encodeURIComponent(email)}`);
    await hydrated(admin);
    const row = admin.locator(`tr[data-order-id="${orderId}"]`);
    await expect(row.getByTestId('admin-order-status')).toHaveText('Awaiting payment');
    await expect(row).toContainText('left');
    await screenshot(admin, testInfo, 'admin-orders-pending');
    // serve.sh gives 8 s to pay; the page re-reads itself, no reload here.
    await expect(row.getByTestId('admin-order-status')).toHaveText('Expired', { timeout: 30_000 });
    await screenshot(admin, testInfo, 'admin-orders-expired');

    await row.getByRole('link', { name: `#${orderId}` }).click();
    await expect(admin.getByRole('heading', { name: `Order #${orderId}` })).toBeVisible();
    const timeline = admin.getByTestId('timeline');
    await expect(timeline.locator('li[data-kind="placed"]')).toBeVisible();
    await expect(timeline.locator('li[data-kind="expiry_scheduled"]')).toBeVisible();
    await expect(timeline.locator('li[data-kind="cancelled"]')).toContainText('expired');
    await expect(timeline.locator('li[data-kind="stock_restored"]')).toBeVisible();
    await expect(admin.getByText(`${krw(21_000)}`).first()).toBeVisible();
    await screenshot(admin, testInfo, 'admin-order-timeline');

    // Filtering by state.
    await admin.goto('/admin/orders');
    await hydrated(admin);
    await admin.getByLabel('Status').selectOption('expired');
    await admin.getByRole('button', { name: 'Filter' }).click();
    await expect(admin).toHaveURL(/status=expired/);
    await expect(admin.locator(`tr[data-order-id="${orderId}"]`)).toBeVisible();
    for (const badge of await admin.getByTestId('admin-order-status').allTextContents()) {
      expect(badge).toBe('Expired');
    }
    await admin.goto('/admin');
    await expect(admin.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
    await expect(admin.getByText(/Last sweep \d+s ago/)).toBeVisible();
    await screenshot(admin, testInfo, 'admin-dashboard');
  } finally {
    await shopper.close();
    await admin.close();
  }
});

test('an admin creates a product and a coupon, issues it, and the shopper uses it', async ({ browser }, testInfo) => {
  const shopper = await browser.newPage();
  const admin = await browser.newPage();
  try {
    const email = await newShopper(shopper, 'issued');
    await signInWithForm(admin, ADMIN.email, ADMIN.password);

    const name = `Console Teapot ${Date.now()}`;
    await admin.goto('/admin/products');
    await hydrated(admin);
    await admin.getByText('New product', { exact: true }).click();
    await admin.locator('#np-name').fill(name);
    await admin.locator('#np-price').fill('20000');
    await admin.locator('#np-stock').fill('7');
    await admin.getByRole('button', { name: 'Create product' }).click();
    const card = admin.locator('tr[data-product-id]', { hasText: name });
    await expect(card.getByTestId('stock')).toHaveText('7');
    const productId = Number(await card.getAttribute('data-product-id'));
    // Stock adjusted with a reason.
    await card.locator(`#p${productId}-delta`).fill('3');
    await card.locator(`#p${productId}-reason`).fill('delivery');
    await card.getByRole('button', { name: 'Adjust stock' }).click();
    await expect(card.getByTestId('stock')).toHaveText('10');
    await screenshot(admin, testInfo, 'admin-products');

    const campaign = `Console ₩2,000 ${Date.now()}`;
    await admin.goto('/admin/coupons');
    await hydrated(admin);
    await admin.locator('#nc-name').fill(campaign);
    await admin.locator('#nc-value').fill('2000');
    await admin.getByRole('button', { name: 'Create campaign' }).click();
    const line = admin.locator('tr', { hasText: campaign });
    await expect(line).toBeVisible();
    await line.getByLabel(`Shopper email for ${campaign}`).fill(email);
    await line.getByRole('button', { name: 'Issue' }).click();
    await expect(line.getByTestId('coupon-counts')).toHaveText('1 / 0 / 0');
    await screenshot(admin, testInfo, 'admin-coupons');

    await addToCart(shopper, productId, 1);
    await shopper.goto('/checkout');
    await hydrated(shopper);
    await shopper.getByLabel(new RegExp(campaign.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).check();
    await expect(shopper.getByTestId('discount')).toHaveText(`−${krw(2_000)}`);
    await expect(shopper.getByTestId('total')).toHaveText(krw(18_000));
    await fillShipping(shopper);
    await shopper.getByRole('button', { name: 'Place order' }).click();
    await expect(shopper.getByTestId('order-status')).toHaveText('Awaiting payment');

    await admin.goto('/admin/coupons');
    await expect(admin.locator('tr', { hasText: campaign }).getByTestId('coupon-counts')).toHaveText('0 / 1 / 0');
  } finally {
    await shopper.close();
    await admin.close();
  }
});

test('shoppers get 403 and no admin data; anonymous visitors are asked to sign in', async ({ page, browser }) => {
  await newShopper(page, 'nosy');
  for (const path of ['/admin', '/admin/orders', '/admin/orders/1', '/admin/products', '/admin/products/1', '/admin/categories', '/admin/coupons']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole('heading', { name: 'Staff only' })).toBeVisible();
    await expect(page.locator('table, .admin-products, .tiles')).toHaveCount(0);
    // Nothing of the console: no admin menu, no forms.
    await expect(page.locator('.admin-nav, main form')).toHaveCount(0);
  }
  for (const fn of ['admin_orders', 'admin_dashboard', 'admin_products', 'admin_campaigns', 'admin_categories', 'admin_product']) {
    const r = await page.request.post(`/api/${fn}`, {
      form: { status: '', search: '', from: '', to: '', page: '1', q: '', id: '1' },
      headers: { Accept: 'application/json' },
    });
    expect(r.status(), fn).toBe(403);
    expect((await r.json()).code).toBe('forbidden');
  }
  const r = await page.request.post('/api/admin_adjust_stock', {
    form: { id: '1', delta: '-1', reason: 'theft' },
    headers: { Accept: 'application/json' },
  });
  expect(r.status()).toBe(403);
  const bulk = await page.request.post('/api/admin_bulk_products', {
    form: { ids: '1', action: 'stop', category: '' },
    headers: { Accept: 'application/json' },
  });
  expect(bulk.status()).toBe(403);
  const upload = await page.request.post('/admin/products/1/images', {
    multipart: { file: { name: 'x.png', mimeType: 'image/png', buffer: Buffer.from('x') } },
  });
  expect(upload.status()).toBe(403);
  expect((await page.request.get('/admin/orders.csv')).status()).toBe(403);

  const anonymous = await browser.newPage();
  try {
    for (const path of ['/admin', '/admin/products', '/admin/products/1', '/admin/categories', '/admin/coupons']) {
      const r = await anonymous.goto(path);
      expect(r?.status(), path).toBe(401);
      await expect(anonymous.locator('.admin-nav, main form, .tiles, table')).toHaveCount(0);
    }
    const response = await anonymous.goto('/admin/orders');
    expect(response?.status()).toBe(401);
    await expect(anonymous.getByRole('link', { name: 'Sign in' }).last()).toHaveAttribute('href', /\/signin\?next=%2Fadmin%2Forders|\/signin\?next=\/admin\/orders/);
  } finally {
    await anonymous.close();
  }
});

for (const locale of ['ko-KR', 'en-US']) {
  test(`an admin reads an order as sentences, cancels it after a question and leaves a note (${locale})`, async ({ browser, request }, testInfo) => {
    const ko = locale === 'ko-KR';
    const bowl = await createProduct(request, `Admin Cancel Bowl ${locale}`, 17_000, 4);
    const shopperContext = await browser.newContext({ locale });
    const shopper = await shopperContext.newPage();
    const adminContext = await browser.newContext({ locale });
    const admin = await adminContext.newPage();
    const email = await newShopper(shopper, `cancelled-${locale}`);
    await addToCart(shopper, bowl, 2, locale);
    await shopper.goto('/checkout');
    await hydrated(shopper);
    await fillShipping(shopper);
    await shopper.getByRole('button', { name: ko ? '주문하기' : 'Place order' }).click();
    await expect(shopper).toHaveURL(/\/orders\/\d+(\?placed=1)?$/);
    const orderId = new URL(shopper.url()).pathname.split('/').pop() ?? '';

    const signIn = await admin.request.post('/api/v1/session', { data: ADMIN });
    expect(signIn.status()).toBe(200);
    await admin.goto(`/admin/orders/${orderId}`);
    await hydrated(admin);
    const timeline = admin.getByTestId('timeline');
    await expect(timeline.locator('li[data-kind="placed"]')).toContainText(
      ko ? `${email.toLowerCase()} 님이 2개 상품을 ₩34,000에 주문했습니다.` : `${email.toLowerCase()} placed the order: 2 items for ₩34,000`,
    );
    await expect(timeline.locator('li[data-kind="expiry_scheduled"]')).toContainText('KST');
    // Raw details are folded away.
    await expect(timeline.locator('li[data-kind="expiry_scheduled"] code')).toBeHidden();
    await expect(admin.getByTestId('shipping-address')).toContainText('06236');

    const note = admin.getByLabel(ko ? '내부 메모 (관리자만 볼 수 있습니다)' : 'Internal note (only staff see it)');
    await note.fill(ko ? '고객이 전화로 취소를 요청함' : 'Shopper called to cancel');
    await admin.getByRole('button', { name: ko ? '메모 남기기' : 'Add note' }).click();
    await expect(timeline.locator('li[data-kind="note"]')).toContainText(ko ? '고객이 전화로 취소를 요청함' : 'Shopper called to cancel');
    await expect(note).toHaveValue('');

    const confirm = admin.getByRole('button', { name: ko ? '네, 주문을 취소합니다' : 'Yes, cancel the order' });
    await expect(confirm).toBeHidden();
    await admin.getByText(ko ? '주문 취소' : 'Cancel this order', { exact: true }).click();
    await confirm.click();
    await expect(admin.getByTestId('admin-order-status')).toHaveText(ko ? '주문 취소' : 'Cancelled');
    await expect(timeline.locator('li[data-kind="cancelled"]')).toContainText(ko ? '관리자가 주문을 취소했습니다.' : 'Cancelled by shop staff.');
    await expect(timeline.locator('li[data-kind="stock_restored"]')).toBeVisible();
    // The shopper's page follows.
    await expect(shopper.getByTestId('order-status')).toHaveText(ko ? '주문 취소' : 'Cancelled', { timeout: 5_000 });
    await screenshot(admin, testInfo, `admin-order-${locale}`);
    await shopperContext.close();
    await adminContext.close();
  });
}

test('an admin refunds a paid order after a question, once, and the shopper sees it refunded', async ({ browser, request }) => {
  const vase = await createProduct(request, 'Refund Vase', 26_000, 3);
  const shopper = await browser.newPage();
  const admin = await browser.newPage();
  try {
    await newShopper(shopper, 'refunded');
    await addToCart(shopper, vase, 1);
    await shopper.goto('/checkout');
    await hydrated(shopper);
    await fillShipping(shopper);
    await shopper.getByRole('button', { name: 'Place order' }).click();
    await hydrated(shopper);
    await shopper.getByRole('button', { name: 'Pay' }).click();
    await expect(shopper.getByTestId('order-status')).toHaveText('Paid');
    const orderId = new URL(shopper.url()).pathname.split('/').pop() ?? '';
    expect((await request.get(`/api/v1/products/${vase}`).then((r) => r.json())).stock).toBe(2);

    expect((await admin.request.post('/api/v1/session', { data: ADMIN })).status()).toBe(200);
    await admin.goto(`/admin/orders/${orderId}`);
    await hydrated(admin);
    await admin.getByText('Refund this order', { exact: true }).click();
    await expect(admin.getByText('Refund ₩26,000 to the shopper\'s card?')).toBeVisible();
    await admin.getByRole('button', { name: 'Yes, refund the order' }).dblclick();
    await expect(admin.getByTestId('admin-order-status')).toHaveText('Refunded');
    await expect(admin.getByTestId('timeline').locator('li[data-kind="refunded"]')).toHaveCount(1);
    await expect(admin.getByTestId('timeline').locator('li[data-kind="refunded"]')).toContainText('Refunded ₩26,000.');
    expect((await request.get(`/api/v1/products/${vase}`).then((r) => r.json())).stock).toBe(3);
    // Again through the API: refused, nothing more happens.
    const again = await admin.request.post(`/api/v1/admin/orders/${orderId}/refund`);
    expect(again.status()).toBe(409);
    expect((await again.json()).code).toBe('order_not_refundable');
    // A paid order's page does not poll (only staff change it now); the next visit shows it.
    await shopper.reload();
    await expect(shopper.getByTestId('order-status')).toHaveText('Refunded');
    await expect(shopper.getByTestId('order-outcome')).toContainText('This order was refunded.');
  } finally {
    await shopper.close();
    await admin.close();
  }
});
