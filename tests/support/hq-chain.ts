/**
 * A chain for the HQ tests: retailer export files written to a temp folder, and laptops — each a
 * real data dir whose configured HQ source is run the way `aisle sync` runs it (pull, then the
 * outbox flush).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AppRuntime } from '../../src-main/app/runtime';
import { startRun } from '../../src-main/sync/import';
import { runSource, type SourceRunResult } from '../../src-main/sync/sources';
import type { HqSyncReport } from '../../src-main/sync/hq';
import { tempDir, testRuntime } from './runtime';

export interface ProductSpec {
  handle: string;
  title: string;
  sizes: { sku: string; size: string; price: string }[];
}

const csv = (rows: (string | number)[][]) =>
  rows
    .map((r) => r.map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : c)).join(','))
    .join('\n') + '\n';

export function writeShopifyProducts(dir: string, products: ProductSpec[], name = 'products.csv'): string {
  const rows: (string | number)[][] = [
    [
      'Handle',
      'Title',
      'Body (HTML)',
      'Vendor',
      'Type',
      'Tags',
      'Option1 Name',
      'Option1 Value',
      'Variant SKU',
      'Variant Price',
      'Status',
    ],
  ];
  for (const p of products)
    p.sizes.forEach((s, i) =>
      rows.push([
        p.handle,
        i ? '' : p.title,
        i ? '' : `<p>${p.title}</p>`,
        i ? '' : 'Ridgeline',
        i ? '' : 'Jackets',
        '',
        'Size',
        s.size,
        s.sku,
        s.price,
        i ? '' : 'active',
      ]),
    );
  const file = path.join(dir, name);
  fs.writeFileSync(file, csv(rows));
  return file;
}

/** Current Shopify layout: one row per SKU × location. */
export function writeShopifyInventory(
  dir: string,
  rows: { handle: string; sku: string; location: string; available: number }[],
  name = 'inventory.csv',
): string {
  const file = path.join(dir, name);
  fs.writeFileSync(
    file,
    csv([
      ['Handle', 'Title', 'Option1 Name', 'Option1 Value', 'SKU', 'Location', 'Available (not editable)'],
      ...rows.map((r) => [r.handle, '', 'Size', '', r.sku, r.location, r.available]),
    ]),
  );
  return file;
}

export function writeShopifyCustomers(
  dir: string,
  rows: { id: string; first: string; last: string; email: string; note?: string }[],
  name = 'customers.csv',
): string {
  const file = path.join(dir, name);
  fs.writeFileSync(
    file,
    csv([
      [
        'Customer ID',
        'First Name',
        'Last Name',
        'Email',
        'Accepts Email Marketing',
        'Default Address City',
        'Tags',
        'Note',
      ],
      ...rows.map((r) => [r.id, r.first, r.last, r.email, 'yes', 'Leeds', '', r.note ?? '']),
    ]),
  );
  return file;
}

export interface Laptop {
  rt: AppRuntime;
  dir: string;
  /** one `aisle sync` of the HQ source: pull every feed, then flush the outbox */
  sync(): Promise<SourceRunResult & { report: HqSyncReport }>;
  count(sql: string, ...args: unknown[]): number;
  close(): void;
}

export function laptop(opts: {
  storeId: string;
  hqUrl: () => string;
  token: string;
  pageSize?: number;
  timeoutMs?: number;
}): Laptop {
  const dir = tempDir('aisle-laptop-');
  // the laptop has an HQ source configured (so consultations and notes are queued for it); its address
  // is read when syncing, since the test's HQ may start after the laptop
  const configured = { type: 'hq', name: 'hq', baseUrl: 'http://127.0.0.1/', tokenEnv: 'AISLE_HQ_TOKEN' };
  const rt = testRuntime({ dataDir: dir, storeId: opts.storeId, config: { sources: [configured] } });
  return {
    rt,
    dir,
    async sync() {
      const src = {
        type: 'hq' as const,
        name: 'hq',
        baseUrl: opts.hqUrl(),
        tokenEnv: 'AISLE_HQ_TOKEN',
        pageSize: opts.pageSize ?? 500,
        timeoutMs: opts.timeoutMs ?? 5_000,
      };
      const runId = startRun(rt.adb.sqlite, src.name, 'hq', src.baseUrl);
      return (await runSource(rt.adb.sqlite, src, {
        runId,
        env: { AISLE_HQ_TOKEN: opts.token },
      })) as SourceRunResult & { report: HqSyncReport };
    },
    count: (sql, ...args) =>
      (rt.adb.sqlite
        .prepare(sql)
        .pluck()
        .get(...args) as number) ?? 0,
    close: () => rt.close(),
  };
}
