/**
 * `aisle hq …` as IT runs it (the built binary in child processes) on a real PostgreSQL database:
 * enrol a laptop, import through the CLI, serve; then HQ is killed (SIGKILL) in the middle of a
 * laptop's pull, and the laptop's next sync resumes from its cursor with nothing lost or doubled.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hqMigrationTags } from '../../../src-main/hq/db';
import { readCursor } from '../../../src-main/sync/hq';
import { BIN, BUILT, BUILT_ENV, builtAisle } from '../../support/built-cli';
import { laptop, writeShopifyInventory, writeShopifyProducts, type ProductSpec } from '../../support/hq-chain';
import { createTestHqDatabase, type TestHqDatabase } from '../../support/hq-postgres';
import { tempDir } from '../../support/runtime';

const PRODUCTS: ProductSpec[] = Array.from({ length: 60 }, (_, i) => ({
  handle: `tee-${i}`,
  title: `Merino Tee ${i}`,
  sizes: ['S', 'M', 'L', 'XL'].map((size) => ({ sku: `TEE-${i}-${size}`, size, price: `${30 + (i % 7)}.00` })),
}));

let pg: TestHqDatabase;
let env: NodeJS.ProcessEnv;
const hqCli = (...args: string[]) => builtAisle(...args);

interface Served {
  child: ChildProcess;
  url: string;
  /** request log lines (JSON) as HQ writes them */
  log: Record<string, unknown>[];
  onLog?: (entry: Record<string, unknown>) => void;
}

async function serve(port = 0): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'hq', 'serve', '--port', String(port), '--json'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const served: Served = { child, url: '', log: [] };
  readline.createInterface({ input: child.stderr }).on('line', (line) => {
    try {
      const entry = JSON.parse(line) as Record<string, unknown>;
      served.log.push(entry);
      served.onLog?.(entry);
    } catch {
      /* human lines */
    }
  });
  let out = '';
  served.url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c) => {
      out += c;
      try {
        resolve((JSON.parse(out) as { url: string }).url);
      } catch {
        /* not the whole document yet */
      }
    });
    child.once('exit', (code) => reject(new Error(`aisle hq serve exited with ${code} before listening`)));
  });
  return served;
}

const stop = (s: Served, signal: NodeJS.Signals) =>
  new Promise<void>((r) => (s.child.exitCode !== null ? r() : (s.child.once('exit', () => r()), s.child.kill(signal))));

beforeAll(async () => {
  if (!BUILT) return;
  pg = await createTestHqDatabase();
  env = { ...BUILT_ENV, AISLE_HQ_DATABASE_URL: pg.url };
  Object.assign(BUILT_ENV, { AISLE_HQ_DATABASE_URL: pg.url });
});
afterAll(async () => {
  delete (BUILT_ENV as Record<string, unknown>).AISLE_HQ_DATABASE_URL;
  await pg?.drop();
});

