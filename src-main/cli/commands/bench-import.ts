/**
 * `aisle bench import`: a generated 100k-variant GMC TSV imported into a fresh temp database, against
 * a raw prepared-statement insert of the same rows into the same tables of another fresh database,
 * measured back to back in each of several rounds (median reported). Target: import rate ≥ 50% of the raw rate.
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
  const lines = [
    'id\titem_group_id\ttitle\tdescription\tprice\tavailability\tgtin\tbrand\tproduct_type\tcolor\tsize\timage_link',
  ];
  for (let i = 0; i < variants; i++) {
    const p = Math.floor(i / SIZES.length);
    const color = COLORS[p % COLORS.length]!;
    lines.push(
      [
        `SKU-${i}`,
        `P-${p}`,
        `Trail Shirt ${p}`,
        `"<p>Light shirt ${p}, ""breathable"".</p>"`,
        `${(10 + (p % 90)).toFixed(2)} GBP`,
        i % 7 ? 'in_stock' : 'out of stock',
        String(4000000000000 + i).padStart(14, '0'),
        `Brand ${p % 40}`,
        `Clothing > Tops > Shirts ${p % 12}`,
        color,
        SIZES[i % SIZES.length]!,
        `https://img.example/${p}.jpg`,
      ].join('\t'),
    );
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** One round: the import into a fresh database, then the raw insert into another; seconds of each. */
async function round(
  dir: string,
  feed: string,
  variants: number,
  k: number,
): Promise<{ importSeconds: number; rawSeconds: number; status: string }> {
  const products = Math.ceil(variants / SIZES.length);
  const a = openDatabase({ file: path.join(dir, `import-${k}.db`) });
  const t0 = performance.now();
  const report = await runImport(a.sqlite, { format: 'gmc', file: feed, sourceName: 'bench' });
  const importSeconds = (performance.now() - t0) / 1000;
  a.close();

  const b = openDatabase({ file: path.join(dir, `raw-${k}.db`) });
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
      const pid = Number(
        insP.run(
          `P-${p}`,
          `Trail Shirt ${p}`,
          `Brand ${p % 40}`,
          `Shirts ${p % 12}`,
          `Clothing > Tops > Shirts ${p % 12}`,
          `<p>Light shirt ${p}, "breathable".</p>`,
          `Light shirt ${p}, "breathable".`,
          color,
          `https://img.example/${p}.jpg`,
          now,
        ).lastInsertRowid,
      );
      for (let s = 0; s < SIZES.length && p * SIZES.length + s < variants; s++) {
        const i = p * SIZES.length + s;
        insV.run(
          `SKU-${i}`,
          pid,
          `Trail Shirt ${p}`,
          SIZES[s]!,
          color,
          JSON.stringify({ Color: color, Size: SIZES[s] }),
          (10 + (p % 90)) * 100,
          String(4000000000000 + i).padStart(14, '0'),
          i % 7 ? 'in_stock' : 'out_of_stock',
          `https://img.example/${p}.jpg`,
          now,
        );
      }
    }
  })();
  const rawSeconds = (performance.now() - t1) / 1000;
  b.close();
  return { importSeconds, rawSeconds, status: report.status };
}

/** `rounds` paired rounds (import, then raw, on fresh databases); medians, because one run on a shared machine is noise. */
export async function benchImport(variants: number, rounds = 3) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aisle-bench-import-'));
  try {
    const feed = path.join(dir, 'feed.tsv');
    generateFeed(feed, variants);
    const runs: { importSeconds: number; rawSeconds: number; status: string }[] = [];
    for (let k = 0; k < rounds; k++) runs.push(await round(dir, feed, variants, k));
    const importSeconds = median(runs.map((r) => r.importSeconds));
    const rawSeconds = median(runs.map((r) => r.rawSeconds));
    const r3 = (x: number) => Math.round(x * 1000) / 1000;
    return {
      variants,
      products: Math.ceil(variants / SIZES.length),
      rounds,
      importSeconds: r3(importSeconds),
      rawSeconds: r3(rawSeconds),
      importRowsPerSecond: Math.round(variants / importSeconds),
      rawRowsPerSecond: Math.round(variants / rawSeconds),
      /** median of the per-round ratios (each round's import and raw insert ran back to back) */
      ratio: Math.round(median(runs.map((r) => r.rawSeconds / r.importSeconds)) * 100) / 100,
      ratios: runs.map((r) => Math.round((r.rawSeconds / r.importSeconds) * 100) / 100),
      target: 0.5,
      importStatus: runs.every((r) => r.status === 'succeeded')
        ? 'succeeded'
        : runs.find((r) => r.status !== 'succeeded')!.status,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const benchImportCommand: Command = {
  name: 'bench import',
  summary: 'benchmark: 100k-variant GMC feed import vs a raw prepared-statement insert',
  usage: 'aisle bench import [--variants N] [--rounds N] [--json]',
  async run(ctx) {
    const r = await benchImport(flagInt(ctx.args, 'variants', 100_000)!, Math.max(1, flagInt(ctx.args, 'rounds', 3)!));
    if (ctx.json) ctx.io.json(r);
    ctx.io.say(`${r.rounds} round(s); medians:`);
    ctx.io.say(
      `import: ${r.variants.toLocaleString('en')} variants in ${r.importSeconds} s = ${r.importRowsPerSecond.toLocaleString('en')} rows/s (parse + merge, one transaction)`,
    );
    ctx.io.say(
      `raw prepared-statement insert of the same rows: ${r.rawSeconds} s = ${r.rawRowsPerSecond.toLocaleString('en')} rows/s`,
    );
    ctx.io.say(
      `ratio ${r.ratio} (median of ${r.ratios.join(', ')}; target ≥ ${r.target}) ${r.ratio >= r.target ? 'OK' : 'BELOW TARGET'}`,
    );
    return r.importStatus === 'succeeded' ? EXIT.OK : EXIT.UNUSABLE;
  },
};
