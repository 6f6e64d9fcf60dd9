// Markup typed by shoppers and staff reaches every page as text. An injection corpus goes through
// every string a person can type that a page shows - search terms, product, category and coupon
// names, descriptions, picture descriptions, shipping addresses, staff notes - and every page
// that shows it is read in the browser: no injected element in the DOM (nothing in <head>
// either), no console error (a hydration error or a CSP refusal is one), the text shown as typed,
// the admin's description box holding the description and keeping it through a save, and the
// order export escaping formulas.
import { test, expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, hydrated, uniqueEmail } from './helpers';

/** Each entry tries another way out of the text it is put in. None has leading or trailing spaces
 * or two spaces in a row: the shop trims what people type, and pages collapse runs of spaces. */
const CORPUS = [
  '</title><meta http-equiv="refresh" content="0;url=https://evil.example/" data-injected>',
  '<script data-injected>window.__injected = 1</script>',
  '"><img src=x onerror="window.__injected = 1" data-injected>',
  "'><svg onload=\"window.__injected = 1\" data-injected></svg>",
  '</textarea><b data-injected>loud</b><textarea>',
  '<a href="javascript:window.__injected = 1" data-injected>click me</a>',
  'javascript:window.__injected = 1',
  '{{constructor.constructor("window.__injected = 1")()}} ${7*7} <%= 7*7 %>',
  '=HYPERLINK("https://evil.example/","보기") +1 -1 @SUM(A1)',
  // Right-to-left override, zero-width space and joiner, an isolate: shown, never reordering the page.
  '\u202Egnp.exe\u202C \u200Bzero\u200Dwidth \u2066isolated\u2069 مرحبا שלום',
  // Long: cut to each field's limit below.
  '긴 이름 '.repeat(300) + '<b data-injected>end</b>',
];

/** `text` within a field's limit (characters, as the server counts them), without a trailing space. */
function fit(text: string, max: number): string {
  return Array.from(text).slice(0, max).join('').trimEnd();
}

const run = Date.now();
const MARK = `inj${run}`;
type Planted = {
  products: { id: number; name: string; description: string; alt: string }[];
  categories: { slug: string; name: string }[];
  coupons: string[];
  orders: { id: number; recipient: string; address1: string; address2: string }[];
  shopper: { email: string; password: string };
};
let planted: Planted;

/** A 1x1 PNG, for a picture whose description (alt) is hostile. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

async function ok(r: Promise<import('@playwright/test').APIResponse>, status: number): Promise<any> {
  const res = await r;
  expect(res.status(), await res.text()).toBe(status);
  return res.headers()['content-type']?.includes('json') ? res.json() : null;
}

async function plant(admin: APIRequestContext, shopper: APIRequestContext): Promise<Planted> {
  await ok(admin.post('/api/v1/session', { data: ADMIN }), 200);
  const p: Planted = { products: [], categories: [], coupons: [], orders: [], shopper: { email: uniqueEmail('inj'), password: 'password-123' } };
  await ok(shopper.post('/api/v1/users', { data: { ...p.shopper, name: fit(CORPUS[0], 100) } }), 201);
  const me = await ok(shopper.post('/api/v1/session', { data: p.shopper }), 200);
  for (const [i, entry] of CORPUS.entries()) {
    const category = { slug: `${MARK}-${i}`, name: fit(entry, 100) };
    await ok(admin.post('/api/v1/admin/categories', { data: category }), 201);
    p.categories.push(category);
    const name = fit(entry, 200);
    const description = fit(`${entry} ${MARK}`, 5000);
    const product = await ok(
      admin.post('/api/v1/admin/products', { data: { name, description, price: 1_000 + i, stock: 50, category: category.slug } }),
      201,
    );
    const alt = fit(entry, 200);
    await ok(
      admin.post(`/api/v1/admin/products/${product.id}/images`, {
        multipart: { file: { name: 'x.png', mimeType: 'image/png', buffer: PNG }, alt },
      }),
      201,
    );
    p.products.push({ id: product.id, name, description, alt });
    const coupon = await ok(admin.post('/api/v1/admin/coupons', { data: { name: fit(entry, 200), kind: 'fixed', value: 100 } }), 201);
    await ok(admin.post(`/api/v1/admin/coupons/${coupon.id}/issue`, { data: { user_id: me.id } }), 201);
    p.coupons.push(fit(entry, 200));
    const shipping = {
      recipient: fit(entry, 100),
      phone: '010-1234-5678',
      postal_code: '06236',
      address1: fit(`${i} ${entry}`, 100),
      address2: fit(`${entry} ${i}`, 100),
    };
    const order = await ok(shopper.post('/api/v1/orders', { data: { items: [{ product_id: product.id, quantity: 1 }], shipping } }), 201);
    p.orders.push({ id: order.id, recipient: shipping.recipient, address1: shipping.address1, address2: shipping.address2 });
  }
  return p;
}

/** Every page the corpus was read on (ids and queries folded), for RELIABILITY.md. */
const pagesRead = new Set<string>();

