/**
 * Every genuine sample file imports; counts are recomputed here independently of the importer
 * (csv-parse/sync or a regex over the XML), and fields a store associate sees are spot-checked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../../src-main/sync/import';
import type { ImportFormat } from '../../../src-main/sync/formats/detect';
import { CATALOG, FIXTURES, count, tempDb } from './helpers';

const csv = (f: string): Record<string, string>[] =>
  parse<Record<string, string>>(fs.readFileSync(path.join(CATALOG, f)), {
    columns: true,
    relax_column_count: true,
    bom: true,
  });
const xmlItems = (f: string) =>
  fs
    .readFileSync(path.join(CATALOG, f), 'utf8')
    .split(/<item>/)
    .slice(1);
const tag = (item: string, name: string) =>
  item.match(new RegExp(`<g:${name}>(?:<!\\[CDATA\\[)?([^<\\]]*)`))?.[1]?.trim();

async function imp(format: ImportFormat, file: string, opts: { currency?: string } = {}) {
  const { adb } = tempDb();
  const r = await runImport(adb.sqlite, {
    format,
    file: path.isAbsolute(file) ? file : path.join(CATALOG, file),
    ...opts,
  });
  return { adb, r };
}

describe('GMC feeds', () => {
  it.each([
    'google-merchant-center-example-rss/example_feed_xml_rss.xml',
    'gmc-realworld-hurom-cz-rss/google-feed.xml',
    'prisjakt-feed-specification-examples/offer/full.xml',
    'prisjakt-feed-specification-examples/offer/min.xml',
  ])('%s: items become variants grouped by item_group_id', async (f) => {
    const items = xmlItems(f);
    const groups = new Set(items.map((it) => tag(it, 'item_group_id') ?? tag(it, 'id')));
    const { adb, r } = await imp('gmc', f, { currency: 'CZK' });
    expect(r.exitCode).toBe(0);
    expect(r.variants).toBe(items.length);
    expect(r.products).toBe(groups.size);
    expect(count(adb, 'SELECT count(*) FROM variants')).toBe(items.length);
    expect(count(adb, 'SELECT count(*) FROM products')).toBe(groups.size);
    expect(adb.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it.each([
    'prisjakt-feed-specification-examples/offer/full.csv',
    'prisjakt-feed-specification-examples/offer/min.csv',
  ])('%s: comma CSV with sub-attribute headers', async (f) => {
    const rows = csv(f);
    const { adb, r } = await imp('gmc', f);
    expect(r.exitCode).toBe(0);
    expect(r.variants).toBe(rows.length);
    const v = adb.sqlite.prepare('SELECT * FROM variants WHERE sku = ?').get(rows[0]!.id) as Record<string, unknown>;
    expect(v).toBeTruthy();
    if (f.endsWith('full.csv')) {
      expect(v.price).toBe(320000000); // "3200000 SEK"
      expect(v.gtin).toBe('10614141000415'); // first of a quoted comma list
      expect(v.color).toBe('RED/GREEN/BLUE');
    }
  });

  it("Google's example: prices in minor units, availability spellings, CDATA, variants", async () => {
    const { adb } = await imp('gmc', 'google-merchant-center-example-rss/example_feed_xml_rss.xml');
    const tv = adb.sqlite.prepare('SELECT * FROM variants WHERE sku = ?').get('TV_123456') as Record<string, unknown>;
    expect(tv).toMatchObject({ price: 15900, currency: 'USD', availability: 'in_stock', gtin: '71919219405200' });
    const jeans = adb.sqlite
      .prepare(
        "SELECT v.*, p.external_id AS pext FROM variants v JOIN products p ON p.id = v.product_id WHERE v.sku LIKE 'CLO-29473856-%' ORDER BY v.sku",
      )
      .all() as Record<string, unknown>[];
    expect(jeans.map((j) => j.pext)).toEqual(['CLO-29473856', 'CLO-29473856']);
    expect(jeans[0]!.availability).toBe('out_of_stock');
    expect(JSON.parse(jeans[0]!.options as string).Size).toBe('8 Standard');
    const dvd = adb.sqlite.prepare("SELECT p.* FROM products p WHERE external_id = 'DVD-0564738'").get() as Record<
      string,
      string
    >;
    expect(dvd.description_text).toContain("'The Castle of Fyrien'");
    const tvp = adb.sqlite.prepare("SELECT * FROM products WHERE external_id='TV_123456'").get() as Record<
      string,
      string
    >;
    expect(tvp.category_path).toContain('>');
  });

  it('hurom: price without currency takes --currency, "undefined" description is dropped, RSS core title', async () => {
    const { adb, r } = await imp('gmc', 'gmc-realworld-hurom-cz-rss/google-feed.xml', { currency: 'CZK' });
    const v = adb.sqlite.prepare("SELECT * FROM variants WHERE sku='112c11215d24'").get() as Record<string, unknown>;
    expect(v).toMatchObject({ price: 1249000, currency: 'CZK', title: 'Odšťavňovač H 100 | platinově stříbrný' });
    expect(r.warnings.join('\n')).toMatch(/no currency; taken as CZK/);
    expect(count(adb, "SELECT count(*) FROM products WHERE description_html = 'undefined'")).toBe(0);
  });

  it('TSV traps: quoted tabs/newlines, doubled quotes, comma decimals, leading-zero GTINs, HTML + text copy', async () => {
    const { adb, r } = await imp('gmc', path.join(FIXTURES, 'feed-traps.tsv'));
    expect(r).toMatchObject({ exitCode: 0, products: 2, variants: 3 });
    const m = adb.sqlite.prepare("SELECT * FROM variants WHERE sku='JKT-1-M'").get() as Record<string, unknown>;
    expect(m).toMatchObject({
      price: 12900,
      sale_price: 9950,
      currency: 'EUR',
      gtin: '00012345678912',
      availability: 'out_of_stock',
      size: 'M',
      color: 'Navy',
    });
    const p = adb.sqlite.prepare("SELECT * FROM products WHERE external_id='JKT-1'").get() as Record<string, string>;
    expect(p.description_html).toBe('<p>Waterproof\tshell with "taped" seams.</p>\n<ul><li>Hood</li></ul>');
    expect(p.description_text).not.toMatch(/</);
    expect(p.description_text).toContain('"taped" seams');
    expect(p).toMatchObject({
      category: 'Jackets',
      category_path: 'Clothing > Outerwear > Jackets',
      brand: 'Ridgeline',
    });
    expect(p.search_text).toContain('Nylon');
    const mug = adb.sqlite
      .prepare("SELECT v.*, p.title AS ptitle FROM variants v JOIN products p ON p.id=v.product_id WHERE sku='MUG-9'")
      .get() as Record<string, unknown>;
    expect(mug).toMatchObject({ price: 114450, ptitle: '12" Enamel Mug', availability: 'preorder' });
  });
});

describe('Shopify product CSVs', () => {
  const files = [
    'shopifypartners-product-csvs/apparel.csv',
    'shopifypartners-product-csvs/jewelery.csv',
    'shopifypartners-product-csvs/home-and-garden.csv',
    'shopify-product-template-legacy/product_template.csv',
    'shopify-product-template-2023/product_template.csv',
    'shopify-product-template-2023-excel-resaved/product_template.csv',
    'shopify-product-template-2025-new-headers/product_template.csv',
    'shopify-product-export-packt-devstore/Product-data.csv',
    'shopify-transporter-csv-templates/products.csv',
  ];
  it.each(files)('%s: products by handle, variants by variant rows', async (f) => {
    const rows = csv(f);
    const handle = (r: Record<string, string>) => r.Handle ?? r['URL handle'];
    const price = (r: Record<string, string>) => r['Variant Price'] ?? r.Price ?? '';
    const isVariant = (r: Record<string, string>) =>
      ['Option1 Value', 'Option1 value', 'Option2 Value', 'Option2 value', 'Variant SKU', 'SKU'].some(
        (k) => (r[k] ?? '') !== '',
      ) || price(r) !== '';
    const { adb, r } = await imp('shopify-products', f);
    expect(r.exitCode).toBe(0);
    expect(r.products).toBe(new Set(rows.map(handle)).size);
    expect(r.variants).toBe(rows.filter(isVariant).length);
    expect(count(adb, 'SELECT count(*) FROM variants')).toBe(r.variants);
  });

  it('2023 template: options, compare-at price as regular price, barcode as string', async () => {
    const { adb } = await imp('shopify-products', 'shopify-product-template-2023/product_template.csv');
    const v = adb.sqlite.prepare("SELECT * FROM variants WHERE sku='SRT_COT_111'").get() as Record<string, unknown>;
    expect(v).toMatchObject({ price: 2500, sale_price: null, gtin: '365275101829', color: 'Green', size: 'S' });
    expect(JSON.parse(v.options as string)).toEqual({ Color: 'Green', Size: 'S' });
    expect(
      count(adb, "SELECT count(*) FROM products WHERE external_id='example-pants' AND image_url IS NOT NULL"),
    ).toBe(1);
  });

  it('Excel-resaved template: scientific barcodes are not stored and are warned about', async () => {
    const { adb, r } = await imp(
      'shopify-products',
      'shopify-product-template-2023-excel-resaved/product_template.csv',
    );
    expect(r.warnings.join('\n')).toMatch(/scientific notation/);
    expect(count(adb, "SELECT count(*) FROM variants WHERE gtin LIKE '%E+%'")).toBe(0);
  });

  it('2025 headers: URL handle, DENY, blank titles on variant rows, metafield list', async () => {
    const { adb } = await imp('shopify-products', 'shopify-product-template-2025-new-headers/product_template.csv');
    const p = adb.sqlite
      .prepare("SELECT * FROM products WHERE external_id='physical-product-the-band-t-shirt'")
      .get() as { title: string; attributes: string };
    expect(p.title).toBe('Physical Product “The Band” T-Shirt');
    expect(JSON.parse(p.attributes).metafields['shopify.color-pattern']).toBe('green; gray; red');
    const v = adb.sqlite.prepare("SELECT * FROM variants WHERE sku='TheBandTShirt-SG'").get() as Record<
      string,
      unknown
    >;
    expect(v).toMatchObject({ price: 2499, sale_price: 1999, size: 'Small', color: 'green' });
  });

  it('jewelery: HTML body kept, plain-text copy without tags, U+2028 and NBSP folded', async () => {
    const { adb } = await imp('shopify-products', 'shopifypartners-product-csvs/jewelery.csv');
    const rows = adb.sqlite
      .prepare('SELECT description_html, description_text FROM products WHERE description_html LIKE ?')
      .all('%<p>%') as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.description_text).not.toMatch(/<\/?[a-z]/i);
      expect(row.description_text).not.toMatch(/[\u2028\u00a0]/);
    }
  });

  it('legacy template keeps the doubled-quote option value', async () => {
    const { adb } = await imp('shopify-products', 'shopify-product-template-legacy/product_template.csv');
    const opts = (adb.sqlite.prepare('SELECT options FROM variants').pluck().all() as string[]).map((o) =>
      JSON.parse(o),
    );
    expect(opts.some((o) => Object.values(o).includes('Lithograph - Height: 9" x Width: 12"'))).toBe(true);
  });

  it('transporter products: the ragged row is warned about, not fatal', async () => {
    const { r } = await imp('shopify-products', 'shopify-transporter-csv-templates/products.csv');
    expect(r.exitCode).toBe(0);
    expect(r.warnings.join('\n')).toMatch(/different number of fields .* line 6/);
  });
});

describe('Shopify inventory, customers and orders', () => {
  it('2026 layout: locations become stores, zero-padded SKUs stay strings', async () => {
    const f = 'shopify-inventory-export-2026/Inventory-24MAR26-24MAR25-01.csv';
    const rows = csv(f);
    const { adb, r } = await imp('shopify-inventory', f);
    expect(r.exitCode).toBe(0);
    expect(r.locations).toBe(new Set(rows.map((x) => x.Location)).size);
    expect(r.inventoryRows).toBe(rows.length);
    expect(r.products).toBe(new Set(rows.map((x) => x.Handle)).size);
    expect(adb.sqlite.prepare('SELECT id, name FROM stores').all()).toEqual([
      { id: 'isha-yoga-center-sg', name: 'Isha Yoga Center SG' },
    ]);
    expect(
      count(adb, "SELECT i.quantity FROM inventory i JOIN variants v ON v.id=i.variant_id WHERE v.sku='0111226'"),
    ).toBe(10);
  });

  it('legacy layout: one column per location; duplicate SKUs rejected with their line', async () => {
    const f = 'shopify-inventory-export-legacy-poptoys/inventory_export_1.csv';
    const rows = csv(f);
    const skus = new Set(rows.map((x) => x.SKU || x.Handle));
    const { adb, r } = await imp('shopify-inventory', f);
    expect(r.locations).toBe(1);
    expect(r.variants).toBe(skus.size);
    expect(r.inventoryRows + r.rejected.length).toBe(rows.filter((x) => x.POPTOYS !== '').length);
    expect(r.exitCode).toBe(r.rejected.length ? 1 : 0);
    expect(r.rejected.every((x) => x.field === 'SKU' && /already given on line \d+/.test(x.message))).toBe(true);
    expect(count(adb, "SELECT count(*) FROM products WHERE title LIKE '''80s%'")).toBeGreaterThan(0);
  });

  it('transporter orders: grouped by Name, continuation rows inherit, the shifted row is rejected by name', async () => {
    const f = 'shopify-transporter-csv-templates/orders.csv';
    const rows = csv(f);
    const { adb, r } = await imp('shopify-orders', f);
    expect(r.orders).toBe(new Set(rows.map((x) => x.Name)).size);
    expect(r.customers).toBe(new Set(rows.map((x) => x.Email)).size);
    expect(r.rejected).toEqual([
      { line: 3, field: 'Lineitem quantity', message: 'quantity "Mini Handle Shovel" is not a whole number' },
    ]);
    const o = adb.sqlite.prepare("SELECT * FROM orders WHERE external_id='#MA-1097'").get() as Record<string, unknown>;
    expect(o).toMatchObject({ currency: 'USD', placed_at: '2018-01-04T23:51:23.000Z', status: 'paid' });
    expect(count(adb, 'SELECT count(*) FROM order_lines WHERE order_id=?', o.id)).toBe(1);
  });

  it('POS orders land on the store their Location names — the same store the inventory export created; online orders have none', async () => {
    const { dir, adb } = tempDb();
    const inv = await runImport(adb.sqlite, {
      format: 'shopify-inventory',
      file: path.join(CATALOG, 'shopify-inventory-export-2026/Inventory-24MAR26-24MAR25-01.csv'),
    });
    expect(inv.exitCode).toBe(0);
    // a 2025 orders export (79 columns) with the columns this test fills, the rest empty
    const header = parse(
      fs.readFileSync(path.join(CATALOG, 'shopify-export-headers/orders_export.header.2025-79col.csv')),
    )[0] as string[];
    const row = (v: Record<string, string>) => header.map((h) => JSON.stringify(v[h] ?? '')).join(',');
    const order = (name: string, location: string) =>
      row({
        Name: name,
        Email: 'mira@example.com',
        'Financial Status': 'paid',
        Currency: 'SGD',
        Subtotal: '30.00',
        Total: '30.00',
        'Created at': '2026-03-20 10:15:00 +0800',
        'Lineitem quantity': '1',
        'Lineitem name': 'Adiyogi Copper Water Bottle, 950 ml',
        'Lineitem price': '30.00',
        'Lineitem sku': '0105969',
        Location: location,
      });
    const f = path.join(dir, 'orders_export.csv');
    fs.writeFileSync(
      f,
      [
        header.join(','),
        order('#1001', 'Isha Yoga Center SG'),
        order('#1002', ''),
        order('#1003', 'Pop-up Orchard Road'),
      ].join('\n'),
    );
    const r = await runImport(adb.sqlite, { format: 'shopify-orders', file: f });
    expect(r).toMatchObject({ exitCode: 0, orders: 3 });
    expect(adb.sqlite.prepare('SELECT external_id, store_id FROM orders ORDER BY external_id').all()).toEqual([
      { external_id: '#1001', store_id: 'isha-yoga-center-sg' },
      { external_id: '#1002', store_id: null },
      { external_id: '#1003', store_id: 'pop-up-orchard-road' },
    ]);
    expect(adb.sqlite.prepare('SELECT id, name FROM stores ORDER BY id').all()).toEqual([
      { id: 'isha-yoga-center-sg', name: 'Isha Yoga Center SG' },
      { id: 'pop-up-orchard-road', name: 'Pop-up Orchard Road' },
    ]);
  });

  it.each(fs.readdirSync(path.join(CATALOG, 'shopify-export-headers')).filter((f) => f.endsWith('.csv')))(
    'header-only %s gives a clear "no data rows" and changes nothing',
    async (f) => {
      const { adb, r } = await imp(
        f.startsWith('customers') ? 'shopify-customers' : 'shopify-orders',
        `shopify-export-headers/${f}`,
      );
      expect(r.exitCode).toBe(2);
      expect(r.error).toMatch(/no data rows/);
      expect(count(adb, 'SELECT count(*) FROM customers') + count(adb, 'SELECT count(*) FROM orders')).toBe(0);
      expect(adb.sqlite.prepare('SELECT status FROM sync_runs').pluck().get()).toBe('failed');
    },
  );

  it('customers: keyed by ID then email then phone, apostrophe guards stripped only in numeric columns', async () => {
    const header = fs
      .readFileSync(path.join(CATALOG, 'shopify-export-headers/customers_export.header.2024-current.csv'), 'utf8')
      .trim();
    const { dir, adb } = tempDb();
    const f = path.join(dir, 'customers.csv');
    fs.writeFileSync(
      f,
      [
        header,
        "'7985351721238,Ayumu,Hirano,ayumu@example.com,yes,,,,London,,GB,'92591,'+447700900001,,no,10.00,1,'80s fan,,no,VIP",
        ',Karine,Ruby,karine@example.com,no,,,,,,,,,,no,0,0,,,no,',
        ',Russell,Winfield,,no,,,,,,,,,+447700900002,yes,0,0,,,no,',
      ].join('\n'),
    );
    const r = await runImport(adb.sqlite, { format: 'shopify-customers', file: f });
    expect(r).toMatchObject({ exitCode: 0, customers: 3 });
    const rows = adb.sqlite
      .prepare('SELECT external_id, phone, note, accepts_email, accepts_sms FROM customers ORDER BY id')
      .all();
    expect(rows).toEqual([
      { external_id: '7985351721238', phone: '+447700900001', note: "'80s fan", accepts_email: 1, accepts_sms: 0 },
      { external_id: 'email:karine@example.com', phone: null, note: null, accepts_email: 0, accepts_sms: 0 },
      { external_id: 'phone:+447700900002', phone: '+447700900002', note: null, accepts_email: 0, accepts_sms: 1 },
    ]);
  });
});
