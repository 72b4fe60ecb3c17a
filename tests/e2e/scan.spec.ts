/**
 * The product in the customer's hand: a barcode scanner types the GTIN fast and presses Enter (as
 * page.keyboard.type with a 5 ms delay does); the product opens from any screen, and in a consultation
 * "do you have this in a 10?" is answered for it. Unknown codes say so.
 */
import type { Page } from '@playwright/test';
import { scan, screenshot, test, expect } from './fixtures';

async function rpc<T>(page: Page, name: string, input: unknown): Promise<T> {
  const token = await page.locator('meta[name="aisle-bridge-token"]').getAttribute('content');
  const res = await page.request.post(`/rpc/${name}`, { data: input, headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { ok: boolean; data: T };
  expect(body.ok, `${name} answered`).toBe(true);
  return body.data;
}

interface Variant {
  sku: string;
  size: string | null;
  color: string | null;
  gtin: string | null;
  stockHere: number;
}

/** A demo product sold in a 10 (in stock here) and a 12 with a GTIN, found through the app's own calls. */
async function productWithA10(page: Page): Promise<{ title: string; gtin12: string }> {
  const hits = await rpc<{ results: { productId: number; size: string | null }[] }>(page, 'catalog.searchVariants', {
    query: 'trousers',
    limit: 200,
  });
  const ids = [...new Set(hits.results.filter((h) => h.size === '10').map((h) => h.productId))];
  for (const productId of ids) {
    const p = await rpc<{ title: string; variants: Variant[] }>(page, 'catalog.product', { productId });
    const twelve = p.variants.find((v) => v.size === '12' && v.gtin);
    if (twelve?.gtin && p.variants.some((v) => v.size === '10' && v.stockHere > 0))
      return { title: p.title, gtin12: twelve.gtin };
  }
  throw new Error('the demo store has no trousers in a 10 here');
}

async function wedgeScan(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
}

test.describe('scanning the product in hand', () => {
  test('a scan opens the product with its sizes and stock here and elsewhere; an unknown code says so; the camera button only where the browser reads barcodes', async ({
    page,
  }) => {
    await page.goto('/#/catalog');
    await expect(page.getByRole('heading', { name: 'Catalog', level: 1 })).toBeVisible();
    const { title, gtin12 } = await productWithA10(page);
    // nothing focused that takes text: only the scanner's timing can tell this is a scan
    const search = page.getByRole('textbox', { name: 'Search the catalog' });
    await search.blur();
    await wedgeScan(page, gtin12);
    const drawer = page.getByRole('dialog', { name: /^Scanned:/ });
    await expect(drawer).toBeVisible();
    await expect(drawer.getByTestId('scanned-title')).toContainText(title);
    await expect(drawer.getByTestId('scanned-title')).toContainText('12');
    await expect(drawer.getByTestId('stock-here').first()).toBeVisible();
    await expect(drawer.getByTestId('stock-other').first()).toBeVisible();
    await expect(drawer).toContainText(gtin12);
    await screenshot(page, 'scan-product');
    await scan(page, 'scanned product');
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();

    // an unknown code, scanned the same way
    await search.blur();
    await wedgeScan(page, '0000000000017');
    await expect(page.getByText("No product with the code 0000000000017 in this store's catalog.")).toBeVisible();
    await screenshot(page, 'scan-unknown');

    // typing digits by hand is typing, not a scan; a whole GTIN typed and Enter looks it up
    await search.click();
    await search.pressSequentially('123456', { delay: 90 });
    await search.press('Enter');
    await expect(search).toHaveValue('123456');
    await expect(page.getByRole('dialog', { name: /^Scanned:/ })).toHaveCount(0);
    await search.fill(gtin12);
    await search.press('Enter');
    await expect(drawer.getByTestId('scanned-title')).toContainText(title);
    await expect(search).toHaveValue('');
    await page.keyboard.press('Escape');

    const hasDetector = await page.evaluate(() => 'BarcodeDetector' in window);
    await expect(page.getByTestId('camera-scan')).toHaveCount(hasDetector ? 1 : 0);
  });

  test('in a consultation a scan puts the product in hand, and "do you have this in a 10?" answers for it', async ({
    page,
  }) => {
    await page.goto('/#/consult');
    const { title, gtin12 } = await productWithA10(page);
    await page.getByRole('button', { name: 'Walk-in', exact: true }).click();
    const box = page.getByRole('textbox', { name: 'Message to the copilot' });
    await expect(box).toBeFocused();
    // the scanner types into the focused chat box: the code is taken back out and not sent as a message
    await wedgeScan(page, gtin12);
    const drawer = page.getByRole('dialog', { name: /^Scanned:/ });
    await expect(drawer.getByTestId('scanned-title')).toContainText(title);
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
    await expect(box).toHaveValue('');
    await expect(page.getByTestId('associate-message')).toHaveCount(0);
    await expect(page.getByTestId('in-hand')).toContainText(title);

    await box.fill('do you have this in a 10?');
    await box.press('Enter');
    const reply = page.getByTestId('assistant-message').last();
    await expect(reply).toContainText(`the ${title} in size 10`);
    const cards = page.getByTestId('suggestion-card');
    await expect(cards.first()).toBeVisible();
    for (const t of await cards.getByTestId('suggestion-title').allInnerTexts()) expect(t.trim()).toBe(title);
    for (const card of await cards.all()) await expect(card.getByText('Size 10', { exact: true })).toBeVisible();
    await screenshot(page, 'scan-in-hand-size-10');

    // a GTIN typed by hand into the chat is looked up too, not sent to the copilot
    await box.fill('0000000000017');
    await box.press('Enter');
    await expect(page.getByText("No product with the code 0000000000017 in this store's catalog.")).toBeVisible();
    await expect(page.getByTestId('associate-message')).toHaveCount(1);
  });
});
