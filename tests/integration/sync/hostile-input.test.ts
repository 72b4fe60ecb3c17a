/**
 * Hostile import files through the built `aisle import`, each in a child process whose peak memory
 * the kernel reports: a gzip whose one line expands to 5 GB, gzips of millions of rows (cleaned away,
 * or all rejected), a plain 200 MB line, a FIFO and /dev/zero. Each is refused quickly with a message naming the file and the
 * limit, memory stays flat (peak RSS < 300 MB), and the data already stored is exactly as it was.
 * The bombs are built as gzip streams from one compressed block repeated (never 5 GB on disk).
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/db/open';
import { BIN, BUILT, BUILT_ENV, builtAisle } from '../../support/built-cli';
import { tempDir } from '../../support/runtime';
import { FIXTURES, snapshot } from '../../unit/sync/helpers';

const PEAK_RSS_LIMIT_MB = 300;
const GB = 1024 ** 3;

/**
 * A valid gzip file whose content is `head`, then `body` repeated `times` times, then `tail`. Each
 * piece is deflated on its own and ends on a full flush, so its compressed bytes stand alone and can
 * be repeated: the file is a few MB while its content is gigabytes. The CRC is the real one.
 */
function gzipBomb(head: string, body: Buffer, times: number, tail: string): Buffer {
  const full = { finishFlush: zlib.constants.Z_FULL_FLUSH, level: 9 };
  const headZ = zlib.deflateRawSync(Buffer.from(head), full);
  const bodyZ = zlib.deflateRawSync(body, full);
  const tailZ = zlib.deflateRawSync(Buffer.from(tail)); // the final block
  let crc = zlib.crc32(head);
  for (let i = 0; i < times; i++) crc = zlib.crc32(body, crc);
  crc = zlib.crc32(tail, crc);
  const size = Buffer.byteLength(head) + body.length * times + Buffer.byteLength(tail);
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size % 2 ** 32, 4);
  return Buffer.concat([header, headZ, ...Array<Buffer>(times).fill(bodyZ), tailZ, trailer]);
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  peakRssMb: number;
  seconds: number;
}

/** `aisle import …` in a child process, with its peak RSS. */
function aisleImport(dataDir: string, ...args: string[]): Promise<Run> {
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [
      '--import',
      path.resolve(import.meta.dirname, '../../support/report-peak-rss.mjs'),
      BIN,
      '--data-dir',
      dataDir,
      'import',
      ...args,
      '--json',
    ],
    { env: BUILT_ENV, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      const kb = Number(/peak-rss-kb (\d+)/.exec(stderr)?.[1] ?? NaN);
      resolve({ code, stdout, stderr, peakRssMb: Math.round(kb / 1024), seconds: (Date.now() - started) / 1000 });
    }),
  );
}

