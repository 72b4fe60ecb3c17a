/**
 * `aisle bench hq`: a chain-sized HQ in a database of its own (created on the given server and
 * dropped afterwards), generated in PostgreSQL with generate_series, then measured:
 *  1. a laptop's first full pull of its store through the real client and merge (rows/s), against a
 *     raw PostgreSQL read + SQLite insert of the same rows (the ratio; target ≥ 0.5) — inserted into the
 *     laptop's own tables (its schema, indexes and triggers: where the rows must end up), and for
 *     comparison into bare tables of the same width with only a key; rounds alternate pull and baselines
 *     and the medians are compared;
 *  2. an incremental pull after 1% of prices and stock changed (target < 5 s);
 *  3. event ingest from N simulated laptops over HTTP (events/s, p95 latency);
 *  4. chain-wide KPIs for a year, as a regional manager (p95; target < 500 ms).
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { summarize, type LatencySummary } from '../bench/stats';
import { openDatabase } from '../db/open';
import { HqClient, SHARED_PAGE_TRANSACTIONS, syncHq, type HqSyncReport } from '../sync/hq';
import { migrateHq, openHqDatabase, type HqDatabase } from './db';
import { addDevice } from './devices';
import { rebuildConsultationDays } from './events';
import { addManager, managerForToken, signInManager } from './managers';
import { storeKpis } from './review';
import { startHqService } from './server';

/**
 * HQ runs in its own process (`aisle hq serve`), as in production, so the simulated laptops in this
 * process do not share its event loop; from source (no built CLI) it runs in-process.
 */
async function startHq(hdb: HqDatabase, url: string): Promise<{ url: string; close(): Promise<void> }> {
  const cli = process.argv[1] ?? '';
  if (!/aisle(\.mjs)?$|cli\.js$/.test(cli)) return startHqService(hdb, { requestTimeoutMs: 120_000 });
  const child = spawn(process.execPath, [cli, 'hq', 'serve', '--port', '0', '--json'], {
    env: { ...process.env, AISLE_HQ_DATABASE_URL: url },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let out = '';
  const served = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c) => {
      out += c;
      try {
        resolve((JSON.parse(out) as { url: string }).url);
      } catch {
        /* not whole yet */
      }
    });
    child.once('exit', (code) => reject(new Error(`aisle hq serve exited with ${code}`)));
  });
  return { url: served, close: () => new Promise<void>((r) => (child.once('exit', () => r()), child.kill('SIGTERM'))) };
}

export interface HqBenchSizes {
  skus: number;
  stores: number;
  customers: number;
  orderLines: number;
  laptops: number;
  eventsPerLaptop: number;
  consultationsPerStoreDay: number;
}

export const FULL_SIZES: HqBenchSizes = {
  skus: 100_000,
  stores: 50,
  customers: 1_000_000,
  orderLines: 5_000_000,
  laptops: 200,
  eventsPerLaptop: 25,
  consultationsPerStoreDay: 20,
};

export interface HqBenchResult {
  sizes: HqBenchSizes;
  generateSeconds: number;
  /** medians over `rounds` first pulls, each into a fresh laptop database */
  firstPull: {
    rounds: number;
    rows: number;
    seconds: number;
    rowsPerSecond: number;
    items: HqSyncReport['items'];
  };
  /** raw read + plain INSERTs into the laptop's own tables (same schema, indexes, triggers): the target's baseline */
  rawBaseline: { rows: number; seconds: number; rowsPerSecond: number };
  pullToRawRatio: number;
  /** raw read + INSERTs into bare tables of the same width with only a key, for comparison */
  rawBareBaseline: { rows: number; seconds: number; rowsPerSecond: number };
  pullToRawBareRatio: number;
  incrementalPull: { seconds: number; items: HqSyncReport['items']; changedPrices: number; changedStockRows: number };
  ingest: { events: number; laptops: number; seconds: number; eventsPerSecond: number; latencyMs: LatencySummary };
  kpis: { consultations: number; latencyMs: LatencySummary };
}

