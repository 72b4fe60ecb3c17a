/**
 * The push side: `POST /v1/events`. Each event is stored once per (device, Idempotency-Key) —
 * keys are made on a laptop (e.g. "note:<local id>"), so two laptops may use the same key for
 * different things, but one laptop resending is the same event. Customer edits are applied in
 * the same transaction as the event is stored, so an event is applied exactly once.
 *
 * Conflict rule, per field: the value with the latest timestamp of its own edit wins (the `at`
 * of the laptop's edit; an HQ import counts as an edit at the time it runs, for the fields it
 * changes). On equal timestamps the value already held stays. Notes are not a single value:
 * every note is kept and all of them go back out in the customers feed.
 */
import type pg from 'pg';
import { z } from 'zod';
import type { HqDatabase } from './db';
import type { AuthenticatedDevice } from './devices';
import { lockFeeds } from './feeds';

export const MAX_EVENT_BYTES = 1024 * 1024;

const eventSchema = z.object({
  kind: z.string().min(1).max(100),
  idempotencyKey: z.string().min(1).max(300),
  createdAt: z.iso.datetime({ offset: true }),
  payload: z.record(z.string(), z.unknown()),
});

const iso = z.iso.datetime({ offset: true });
const noteSchema = z.object({
  customerExternalId: z.string().min(1),
  body: z.string().min(1).max(20_000),
  author: z.string().nullish(),
  at: iso,
});
const preferenceSchema = z.object({
  customerExternalId: z.string().min(1),
  kind: z.string().min(1).max(100),
  scope: z.string().max(200),
  value: z.string().max(1000),
  confirmedBy: z.string().nullish(),
  at: iso,
});
const consentSchema = z.object({
  customerExternalId: z.string().min(1),
  acceptsEmail: z.boolean().nullish(),
  acceptsSms: z.boolean().nullish(),
  at: iso,
});

export class EventRejected extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403,
  ) {
    super(message);
  }
}

export interface IngestResult {
  stored: boolean;
  duplicate: boolean;
  event: number;
  /** customer edits only: false with a reason when the customer is unknown or the edit is older than what HQ holds */
  applied?: boolean;
  reason?: string;
}

function fieldError(what: string, e: z.ZodError): EventRejected {
  const i = e.issues[0]!;
  return new EventRejected(`${what}: field ${i.path.join('.') || '(body)'}: ${i.message}`, 400);
}

/** Validates an event before anything is written; throws EventRejected naming the field. */
export function parseEvent(body: unknown, headerKey: string | undefined, device: AuthenticatedDevice) {
  if (!headerKey) throw new EventRejected('the Idempotency-Key header is required', 400);
  const r = eventSchema.safeParse(body);
  if (!r.success) throw fieldError('event', r.error);
  const ev = r.data;
  if (ev.idempotencyKey !== headerKey)
    throw new EventRejected(
      `the Idempotency-Key header (${headerKey.slice(0, 80)}) and the body's idempotencyKey differ`,
      400,
    );
  const storeId = ev.payload.storeId;
  if (storeId !== undefined && storeId !== null && storeId !== device.storeId) {
    throw new EventRejected(
      `this device is enrolled for store "${device.storeId}" and cannot push events for store "${String(storeId).slice(0, 80)}"`,
      403,
    );
  }
  const edit =
    ev.kind === 'customer.note'
      ? noteSchema.safeParse(ev.payload)
      : ev.kind === 'customer.preference'
        ? preferenceSchema.safeParse(ev.payload)
        : ev.kind === 'customer.consent'
          ? consentSchema.safeParse(ev.payload)
          : null;
  if (edit && !edit.success) throw fieldError(`${ev.kind} payload`, edit.error);
  return ev;
}

async function bumpCustomer(client: pg.PoolClient, externalId: string): Promise<void> {
  await client.query(
    `UPDATE customers SET change_seq = nextval('hq_change_seq'), updated_at = now() WHERE external_id = $1`,
    [externalId],
  );
}

/** `waiting`: the edit names a customer HQ does not have yet (doctor's backlog); an edit that lost to a later one is settled, not waiting */
async function applyCustomerEdit(
  client: pg.PoolClient,
  device: AuthenticatedDevice,
  kind: string,
  payload: Record<string, unknown>,
): Promise<{ applied: boolean; reason?: string; waiting?: boolean }> {
  const customerId = payload.customerExternalId as string;
  await lockFeeds(client);
  const exists = await client.query(
    'SELECT accepts_email, accepts_email_at, accepts_sms, accepts_sms_at FROM customers WHERE external_id = $1 FOR UPDATE',
    [customerId],
  );
  if (!exists.rowCount)
    return { applied: false, waiting: true, reason: `customer ${customerId} is not known at HQ; the event is kept` };
  if (kind === 'customer.note') {
    const p = noteSchema.parse(payload);
    await client.query(
      'INSERT INTO customer_notes (customer_external_id, device_id, body, author, at) VALUES ($1, $2, $3, $4, $5)',
      [customerId, device.id, p.body, p.author ?? null, p.at],
    );
    await bumpCustomer(client, customerId);
    return { applied: true };
  }
  if (kind === 'customer.preference') {
    const p = preferenceSchema.parse(payload);
    const r = await client.query(
      `INSERT INTO customer_preferences AS cp (customer_external_id, kind, scope, value, confirmed_by, device_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (customer_external_id, kind, scope) DO UPDATE SET value = excluded.value, confirmed_by = excluded.confirmed_by,
         device_id = excluded.device_id, at = excluded.at
       WHERE cp.at < excluded.at`,
      [customerId, p.kind, p.scope, p.value, p.confirmedBy ?? null, device.id, p.at],
    );
    if (!r.rowCount) return { applied: false, reason: 'HQ already holds a later value for this preference' };
    await bumpCustomer(client, customerId);
    return { applied: true };
  }
  const p = consentSchema.parse(payload);
  const row = exists.rows[0] as { accepts_email_at: Date | null; accepts_sms_at: Date | null };
  const at = new Date(p.at);
  const newer = (held: Date | null) => !held || held.getTime() < at.getTime();
  const sets: string[] = [];
  const args: unknown[] = [customerId, p.at];
  if (p.acceptsEmail != null && newer(row.accepts_email_at)) {
    args.push(p.acceptsEmail);
    sets.push(`accepts_email = $${args.length}, accepts_email_at = $2`);
  }
  if (p.acceptsSms != null && newer(row.accepts_sms_at)) {
    args.push(p.acceptsSms);
    sets.push(`accepts_sms = $${args.length}, accepts_sms_at = $2`);
  }
  if (!sets.length) return { applied: false, reason: 'HQ already holds later values for these fields' };
  await client.query(
    `UPDATE customers SET ${sets.join(', ')}, change_seq = nextval('hq_change_seq'), updated_at = now() WHERE external_id = $1`,
    args,
  );
  return { applied: true };
}

