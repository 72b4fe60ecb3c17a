/**
 * Opening the database: pragmas, migrations after a backup, refusal of a database written by a
 * newer Aisle. Nothing here ever deletes data to recover; a failure leaves the file as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { localDay } from '../shared/time';
import * as schema from './schema';
import { AppError } from '../contract/errors';
import { findUp } from '../shared/find-up';

export type Db = BetterSQLite3Database<typeof schema>;

export interface AisleDatabase {
  /** drizzle, for typed queries */
  db: Db;
  /** the raw handle, for prepared statements on hot paths and pragmas */
  sqlite: Database.Database;
  file: string;
  schemaVersion: number;
  /** where the pre-migration backup went, when one was made on this open */
  backupFile: string | null;
  close(): void;
}

export interface OpenOptions {
  file: string;
  migrationsFolder?: string;
  /** default: <dir of file>/backups */
  backupDir?: string;
}

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

/** Finds `migrations/` by walking up from this module: works from src (tests), out/ (built) and app.asar. */
export function findMigrationsFolder(): string {
  const envDir = process.env.AISLE_MIGRATIONS_DIR;
  if (envDir) return envDir;
  const journal = findUp(path.join('migrations', 'meta', '_journal.json'));
  if (journal) return path.dirname(path.dirname(journal));
  throw new AppError(
    'INTERNAL',
    'The migrations folder that ships with Aisle was not found (looked above ' + import.meta.url + ').',
  );
}

export function readJournal(migrationsFolder: string): JournalEntry[] {
  const raw = fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8');
  return (JSON.parse(raw) as { entries: JournalEntry[] }).entries;
}

function appliedMigrations(sqlite: Database.Database): { count: number; lastCreatedAt: number | null } {
  const exists = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='__drizzle_migrations'").get();
  if (!exists) return { count: 0, lastCreatedAt: null };
  const row = sqlite.prepare('SELECT count(*) AS n, max(created_at) AS last FROM __drizzle_migrations').get() as {
    n: number;
    last: number | null;
  };
  return { count: row.n, lastCreatedAt: row.last };
}

/**
 * SQL functions the schema's triggers call (migrations 0006+), so every connection that writes must
 * register them — every writer in the app opens the database here. `store_day(iso, timeZone)` is the
 * calendar day of a UTC timestamp in the store's zone (KPI days; shared/time.ts).
 */
export function registerSqlFunctions(sqlite: Database.Database): void {
  sqlite.function('store_day', { deterministic: true }, (iso: unknown, timeZone: unknown) =>
    typeof iso === 'string' ? localDay(iso, typeof timeZone === 'string' ? timeZone : null) : null,
  );
}

export function openDatabase(opts: OpenOptions): AisleDatabase {
  const migrationsFolder = opts.migrationsFolder ?? findMigrationsFolder();
  const journal = readJournal(migrationsFolder);
  const known = journal.length;
  const lastKnownWhen = journal.length ? journal[journal.length - 1]!.when : 0;

  fs.mkdirSync(path.dirname(opts.file), { recursive: true });
  let sqlite: Database.Database;
  try {
    sqlite = new Database(opts.file);
    sqlite.pragma('journal_mode = WAL');
  } catch (e) {
    throw new AppError(
      'UNAVAILABLE',
      `The database ${opts.file} cannot be opened: ${(e as Error).message}. It was not changed; restore a backup or move it aside.`,
    );
  }
  try {
    registerSqlFunctions(sqlite);
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');

    const userVersion = sqlite.pragma('user_version', { simple: true }) as number;
    const applied = appliedMigrations(sqlite);
    const newer =
      userVersion > known ||
      applied.count > known ||
      (applied.lastCreatedAt !== null && applied.lastCreatedAt > lastKnownWhen);
    if (newer) {
      throw new AppError(
        'UNAVAILABLE',
        `The database ${opts.file} was written by a newer version of Aisle (schema ${Math.max(userVersion, applied.count)}; this version knows ${known}). ` +
          'It was not changed. Install the newer Aisle, or point --data-dir at another folder.',
      );
    }

    let backupFile: string | null = null;
    const pending = known - applied.count;
    if (pending > 0 && applied.count > 0) {
      const backupDir = opts.backupDir ?? path.join(path.dirname(opts.file), 'backups');
      fs.mkdirSync(backupDir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      backupFile = path.join(backupDir, `${path.basename(opts.file, '.db')}-schema${applied.count}-${stamp}.db`);
      sqlite.prepare('VACUUM INTO ?').run(backupFile);
    }

    const db = drizzle(sqlite, { schema });
    if (pending > 0) {
      try {
        // drizzle applies every pending migration inside one BEGIN…COMMIT, so a failure rolls all back.
        migrate(db, { migrationsFolder });
      } catch (e) {
        throw new AppError(
          'UNAVAILABLE',
          `Upgrading the database ${opts.file} failed and was rolled back: ${(e as Error).message}.` +
            (backupFile ? ` A copy from before the upgrade is at ${backupFile}.` : '') +
            ' No data was deleted.',
        );
      }
      sqlite.pragma(`user_version = ${known}`);
    }

    return {
      db,
      sqlite,
      file: opts.file,
      schemaVersion: known,
      backupFile,
      close: () => sqlite.close(),
    };
  } catch (e) {
    sqlite.close();
    throw e;
  }
}