async function generate(hdb: HqDatabase, s: HqBenchSizes, say: (l: string) => void): Promise<void> {
  const q = (text: string, args: unknown[] = []) => hdb.pool.query(text, args);
  const products = Math.ceil(s.skus / 4);
  const orders = Math.round(s.orderLines / 2.5);
  say(
    `generating ${s.skus} SKUs, ${s.stores} stores, ${s.stores * s.skus} inventory rows, ${s.customers} customers, ${orders} orders (${s.orderLines} lines)…`,
  );
  await q(
    `INSERT INTO stores (id, name) SELECT 'store-' || lpad(i::text, 3, '0'), 'Store ' || i FROM generate_series(1, $1) i`,
    [s.stores],
  );
  await q(
    `INSERT INTO products (external_id, title, brand, category, tags, description_html, status)
     SELECT 'P' || i, 'Product ' || i, 'Brand ' || (i % 40), (ARRAY['Jackets','Fleeces','Boots','Tees','Trousers'])[1 + i % 5], 'outdoor',
            '<p>Product ' || i || ' for walking and the hills.</p>', 'active'
     FROM generate_series(0, $1 - 1) i`,
    [products],
  );
  await q(
    `INSERT INTO variants (sku, product_external_id, title, size, color, price, currency, gtin, status)
     SELECT 'S' || i, 'P' || (i / 4), 'Product ' || (i / 4) || ' ' || (ARRAY['S','M','L','XL'])[1 + i % 4], (ARRAY['S','M','L','XL'])[1 + i % 4],
            (ARRAY['Black','Navy','Olive'])[1 + (i / 4) % 3], 1000 + (i % 200) * 50, 'GBP', lpad(i::text, 13, '0'), 'active'
     FROM generate_series(0, $1 - 1) i`,
    [s.skus],
  );
  await q(
    `INSERT INTO inventory (store_id, sku, quantity)
     SELECT 'store-' || lpad(st::text, 3, '0'), 'S' || i, (i * 7 + st) % 20 FROM generate_series(1, $1) st, generate_series(0, $2 - 1) i`,
    [s.stores, s.skus],
  );
  await q(
    `INSERT INTO customers (external_id, first_name, last_name, email, city, country, accepts_email, accepts_sms, tags)
     SELECT 'C' || i, 'First' || (i % 997), 'Last' || (i % 1009), 'c' || i || '@example.com', 'City ' || (i % 50), 'GB', i % 3 = 0, false, ''
     FROM generate_series(0, $1 - 1) i`,
    [s.customers],
  );
  await q(
    `INSERT INTO orders (external_id, customer_external_id, store_id, placed_at, currency, total, status, lines)
     SELECT 'O' || i, 'C' || (i % $3), 'store-' || lpad((1 + i % $2)::text, 3, '0'), now() - ((i % 365) || ' days')::interval, 'GBP',
            3 * (1000 + (i % 200) * 50), 'paid',
            CASE WHEN i % 2 = 0
              THEN jsonb_build_array(jsonb_build_object('sku', 'S' || (i % $4), 'quantity', 1, 'unitPrice', 1000 + (i % 200) * 50),
                                     jsonb_build_object('sku', 'S' || ((i * 7) % $4), 'quantity', 2, 'unitPrice', 1000 + (i % 200) * 50))
              ELSE jsonb_build_array(jsonb_build_object('sku', 'S' || (i % $4), 'quantity', 1, 'unitPrice', 1000 + (i % 200) * 50),
                                     jsonb_build_object('sku', 'S' || ((i * 7) % $4), 'quantity', 1, 'unitPrice', 1000 + (i % 200) * 50),
                                     jsonb_build_object('sku', 'S' || ((i * 13) % $4), 'quantity', 1, 'unitPrice', 1000 + (i % 200) * 50)) END
     FROM generate_series(0, $1 - 1) i`,
    [orders, s.stores, s.customers, s.skus],
  );
  // a year of consultations in every store, as laptops would have pushed them
  await q(
    `INSERT INTO events (device_id, store_id, kind, idempotency_key, created_at, payload)
     SELECT 'bench-' || st, 'store-' || lpad(st::text, 3, '0'), 'consultation', 'c-' || st || '-' || d || '-' || k,
            now() - (d || ' days')::interval - (k || ' minutes')::interval,
            jsonb_build_object('storeId', 'store-' || lpad(st::text, 3, '0'), 'consultation', jsonb_build_object(
              'id', 'c-' || st || '-' || d || '-' || k, 'outcome', CASE WHEN (st + d + k) % 3 = 0 THEN 'purchased' ELSE 'no_purchase' END,
              'basketValue', CASE WHEN (st + d + k) % 3 = 0 THEN 4000 + ((st * d + k) % 50) * 100 END, 'currency', 'GBP'))
     FROM generate_series(1, $1) st, generate_series(0, 364) d, generate_series(1, $2) k`,
    [s.stores, s.consultationsPerStoreDay],
  );
  // the bulk-loaded year bypassed ingest: count it into consultation_days as ingest would have
  await rebuildConsultationDays(hdb);
  await q('ANALYZE');
}

