/**
 * `aisle hq doctor`: is the database reachable, are the shipped migrations applied, which
 * devices are enrolled (and quiet for over a day), is there an event backlog (customer edits HQ
 * could not apply). Never changes anything.
 */
import { appliedHqMigrations, hqMigrationTags, openHqDatabase, redactUrl } from './db';

export interface HqDoctorCheck {
  name: string;
  status: 'ok' | 'warn' | 'fail';
  detail: string;
}

export interface HqDoctorReport {
  status: 'ok' | 'warn' | 'fail';
  database: string;
  checks: HqDoctorCheck[];
}

export async function runHqDoctor(url: string): Promise<HqDoctorReport> {
  const checks: HqDoctorCheck[] = [];
  const hdb = openHqDatabase(url, { max: 1, statementTimeoutMs: 10_000 });
  const finish = (): HqDoctorReport => ({
    status: checks.some((c) => c.status === 'fail') ? 'fail' : checks.some((c) => c.status === 'warn') ? 'warn' : 'ok',
    database: redactUrl(url),
    checks,
  });
  try {
    try {
      const v = await hdb.pool.query('SELECT current_setting($1) AS v', ['server_version']);
      checks.push({ name: 'database', status: 'ok', detail: `reachable (PostgreSQL ${v.rows[0].v})` });
    } catch (e) {
      checks.push({ name: 'database', status: 'fail', detail: `not reachable: ${(e as Error).message}` });
      return finish();
    }
    const shipped = hqMigrationTags().length;
    const applied = await appliedHqMigrations(hdb);
    if (applied === shipped)
      checks.push({ name: 'migrations', status: 'ok', detail: `${applied} of ${shipped} applied` });
    else {
      checks.push({
        name: 'migrations',
        status: 'fail',
        detail:
          applied === null
            ? 'none applied: run `aisle hq serve` (it migrates on start)'
            : `${applied} of ${shipped} applied: restart \`aisle hq serve\` to apply the rest`,
      });
      return finish();
    }
    const d = await hdb.pool.query(
      `SELECT count(*) FILTER (WHERE revoked_at IS NULL)::int AS live, count(*) FILTER (WHERE revoked_at IS NOT NULL)::int AS revoked,
              count(*) FILTER (WHERE revoked_at IS NULL AND coalesce(last_seen_at, created_at) < now() - interval '1 day')::int AS quiet
       FROM devices`,
    );
    const dev = d.rows[0] as { live: number; revoked: number; quiet: number };
    checks.push({
      name: 'devices',
      status: dev.live === 0 || dev.quiet > 0 ? 'warn' : 'ok',
      detail:
        dev.live === 0
          ? 'no laptop enrolled yet (aisle hq device add --store ID --name NAME)'
          : `${dev.live} enrolled, ${dev.revoked} revoked, ${dev.quiet} not seen for over a day`,
    });
    const e = await hdb.pool.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE received_at > now() - interval '1 day')::int AS day,
              count(*) FILTER (WHERE unapplied IS NOT NULL)::int AS unapplied FROM events`,
    );
    const ev = e.rows[0] as { total: number; day: number; unapplied: number };
    checks.push({
      name: 'events',
      status: ev.unapplied ? 'warn' : 'ok',
      detail: `${ev.total} stored, ${ev.day} in the last day, ${ev.unapplied} customer edit(s) waiting for a customer HQ does not know`,
    });
    const s = await hdb.pool.query(
      `SELECT (SELECT count(*) FROM stores)::int AS stores, (SELECT count(*) FROM variants)::int AS variants, (SELECT count(*) FROM customers)::int AS customers`,
    );
    const st = s.rows[0] as { stores: number; variants: number; customers: number };
    checks.push({
      name: 'data',
      status: st.variants ? 'ok' : 'warn',
      detail: `${st.stores} stores, ${st.variants} SKUs, ${st.customers} customers${st.variants ? '' : ' — import a catalog with `aisle hq import`'}`,
    });
    return finish();
  } finally {
    await hdb.close().catch(() => undefined);
  }
}
