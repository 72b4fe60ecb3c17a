/**
 * The built importer reads a GMC feed on a second thread while it writes (sync/gmc-pipeline.ts).
 * It must give exactly what the one-thread importer gives — same report, same rows — on real feeds,
 * on a feed whose product groups are scattered, on re-imports and snapshots, and leave the database
 * untouched when the file breaks after some groups were already written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/db/open';
import { runImport, type ImportReport } from '../../../src-main/sync/import';
import { CATALOG, snapshot } from '../../unit/sync/helpers';
import { tempDir } from '../../support/runtime';
import { ROOT, builtAisle } from '../../support/built-cli';

const built = fs.existsSync(path.join(ROOT, 'out', 'main', 'gmc-parse-worker.js'));

/** `aisle import gmc` through the built binary: the two-thread path. */
async function builtImport(
  dataDir: string,
  file: string,
  currency = 'GBP',
): Promise<{ code: number; report: ImportReport }> {
  const r = await builtAisle('--data-dir', dataDir, 'import', 'gmc', file, '--currency', currency, '--json');
  return { code: r.code, report: JSON.parse(r.stdout) };
}

/** The one-thread path, in this process. */
async function sequentialImport(dataDir: string, file: string, currency = 'GBP'): Promise<ImportReport> {
  const adb = openDatabase({ file: path.join(dataDir, 'aisle.db') });
  try {
    return await runImport(adb.sqlite, { format: 'gmc', file, currency, pipeline: false });
  } finally {
    adb.close();
  }
}

const comparable = (r: ImportReport) => {
  const { runId: _r, seconds: _s, ...rest } = r;
  return rest;
};

/** The catalog as a shopper sees it, without ids and times. */
function catalogRows(dataDir: string) {
  const adb = openDatabase({ file: path.join(dataDir, 'aisle.db') });
  try {
    return {
      products: adb.sqlite
        .prepare(
          `SELECT external_id, title, brand, category, category_path, gender, tags, description_html, description_text,
        search_text, image_url, status, attributes, source, content_hash FROM products ORDER BY external_id`,
        )
        .all(),
      variants: adb.sqlite
        .prepare(
          `SELECT v.sku, p.external_id AS product, v.title, v.size, v.color, v.material, v.options, v.price, v.sale_price,
        v.currency, v.gtin, v.availability, v.image_url, v.status, v.source, v.content_hash FROM variants v JOIN products p ON p.id = v.product_id ORDER BY v.sku`,
        )
        .all(),
    };
  } finally {
    adb.close();
  }
}

