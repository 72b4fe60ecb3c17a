/** Per-test databases and small readers the sync tests share. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type AisleDatabase } from '../../../src-main/db/open';

export const CATALOG = '/work/shared/data/catalog-formats';
export const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/sync');

export function tempDb(): { adb: AisleDatabase; dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aisle-sync-'));
  const file = path.join(dir, 'aisle.db');
  return { adb: openDatabase({ file }), dir, file };
}

/** A fingerprint of everything an import may touch, to prove a failed import changed nothing. */
export function snapshot(adb: AisleDatabase): string {
  const tables = ['products', 'variants', 'inventory', 'stores', 'customers', 'orders', 'order_lines'];
  return JSON.stringify(tables.map((t) => adb.sqlite.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()));
}

export const count = (adb: AisleDatabase, sql: string, ...args: unknown[]): number =>
  (adb.sqlite
    .prepare(sql)
    .pluck()
    .get(...args) as number) ?? 0;

/** Writes a test file next to the test's database and returns its path. */
export function fileIn(dir: string, name: string, data: string | Buffer): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, data);
  return f;
}
