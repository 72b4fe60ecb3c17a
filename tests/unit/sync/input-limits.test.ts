/**
 * The import's input limits, one by one, with small limits so the files stay tiny: what is refused
 * (the whole file, nothing changed) versus rejected (that row only), the messages IT reads, and the
 * three places a limit is set (configuration, AISLE_IMPORT_MAX_*, `aisle import --max-…`). The big,
 * hostile files run through the built CLI in tests/integration/sync/hostile-input.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { runImport } from '../../../src-main/sync/import';
import { openTransactionsFile } from '../../../src-main/recommender/data/transactions-file';
import { createLineGuard, parseSize, resolveLimits } from '../../../src-main/shared/input-limits';
import { ConfigError, loadConfig } from '../../../src-main/settings/config';
import { limitFlags } from '../../../src-main/cli/commands/import';
import { UsageError } from '../../../src-main/cli/command';
import { count, fileIn, FIXTURES, snapshot, tempDb } from './helpers';

let db: ReturnType<typeof tempDb>;
let before: string;
const write = (name: string, data: string | Buffer) => fileIn(db.dir, name, data);

beforeEach(async () => {
  db = tempDb();
  const r = await runImport(db.adb.sqlite, {
    format: 'gmc',
    file: path.join(FIXTURES, 'feed-traps.tsv'),
    sourceName: 'feed',
  });
  expect(r.exitCode).toBe(0);
  before = snapshot(db.adb);
});

const unchanged = () => expect(snapshot(db.adb)).toBe(before);

describe('limits that refuse the whole file (exit 2, nothing changed)', () => {
  it('a line longer than maxLineBytes names the line, the limit and how to raise it', async () => {
    const f = write('long.tsv', `id\ttitle\tprice\nA-1\t${'t'.repeat(5000)}\t1 GBP\n`);
    const r = await runImport(db.adb.sqlite, { format: 'gmc', file: f, limits: { maxLineBytes: 4096 } });
    expect(r.exitCode).toBe(2);
    expect(r.error).toBe(
      `${f}: line 2 is longer than the limit of 4,096 bytes (4 KiB); IT can raise it with --max-line-bytes, ` +
        'AISLE_IMPORT_MAX_LINE_BYTES or "import.limits.maxLineBytes" in the configuration. Nothing was changed.',
    );
    unchanged();
  });

  it('a quoted cell spanning many short lines is bounded too (an unclosed quote does not read to the end)', async () => {
    const f = write('open-quote.tsv', `id\ttitle\tprice\nA-1\t"${'short line\n'.repeat(2000)}\t1 GBP\n`);
    const r = await runImport(db.adb.sqlite, {
      format: 'gmc',
      file: f,
      limits: { maxLineBytes: 4096, maxCellChars: 1000 },
    });
    expect(r.exitCode).toBe(2);
    expect(r.error).toMatch(
      /a record still open at line \d+ is longer than 4,096 characters \(an unclosed quote\?\); the limit is 4,096 bytes/,
    );
    unchanged();
  });

  it('more gunzipped bytes than maxBytes, and a plain file over it before a byte is parsed', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `N-${i}\tNew ${i}\t1 GBP`).join('\n');
    const text = `id\ttitle\tprice\n${rows}\n`;
    const gz = write('feed.tsv.gz', zlib.gzipSync(text));
    const r = await runImport(db.adb.sqlite, { format: 'gmc', file: gz, limits: { maxBytes: 10_000 } });
    expect(r.exitCode).toBe(2);
    expect(r.error).toMatch(
      /expands \(gunzipped\) to more than the limit of 10,000 bytes \(9\.8 KiB\); IT can raise it with --max-bytes/,
    );
    const plain = write('feed.tsv', text);
    const r2 = await runImport(db.adb.sqlite, { format: 'gmc', file: plain, limits: { maxBytes: 10_000 } });
    expect(r2.error).toMatch(
      new RegExp(
        `is ${Buffer.byteLength(text).toLocaleString('en')} bytes .* long, more than the limit of 10,000 bytes`,
      ),
    );
    expect(count(db.adb, "SELECT count(*) FROM variants WHERE sku LIKE 'N-%'")).toBe(0);
    unchanged();
  });

  it('a header with more columns than maxColumns', async () => {
    const header = ['id', 'title', 'price', ...Array.from({ length: 50 }, (_, i) => `extra_${i}`)].join('\t');
    const f = write('wide.tsv', `${header}\nA-1\tAlpha\t1 GBP\n`);
    const r = await runImport(db.adb.sqlite, { format: 'gmc', file: f, limits: { maxColumns: 20 } });
    expect(r.exitCode).toBe(2);
    expect(r.error).toMatch(
      /the header on line 1 has 53 fields; the limit is 20 columns; IT can raise it with --max-columns/,
    );
    unchanged();
  });

  it('XML: one text node longer than maxLineBytes, while a minified feed on one line is fine', async () => {
    const item = (id: string, description: string) =>
      `<item><g:id>${id}</g:id><g:title>Item ${id}</g:title><g:price>1.00 GBP</g:price><g:description>${description}</g:description></item>`;
    const feed = (items: string) =>
      `<?xml version="1.0"?><rss xmlns:g="http://base.google.com/ns/1.0" version="2.0"><channel>${items}</channel></rss>`;
    const minified = write(
      'one-line.xml',
      feed(Array.from({ length: 200 }, (_, i) => item(`M-${i}`, 'fine')).join('')),
    );
    expect(fs.statSync(minified).size).toBeGreaterThan(4096);
    const ok = await runImport(db.adb.sqlite, { format: 'gmc', file: minified, limits: { maxLineBytes: 4096 } });
    expect(ok).toMatchObject({ exitCode: 0, variants: 200 });

    const f = write('long-text.xml', feed(item('X-1', 'd'.repeat(10_000))));
    const r = await runImport(db.adb.sqlite, { format: 'gmc', file: f, limits: { maxLineBytes: 4096 } });
    expect(r.exitCode).toBe(2);
    expect(r.error).toMatch(
      /has a tag or text near line 1 longer than the limit of 4,096 bytes \(4 KiB\); IT can raise it/,
    );
  });

  it('more rejected rows than maxRejectedRows: a file of bad rows is refused instead of listed without end', async () => {
    const rows = Array.from({ length: 50 }, () => 'DUP-1\tDuplicate\t1 GBP').join('\n');
    const f = write('dups.tsv', `id\ttitle\tprice\n${rows}\n`);
    const r = await runImport(db.adb.sqlite, { format: 'gmc', file: f, limits: { maxRejectedRows: 20 } });
    expect(r.exitCode).toBe(2);
    expect(r.error).toBe(
      `${f}: more than 20 rows were rejected (the first: line 3, id: duplicate id "DUP-1" (first on line 2); this item was skipped); ` +
        'this does not look like a usable export; the limit is 20 rejected rows; IT can raise it with --max-rejected-rows, ' +
        'AISLE_IMPORT_MAX_REJECTED_ROWS or "import.limits.maxRejectedRows" in the configuration. Nothing was changed.',
    );
    unchanged();
    // at the limit the file is still imported, with its rejects listed
    const ok = await runImport(db.adb.sqlite, { format: 'gmc', file: f, limits: { maxRejectedRows: 49 } });
    expect(ok).toMatchObject({ exitCode: 1 });
    expect(ok.rejected).toHaveLength(49);
  });

  it('the same bound holds in XML feeds and for rows rejected by the cell limit', async () => {
    const items = Array.from(
      { length: 30 },
      () => '<item><g:id>D-1</g:id><g:title>D</g:title><g:price>1 GBP</g:price></item>',
    ).join('');
    const xml = write(
      'dups.xml',
      `<?xml version="1.0"?><rss xmlns:g="http://base.google.com/ns/1.0" version="2.0"><channel>${items}</channel></rss>`,
    );
    const r = await runImport(db.adb.sqlite, { format: 'gmc', file: xml, limits: { maxRejectedRows: 10 } });
    expect(r.exitCode).toBe(2);
    expect(r.error).toMatch(/more than 10 rows were rejected/);
    const big = write(
      'big-cells.tsv',
      `id\ttitle\tprice\n${Array.from({ length: 30 }, (_, i) => `B-${i}\t${'x'.repeat(50)}\t1 GBP`).join('\n')}\n`,
    );
    const r2 = await runImport(db.adb.sqlite, {
      format: 'gmc',
      file: big,
      limits: { maxRejectedRows: 10, maxCellChars: 20 },
    });
    expect(r2.exitCode).toBe(2);
    expect(r2.error).toMatch(/more than 10 rows were rejected \(the first: line 2, title: cell is 50 characters long/);
    unchanged();
  });

  it('the transactions reader (aisle eval) applies the same limits', async () => {
    const f = write('tx.csv', `customer_id,item_id,timestamp\nc1,${'i'.repeat(3000)},2024-01-01\n`);
    const reader = openTransactionsFile(f, { limits: resolveLimits({ maxLineBytes: 1024 }) });
    await expect(async () => {
      for await (const _ of reader.rows()) void _;
    }).rejects.toThrow(`${f}: line 2 is longer than the limit of 1,024 bytes (1 KiB)`);
  });
});

describe('limits that reject one row (exit 1, the rest imported)', () => {
  it('a cell over maxCellChars, and a row with more fields than maxColumns', async () => {
    const f = write(
      'rows.tsv',
      `id\ttitle\tprice\nBIG-1\t${'b'.repeat(300)}\t1 GBP\nWIDE-1\tWide\t1 GBP${'\tx'.repeat(30)}\nOK-1\tFine\t2 GBP\n`,
    );
    const r = await runImport(db.adb.sqlite, { format: 'gmc', file: f, limits: { maxCellChars: 200, maxColumns: 20 } });
    expect(r.exitCode).toBe(1);
    expect(r.rejected).toEqual([
      {
        line: 2,
        field: 'title',
        message:
          'cell is 300 characters long; the limit is 200 characters; IT can raise it with --max-cell-chars, AISLE_IMPORT_MAX_CELL_CHARS or "import.limits.maxCellChars" in the configuration',
      },
      {
        line: 3,
        field: 'column 21',
        message:
          'row has 33 fields; the limit is 20 columns; IT can raise it with --max-columns, AISLE_IMPORT_MAX_COLUMNS or "import.limits.maxColumns" in the configuration',
      },
    ]);
    expect(count(db.adb, "SELECT count(*) FROM variants WHERE sku IN ('OK-1', 'BIG-1', 'WIDE-1')")).toBe(1);
  });

  it('XML: an item whose field is over maxCellChars, gathered in pieces (text and CDATA)', async () => {
    const f = write(
      'big-field.xml',
      `<?xml version="1.0"?><rss xmlns:g="http://base.google.com/ns/1.0" version="2.0"><channel>
<item><g:id>BIG-1</g:id><g:title>Big</g:title><g:price>1.00 GBP</g:price><g:description>${'a'.repeat(150)}<![CDATA[${'b'.repeat(150)}]]></g:description></item>
<item><g:id>OK-1</g:id><g:title>Fine</g:title><g:price>1.00 GBP</g:price></item>
</channel></rss>`,
    );
    const r = await runImport(db.adb.sqlite, { format: 'gmc', file: f, limits: { maxCellChars: 200 } });
    expect(r.exitCode).toBe(1);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]).toMatchObject({ line: 2, field: 'description' });
    expect(r.rejected[0]!.message).toMatch(/^cell is 300 characters long; the limit is 200 characters/);
    expect(count(db.adb, "SELECT count(*) FROM variants WHERE sku = 'OK-1'")).toBe(1);
    expect(count(db.adb, "SELECT count(*) FROM variants WHERE sku = 'BIG-1'")).toBe(0);
  });
});

describe('only regular files', () => {
  it('a folder is refused by name', async () => {
    const r = await runImport(db.adb.sqlite, { format: 'shopify-products', file: db.dir });
    expect(r.exitCode).toBe(2);
    expect(r.error).toMatch(/is a folder, not a file: only regular files are imported/);
    unchanged();
  });
});

describe('where IT sets the limits', () => {
  it('sizes read as people write them', () => {
    expect(parseSize('64M')).toBe(64 * 1024 ** 2);
    expect(parseSize('2GiB')).toBe(2 * 1024 ** 3);
    expect(parseSize('512k')).toBe(512 * 1024);
    expect(parseSize('5000')).toBe(5000);
    for (const bad of ['', 'lots', '-5', '0', '1.5.2']) expect(parseSize(bad)).toBeNull();
  });

  it('configuration file and AISLE_IMPORT_MAX_* variables (the variable wins), with a clear error for a bad value', () => {
    const file = path.join(db.dir, 'config.json');
    fs.writeFileSync(file, JSON.stringify({ import: { limits: { maxColumns: 300, maxBytes: 1000 } } }));
    const { config } = loadConfig({
      machineFile: null,
      userFile: null,
      env: { AISLE_CONFIG: file, AISLE_IMPORT_MAX_BYTES: '64M' },
    });
    expect(config.import.limits).toEqual({ maxColumns: 300, maxBytes: 64 * 1024 ** 2 });
    expect(() =>
      loadConfig({ machineFile: null, userFile: null, env: { AISLE_IMPORT_MAX_LINE_BYTES: 'lots' } }),
    ).toThrow(ConfigError);
    expect(() =>
      loadConfig({ machineFile: null, userFile: null, env: { AISLE_IMPORT_MAX_LINE_BYTES: 'lots' } }),
    ).toThrow(/AISLE_IMPORT_MAX_LINE_BYTES \(import\.limits\.maxLineBytes\)/);
  });

  it('`aisle import --max-…` flags override the configuration; a bad value names the flag', () => {
    const args = (flags: Record<string, string>) => ({ positionals: [], flags });
    expect(
      limitFlags(args({ 'max-line-bytes': '1M', 'max-columns': '50' }), { maxColumns: 300, maxBytes: 1000 }),
    ).toEqual({
      maxLineBytes: 1024 ** 2,
      maxColumns: 50,
      maxBytes: 1000,
    });
    expect(() => limitFlags(args({ 'max-bytes': 'huge' }), {})).toThrow(UsageError);
    expect(() => limitFlags(args({ 'max-bytes': 'huge' }), {})).toThrow(/--max-bytes must be a positive number/);
  });

  it('the line guard counts across chunk boundaries and restarts at each newline', () => {
    const guard = createLineGuard(10, false);
    guard(Buffer.from('12345'));
    guard(Buffer.from('67890\n1234567890\n'));
    expect(() => guard(Buffer.from('123456'))).not.toThrow();
    expect(() => guard(Buffer.from('78901'))).toThrow(/line 3 is longer than the limit of 10 bytes/);
  });
});

describe('a feed URL is downloaded within the byte limit', () => {
  it('a download that never ends stops at maxBytes, names the limit and leaves no temp file', async () => {
    const { fetchToTemp } = await import('../../../src-main/sync/sources');
    const http = await import('node:http');
    const os = await import('node:os');
    const chunk = Buffer.alloc(64 * 1024, 'z');
    // an endless body: the server keeps writing until the client goes away
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/tab-separated-values' });
      const more = () => {
        while (res.write(chunk)) if (res.destroyed) return;
        res.once('drain', more);
      };
      res.on('close', () => res.removeAllListeners('drain'));
      more();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    // a private temp folder, so other test runs on this machine cannot make the count wrong
    const privateTmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aisle-fetch-test-'));
    const savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = privateTmp;
    try {
      await expect(fetchToTemp(`http://127.0.0.1:${port}/feed.tsv`, undefined, 1024 ** 2)).rejects.toThrow(
        /the download is larger than 1,048,576 bytes; the limit is 1,048,576 bytes \(1 MiB\); IT can raise it with --max-bytes/,
      );
      expect(fs.readdirSync(privateTmp)).toEqual([]);
    } finally {
      if (savedTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = savedTmp;
      fs.rmSync(privateTmp, { recursive: true, force: true });
      server.closeAllConnections();
      server.close();
    }
  });
});