/** A TSV feed whose groups are scattered through the file, with a few bad rows. */
function scatteredFeed(file: string, items: number, groups: number, drop: Set<number> = new Set()) {
  const lines = ['id\titem_group_id\ttitle\tprice\tavailability\tbrand\tproduct_type\tcolor\tsize'];
  for (let i = 0; i < items; i++) {
    if (drop.has(i)) continue;
    const g = (i * 7919) % groups;
    const price = i % 1500 === 7 ? '' : `${(5 + (g % 50)).toFixed(2)} GBP`; // a few rows without a price
    const id = i % 2500 === 11 ? `V-${i - 1}` : `V-${i}`; // a few duplicate ids
    lines.push(
      [
        id,
        `G-${g}`,
        `Fleece ${g}`,
        price,
        'in_stock',
        `Brand ${g % 9}`,
        'Clothing > Fleeces',
        ['Navy', 'Moss', 'Rust'][i % 3],
        ['S', 'M', 'L', 'XL'][i % 4],
      ].join('\t'),
    );
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

describe.skipIf(!built)('GMC import on two threads', () => {
  it.each([
    ['google-merchant-center-example-rss/example_feed_xml_rss.xml', 'GBP'],
    ['gmc-realworld-hurom-cz-rss/google-feed.xml', 'CZK'],
    ['prisjakt-feed-specification-examples/offer/full.xml', 'SEK'],
    ['prisjakt-feed-specification-examples/offer/min.xml', 'SEK'],
  ])(
    '%s: the same report and rows as the one-thread importer',
    async (f, currency) => {
      const a = tempDir('aisle-pipe-a-'),
        b = tempDir('aisle-pipe-b-');
      const two = await builtImport(a, path.join(CATALOG, f), currency);
      const one = await sequentialImport(b, path.join(CATALOG, f), currency);
      expect(two.code).toBe(one.exitCode);
      expect(comparable(two.report)).toEqual(comparable(one));
      expect(catalogRows(a)).toEqual(catalogRows(b));
    },
    60_000,
  );

  it('scattered groups over many batches, rejects, re-import and a shrinking snapshot: identical to one thread', async () => {
    const dir = tempDir('aisle-pipe-feed-');
    const full = path.join(dir, 'feed.tsv');
    scatteredFeed(full, 12_000, 1_500);
    const a = tempDir('aisle-pipe-a-'),
      b = tempDir('aisle-pipe-b-');
    const first = [await builtImport(a, full), await sequentialImport(b, full)] as const;
    expect(first[0].code).toBe(1); // partial: rows without a price and duplicate ids are rejected
    expect(comparable(first[0].report)).toEqual(comparable(first[1]));
    expect(first[0].report.products).toBeGreaterThan(1_400);
    expect(first[0].report.updated).toBe(0); // scattered groups came back as updates of products inserted in this run
    expect(first[0].report.inserted).toBe(first[0].report.products + first[0].report.variants);
    expect(catalogRows(a)).toEqual(catalogRows(b));

    const again = [await builtImport(a, full), await sequentialImport(b, full)] as const;
    expect(comparable(again[0].report)).toEqual(comparable(again[1]));
    expect(again[0].report).toMatchObject({ inserted: 0, updated: 0 });

    // the same source (a feed is its file name) listing 400 fewer items
    fs.mkdirSync(path.join(dir, 'next'));
    const smaller = path.join(dir, 'next', 'feed.tsv');
    scatteredFeed(smaller, 12_000, 1_500, new Set(Array.from({ length: 400 }, (_, k) => k * 29)));
    const shrunk = [await builtImport(a, smaller), await sequentialImport(b, smaller)] as const;
    expect(comparable(shrunk[0].report)).toEqual(comparable(shrunk[1]));
    expect(shrunk[0].report.discontinued).toBeGreaterThan(0);
    expect(catalogRows(a)).toEqual(catalogRows(b));
  }, 120_000);

  it('a feed that breaks after groups were written leaves the catalog exactly as it was', async () => {
    const dir = tempDir('aisle-pipe-broken-');
    const good = path.join(dir, 'feed.tsv');
    scatteredFeed(good, 3_000, 500);
    const a = tempDir('aisle-pipe-a-');
    expect((await builtImport(a, good)).code).toBe(1);
    const adb = openDatabase({ file: path.join(a, 'aisle.db') });
    const before = snapshot(adb);
    adb.close();

    // an RSS feed of 20,000 items cut off mid-item: the reader has posted several batches by then
    const items = Array.from(
      { length: 20_000 },
      (_, i) =>
        `<item><g:id>X-${i}</g:id><g:item_group_id>XG-${i >> 2}</g:item_group_id><title>Shell ${i >> 2}</title><g:price>49.00 GBP</g:price><g:availability>in stock</g:availability><g:size>${['S', 'M', 'L', 'XL'][i % 4]}</g:size></item>`,
    ).join('\n');
    const xml = `<?xml version="1.0"?>\n<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0"><channel><title>t</title>\n${items}\n</channel></rss>\n`;
    const broken = path.join(dir, 'broken.xml');
    fs.writeFileSync(broken, xml.slice(0, Math.floor(xml.length * 0.9)));
    const r = await builtImport(a, broken);
    expect(r.code).toBe(2);
    expect(r.report.status).toBe('failed');
    expect(r.report.error).toMatch(/Nothing was changed\.$/);
    const after = openDatabase({ file: path.join(a, 'aisle.db') });
    expect(snapshot(after)).toBe(before);
    expect(after.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(after.sqlite.prepare('SELECT status FROM sync_runs ORDER BY id DESC LIMIT 1').pluck().get()).toBe('failed');
    after.close();
  }, 60_000);
});