const totalItems = (r: HqSyncReport) => Object.values(r.items).reduce((a, b) => a + b, 0);

/** The same rows the laptop pulls, read in plain SELECTs and inserted into SQLite tables of the same width. */
async function rawIntoBareTables(hdb: HqDatabase, storeId: string): Promise<{ rows: number; seconds: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aisle-bench-raw-'));
  const db = new Database(path.join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  const reads: [string, string, unknown[]][] = [
    [
      'products',
      'SELECT external_id, title, brand, category, category_path, gender, tags, description_html, image_url, status FROM products',
      [],
    ],
    [
      'variants',
      'SELECT sku, product_external_id, title, size, color, material, options::text, price, sale_price, currency, gtin, availability, image_url, status FROM variants',
      [],
    ],
    [
      'inventory',
      'SELECT i.sku, i.store_id, s.name, i.quantity FROM inventory i JOIN stores s ON s.id = i.store_id WHERE i.store_id = $1',
      [storeId],
    ],
    [
      'customers',
      'SELECT external_id, first_name, last_name, email, phone, city, country, accepts_email::int, accepts_sms::int, tags, note FROM customers',
      [],
    ],
    [
      'orders',
      'SELECT external_id, customer_external_id, store_id, placed_at::text, currency, subtotal, total, status, lines::text FROM orders WHERE store_id = $1 OR store_id IS NULL',
      [storeId],
    ],
  ];
  const t0 = performance.now();
  let rows = 0;
  for (const [table, sql, args] of reads) {
    const r = await hdb.pool.query({ text: sql, values: args, rowMode: 'array' });
    const width = r.fields.length;
    db.exec(
      `CREATE TABLE ${table} (${r.fields.map((_field, i) => `c${i}${i === 0 ? ' PRIMARY KEY' : ''}`).join(', ')})`,
    );
    const ins = db.prepare(`INSERT INTO ${table} VALUES (${Array.from({ length: width }, () => '?').join(', ')})`);
    db.transaction(() => {
      for (const row of r.rows as unknown[][]) ins.run(...row.map((v) => (typeof v === 'boolean' ? Number(v) : v)));
    })();
    rows += r.rows.length;
  }
  const seconds = (performance.now() - t0) / 1000;
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { rows, seconds };
}

/**
 * The same rows read in plain SELECTs and written with plain INSERTs into a fresh laptop database (its
 * migrations applied before the clock starts): the tables, indexes and triggers a pull must fill, with
 * keys resolved by sub-selects and no merge logic, validation, HTTP or JSON.
 */
async function rawIntoLaptopTables(hdb: HqDatabase, storeId: string): Promise<{ rows: number; seconds: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aisle-bench-raw-laptop-'));
  const { sqlite } = openDatabase({ file: path.join(dir, 'aisle.db') });
  const read = async (sql: string, args: unknown[] = []) =>
    (await hdb.pool.query<unknown[]>({ text: sql, values: args, rowMode: 'array' })).rows.map((r) =>
      r.map((v) => (typeof v === 'boolean' ? Number(v) : v)),
    );
  const write = (sql: string, rows: unknown[][]) => {
    const ins = sqlite.prepare(sql);
    sqlite.transaction(() => {
      for (const r of rows) ins.run(...r);
    })();
    return rows.length;
  };
  const t0 = performance.now();
  let rows = 0;
  rows += write(
    `INSERT INTO products (external_id, title, brand, category, category_path, gender, tags, description_html, image_url,
       status, source, synced_at) VALUES (?,?,?,?,?,?,?,?,?,?,'raw','')`,
    await read(
      'SELECT external_id, title, brand, category, category_path, gender, tags, description_html, image_url, status FROM products',
    ),
  );
  rows += write(
    `INSERT INTO variants (sku, product_id, title, size, color, material, options, price, sale_price, currency, gtin,
       availability, image_url, status, source, synced_at)
     VALUES (?,(SELECT id FROM products WHERE external_id = ?),?,?,?,?,?,?,?,?,?,?,?,?,'raw','')`,
    await read(
      `SELECT sku, product_external_id, title, size, color, material, options::text, price, sale_price, currency, gtin,
         availability, image_url, status FROM variants`,
    ),
  );
  write(
    'INSERT INTO stores (id, name) VALUES (?,?)',
    await read('SELECT id, name FROM stores WHERE id = $1', [storeId]),
  );
  rows += write(
    `INSERT INTO inventory (variant_id, store_id, quantity, source, synced_at)
     VALUES ((SELECT id FROM variants WHERE sku = ?),?,?,'raw','')`,
    await read('SELECT sku, store_id, quantity FROM inventory WHERE store_id = $1', [storeId]),
  );
  rows += write(
    `INSERT INTO customers (external_id, first_name, last_name, email, phone, city, country, accepts_email, accepts_sms,
       tags, note, source, synced_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,'raw','')`,
    await read(
      `SELECT external_id, first_name, last_name, email, phone, city, country, accepts_email, accepts_sms, tags, note
       FROM customers`,
    ),
  );
  const orderRows = await read(
    `SELECT external_id, customer_external_id, store_id, placed_at::text, currency, subtotal, total, status, lines::text
     FROM orders WHERE store_id = $1 OR store_id IS NULL`,
    [storeId],
  );
  const insOrder = sqlite.prepare(
    `INSERT INTO orders (external_id, customer_id, store_id, placed_at, currency, subtotal, total, status, source, synced_at)
     VALUES (?,(SELECT id FROM customers WHERE external_id = ?),?,?,?,?,?,?,'raw','')`,
  );
  const insLine = sqlite.prepare(
    `INSERT INTO order_lines (order_id, line_no, variant_id, sku, title, quantity, unit_price)
     VALUES (?,?,(SELECT id FROM variants WHERE sku = ?),?,?,?,?)`,
  );
  sqlite.transaction(() => {
    for (const o of orderRows) {
      const orderId = insOrder.run(...o.slice(0, 8)).lastInsertRowid;
      const lines = JSON.parse(String(o[8])) as { sku?: string; title?: string; quantity: number; unitPrice: number }[];
      lines.forEach((l, i) =>
        insLine.run(orderId, i + 1, l.sku ?? null, l.sku ?? null, l.title ?? null, l.quantity, l.unitPrice),
      );
    }
  })();
  rows += orderRows.length;
  const seconds = (performance.now() - t0) / 1000;
  sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { rows, seconds };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Drops the bench's own database: first ends every connection to it that this role may end (the
 * bench's pool, a spawned `hq serve`, anything left by a failed run), then a plain DROP — which
 * needs only ownership, unlike WITH (FORCE) on some servers. Retried briefly, since a connection
 * may still be closing; if it cannot be dropped the error names the database and how to drop it.
 */
export async function dropBenchDatabase(admin: pg.Client, name: string): Promise<void> {
  let last: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [name],
    );
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
      return;
    } catch (e) {
      last = e;
      await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
    }
  }
  throw new Error(
    `could not drop the bench database ${name} (${(last as Error).message}); drop it with: DROP DATABASE "${name}"`,
  );
}

