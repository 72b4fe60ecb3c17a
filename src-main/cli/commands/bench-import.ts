/**
 * `aisle bench import`: a generated 100k-variant GMC TSV imported into a fresh temp database, against
 * a raw prepared-statement insert of the same rows into the same tables of another fresh database,
 * measured in the same run. Target: import rate ≥ 50% of the raw rate.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXIT, flagInt, type Command } from '../command';
import { openDatabase } from '../../db/open';
import { runImport } from '../../sync/import';

const SIZES = ['S', 'M', 'L', 'XL'];
const COLORS = ['Navy', 'Black', 'Olive', 'Red', 'Sand'];

export function generateFeed(file: string, variants: number): void {
  const lines = ['id\titem_group_id\ttitle\tdescription\tprice\tavailability\tgtin\tbrand\tproduct_type\tcolor\tsize\timage_link'];
  for (let i = 0; i < variants; i++) {
    const p = Math.floor(i / SIZES.length);
    const color = COLORS[p % COLORS.length]!;
    lines.push(
      [`SKU-${i}`, `P-${p}`, `Trail Shirt ${p}`, `"<p>Light shirt ${p}, ""breathable"".</p>"`, `${(10 + (p % 90)).toFixed(2)} GBP`,
        i % 7 ? 'in_stock' : 'out of stock', String(4000000000000 + i).padStart(14, '0'), `Brand ${p % 40}`,
        `Clothing > Tops > Shirts ${p % 12}`, color, SIZES[i % SIZES.length]!, `https://img.example/${p}.jpg`].join('\t'),
    );
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

export async function benchImport(variants: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aisle-bench-import-'));
  try {
    const feed = path.join(dir, 'feed.tsv');
    generateFeed(feed, variants);
    const products = Math.ceil(variants / SIZES.length);

    const a = openDatabase({ file: path.join(dir, 'import.db') });
    const t0 = performance.now();
    const report = await runImport(a.sqlite, { format: 'gmc', file: feed, sourceName: 'bench' });
    const importSeconds = (performance.now() - t0) / 1000;
    a.close();

    const b = openDatabase({ file: path.join(dir, 'raw.db') });
    const now = new Date().toISOString();
    const insP = b.sqlite.prepare(
      `INSERT INTO products (external_id, title, brand, category, category_path, tags, description_html, description_text, search_text, image_url, source, synced_at)
       VALUES (?,?,?,?,?,'',?,?,?,?,'raw',?)`,
    );
    const insV = b.sqlite.prepare(
      `INSERT INTO variants (sku, product_id, title, size, color, options, price, currency, gtin, availability, image_url, source, synced_at)
       VALUES (?,?,?,?,?,?,?,'GBP',?,?,?,'raw',?)`,
    );
    const t1 = performance.now();
    b.sqlite.transaction(() => {
      for (let p = 0; p < products; p++) {
        const color = COLORS[p % COLORS.length]!;
        const pid = Number(insP.run(`P-${p}`, `Trail Shirt ${p}`, `Brand ${p % 40}`, `Shirts ${p % 12}`, `Clothing > Tops > Shirts ${p % 12}`,
          `<p>Light shirt ${p}, "breathable".</p>`, `Light shirt ${p}, "breathable".`, color, `https://img.example/${p}.jpg`, now).lastInsertRowid);
        for (let s = 0; s < SIZES.length && p * SIZES.length + s < variants; s++) {
          const i = p * SIZES.length + s;
          insV.run(`SKU-${i}`, pid, `Trail Shirt ${p}`, SIZES[s]!, color, JSON.stringify({ Color: color, Size: SIZES[s] }), (10 + (p % 90)) * 100,
            String(4000000000000 + i).padStart(14, '0'), i % 7 ? 'in_stock' : 'out_of_stock', `https://img.example/${p}.jpg`, now);
        }
      }
    })();
    const rawSeconds = (performance.now() - t1) / 1000;
    b.close();
    const importRate = variants / importSeconds;
    const rawRate = variants / rawSeconds;
    return {
      variants,
      products,
      importSeconds: Math.round(importSeconds * 1000) / 1000,
      rawSeconds: Math.round(rawSeconds * 1000) / 1000,
      importRowsPerSecond: Math.round(importRate),
      rawRowsPerSecond: Math.round(rawRate),
      ratio: Math.round((importRate / rawRate) * 100) / 100,
      target: 0.5,
      importStatus: report.status,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const benchImportCommand: Command = {
  name: 'bench import',
  summary: 'benchmark: 100k-variant GMC feed import vs a raw prepared-statement insert',
  usage: 'aisle bench import [--variants N] [--json]',
  async run(ctx) {
    const r = await benchImport(flagInt(ctx.args, 'variants', 100_000)!);
    if (ctx.json) ctx.io.json(r);
    ctx.io.say(`import: ${r.variants.toLocaleString('en')} variants in ${r.importSeconds} s = ${r.importRowsPerSecond.toLocaleString('en')} rows/s (parse + merge, one transaction)`);
    ctx.io.say(`raw prepared-statement insert of the same rows: ${r.rawSeconds} s = ${r.rawRowsPerSecond.toLocaleString('en')} rows/s`);
    ctx.io.say(`ratio ${r.ratio} (target ≥ ${r.target}) ${r.ratio >= r.target ? 'OK' : 'BELOW TARGET'}`);
    return r.importStatus === 'succeeded' ? EXIT.OK : EXIT.UNUSABLE;
  },
};
