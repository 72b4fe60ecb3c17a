/** The catalog journey an associate makes: search, narrow by size, open a product, read stock per store. */
import { screenshot, test, expect } from './fixtures';

test.describe('catalog', () => {
  test('search "jacket", filter by size M, open a product and see stock per store with as-of times', async ({
    page,
  }) => {
    await page.goto('/#/catalog');
    await expect(page.getByRole('heading', { name: 'Catalog', level: 1 })).toBeVisible();
    // Header: the store this laptop stands in, and honest freshness / engine / connection badges.
    await expect(page.getByTestId('store-name')).not.toBeEmpty();
    await expect(page.getByTestId('freshness')).toContainText(
      /^Catalog (.+ ago|just now|yesterday|never) · Stock (.+ ago|just now|yesterday|never)$/,
    );
    await expect(page.getByTestId('connection')).toContainText('Online');
    // no HQ source is configured in this store: nothing talks about a head office or an outbox
    await expect(page.getByRole('banner')).not.toContainText(/head office|outbox/i);

    const search = page.getByRole('textbox', { name: 'Search the catalog' });
    await expect(search).toBeFocused();
    await search.fill('jacket');
    await expect(page.getByTestId('result-count')).toContainText('for “jacket”');
    await expect(page).toHaveURL(/q=jacket/);
    const cards = page.getByTestId('product-card');
    await expect(cards.first()).toBeVisible();
    const jacketCount = Number((await page.getByTestId('result-count').innerText()).replace(/[^\d]/g, '').slice(0, 6));
    expect(jacketCount).toBeGreaterThan(0);
    await screenshot(page, 'catalog-search-jacket');

    // Narrow by size M: the size facet button is pressed, a removable filter pill appears, and each
    // result card lists only the sizes that matched (so M).
    await page.getByRole('button', { name: /^Size M, \d+ products$/ }).click();
    await expect(page.getByRole('button', { name: /^Size M, \d+ products$/ })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('button', { name: 'Remove filter Size: M' })).toBeVisible();
    await expect(page).toHaveURL(/size=M/);
    await expect(cards.first()).toBeVisible();
    const sizeLines = await cards.locator('p', { hasText: /^(M|One size)$/ }).count();
    expect(sizeLines).toBe(await cards.count());
    const filteredCount = Number(
      (await page.getByTestId('result-count').innerText()).replace(/[^\d]/g, '').slice(0, 6),
    );
    expect(filteredCount).toBeLessThanOrEqual(jacketCount);
    await screenshot(page, 'catalog-filter-size-m');

    // Open the first product: a dialog with every variant grouped by colour, stock here and in the
    // other stores, each with its as-of time.
    const firstTitle = (await cards.first().getByTestId('product-title').innerText()).trim();
    await cards.first().click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('heading', { name: firstTitle })).toBeVisible();
    await expect(page).toHaveURL(/product=\d+/);
    await expect(dialog.getByTestId('variant-row').first()).toBeVisible();
    await expect(dialog.getByRole('heading', { name: 'Sizes and stock by colour' })).toBeVisible();
    const here = dialog.getByTestId('stock-here').first();
    await expect(here).toHaveAccessibleName(/^\d+ here, as of .+/);
    await expect(here).toContainText(/\d+ here/);
    await expect(here).toContainText(/as of (\d\d:\d\d|yesterday|\w{3} \d\d:\d\d|\d+ \w{3})/);
    const others = dialog.getByTestId('stock-other');
    expect(await others.count()).toBeGreaterThan(0);
    await expect(others.first()).toContainText(/as of /);
    // Each other store is a column named after it.
    await expect(dialog.getByRole('columnheader', { name: /^Here · / }).first()).toBeVisible();
    expect(await dialog.getByRole('columnheader').count()).toBeGreaterThanOrEqual(7);
    await screenshot(page, 'catalog-product-detail');

    // Esc closes the drawer and returns to the same results.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page).not.toHaveURL(/product=/);
    await expect(page.getByRole('button', { name: 'Remove filter Size: M' })).toBeVisible();
  });

  test('"in stock here" narrows the results, and a search with no match explains what to do', async ({ page }) => {
    await page.goto('/#/catalog');
    const count = page.getByTestId('result-count');
    await expect(count).toContainText(/\d+ products?/);
    const all = Number((await count.innerText()).replace(/[^\d]/g, ''));
    await page.getByRole('switch', { name: /Only products in stock at/ }).check();
    await expect(page).toHaveURL(/stock=here/);
    await expect(async () => {
      const n = Number((await count.innerText()).replace(/[^\d]/g, ''));
      expect(n).toBeLessThanOrEqual(all);
    }).toPass();
    await expect(page.getByTestId('product-card').first()).toBeVisible();
    await expect(page.getByTestId('product-card').first()).toContainText(/\d+ in stock here/);

    await page.getByRole('textbox', { name: 'Search the catalog' }).fill('zzqxv nothingmatches');
    await expect(count).toHaveText('No products');
    await expect(page.getByText(/Nothing matches “zzqxv nothingmatches”/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Remove all filters' })).toBeVisible();
    await screenshot(page, 'catalog-no-results');
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await expect(count).toContainText(/\d+ products/);
    await expect(page.getByRole('textbox', { name: 'Search the catalog' })).toHaveValue('');
  });

  test('the catalog reads well on a 1920×1080 screen', async ({ page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto('/#/catalog?q=boots');
    await expect(page.getByTestId('product-card').first()).toBeVisible();
    await screenshot(page, 'catalog-1920');
  });
});

test.describe('app frame', () => {
  test('every section opens from the navigation and with Alt+1…5', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/#\/consult/);
    const sections = ['Consult', 'Customers', 'Catalog', 'Review', 'Settings'];
    for (const [i, name] of sections.entries()) {
      await page.keyboard.press(`Alt+${i + 1}`);
      await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
      const link = page.getByRole('link', { name, exact: true });
      await expect(link).toHaveAttribute('aria-current', 'page');
      await expect(link).toHaveAttribute('aria-keyshortcuts', `Alt+${i + 1}`);
    }
    await page.getByRole('link', { name: /^Consult/ }).click();
    await expect(page.getByRole('heading', { name: 'Consult', level: 1 })).toBeVisible();
    await screenshot(page, 'frame-consult-placeholder');
    await page.getByRole('link', { name: /^Settings/ }).click();
    await expect(page.getByText("This laptop's store")).toBeVisible();
    await screenshot(page, 'frame-settings');
  });
});

test.describe('loopback API security', () => {
  test('calls and the event stream without the bearer token get 401', async ({ request }) => {
    const rpc = await request.post('/rpc/app.status', { data: {} });
    expect(rpc.status()).toBe(401);
    expect((await rpc.json()).error.code).toBe('UNAUTHENTICATED');
    const wrong = await request.post('/rpc/catalog.search', {
      data: { query: 'jacket' },
      headers: { authorization: 'Bearer not-the-token' },
    });
    expect(wrong.status()).toBe(401);
    const events = await request.get('/events');
    expect(events.status()).toBe(401);
  });

  test('the page itself carries a token that works', async ({ page, request }) => {
    await page.goto('/');
    const token = await page.locator('meta[name="aisle-bridge-token"]').getAttribute('content');
    expect(token).toBeTruthy();
    const res = await request.post('/rpc/app.status', { data: {}, headers: { authorization: `Bearer ${token}` } });
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.ok).toBe(true);
    expect(body.data.counts.products).toBeGreaterThan(0);
  });
});