test.afterAll(() => {
  // scripts/reliability-report.py reads this after the Rust tests.
  const dir = join(__dirname, '..', '..', 'target', 'e2e');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'injection.json'),
    JSON.stringify({ corpus: CORPUS.length, pages: [...pagesRead].sort(), at: new Date().toISOString() }, null, 2),
  );
});

test.beforeAll(async ({ playwright }, testInfo) => {
  const baseURL = testInfo.project.use.baseURL;
  const admin = await playwright.request.newContext({ baseURL });
  const shopper = await playwright.request.newContext({ baseURL });
  planted = await plant(admin, shopper);
  await admin.dispose();
  await shopper.dispose();
});

/** A page in a context of its own, signed in as `who` (or nobody), that records console errors. */
async function open(browser: Browser, who: { email: string; password: string } | null): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  if (who) expect((await page.request.post('/api/v1/session', { data: who })).status()).toBe(200);
  return { page, errors };
}

/** Loads `path`, waits for hydration and asserts that none of the corpus became markup, that
 * every text in `shown` reads as typed and, when given, that the title starts with `title`. */
async function visit(
  view: { page: Page; errors: string[] },
  path: string,
  shown: string[],
  title?: string,
): Promise<void> {
  const { page, errors } = view;
  errors.length = 0;
  pagesRead.add(path.replace(/\?.*$/, (q) => (q.includes('category=') ? '?category=' : '?q=')).replace(/\/\d+/g, '/{id}'));
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await hydrated(page);
  const found = await page.evaluate(() => ({
    injected: Array.from(document.querySelectorAll('[data-injected], meta[http-equiv], body meta, body title')).map((e) => e.outerHTML.slice(0, 80)),
    scriptLinks: Array.from(document.querySelectorAll('[href], [src], [action], [formaction]'))
      .map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action') ?? e.getAttribute('formaction') ?? '')
      .filter((u) => u.trim().toLowerCase().startsWith('javascript:')),
    ran: (window as unknown as { __injected?: number }).__injected ?? null,
    // What the page shows: its text, and what its form fields hold (an admin edits names in place).
    text: [
      document.body.innerText,
      ...Array.from(document.querySelectorAll('input, textarea')).map((e) => (e as HTMLInputElement).value),
    ].join('\n'),
    title: document.title,
  }));
  expect(found.injected, `injected elements on ${path}`).toEqual([]);
  expect(found.scriptLinks, `javascript: links on ${path}`).toEqual([]);
  expect(found.ran, `injected script ran on ${path}`).toBeNull();
  for (const text of shown) expect(found.text, `${path} shows the text as typed`).toContain(text);
  if (title !== undefined) expect(found.title.startsWith(title), `${path}: title ${JSON.stringify(found.title)}`).toBe(true);
  // Let late work (hydration's effects, a refused script) report before the errors are read.
  await page.waitForTimeout(100);
  expect(errors, `console errors on ${path}`).toEqual([]);
}

test('search terms are shown as text in the title, the heading and the search box', async ({ browser }) => {
  const view = await open(browser, null);
  for (const entry of CORPUS) {
    const q = fit(entry, 100);
    await visit(view, `/?q=${encodeURIComponent(q)}`, [q], undefined);
    expect(await view.page.title(), 'the title holds the search term as text').toContain(q);
    await expect(view.page.locator('input[name="q"]').first()).toHaveValue(q);
  }
});