let dataDir = '';
let before = '';
const readSnapshot = () => {
  const adb = openDatabase({ file: path.join(dataDir, 'aisle.db') });
  try {
    expect(adb.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    return snapshot(adb);
  } finally {
    adb.close();
  }
};

beforeAll(async () => {
  if (!BUILT) return;
  dataDir = tempDir('aisle-hostile-');
  // something already stored that a refused file must leave exactly as it was
  const seeded = await builtAisle('--data-dir', dataDir, 'import', 'gmc', path.join(FIXTURES, 'feed-traps.tsv'));
  expect(seeded.code).toBe(0);
  before = readSnapshot();
}, 60_000);

// the bombs are a few MB each: do not leave them in the temp folder
afterAll(() => {
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

function expectRefused(r: Run, file: string, message: RegExp): void {
  const report = JSON.parse(r.stdout) as { exitCode: number; status: string; error: string };
  expect(r.code, r.stderr).toBe(2);
  expect(report.status).toBe('failed');
  expect(report.error).toContain(file);
  expect(report.error).toMatch(message);
  expect(report.error).toMatch(/Nothing was changed/);
  expect(r.peakRssMb, `peak RSS ${r.peakRssMb} MB`).toBeLessThan(PEAK_RSS_LIMIT_MB);
  expect(readSnapshot()).toBe(before);
}

describe.skipIf(!BUILT)('hostile import files are refused with flat memory and nothing changed', () => {
  it('a gzip whose one line expands to 5 GB', async () => {
    const file = path.join(dataDir, 'one-line-bomb.tsv.gz');
    const body = Buffer.alloc(1024 ** 2, 'x');
    fs.writeFileSync(file, gzipBomb('id\ttitle\tprice\tdescription\nBOMB-1\tBomb\t1 GBP\t', body, 5 * 1024, '\n'));
    expect(fs.statSync(file).size).toBeLessThan(20 * 1024 ** 2);
    const r = await aisleImport(dataDir, 'gmc', file);
    expectRefused(
      r,
      file,
      /line 2 is longer than the limit of 16,777,216 bytes \(16 MiB\); IT can raise it with --max-line-bytes, AISLE_IMPORT_MAX_LINE_BYTES or "import\.limits\.maxLineBytes"/,
    );
  }, 60_000);

  it('a gzip of 5 GB in some 60 million short rows, refused at the byte limit IT set', async () => {
    const file = path.join(dataDir, 'many-rows-bomb.csv.gz');
    // real UCI cancellation lines: each one is read, cleaned away and counted, nothing kept per row
    const row = 'C536379,22423,REGENCY CAKESTAND 3 TIER,-1,2010-12-01 09:41:00,12.75,14527,United Kingdom\n';
    const body = Buffer.from(row.repeat(Math.floor(1024 ** 2 / row.length)));
    const times = Math.ceil((5 * GB) / body.length);
    fs.writeFileSync(
      file,
      gzipBomb('InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n', body, times, ''),
    );
    // the default limit (2 GiB) refuses it the same way, only later: the flag keeps the test short
    const r = await aisleImport(dataDir, 'transactions', file, '--max-bytes', '64M');
    expectRefused(
      r,
      file,
      /expands \(gunzipped\) to more than the limit of 67,108,864 bytes \(64 MiB\); IT can raise it with --max-bytes/,
    );
  }, 120_000);

  it('a gzip of 5 GB of the same feed row, refused at the reject limit with the defaults', async () => {
    const file = path.join(dataDir, 'duplicate-rows-bomb.tsv.gz');
    // every row after the first is a duplicate id: each used to add a reject to memory (1 GB per 2 M rows)
    const row = 'DUP-1\tDuplicate jacket\t99.00 GBP\tin stock\n';
    const body = Buffer.from(row.repeat(Math.floor(1024 ** 2 / row.length)));
    fs.writeFileSync(file, gzipBomb('id\ttitle\tprice\tavailability\n', body, Math.ceil((5 * GB) / body.length), ''));
    const r = await aisleImport(dataDir, 'gmc', file);
    expectRefused(
      r,
      file,
      /more than 100,000 rows were rejected \(the first: line 3, id: duplicate id "DUP-1".*IT can raise it with --max-rejected-rows/,
    );
  }, 120_000);

  it('a plain file with one 200 MB line', async () => {
    const file = path.join(dataDir, 'long-line.csv');
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, 'Handle,Title,Body (HTML),Variant SKU,Variant Price\nlong,Long,"');
    const mb = Buffer.alloc(1024 ** 2, 'y');
    for (let i = 0; i < 200; i++) fs.writeSync(fd, mb);
    fs.writeSync(fd, '",LONG-1,10.00\n');
    fs.closeSync(fd);
    try {
      const r = await aisleImport(dataDir, 'shopify-products', file);
      expectRefused(r, file, /line 2 is longer than the limit of 16,777,216 bytes/);
    } finally {
      fs.rmSync(file);
    }
  }, 60_000);

  it('a FIFO is refused at once instead of waiting for a writer', async () => {
    const fifo = path.join(dataDir, 'feed.fifo');
    execFileSync('mkfifo', [fifo]);
    const r = await aisleImport(dataDir, 'gmc', fifo);
    expectRefused(r, fifo, /is a named pipe \(FIFO\), not a file: only regular files are imported/);
    expect(r.seconds).toBeLessThan(10);
  }, 30_000);

  it('a device (/dev/zero) is refused at once instead of read forever', async () => {
    const r = await aisleImport(dataDir, 'transactions', '/dev/zero');
    expectRefused(r, '/dev/zero', /is a device, not a file/);
    expect(r.seconds).toBeLessThan(10);
  }, 30_000);
});
