/**
 * Chain-wide Review data for HQ managers, read from the consultation records laptops push
 * (events of kind "consultation"; payload.consultation is the laptop's ConsultationSummary).
 * Every query is limited to the stores the manager may see.
 */
import { associateLabel } from '../contract/review';
import type { HqDatabase } from './db';
import { visibleStores, type Manager } from './managers';

export interface StoreKpis {
  storeId: string;
  storeName: string;
  consultations: number;
  purchased: number;
  conversion: number;
  /** minor units, summed over purchased consultations; null when none */
  basketValue: number | null;
  currency: string | null;
}

export interface DateRange {
  from?: string;
  to?: string;
}

function scope(m: Manager, args: unknown[], column = 'e.store_id'): string {
  const stores = visibleStores(m);
  if (!stores) return 'TRUE';
  args.push(stores);
  return `${column} = ANY($${args.length}::text[])`;
}

function range(r: DateRange, args: unknown[]): string {
  const parts: string[] = [];
  if (r.from) {
    args.push(r.from);
    parts.push(`e.created_at >= $${args.length}::timestamptz`);
  }
  if (r.to) {
    args.push(r.to);
    parts.push(`e.created_at < $${args.length}::timestamptz`);
  }
  return parts.join(' AND ') || 'TRUE';
}

/**
 * Per-store comparison: one row per visible store, including stores with no consultations yet.
 * Counts whole UTC days (consultation_days, kept at ingest): from `from`'s day up to, not
 * including, `to`'s day.
 */
export async function storeKpis(hdb: HqDatabase, m: Manager, r: DateRange = {}): Promise<StoreKpis[]> {
  const args: unknown[] = [];
  const days: string[] = [];
  if (r.from) {
    args.push(r.from);
    days.push(`d.day >= ($${args.length}::timestamptz AT TIME ZONE 'UTC')::date`);
  }
  if (r.to) {
    args.push(r.to);
    days.push(`d.day < ($${args.length}::timestamptz AT TIME ZONE 'UTC')::date`);
  }
  const storeWhere = scope(m, args, 's.id');
  const res = await hdb.pool.query(
    `WITH k AS (
       SELECT d.store_id, sum(d.consultations)::int AS consultations, sum(d.purchased)::int AS purchased,
              sum(d.basket_value) AS basket_value, max(d.currency) AS currency
       FROM consultation_days d WHERE ${days.join(' AND ') || 'TRUE'} GROUP BY d.store_id)
     SELECT s.id AS store_id, s.name AS store_name, coalesce(k.consultations, 0) AS consultations, coalesce(k.purchased, 0) AS purchased,
            CASE WHEN k.purchased > 0 THEN k.basket_value END AS basket_value, k.currency
     FROM stores s LEFT JOIN k ON k.store_id = s.id WHERE ${storeWhere} ORDER BY s.id`,
    args,
  );
  return res.rows.map((x) => ({
    storeId: x.store_id,
    storeName: x.store_name,
    consultations: x.consultations,
    purchased: x.purchased,
    conversion: x.consultations ? Math.round((x.purchased / x.consultations) * 1000) / 1000 : 0,
    basketValue: x.basket_value == null ? null : Number(x.basket_value),
    currency: x.currency ?? null,
  }));
}

export interface ConsultationListItem {
  id: string;
  storeId: string;
  device: string;
  receivedAt: string;
  summary: Record<string, unknown>;
}

export async function listConsultations(
  hdb: HqDatabase,
  m: Manager,
  q: DateRange & { storeId?: string; limit?: number },
): Promise<ConsultationListItem[]> {
  const args: unknown[] = [];
  let where = `e.kind = 'consultation' AND ${scope(m, args)} AND ${range(q, args)}`;
  if (q.storeId) {
    args.push(q.storeId);
    where += ` AND e.store_id = $${args.length}`;
  }
  args.push(Math.min(Math.max(q.limit ?? 100, 1), 500));
  const res = await hdb.pool.query(
    `SELECT e.idempotency_key AS id, e.store_id, e.device_id, e.received_at, e.payload->'consultation' AS summary
     FROM events e WHERE ${where} ORDER BY e.created_at DESC, e.id DESC LIMIT $${args.length}`,
    args,
  );
  return res.rows.map((x) => ({
    id: x.id,
    storeId: x.store_id,
    device: x.device_id,
    receivedAt: new Date(x.received_at).toISOString(),
    summary: x.summary ?? {},
  }));
}

/** One consultation as pushed (summary, suggestions, purchases): what replay shows. Null when absent or out of scope. */
export async function getConsultation(
  hdb: HqDatabase,
  m: Manager,
  id: string,
): Promise<Record<string, unknown> | null> {
  const args: unknown[] = [id];
  const res = await hdb.pool.query(
    `SELECT e.store_id, e.device_id, e.payload FROM events e WHERE e.kind = 'consultation' AND e.idempotency_key = $1 AND ${scope(m, args)} ORDER BY e.id LIMIT 1`,
    args,
  );
  const r = res.rows[0];
  return r ? { id, storeId: r.store_id, device: r.device_id, ...r.payload } : null;
}