test('product, category and picture texts are shown as text on the catalog and product pages', async ({ browser }) => {
  const view = await open(browser, null);
  for (const [i, p] of planted.products.entries()) {
    const c = planted.categories[i];
    await visit(view, `/?category=${c.slug}`, [c.name, p.name], c.name);
    await visit(view, `/products/${p.id}`, [p.name, p.description.replace(/\s+/g, ' ')], p.name);
    await expect(view.page.locator(`img[alt="${p.alt.replace(/["\\]/g, '\\$&')}"]`).first()).toBeAttached();
  }
  await visit(view, '/', []);
});

test('a shopper sees coupon names, cart lines and addresses as text', async ({ browser }) => {
  const view = await open(browser, planted.shopper);
  await visit(view, '/coupons', planted.coupons);
  await visit(view, '/orders', []);
  for (const o of planted.orders) await visit(view, `/orders/${o.id}`, [o.recipient, o.address1, o.address2]);
  for (const p of planted.products.slice(0, 4)) {
    await view.page.goto(`/products/${p.id}`);
    await hydrated(view.page);
    await view.page.getByRole('button', { name: 'Add to cart' }).click();
    await expect(view.page.getByText('Added to your cart.')).toBeVisible();
  }
  const inCart = planted.products.slice(0, 4).map((p) => p.name);
  await visit(view, '/cart', inCart);
  await visit(view, '/checkout', [...inCart, ...planted.coupons]);
  // The checkout offers the last order's address, in the boxes as typed.
  const last = planted.orders[planted.orders.length - 1];
  await expect(view.page.locator('#ship-recipient')).toHaveValue(last.recipient);
  await expect(view.page.locator('#ship-address2')).toHaveValue(last.address2);
});

test('staff see every hostile text as text, notes included, and the export escapes formulas', async ({ browser }) => {
  const view = await open(browser, ADMIN);
  await visit(view, '/admin', []);
  await visit(view, '/admin/orders', []);
  await visit(view, `/admin/products?q=${MARK}`, planted.products.map((p) => p.name));
  await visit(view, '/admin/categories', planted.categories.map((c) => c.name));
  await visit(view, '/admin/coupons', planted.coupons);
  for (const [i, o] of planted.orders.entries()) {
    await visit(view, `/admin/orders/${o.id}`, [o.recipient, o.address1, o.address2, planted.products[i].name]);
    const note = fit(CORPUS[i], 1000);
    await view.page.locator('#order-note').fill(note);
    await view.page.getByRole('button', { name: 'Add note' }).click();
    await expect(view.page.locator('#order-note')).toHaveValue('');
    await visit(view, `/admin/orders/${o.id}`, [note]);
  }
  const csv = await view.page.request.get(`/admin/orders.csv?q=${encodeURIComponent(planted.shopper.email)}`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
  const body = await csv.text();
  const formula = planted.orders[CORPUS.findIndex((e) => e.startsWith('=HYPERLINK'))];
  expect(body).toContain(`"'${formula.recipient.replace(/"/g, '""')}"`);
  expect(body).not.toMatch(/(^|,)"?=HYPERLINK/m);
});

test("the admin's description box holds a description with markup and an ordinary save keeps it", async ({ browser, request }) => {
  const view = await open(browser, ADMIN);
  for (const p of planted.products) {
    await visit(view, `/admin/products/${p.id}`, [p.name], 'Edit product');
    await expect(view.page.locator('#e-description')).toHaveValue(p.description);
    await expect(view.page.locator('#e-name')).toHaveValue(p.name);
  }
  const p = planted.products[CORPUS.findIndex((e) => e.startsWith('</textarea>'))];
  await view.page.goto(`/admin/products/${p.id}`);
  await hydrated(view.page);
  const details = view.page.locator('form.edit-form');
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(view.page.getByText('Saved.')).toBeVisible();
  const saved = await (await request.get(`/api/v1/products/${p.id}`)).json();
  expect(saved.description).toBe(p.description);
  expect(saved.name).toBe(p.name);
  await expect(view.page.locator('#e-description')).toHaveValue(p.description);
});