const CONSULTATION_INSERT = `WITH ins AS (
    INSERT INTO events (device_id, store_id, kind, idempotency_key, created_at, payload) VALUES ($1, $2, $3, $4, $5, $6)
    ON CONFLICT (device_id, idempotency_key) DO NOTHING
    RETURNING id, store_id, created_at, outcome, basket_value, currency
  ), counted AS (
    INSERT INTO consultation_days AS d (store_id, day, consultations, purchased, basket_value, currency)
    SELECT store_id, (created_at AT TIME ZONE 'UTC')::date, 1, CASE WHEN outcome = 'purchased' THEN 1 ELSE 0 END,
           CASE WHEN outcome = 'purchased' THEN coalesce(basket_value, 0) ELSE 0 END, currency FROM ins
    ON CONFLICT (store_id, day) DO UPDATE SET consultations = d.consultations + 1, purchased = d.purchased + excluded.purchased,
      basket_value = d.basket_value + excluded.basket_value, currency = coalesce(excluded.currency, d.currency)
  )
  SELECT id FROM ins`;

/** Recounts consultation_days from the stored events (after a bulk load or a restore of events alone). */
export async function rebuildConsultationDays(hdb: HqDatabase): Promise<void> {
  const c = await hdb.pool.connect();
  try {
    await c.query('BEGIN');
    await c.query('DELETE FROM consultation_days');
    await c.query(
      `INSERT INTO consultation_days (store_id, day, consultations, purchased, basket_value, currency)
       SELECT store_id, (created_at AT TIME ZONE 'UTC')::date, count(*), count(*) FILTER (WHERE outcome = 'purchased'),
              coalesce(sum(basket_value) FILTER (WHERE outcome = 'purchased'), 0), max(currency)
       FROM events WHERE kind = 'consultation' GROUP BY 1, 2`,
    );
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

export const CUSTOMER_EDIT_KINDS = ['customer.note', 'customer.preference', 'customer.consent'];

export async function ingestEvent(
  hdb: HqDatabase,
  device: AuthenticatedDevice,
  body: unknown,
  headerKey: string | undefined,
): Promise<IngestResult> {
  const ev = parseEvent(body, headerKey, device);
  const insertSql = `INSERT INTO events (device_id, store_id, kind, idempotency_key, created_at, payload) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (device_id, idempotency_key) DO NOTHING RETURNING id`;
  const insertArgs = [device.id, device.storeId, ev.kind, ev.idempotencyKey, ev.createdAt, JSON.stringify(ev.payload)];
  if (!CUSTOMER_EDIT_KINDS.includes(ev.kind)) {
    // one statement is its own transaction: no BEGIN/COMMIT round trips for the common case; a new
    // consultation also counts into its store-day in that same statement (a duplicate counts nowhere)
    const ins = await hdb.pool.query(ev.kind === 'consultation' ? CONSULTATION_INSERT : insertSql, insertArgs);
    if (ins.rowCount) return { stored: true, duplicate: false, event: Number(ins.rows[0].id) };
    const prev = await hdb.pool.query('SELECT id FROM events WHERE device_id = $1 AND idempotency_key = $2', [
      device.id,
      ev.idempotencyKey,
    ]);
    return { stored: false, duplicate: true, event: Number(prev.rows[0]?.id ?? 0) };
  }
  const client = await hdb.pool.connect();
  try {
    await client.query('BEGIN');
    const ins = await client.query(insertSql, insertArgs);
    if (!ins.rowCount) {
      await client.query('COMMIT');
      const prev = await hdb.pool.query('SELECT id FROM events WHERE device_id = $1 AND idempotency_key = $2', [
        device.id,
        ev.idempotencyKey,
      ]);
      return { stored: false, duplicate: true, event: Number(prev.rows[0]?.id ?? 0) };
    }
    const id = Number(ins.rows[0].id);
    const a = await applyCustomerEdit(client, device, ev.kind, ev.payload);
    const result: IngestResult = {
      stored: true,
      duplicate: false,
      event: id,
      applied: a.applied,
      ...(a.reason ? { reason: a.reason } : {}),
    };
    if (a.waiting) await client.query('UPDATE events SET unapplied = $2 WHERE id = $1', [id, a.reason]);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