export async function runHqBench(
  serverUrl: string,
  sizes: HqBenchSizes,
  opts: {
    keep?: boolean;
    /** first pulls (each with both baselines) whose medians are compared; default 3 */
    rounds?: number;
    say: (l: string) => void;
    /** tests: called with the new database's URL before anything runs in it */
    onDatabase?: (url: string, name: string) => Promise<void>;
  },
): Promise<HqBenchResult> {
  const say = opts.say;
  const name = `aisle_hq_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    // the creating role owns it, so the same role may always drop it
    await admin.query(`CREATE DATABASE "${name}"`);
  } catch (e) {
    await admin.end();
    throw e;
  }
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  const hdb = openHqDatabase(u.toString(), { max: 20, statementTimeoutMs: 600_000 });
  const laptopDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aisle-bench-laptop-'));
  try {
    await opts.onDatabase?.(u.toString(), name);
    await migrateHq(hdb);
    let t = performance.now();
    await generate(hdb, sizes, say);
    const generateSeconds = (performance.now() - t) / 1000;
    say(`  generated in ${generateSeconds.toFixed(1)} s`);
    const svc = await startHq(hdb, u.toString());
    try {
      const store = 'store-001';
      const dev = await addDevice(hdb, { storeId: store, name: 'bench laptop' });
      // as the app's sync worker and `aisle sync` pull: pages may share transactions on their own connection
      const pull = { transactions: SHARED_PAGE_TRANSACTIONS };
      const client = () => new HqClient({ baseUrl: svc.url, token: dev.token, timeoutMs: 120_000 });

      // rounds alternate pull and baselines, so a noisy moment of a shared machine lands on one round of
      // each rather than on one side of the ratio; the last round's laptop is kept for the incremental pull
      const rounds = Math.max(1, opts.rounds ?? 3);
      const pulls: number[] = [];
      const raws: { rows: number; seconds: number }[] = [];
      const bares: { rows: number; seconds: number }[] = [];
      let laptop: ReturnType<typeof openDatabase> | null = null;
      let first: HqSyncReport | null = null;
      for (let round = 1; round <= rounds; round++) {
        laptop?.sqlite.close();
        laptop = openDatabase({ file: path.join(laptopDir, `round-${round}`, 'aisle.db') });
        say(`round ${round} of ${rounds}: first full pull of ${store} (page size 5000)…`);
        t = performance.now();
        first = await syncHq(laptop.sqlite, { name: 'hq', pageSize: 5000 }, client(), pull);
        const seconds = (performance.now() - t) / 1000;
        if (first.status !== 'succeeded') throw new Error(`first pull ${first.status}: ${first.error}`);
        pulls.push(seconds);
        const rows = totalItems(first);
        say(`  ${rows} rows in ${seconds.toFixed(2)} s = ${Math.round(rows / seconds)} rows/s`);
        const raw = await rawIntoLaptopTables(hdb, store);
        raws.push(raw);
        say(`  raw read + insert into the laptop's tables: ${raw.rows} rows in ${raw.seconds.toFixed(2)} s`);
        const bare = await rawIntoBareTables(hdb, store);
        bares.push(bare);
        say(`  raw read + insert into bare tables: ${bare.rows} rows in ${bare.seconds.toFixed(2)} s`);
      }
      if (!laptop || !first) throw new Error('no first pull ran');
      const pulled = totalItems(first);
      const pullSeconds = median(pulls);
      const raw = { rows: raws[0]!.rows, seconds: median(raws.map((r) => r.seconds)) };
      const bare = { rows: bares[0]!.rows, seconds: median(bares.map((r) => r.seconds)) };
      const ratio = (b: { rows: number; seconds: number }) =>
        Math.round((pulled / pullSeconds / (b.rows / b.seconds)) * 100) / 100;
      say(
        `  medians: pull ${pullSeconds.toFixed(2)} s, ` +
          `raw into the laptop's tables ${raw.seconds.toFixed(2)} s (ratio ${ratio(raw)}), raw into bare tables ${bare.seconds.toFixed(2)} s (ratio ${ratio(bare)})`,
      );

      // 1% of prices and of all stock rows change at HQ (one transaction, under the feed lock like an import)
      const c = await hdb.pool.connect();
      let changedPrices = 0;
      let changedStock = 0;
      try {
        await c.query('BEGIN');
        await c.query('SELECT pg_advisory_xact_lock(7310013)');
        changedPrices =
          (
            await c.query(
              `UPDATE variants SET price = price + 100, change_seq = nextval('hq_change_seq') WHERE abs(hashtext(sku)) % 100 = 0`,
            )
          ).rowCount ?? 0;
        changedStock =
          (
            await c.query(
              `UPDATE inventory SET quantity = quantity + 1, change_seq = nextval('hq_change_seq') WHERE abs(hashtext(store_id || sku)) % 100 = 0`,
            )
          ).rowCount ?? 0;
        await c.query('COMMIT');
      } finally {
        c.release();
      }
      say(`incremental pull after ${changedPrices} price and ${changedStock} stock changes (chain-wide)…`);
      t = performance.now();
      const inc = await syncHq(laptop.sqlite, { name: 'hq', pageSize: 5000 }, client(), pull);
      const incSeconds = (performance.now() - t) / 1000;
      say(`  ${totalItems(inc)} rows (${JSON.stringify(inc.items)}) in ${incSeconds.toFixed(2)} s`);
      laptop.sqlite.close();

      say(`event ingest from ${sizes.laptops} simulated laptops × ${sizes.eventsPerLaptop} events…`);
      const tokens: string[] = [];
      for (let i = 0; i < sizes.laptops; i++)
        tokens.push(
          (
            await addDevice(hdb, {
              storeId: `store-${String(1 + (i % sizes.stores)).padStart(3, '0')}`,
              name: `sim ${i}`,
            })
          ).token,
        );
      const latencies: number[] = [];
      t = performance.now();
      await Promise.all(
        tokens.map(async (token, li) => {
          const storeId = `store-${String(1 + (li % sizes.stores)).padStart(3, '0')}`;
          for (let e = 0; e < sizes.eventsPerLaptop; e++) {
            const key = `sim-${li}-${e}`;
            const note = e % 10 === 9;
            const body = note
              ? {
                  kind: 'customer.note',
                  idempotencyKey: key,
                  createdAt: new Date().toISOString(),
                  payload: {
                    customerExternalId: `C${(li * 1000 + e) % sizes.customers}`,
                    body: 'Prefers a relaxed fit',
                    author: 'sim',
                    at: new Date().toISOString(),
                  },
                }
              : {
                  kind: 'consultation',
                  idempotencyKey: key,
                  createdAt: new Date().toISOString(),
                  payload: {
                    storeId,
                    consultation: {
                      id: key,
                      outcome: e % 3 ? 'no_purchase' : 'purchased',
                      basketValue: e % 3 ? null : 5000,
                      currency: 'GBP',
                      turns: 4,
                    },
                    suggestions: Array.from({ length: 8 }, (_, r) => ({
                      sku: `S${(li * 31 + r) % sizes.skus}`,
                      rank: r + 1,
                    })),
                  },
                };
            const s0 = performance.now();
            const res = await fetch(`${svc.url}/v1/events`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
              body: JSON.stringify(body),
            });
            await res.arrayBuffer();
            if (res.status !== 201) throw new Error(`event ${key}: HTTP ${res.status}`);
            latencies.push(performance.now() - s0);
          }
        }),
      );
      const ingestSeconds = (performance.now() - t) / 1000;
      const events = sizes.laptops * sizes.eventsPerLaptop;
      say(
        `  ${events} events in ${ingestSeconds.toFixed(1)} s = ${Math.round(events / ingestSeconds)} events/s, p95 ${summarize(latencies).p95.toFixed(1)} ms`,
      );

      say('chain-wide KPIs for a year (regional manager)…');
      await addManager(hdb, {
        id: 'bench-regional',
        name: 'Bench',
        role: 'regional_manager',
        password: 'bench-password',
      });
      const session = await signInManager(hdb, 'bench-regional', 'bench-password');
      const m = (await managerForToken(hdb, session!.token))!;
      const from = new Date(Date.now() - 365 * 86_400_000).toISOString();
      const kpiTimes: number[] = [];
      for (let i = 0; i < 21; i++) {
        const k0 = performance.now();
        await storeKpis(hdb, m, { from });
        if (i) kpiTimes.push(performance.now() - k0);
      }
      const consultations = Number(
        (await hdb.pool.query(`SELECT count(*) FROM events WHERE kind = 'consultation'`)).rows[0].count,
      );
      say(
        `  ${consultations} consultations: p50 ${summarize(kpiTimes).p50.toFixed(0)} ms, p95 ${summarize(kpiTimes).p95.toFixed(0)} ms`,
      );

      return {
        sizes,
        generateSeconds,
        firstPull: {
          rounds,
          rows: pulled,
          seconds: pullSeconds,
          rowsPerSecond: Math.round(pulled / pullSeconds),
          items: first.items,
        },
        rawBaseline: { rows: raw.rows, seconds: raw.seconds, rowsPerSecond: Math.round(raw.rows / raw.seconds) },
        pullToRawRatio: ratio(raw),
        rawBareBaseline: {
          rows: bare.rows,
          seconds: bare.seconds,
          rowsPerSecond: Math.round(bare.rows / bare.seconds),
        },
        pullToRawBareRatio: ratio(bare),
        incrementalPull: {
          seconds: Math.round(incSeconds * 100) / 100,
          items: inc.items,
          changedPrices,
          changedStockRows: changedStock,
        },
        ingest: {
          events,
          laptops: sizes.laptops,
          seconds: Math.round(ingestSeconds * 10) / 10,
          eventsPerSecond: Math.round(events / ingestSeconds),
          latencyMs: summarize(latencies),
        },
        kpis: { consultations, latencyMs: summarize(kpiTimes) },
      };
    } finally {
      await svc.close();
    }
  } finally {
    await hdb.close();
    fs.rmSync(laptopDir, { recursive: true, force: true });
    try {
      if (!opts.keep) await dropBenchDatabase(admin, name);
      else say(`kept database ${name}`);
    } finally {
      await admin.end();
    }
  }
}
