/**
 * A real PostgreSQL database per test suite for the HQ tests: created empty, migrated, dropped
 * at the end. The server comes from AISLE_TEST_PG_URL (a connection string to a maintenance
 * database such as /postgres, for a role allowed to CREATE DATABASE), else the role `.ci/run`
 * sets up (scripts/ensure-postgres.sh). There is no fallback and no skip: without PostgreSQL
 * these tests fail, saying how to get one.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { migrateHq, openHqDatabase, type HqDatabase } from '../../src-main/hq/db';

export const TEST_PG_URL = process.env.AISLE_TEST_PG_URL || 'postgres://aisle_test:aisle_test@127.0.0.1:5432/postgres';

export interface TestHqDatabase {
  url: string;
  name: string;
  hdb: HqDatabase;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 5_000 });
  try {
    await c.connect();
  } catch (e) {
    throw new Error(
      `HQ tests need PostgreSQL and could not reach ${TEST_PG_URL.replace(/:[^:@/]*@/, ':***@')}: ${(e as Error).message}. ` +
        "Run `bash scripts/ensure-postgres.sh` (installs Debian's postgresql, starts it, creates the test role) or set AISLE_TEST_PG_URL.",
    );
  }
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A fresh, migrated database; `drop()` removes it (connections and all). */
export async function createTestHqDatabase(prefix = 'aisle_hq_test'): Promise<TestHqDatabase> {
  const name = `${prefix}_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = withDatabase(TEST_PG_URL, name);
  const hdb = openHqDatabase(url, { max: 5 });
  await migrateHq(hdb);
  return {
    url,
    name,
    hdb,
    drop: async () => {
      await hdb.close().catch(() => undefined);
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
