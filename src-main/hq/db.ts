/**
 * HQ's connection to PostgreSQL: a bounded pool (node-postgres) wrapped by drizzle, migrations from
 * migrations-hq/, and the connection string from `--database-url`, `AISLE_HQ_DATABASE_URL` or the
 * configuration key `hq.databaseUrl` (in that order).
 */
import fs from 'node:fs';
import path from 'node:path';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { findUp } from '../shared/find-up';
import { hqSchema } from './schema';

export type HqDrizzle = NodePgDatabase<typeof hqSchema>;

export interface HqDatabase {
  pool: pg.Pool;
  db: HqDrizzle;
  close(): Promise<void>;
}

export class HqConfigError extends Error {}

export function hqDatabaseUrl(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const url = flag ?? env.AISLE_HQ_DATABASE_URL;
  if (!url)
    throw new HqConfigError(
      'no HQ database: pass --database-url or set AISLE_HQ_DATABASE_URL (e.g. postgres://aisle@localhost/aisle_hq)',
    );
  if (!/^postgres(ql)?:\/\//.test(url))
    throw new HqConfigError(
      `AISLE_HQ_DATABASE_URL must start with postgres:// (got "${url.replace(/:[^:@/]*@/, ':***@')}")`,
    );
  return url;
}

/** Hides the password of a connection string for logs and doctor output. */
export const redactUrl = (url: string): string => url.replace(/(postgres(?:ql)?:\/\/[^:/@]+):[^@]*@/, '$1:***@');

export function openHqDatabase(url: string, opts: { max?: number; statementTimeoutMs?: number } = {}): HqDatabase {
  // every statement is bounded: a stuck query frees its connection instead of starving the pool
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    statement_timeout: opts.statementTimeoutMs ?? 30_000,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // an idle client losing its connection (database restart) must not crash the server
  pool.on('error', () => undefined);
  const db = drizzle(pool, { schema: hqSchema });
  return { pool, db, close: () => pool.end() };
}

export function findHqMigrationsFolder(): string {
  const envDir = process.env.AISLE_HQ_MIGRATIONS_DIR;
  if (envDir) return envDir;
  const journal = findUp(path.join('migrations-hq', 'meta', '_journal.json'));
  if (journal) return path.dirname(path.dirname(journal));
  throw new HqConfigError('the migrations-hq folder that ships with Aisle was not found');
}

export function hqMigrationTags(folder = findHqMigrationsFolder()): string[] {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  return journal.entries.map((e) => e.tag);
}

/** Applies pending migrations (each in a transaction; drizzle records them in drizzle.__drizzle_migrations). */
export async function migrateHq(hdb: HqDatabase): Promise<void> {
  await migrate(hdb.db, { migrationsFolder: findHqMigrationsFolder() });
}

/** How many migrations the database has applied, or null before the first one. */
export async function appliedHqMigrations(hdb: HqDatabase): Promise<number | null> {
  const exists = await hdb.pool.query(`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS ok`);
  if (!exists.rows[0]?.ok) return null;
  const r = await hdb.pool.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
  return r.rows[0].n as number;
}