/** A pushed consultation record as the HQ app's Review reads it. */
export interface ConsultationRecord {
  key: string;
  storeId: string;
  device: string;
  createdAt: string;
  payload: Record<string, unknown>;
}

/** Most records one Review call reads; past it the manager is asked to narrow the range. */
export const MAX_REVIEW_RECORDS = 50_000;

/**
 * Consultation records of the visible stores pushed between two instants (the event's own time, the
 * laptop's end of the consultation), optionally of some stores only. Returns at most `limit` + 1 rows
 * so the caller can tell "more than the limit".
 */
export async function consultationRecords(
  hdb: HqDatabase,
  m: Manager,
  q: { from?: string; to?: string; storeIds?: string[]; ids?: string[]; limit?: number },
): Promise<ConsultationRecord[]> {
  const args: unknown[] = [];
  let where = `e.kind = 'consultation' AND ${scope(m, args)} AND ${range(q, args)}`;
  if (q.storeIds?.length) {
    args.push(q.storeIds);
    where += ` AND e.store_id = ANY($${args.length}::text[])`;
  }
  if (q.ids) {
    args.push(q.ids);
    where += ` AND e.idempotency_key = ANY($${args.length}::text[])`;
  }
  args.push((q.limit ?? MAX_REVIEW_RECORDS) + 1);
  const res = await hdb.pool.query(
    `SELECT e.idempotency_key AS key, e.store_id, e.device_id, e.created_at, e.payload
     FROM events e WHERE ${where} ORDER BY e.created_at DESC, e.id DESC LIMIT $${args.length}`,
    args,
  );
  return res.rows.map((x) => ({
    key: String(x.key),
    storeId: String(x.store_id),
    device: String(x.device_id),
    createdAt: new Date(x.created_at).toISOString(),
    payload: (x.payload ?? {}) as Record<string, unknown>,
  }));
}

/** The stores a manager may see, with names (for the status line and the comparison). */
export async function visibleStoreList(hdb: HqDatabase, m: Manager): Promise<{ id: string; name: string }[]> {
  const args: unknown[] = [];
  const res = await hdb.pool.query(
    `SELECT s.id, s.name FROM stores s WHERE ${scope(m, args, 's.id')} ORDER BY s.id`,
    args,
  );
  return res.rows.map((x) => ({ id: String(x.id), name: String(x.name) }));
}

/**
 * The associates named in the visible stores' consultation records (the Review list's filter), worded
 * as Review shows them (`associateLabel`): ids are per laptop, so one id in two stores may be two
 * people — both names are given then.
 */
export async function pushedAssociates(hdb: HqDatabase, m: Manager): Promise<{ id: string; name: string }[]> {
  const args: unknown[] = [];
  const res = await hdb.pool.query(
    `SELECT e.payload->'consultation'->>'associateId' AS id,
            string_agg(DISTINCT nullif(btrim(e.payload->'transcript'->>'associateName'), ''), ' / ') AS name
     FROM events e WHERE e.kind = 'consultation' AND ${scope(m, args)} AND e.payload->'consultation' ? 'associateId'
     GROUP BY 1 ORDER BY 1 LIMIT 2000`,
    args,
  );
  return res.rows.map((x) => {
    const id = String(x.id);
    return { id, name: associateLabel(id, x.name == null ? null : String(x.name)) };
  });
}

/** `storeId` + associate id: the key of a person (associate ids are made per laptop). */
export const associateKey = (storeId: string, associateId: string) => `${storeId}\u0000${associateId}`;

/**
 * The newest name laptops pushed since an instant for these associates (keys of `associateKey`), for
 * the records that carry none — an older laptop's records have no transcript and so no name.
 */
export async function pushedAssociateNames(
  hdb: HqDatabase,
  m: Manager,
  people: { storeId: string; associateId: string }[],
  since: string,
): Promise<Map<string, string>> {
  if (!people.length) return new Map();
  const args: unknown[] = [people.map((p) => p.storeId), people.map((p) => p.associateId), since];
  const res = await hdb.pool.query(
    `SELECT DISTINCT ON (e.store_id, e.payload->'consultation'->>'associateId')
            e.store_id, e.payload->'consultation'->>'associateId' AS associate_id,
            btrim(e.payload->'transcript'->>'associateName') AS name
     FROM events e JOIN unnest($1::text[], $2::text[]) AS p(store_id, associate_id)
       ON e.store_id = p.store_id AND e.payload->'consultation'->>'associateId' = p.associate_id
     WHERE e.kind = 'consultation' AND e.created_at >= $3::timestamptz AND ${scope(m, args)}
       AND nullif(btrim(e.payload->'transcript'->>'associateName'), '') IS NOT NULL
     ORDER BY e.store_id, e.payload->'consultation'->>'associateId', e.created_at DESC, e.id DESC`,
    args,
  );
  return new Map(res.rows.map((x) => [associateKey(String(x.store_id), String(x.associate_id)), String(x.name)]));
}
