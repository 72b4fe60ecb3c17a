import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase, findMigrationsFolder, readJournal } from '../../../src-main/db/open';
import { tempDir } from '../../support/runtime';

const migrations = findMigrationsFolder();

/** A copy of the migrations folder that stops after the first `n` migrations: "the previous version". */
function migrationsUpTo(n: number): string {
  const dir = tempDir('aisle-mig-');
  fs.cpSync(migrations, dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8'));
  journal.entries = journal.entries.slice(0, n);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

describe('opening the database', () => {
  it('creates a fresh database with every migration, WAL and foreign keys on', () => {
    const file = path.join(tempDir(), 'aisle.db');
    const adb = openDatabase({ file });
    expect(adb.schemaVersion).toBe(readJournal(migrations).length);
    expect(adb.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(adb.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(adb.sqlite.pragma('user_version', { simple: true })).toBe(adb.schemaVersion);
    expect(adb.backupFile).toBeNull();
    const tables = (
      adb.sqlite.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[]
    ).map((t) => t.name);
    for (const t of [
      'products',
      'variants',
      'inventory',
      'customers',
      'orders',
      'order_lines',
      'consultations',
      'consultation_messages',
      'consultation_suggestions',
      'sync_runs',
      'sync_cursors',
      'outbox',
      'settings',
      'associates',
      'product_fts',
    ])
      expect(tables).toContain(t);
    adb.close();
  });

  it('opening again applies nothing and makes no backup', () => {
    const file = path.join(tempDir(), 'aisle.db');
    openDatabase({ file }).close();
    const again = openDatabase({ file });
    expect(again.backupFile).toBeNull();
    again.close();
  });

  it('upgrades a database of the previous schema: backup first, data kept, new FTS index covers old rows', () => {
    const dir = tempDir();
    const file = path.join(dir, 'aisle.db');
    const old = openDatabase({ file, migrationsFolder: migrationsUpTo(1) });
    expect(old.schemaVersion).toBe(1);
    old.sqlite
      .prepare(
        "INSERT INTO products (external_id, title, search_text, source, synced_at) VALUES ('p1', 'Storm Shell Jacket', 'waterproof', 'test', '2026-01-01T00:00:00Z')",
      )
      .run();
    old.close();

    const upgraded = openDatabase({ file });
    expect(upgraded.schemaVersion).toBe(readJournal(migrations).length);
    expect(upgraded.backupFile).not.toBeNull();
    expect(fs.existsSync(upgraded.backupFile!)).toBe(true);
    const kept = upgraded.sqlite.prepare('SELECT title FROM products').all();
    expect(kept).toEqual([{ title: 'Storm Shell Jacket' }]);
    const found = upgraded.sqlite.prepare("SELECT rowid FROM product_fts WHERE product_fts MATCH 'storm'").all();
    expect(found).toHaveLength(1);
    upgraded.close();

    // the backup is a usable copy of the old database
    const backup = new Database(fs.readdirSync(path.join(dir, 'backups')).map((f) => path.join(dir, 'backups', f))[0], {
      readonly: true,
    });
    expect(backup.prepare('SELECT count(*) AS n FROM products').get()).toEqual({ n: 1 });
    backup.close();
  });

  it('refuses a database written by a newer Aisle and leaves it untouched', () => {
    const file = path.join(tempDir(), 'aisle.db');
    const adb = openDatabase({ file });
    adb.sqlite.pragma(`user_version = ${adb.schemaVersion + 3}`);
    adb.close();
    const before = fs.readFileSync(file);
    expect(() => openDatabase({ file })).toThrow(/newer version of Aisle/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a database whose migration history goes beyond what this version knows', () => {
    const file = path.join(tempDir(), 'aisle.db');
    openDatabase({ file }).close();
    const raw = new Database(file);
    raw
      .prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)')
      .run('future', Date.now() + 10 ** 10);
    raw.close();
    expect(() => openDatabase({ file })).toThrow(/newer version of Aisle/);
  });

  it('a failing migration rolls back completely and keeps the data, with the backup named', () => {
    const dir = tempDir();
    const file = path.join(dir, 'aisle.db');
    const old = openDatabase({ file, migrationsFolder: migrationsUpTo(1) });
    old.sqlite.prepare("INSERT INTO stores (id, name) VALUES ('S1', 'Edinburgh')").run();
    old.close();
    const broken = migrationsUpTo(2);
    const ftsFile = fs.readdirSync(broken).find((f) => f.startsWith('0001'))!;
    fs.appendFileSync(path.join(broken, ftsFile), '\n--> statement-breakpoint\nTHIS IS NOT SQL;');
    expect(() => openDatabase({ file, migrationsFolder: broken })).toThrow(
      /rolled back.*copy from before the upgrade/s,
    );
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare('SELECT name FROM stores').all()).toEqual([{ name: 'Edinburgh' }]);
    expect(raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'product_fts'").get()).toEqual({ n: 0 });
    raw.close();
  });

  it('a file that is not a database is reported, not overwritten', () => {
    const file = path.join(tempDir(), 'aisle.db');
    fs.writeFileSync(file, 'this is a spreadsheet, not a database'.repeat(200));
    const before = fs.readFileSync(file);
    expect(() => openDatabase({ file })).toThrow(/cannot be opened|not a database/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});