describe.skipIf(!BUILT)('aisle hq (built CLI) on PostgreSQL', () => {
  it('imports through the CLI, enrols a laptop (--json), and HQ killed mid-pull loses or doubles nothing', async () => {
    const files = tempDir('aisle-hq-cli-');
    const products = await hqCli('hq', 'import', 'shopify-products', writeShopifyProducts(files, PRODUCTS), '--json');
    expect(products.code, products.stderr).toBe(0);
    expect(JSON.parse(products.stdout)).toMatchObject({ status: 'succeeded', inserted: 300 });
    const stock = PRODUCTS.flatMap((p) =>
      p.sizes.map((s) => ({ handle: p.handle, sku: s.sku, location: 'Leeds', available: 4 })),
    );
    expect((await hqCli('hq', 'import', 'shopify-inventory', writeShopifyInventory(files, stock))).code).toBe(0);

    const bad = await hqCli('hq', 'device', 'add', '--store', 'york', '--name', 'York till');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/store "york" is not known at HQ \(known: leeds\)/);
    const enrol = await hqCli('hq', 'device', 'add', '--store', 'leeds', '--name', 'Leeds till 1', '--json');
    expect(enrol.code, enrol.stderr).toBe(0);
    const device = JSON.parse(enrol.stdout) as { device: string; store: string; token: string };
    expect(device).toMatchObject({
      store: 'leeds',
      device: expect.stringMatching(/^dev_/),
      token: expect.stringMatching(/^aisle_.{40,}/),
    });
    const stored = await pg.hdb.pool.query('SELECT token_hash FROM devices');
    expect(stored.rows[0].token_hash).not.toContain(device.token);

    let hq = await serve();
    const port = Number(new URL(hq.url).port);
    const health = await fetch(`${hq.url}/health`);
    const shipped = hqMigrationTags().length;
    expect(await health.json()).toMatchObject({ status: 'ok', migrations: { applied: shipped, shipped } });

    // kill HQ once it has answered the 5th page of variants
    let variantPages = 0;
    hq.onLog = (e) => {
      if (e.path === '/v1/variants' && ++variantPages === 5) hq.child.kill('SIGKILL');
    };
    const l = laptop({
      storeId: 'leeds',
      hqUrl: () => `http://127.0.0.1:${port}`,
      token: device.token,
      pageSize: 20,
      timeoutMs: 10_000,
    });
    const first = await l.sync();
    expect(first.status).toBe('failed');
    expect(first.error).toMatch(/HQ unavailable/);
    const committed = l.count('SELECT count(*) FROM variants');
    expect(committed).toBeGreaterThanOrEqual(80);
    expect(committed).toBeLessThan(240);
    const cursor = readCursor(l.rt.adb.sqlite, 'hq', 'variants');
    expect(cursor).not.toBeNull();

    hq = await serve(port);
    const second = await l.sync();
    expect(second.status, second.error ?? '').toBe('succeeded');
    // the next run starts at the stored cursor: only the variants not yet applied come again
    expect(hq.log.find((e) => e.path === '/v1/variants')).toBeDefined();
    expect(second.report.items.variants).toBe(240 - committed);
    expect(l.count('SELECT count(*) FROM products')).toBe(60);
    expect(l.count('SELECT count(*) FROM variants')).toBe(240);
    expect(l.count("SELECT count(*) FROM inventory WHERE store_id = 'leeds'")).toBe(240);
    expect(l.count('SELECT sum(quantity) FROM inventory')).toBe(960);
    l.close();

    // revoke through the CLI: the running HQ refuses the token at once
    expect((await hqCli('hq', 'device', 'revoke', device.device)).code).toBe(0);
    expect(
      (await fetch(`${hq.url}/v1/products?limit=1`, { headers: { authorization: `Bearer ${device.token}` } })).status,
    ).toBe(401);
    const doctor = await hqCli('hq', 'doctor', '--json');
    expect(
      JSON.parse(doctor.stdout).checks.map((c: { name: string; status: string }) => `${c.name}:${c.status}`),
    ).toEqual(expect.arrayContaining(['database:ok', 'migrations:ok', 'events:ok']));
    await stop(hq, 'SIGTERM');
    expect(hq.child.exitCode).toBe(0);
  });

  it('logs requests without tokens or customer data, and bounds page sizes and bodies', async () => {
    const hq = await serve();
    try {
      const enrol = JSON.parse(
        (await hqCli('hq', 'device', 'add', '--store', 'leeds', '--name', 'Leeds till 2', '--json')).stdout,
      ) as { token: string };
      const auth = { authorization: `Bearer ${enrol.token}` };
      const big = await fetch(`${hq.url}/v1/variants?limit=100000`, { headers: auth });
      expect(((await big.json()) as { items: unknown[] }).items.length).toBe(240);
      const small = await fetch(`${hq.url}/v1/variants?limit=7`, { headers: auth });
      expect(((await small.json()) as { items: unknown[] }).items.length).toBe(7);
      expect((await fetch(`${hq.url}/v1/variants?cursor=abc`, { headers: auth })).status).toBe(400);
      const huge = await fetch(`${hq.url}/v1/events`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': 'k' },
        body: JSON.stringify({
          kind: 'consultation',
          idempotencyKey: 'k',
          createdAt: '2026-01-01T00:00:00Z',
          payload: { blob: 'x'.repeat(2 * 1024 * 1024) },
        }),
      });
      expect(huge.status).toBe(413);
      const logged = JSON.stringify(hq.log);
      expect(logged).toContain('"path":"/v1/variants"');
      expect(logged).not.toContain(enrol.token);
      expect(logged).not.toContain('xxxxxxxx');
    } finally {
      await stop(hq, 'SIGTERM');
    }
  });
});
