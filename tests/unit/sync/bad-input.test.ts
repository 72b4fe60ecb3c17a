/**
 * Every way a file can be bad: each leaves what was already stored exactly as it was, and the
 * report says what was wrong (file, line, field).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { beforeEach, describe, expect, it } from 'vitest';
import { runImport } from '../../../src-main/sync/import';
import { CATALOG, FIXTURES, count, fileIn, snapshot, tempDb } from './helpers';

const TRAPS = path.join(FIXTURES, 'feed-traps.tsv');
let db: ReturnType<typeof tempDb>;
let before: string;
const write = (name: string, data: string | Buffer) => fileIn(db.dir, name, data);

beforeEach(async () => {
  db = tempDb();
  const r = await runImport(db.adb.sqlite, { format: 'gmc', file: TRAPS, sourceName: 'feed' });
  expect(r.exitCode).toBe(0);
  before = snapshot(db.adb);
});

function expectUnchanged() {
  expect(snapshot(db.adb)).toBe(before);
  expect(db.adb.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
}

describe('bad input leaves previous data unchanged', () => {
  it('re-importing the same file reports everything unchanged', async () => {
    const r = await runImport(db.adb.sqlite, { format: 'gmc', file: TRAPS, sourceName: 'feed' });
    expect(r).toMatchObject({ exitCode: 0, inserted: 0, updated: 0, unchanged: 5, discontinued: 0 });
    expectUnchanged();
  });

  it('a truncated XML feed', async () => {
    const xml = fs.readFileSync(
      path.join(CATALOG, 'google-merchant-center-example-rss/example_feed_xml_rss.xml'),
      'utf8',
    );
    const f = write('cut.xml', xml.slice(0, Math.floor(xml.length / 2)));
    const r = await runImport(db.adb.sqlite, { format: 'gmc', file: f, sourceName: 'feed' });
    expect(r.exitCode).toBe(2);
    expect(r.error).toContain(f);
    expect(r.error).toMatch(/truncated/);
    expectUnchanged();
  });

  it('a TSV cut inside a quoted cell', async () => {
    const text = fs.readFileSync(TRAPS, 'utf8');
    const f = write('cut.tsv', text.slice(0, text.indexOf('taped') + 3));
    const r = await runImport(db.adb.sqlite, { format: 'gmc', file: f, sourceName: 'feed' });
    expect(r.exitCode).toBe(2);
    expect(r.error).toMatch(/truncated/);
    expectUnchanged();
  });

  it('a truncated gzip', async () => {
    const gz = zlib.gzipSync(fs.readFileSync(TRAPS));
    const f = write('feed.tsv.gz', gz.subarray(0, gz.length - 20));
    const r = await runImport(db.adb.sqlite, { format: 'gmc', file: f, sourceName: 'feed' });
    expect(r.exitCode).toBe(2);
    expect(r.error).toMatch(/gzip/);
    expectUnchanged();
  });

  it('a whole gzip is read (magic bytes, not the name)', async () => {
    const f = write('feed.data', zlib.gzipSync(fs.readFileSync(TRAPS)));
    const r = await runImport(db.adb.sqlite, { format: 'gmc', file: f, sourceName: 'feed' });
    expect(r).toMatchObject({ exitCode: 0, unchanged: 5 });
  });

  it('the wrong format for the command names the likely format', async () => {
    const r = await runImport(db.adb.sqlite, {
      format: 'gmc',
      file: path.join(CATALOG, 'shopifypartners-product-csvs/apparel.csv'),
      sourceName: 'feed',
    });
    expect(r.exitCode).toBe(2);
    expect(r.error).toMatch(/not a gmc file/);
    expect(r.error).toMatch(/aisle import shopify-products/);
    const r2 = await runImport(db.adb.sqlite, { format: 'shopify-orders', file: TRAPS });
    expect(r2.exitCode).toBe(2);
    expect(r2.error).toMatch(/not a shopify-orders file/);
    expectUnchanged();
  });

  it('binary garbage', async () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    const r = await runImport(db.adb.sqlite, { format: 'shopify-products', file: write('garbage.csv', bytes) });
    expect(r.exitCode).toBe(2);
    expect(r.error).toMatch(/does not look like text/);
    expectUnchanged();
  });

  it('an empty file', async () => {
    for (const format of ['gmc', 'shopify-products', 'shopify-customers'] as const) {
      const r = await runImport(db.adb.sqlite, { format, file: write('empty.csv', '') });
      expect(r.exitCode).toBe(2);
      expect(r.error).toMatch(/empty|no data rows/);
    }
    expectUnchanged();
  });

  it('duplicate IDs: the later row is rejected with its line, the first one is kept', async () => {
    const f = write(
      'dups.tsv',
      'id\ttitle\tprice\nA-1\tAlpha\t10.00 GBP\nB-2\tBeta\t5 GBP\nA-1\tAlpha again\t99 GBP\n',
    );
    const r = await runImport(db.adb.sqlite, { format: 'gmc', file: f });
    expect(r.exitCode).toBe(1);
    expect(r.rejected).toEqual([
      { line: 4, field: 'id', message: 'duplicate id "A-1" (first on line 2); this item was skipped' },
    ]);
    expect(db.adb.sqlite.prepare("SELECT price FROM variants WHERE sku='A-1'").pluck().get()).toBe(1000);
    expect(db.adb.sqlite.prepare('SELECT status FROM sync_runs ORDER BY id DESC').pluck().get()).toBe('partial');
  });

  it('a 10 MB single cell is refused for that row only', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const f = write(
      'huge.tsv',
      `id\ttitle\tdescription\tprice\nJKT-1-S\tTrail Jacket\t"${huge}"\t1 EUR\nNEW-1\tNew thing\tok\t2 EUR\n`,
    );
    const r = await runImport(db.adb.sqlite, { format: 'gmc', file: f });
    expect(r.exitCode).toBe(1);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]).toMatchObject({ line: 2, field: 'description' });
    expect(r.rejected[0]!.message).toMatch(/10,485,760 characters/);
    expect(db.adb.sqlite.prepare("SELECT price FROM variants WHERE sku='JKT-1-S'").pluck().get()).toBe(12900);
    expect(count(db.adb, "SELECT count(*) FROM variants WHERE sku='NEW-1'")).toBe(1);
  });

  it('wrong encoding: invalid UTF-8 after the sniffed start stops the import and says which --encoding to use', async () => {
    const body = Array.from({ length: 14000 }, (_, i) => `E-${i}\tPlain item ${i}\t1 EUR`).join('\n');
    const f = write(
      'late-latin1.tsv',
      Buffer.concat([
        Buffer.from(`id\ttitle\tprice\n${body}\n`),
        iconv.encode('JKT-1-S\tVeste für Régen\t5 EUR\n', 'latin1'),
      ]),
    );
    const r = await runImport(db.adb.sqlite, { format: 'gmc', file: f });
    expect(r.exitCode).toBe(2);
    expect(r.error).toMatch(/not valid UTF-8.*--encoding windows-1252/);
    expectUnchanged();
    const ok = await runImport(db.adb.sqlite, { format: 'gmc', file: f, encoding: 'windows-1252' });
    expect(ok.exitCode).toBe(0);
    expect(db.adb.sqlite.prepare("SELECT title FROM variants WHERE sku='JKT-1-S'").pluck().get()).toBe(
      'Veste für Régen',
    );
  });

  it('encodings: windows-1252 detected, UTF-16 and UTF-8 BOMs honoured', async () => {
    const text = 'id\ttitle\tprice\nENC-1\tCafé crème\t3,50 EUR\n';
    const files = {
      cp1252: write('a.tsv', iconv.encode(text, 'windows-1252')),
      utf16: write('b.tsv', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')])),
      utf8bom: write('c.tsv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])),
    };
    for (const [kind, f] of Object.entries(files)) {
      const r = await runImport(db.adb.sqlite, { format: 'gmc', file: f });
      expect(r.exitCode, kind).toBe(0);
      expect(
        db.adb.sqlite.prepare("SELECT title || '|' || price FROM variants WHERE sku='ENC-1'").pluck().get(),
        kind,
      ).toBe('Café crème|350');
      if (kind === 'cp1252') expect(r.warnings.join()).toMatch(/not valid UTF-8; it was read as windows-1252/);
    }
  });

  it('a snapshot feed discontinues what it no longer lists, without deleting referenced rows', async () => {
    const o = db.adb.sqlite
      .prepare(
        "INSERT INTO orders (external_id, placed_at, currency, total, source, synced_at) VALUES ('O1','2024-01-01T00:00:00Z','EUR',100,'t','t')",
      )
      .run();
    const mugId = db.adb.sqlite.prepare("SELECT id FROM variants WHERE sku='MUG-9'").pluck().get();
    db.adb.sqlite
      .prepare(
        "INSERT INTO order_lines (order_id, line_no, variant_id, sku, quantity, unit_price) VALUES (?,1,?,'MUG-9',1,100)",
      )
      .run(o.lastInsertRowid, mugId);
    const text = fs
      .readFileSync(TRAPS, 'utf8')
      .split('\n')
      .filter((l) => !l.startsWith('MUG-9'))
      .join('\n');
    const r = await runImport(db.adb.sqlite, { format: 'gmc', file: write('v2.tsv', text), sourceName: 'feed' });
    expect(r).toMatchObject({ exitCode: 0, discontinued: 2, unchanged: 3 });
    expect(db.adb.sqlite.prepare("SELECT status FROM variants WHERE sku='MUG-9'").pluck().get()).toBe('discontinued');
    expect(count(db.adb, 'SELECT count(*) FROM order_lines WHERE variant_id=?', mugId)).toBe(1);
    const back = await runImport(db.adb.sqlite, { format: 'gmc', file: TRAPS, sourceName: 'feed' });
    expect(back.updated).toBe(2);
    expect(db.adb.sqlite.prepare("SELECT status FROM variants WHERE sku='MUG-9'").pluck().get()).toBe('active');
  });

  it('a cancel while writing rolls the whole run back', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `C-${i}\tThing ${i}\t1 EUR`).join('\n');
    const ac = new AbortController();
    const r = await runImport(db.adb.sqlite, {
      format: 'gmc',
      file: write('many.tsv', `id\ttitle\tprice\n${rows}\n`),
      signal: ac.signal,
      yieldEvery: 100,
      onProgress: (p) => {
        if (p.phase === 'writing' && p.done >= 1000) ac.abort();
      },
    });
    expect(r).toMatchObject({ status: 'cancelled', exitCode: 2 });
    expectUnchanged();
    expect(db.adb.sqlite.prepare('SELECT status FROM sync_runs ORDER BY id DESC').pluck().get()).toBe('cancelled');
  });
});
