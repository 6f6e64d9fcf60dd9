import { test, expect, type Browser, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { ADMIN, addToCart, createProduct, fillShipping, hydrated, newShopper, screenshot } from './helpers';

/** A 1x1 PNG: a real picture, tiny. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const W = {
  'en-US': {
    select: (n: string) => `Select ${n}`, apply: 'Apply', onSale: 'On sale', stopped: 'Not on sale', adjust: 'Adjust stock',
    saved: 'Saved.', save: 'Save', upload: 'Upload', added: (n: number) => (n === 1 ? 'One picture added.' : `${n} pictures added.`),
    refused: 'is not a JPEG, PNG or WebP picture', moveEarlier: 'Move earlier', main: 'Main picture',
    createCategory: 'Create category', rename: 'Rename', edit: 'Edit', endNow: 'End now', endConfirm: 'Yes, end it', over: 'Ended',
    export: 'Download these orders (CSV)', csvHeader: 'Order,Placed at,Shopper email,Status', pending: 'Awaiting payment',
    updated: (n: number) => `${n} products updated.`,
  },
  'ko-KR': {
    select: (n: string) => `${n} 선택`, apply: '적용', onSale: '판매 중', stopped: '판매 중지', adjust: '재고 조정',
    saved: '저장했습니다.', save: '저장', upload: '업로드', added: (n: number) => `이미지 ${n}장을 추가했습니다.`,
    refused: 'JPEG·PNG·WebP 이미지가 아닙니다', moveEarlier: '앞으로', main: '대표 이미지',
    createCategory: '카테고리 만들기', rename: '이름 변경', edit: '수정', endNow: '지금 종료', endConfirm: '네, 종료합니다', over: '종료됨',
    export: '조회된 주문 내려받기(CSV)', csvHeader: '주문번호,주문일시,고객 이메일,주문 상태', pending: '결제 대기',
    updated: (n: number) => `상품 ${n}개를 변경했습니다.`,
  },
} as const;

type Locale = keyof typeof W;

async function adminPage(browser: Browser, locale: Locale, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ locale, viewport });
  const page = await context.newPage();
  expect((await page.request.post('/api/v1/session', { data: ADMIN })).status()).toBe(200);
  return page;
}

async function noAxeViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(found, `axe on ${what}`).toEqual([]);
}

for (const [locale, viewport, device] of [['ko-KR', PHONE, 'phone'], ['en-US', DESKTOP, 'desktop']] as const) {
  const w = W[locale];

  test(`products: search, bulk actions and stock in the table (${locale}, ${device})`, async ({ browser, request }, testInfo) => {
    const tag = `Tbl${Date.now()}`;
    const a = await createProduct(request, `${tag} Cup`, 8_000, 5);
    const b = await createProduct(request, `${tag} Plate`, 12_000, 5);
    const other = await createProduct(request, `Other ${tag.slice(3)} Jar`, 9_000, 5);
    const slug = `shelf-${tag.toLowerCase()}`;
    expect((await request.post('/api/v1/admin/categories', { data: { slug, name: `${tag} Shelf` } })).status()).toBe(201);
    const page = await adminPage(browser, locale, viewport);
    await page.goto(`/admin/products?q=${tag}`);
    await hydrated(page);
    await expect(page.locator('tr[data-product-id]')).toHaveCount(2);
    await expect(page.locator(`tr[data-product-id="${other}"]`)).toHaveCount(0);

    await page.getByLabel(w.select(`${tag} Cup`)).check();
    await page.getByLabel(w.select(`${tag} Plate`)).check();
    await page.locator('#bulk-action').selectOption('stop');
    await page.getByRole('button', { name: w.apply }).click();
    await expect(page.getByText(w.updated(2))).toBeVisible();
    for (const id of [a, b]) {
      await expect(page.locator(`tr[data-product-id="${id}"]`).getByTestId('product-status')).toHaveText(w.stopped);
    }
    await page.locator('#bulk-action').selectOption('category');
    await page.locator('#bulk-category').selectOption(slug);
    await page.getByRole('button', { name: w.apply }).click();
    await expect(page.locator(`tr[data-product-id="${a}"]`)).toContainText(`${tag} Shelf`);
    expect((await (await request.get(`/api/v1/products/${b}`)).json()).category.slug).toBe(slug);

    const row = page.locator(`tr[data-product-id="${a}"]`);
    await row.locator(`#p${a}-delta`).fill('-2');
    await row.locator(`#p${a}-reason`).fill(locale === 'ko-KR' ? '파손' : 'breakage');
    await row.getByRole('button', { name: w.adjust }).click();
    await expect(row.getByTestId('stock')).toHaveText('3');
    await screenshot(page, testInfo, `admin-products-${locale}-${device}`);
    await page.context().close();
  });

  test(`product page: words, shelf and pictures, a refused upload (${locale}, ${device})`, async ({ browser, request }, testInfo) => {
    const id = await createProduct(request, `Edit Bowl ${locale}`, 15_000, 4);
    const slug = `edit-${Date.now()}`;
    expect((await request.post('/api/v1/admin/categories', { data: { slug, name: `Edit shelf ${slug}` } })).status()).toBe(201);
    const page = await adminPage(browser, locale, viewport);
    await page.goto(`/admin/products/${id}`);
    await hydrated(page);
    await page.locator('#e-description').fill('Glazed by hand in Icheon.');
    await page.locator('#e-category').selectOption(slug);
    await page.locator('#e-price').fill('16000');
    await page.getByRole('button', { name: w.save, exact: true }).first().click();
    await expect(page.getByText(w.saved)).toBeVisible();
    const product = await (await request.get(`/api/v1/products/${id}`)).json();
    expect([product.description, product.category.slug, product.price]).toEqual(['Glazed by hand in Icheon.', slug, 16000]);

    // Two pictures in one upload.
    await page.locator('#u-alt').fill('Bowl from above');
    await page.locator('#u-files').setInputFiles([
      { name: 'top.png', mimeType: 'image/png', buffer: PNG },
      { name: 'side.png', mimeType: 'image/png', buffer: PNG },
    ]);
    await page.getByRole('button', { name: w.upload }).click();
    await expect(page.getByTestId('upload-done')).toHaveText(w.added(2));
    await hydrated(page);
    const pictures = page.locator('.admin-pictures li');
    await expect(pictures).toHaveCount(2);
    const second = await pictures.nth(1).getAttribute('data-image-id');
    await pictures.nth(1).locator('input[name="alt"]').fill('Bowl from the side');
    await pictures.nth(1).getByRole('button', { name: w.save }).click();
    await expect(page.locator(`li[data-image-id="${second}"] input[name="alt"]`)).toHaveValue('Bowl from the side');
    await page.locator(`li[data-image-id="${second}"]`).getByRole('button', { name: w.moveEarlier }).click();
    await expect(pictures.first()).toHaveAttribute('data-image-id', second ?? '');
    await expect(pictures.first()).toContainText(w.main);
    const images = (await (await request.get(`/api/v1/products/${id}`)).json()).images;
    expect(images.map((i: { alt: string }) => i.alt)).toEqual(['Bowl from the side', 'Bowl from above']);

    // Text renamed to .png is refused with a clear message, and nothing is added.
    await page.locator('#u-files').setInputFiles([{ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('just my shopping list, not a picture') }]);
    await page.getByRole('button', { name: w.upload }).click();
    await expect(page.getByTestId('upload-refused')).toContainText('notes.png');
    await expect(page.getByTestId('upload-refused')).toContainText(w.refused);
    await expect(page.locator('.admin-pictures li')).toHaveCount(2);
    await screenshot(page, testInfo, `admin-product-${locale}-${device}`);
    await page.context().close();
  });

  test(`categories and campaigns: create, rename, edit, end (${locale}, ${device})`, async ({ browser }, testInfo) => {
    const page = await adminPage(browser, locale, viewport);
    const slug = `cat-${Date.now()}`;
    await page.goto('/admin/categories');
    await hydrated(page);
    await page.locator('#nc-name').fill('Tea things');
    await page.locator('#nc-slug').fill(slug);
    await page.getByRole('button', { name: w.createCategory }).click();
    const row = page.locator(`tr[data-slug="${slug}"]`);
    await expect(row).toBeVisible();
    await row.locator('input[name="name"]').fill('Tea things and cups');
    await row.getByRole('button', { name: w.rename }).click();
    await expect(page.locator(`tr[data-slug="${slug}"] input[name="name"]`)).toHaveValue('Tea things and cups');
    await screenshot(page, testInfo, `admin-categories-${locale}-${device}`);

    const campaign = `Edit me ${Date.now()}`;
    await page.goto('/admin/coupons');
    await hydrated(page);
    await page.locator('#nc-name').fill(campaign);
    await page.locator('#nc-value').fill('1000');
    await page.locator('#nc-qty').fill('50');
    await page.locator('form', { has: page.locator('#nc-name') }).locator('button[type="submit"]').click();
    const line = page.locator('tr', { hasText: campaign });
    await expect(line).toBeVisible();
    const id = await line.getAttribute('data-campaign-id');
    await line.getByText(w.edit, { exact: true }).click();
    await page.locator(`#c${id}-name`).fill(`${campaign} (edited)`);
    await page.locator(`#c${id}-qty`).fill('20');
    await page.locator(`#c${id}-until`).fill('2099-12-31');
    await line.locator('form.edit-form button[type="submit"]').click();
    const edited = page.locator(`tr[data-campaign-id="${id}"]`);
    await expect(edited).toContainText(`${campaign} (edited)`);
    await expect(edited).toContainText('20');
    await expect(edited).toContainText('2099');

    await edited.getByText(w.endNow, { exact: true }).click();
    await edited.getByRole('button', { name: w.endConfirm }).click();
    await expect(page.locator(`tr[data-campaign-id="${id}"]`)).toContainText(w.over);
    await screenshot(page, testInfo, `admin-coupons-${locale}-${device}`);
    await page.context().close();
  });

  test(`orders: the CSV export holds the filtered orders (${locale}, ${device})`, async ({ browser, request }) => {
    const jug = await createProduct(request, `Export Jug ${locale}`, 13_000, 5);
    const shopperContext = await browser.newContext({ locale });
    const shopper = await shopperContext.newPage();
    const email = await newShopper(shopper, `export-${locale}`);
    await addToCart(shopper, jug, 2, locale);
    await shopper.goto('/checkout');
    await hydrated(shopper);
    await fillShipping(shopper);
    await shopper.locator('form button.primary[type="submit"]').last().click();
    await expect(shopper).toHaveURL(/\/orders\/\d+(\?placed=1)?$/);
    const orderId = new URL(shopper.url()).pathname.split('/').pop() ?? '';

    const page = await adminPage(browser, locale, viewport);
    await page.goto(`/admin/orders?q=${encodeURIComponent(email)}&status=pending_payment`);
    await hydrated(page);
    const link = page.getByTestId('csv-export');
    await expect(link).toHaveText(w.export);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^orders-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0].startsWith(w.csvHeader)).toBe(true);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`${orderId},`);
    expect(lines[1]).toContain(email.toLowerCase());
    expect(lines[1]).toContain(w.pending);
    expect(lines[1]).toContain(`Export Jug ${locale} x2`);
    expect(lines[1]).toContain(',26000,0,26000,');
    expect(lines[1]).toContain('06236');
    // Shoppers cannot export.
    const nosy = await shopper.request.get('/admin/orders.csv');
    expect(nosy.status()).toBe(403);
    await shopperContext.close();
    await page.context().close();
  });
}

const adminPages = ['/admin', '/admin/orders', '/admin/orders/{order}', '/admin/products', '/admin/products/{id}', '/admin/categories', '/admin/coupons'];

for (const locale of ['ko-KR', 'en-US'] as const) {
  test(`every admin page passes axe in ${locale}, on a desktop and a phone`, async ({ browser, request }, testInfo) => {
    test.setTimeout(120_000);
    const id = await createProduct(request, `Axe Admin Tray ${locale}`, 19_000, 6);
    const upload = await request.post(`/api/v1/admin/products/${id}/images`, {
      multipart: { file: { name: 'tray.png', mimeType: 'image/png', buffer: PNG }, alt: 'A tray' },
    });
    expect(upload.status()).toBe(201);
    const shopper = await browser.newPage();
    await newShopper(shopper, `axe-admin-${locale}`);
    await addToCart(shopper, id, 1);
    await shopper.goto('/checkout');
    await hydrated(shopper);
    await fillShipping(shopper);
    await shopper.getByRole('button', { name: 'Place order' }).click();
    await expect(shopper).toHaveURL(/\/orders\/\d+(\?placed=1)?$/);
    const order = new URL(shopper.url()).pathname.split('/').pop() ?? '';
    await shopper.close();

    const page = await adminPage(browser, locale, DESKTOP);
    for (const viewport of [DESKTOP, PHONE]) {
      await page.setViewportSize(viewport);
      for (const path of adminPages) {
        await page.goto(path.replace('{id}', String(id)).replace('{order}', order));
        await hydrated(page);
        await expect(page.locator('.admin-nav')).toBeVisible();
        await noAxeViolations(page, `${path} (${locale}, ${viewport.width}px)`);
        if (viewport.width < 500) {
          await screenshot(page, testInfo, `axe-${locale}-${viewport.width}-${path.replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '')}`);
        }
      }
    }
    await page.context().close();
  });
}
