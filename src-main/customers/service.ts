/**
 * Finding customers and showing their profile. Lookup answers as the associate types: the query is
 * read as an email, a phone number, a loyalty/customer id or a name, and each is one indexed query.
 * Confirmed preferences and notes are stored here and queued for upstream.
 */
import type Database from 'better-sqlite3';
import type { AppRuntime } from '../app/runtime';
import type { CustomerProfileView, CustomerSummary } from '../contract/customers';
import { AppError } from '../contract/errors';
import { nowIso } from '../shared/time';
import { loadCustomerProfile } from './profile';
import { enqueueOutbox } from '../sync/outbox';

interface Row {
  id: number;
  externalId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  loyaltyId: string | null;
  city: string | null;
  orderCount: number;
  lastOrderAt: string | null;
}

const SUMMARY_COLUMNS = `c.id, c.external_id AS externalId, c.first_name AS firstName, c.last_name AS lastName, c.email, c.phone,
  c.loyalty_id AS loyaltyId, c.city,
  (SELECT count(*) FROM orders o WHERE o.customer_id = c.id) AS orderCount,
  (SELECT max(placed_at) FROM orders o WHERE o.customer_id = c.id) AS lastOrderAt`;

/** Digits only, so "+44 7700 900123", "07700-900123" and "7700900123" can meet. */
export function phoneDigits(s: string): string {
  return s.replace(/\D+/g, '');
}

export function displayName(first: string | null, last: string | null, fallback: string): string {
  const n = [first, last].filter(Boolean).join(' ').trim();
  return n || fallback;
}

export class CustomerService {
  private readonly s: Database.Database;

  constructor(private readonly rt: AppRuntime) {
    this.s = rt.adb.sqlite;
    // Phone lookups compare digits; SQLite has no regex replace, so normalise the common separators.
    this.s.function('aisle_digits', { deterministic: true }, (v: unknown) => (typeof v === 'string' ? phoneDigits(v) : null));
  }

  private summary(r: Row, matched: CustomerSummary['matched']): CustomerSummary {
    return {
      customerId: r.id,
      externalId: r.externalId,
      name: displayName(r.firstName, r.lastName, r.email ?? r.externalId),
      email: r.email,
      phone: r.phone,
      loyaltyId: r.loyaltyId,
      city: r.city,
      orderCount: r.orderCount,
      lastOrderAt: r.lastOrderAt,
      matched,
    };
  }

  search(query: string, limit: number): { results: CustomerSummary[]; tookMs: number } {
    const t0 = performance.now();
    const q = query.trim();
    const out: CustomerSummary[] = [];
    const seen = new Set<number>();
    const add = (rows: Row[], matched: CustomerSummary['matched']) => {
      for (const r of rows) if (!seen.has(r.id) && out.length < limit) (seen.add(r.id), out.push(this.summary(r, matched)));
    };
    if (!q) return { results: [], tookMs: 0 };
    const like = q.toLowerCase().replace(/[%_\\]/g, (m) => '\\' + m);
    // exact ids first: a scanned loyalty card or a customer number is unambiguous
    add(this.s.prepare(`SELECT ${SUMMARY_COLUMNS} FROM customers c WHERE lower(c.loyalty_id) = ? OR lower(c.external_id) = ? LIMIT ?`).all(q.toLowerCase(), q.toLowerCase(), limit) as Row[], 'loyalty');
    if (q.includes('@')) {
      add(this.s.prepare(`SELECT ${SUMMARY_COLUMNS} FROM customers c WHERE lower(c.email) LIKE ? ESCAPE '\\' ORDER BY c.email LIMIT ?`).all(like + '%', limit) as Row[], 'email');
    }
    const digits = phoneDigits(q);
    if (digits.length >= 4 && digits.length >= q.replace(/\s/g, '').length - 2) {
      // match on the trailing digits so national and international forms meet
      const tail = digits.replace(/^(44|0)/, '');
      add(this.s.prepare(`SELECT ${SUMMARY_COLUMNS} FROM customers c WHERE aisle_digits(c.phone) LIKE ? LIMIT ?`).all(`%${tail}%`, limit) as Row[], 'phone');
      add(this.s.prepare(`SELECT ${SUMMARY_COLUMNS} FROM customers c WHERE c.loyalty_id LIKE ? LIMIT ?`).all(`%${digits}%`, limit) as Row[], 'loyalty');
    }
    const words = q.toLowerCase().split(/\s+/).filter((w) => w.length > 0 && !w.includes('@')).map((w) => w.replace(/[%_\\]/g, (m) => '\\' + m));
    if (words.length && !/^\+?[\d\s()-]+$/.test(q)) {
      // every word must start the first or last name: "jo smi" finds Joanna Smith
      const cond = words.map(() => `(lower(c.first_name) LIKE ? ESCAPE '\\' OR lower(c.last_name) LIKE ? ESCAPE '\\')`).join(' AND ');
      const args = words.flatMap((w) => [w + '%', w + '%']);
      add(this.s.prepare(`SELECT ${SUMMARY_COLUMNS} FROM customers c WHERE ${cond} ORDER BY c.last_name, c.first_name LIMIT ?`).all(...args, limit) as Row[], 'name');
      add(this.s.prepare(`SELECT ${SUMMARY_COLUMNS} FROM customers c WHERE lower(c.email) LIKE ? ESCAPE '\\' LIMIT ?`).all(words[0] + '%', limit) as Row[], 'email');
    }
    return { results: out, tookMs: Math.round((performance.now() - t0) * 100) / 100 };
  }

  /** Customers this store served most recently (consultations, then orders). */
  recent(limit: number): { results: CustomerSummary[] } {
    const store = this.rt.here().id;
    const rows = this.s
      .prepare(
        `SELECT ${SUMMARY_COLUMNS} FROM customers c JOIN (
           SELECT customer_id AS cid, max(t) AS t FROM (
             SELECT customer_id, started_at AS t FROM consultations WHERE store_id = @store AND customer_id IS NOT NULL
             UNION ALL SELECT customer_id, placed_at FROM orders WHERE store_id = @store AND customer_id IS NOT NULL)
           GROUP BY customer_id ORDER BY t DESC LIMIT @limit) r ON r.cid = c.id
         ORDER BY r.t DESC`,
      )
      .all({ store, limit }) as Row[];
    return { results: rows.map((r) => this.summary(r, 'recent')) };
  }

  profile(customerId: number): CustomerProfileView {
    const c = this.s
      .prepare(
        `SELECT id, external_id AS externalId, first_name AS firstName, last_name AS lastName, email, phone, loyalty_id AS loyaltyId, city,
                tags, note, accepts_email AS acceptsEmail, accepts_sms AS acceptsSms, consent_personalization AS consent, synced_at AS syncedAt
         FROM customers WHERE id = ?`,
      )
      .get(customerId) as
      | (Omit<Row, 'orderCount' | 'lastOrderAt'> & { tags: string; note: string | null; acceptsEmail: number; acceptsSms: number; consent: number; syncedAt: string })
      | undefined;
    if (!c) throw new AppError('NOT_FOUND', `Customer ${customerId} is not in this store's data.`);

    const orderRows = this.s
      .prepare(
        `SELECT o.id AS orderId, o.external_id AS externalId, o.placed_at AS placedAt, st.name AS storeName, o.total, o.currency
         FROM orders o LEFT JOIN stores st ON st.id = o.store_id WHERE o.customer_id = ? ORDER BY o.placed_at DESC`,
      )
      .all(customerId) as { orderId: number; externalId: string; placedAt: string; storeName: string | null; total: number; currency: string }[];
    const lineRows = this.s
      .prepare(
        `SELECT ol.order_id AS orderId, ol.sku, v.product_id AS productId, coalesce(p.title, ol.title, ol.sku) AS title, v.size, v.color,
                ol.quantity, ol.unit_price AS unitPrice, coalesce(v.image_url, p.image_url) AS imageUrl
         FROM order_lines ol JOIN orders o ON o.id = ol.order_id
         LEFT JOIN variants v ON v.id = ol.variant_id LEFT JOIN products p ON p.id = v.product_id
         WHERE o.customer_id = ? ORDER BY ol.order_id, ol.line_no`,
      )
      .all(customerId) as ({ orderId: number } & CustomerProfileView['orders'][number]['lines'][number])[];
    const linesByOrder = new Map<number, CustomerProfileView['orders'][number]['lines']>();
    for (const { orderId, ...l } of lineRows) {
      let list = linesByOrder.get(orderId);
      if (!list) linesByOrder.set(orderId, (list = []));
      list.push(l);
    }
    const spend = orderRows.reduce((n, o) => n + o.total, 0);
    const currency = orderRows[0]?.currency ?? 'GBP';

    const prof = loadCustomerProfile(this.s, customerId);
    const preferences: CustomerProfileView['preferences'] = [];
    if (prof && prof.consent) {
      for (const [scope, p] of Object.entries(prof.sizes)) if (p) preferences.push({ kind: 'size', scope, value: p.value, evidence: p.evidence, origin: p.origin });
      for (const p of prof.colors) preferences.push({ kind: 'color', scope: '', value: p.value, evidence: p.evidence, origin: p.origin });
      for (const p of prof.avoidColors) preferences.push({ kind: 'avoid_color', scope: '', value: p.value, evidence: p.evidence, origin: p.origin });
      for (const p of prof.brands) preferences.push({ kind: 'brand', scope: '', value: p.value, evidence: p.evidence, origin: p.origin });
      for (const p of prof.categories) preferences.push({ kind: 'category', scope: '', value: p.value, evidence: p.evidence, origin: p.origin });
    }
    const notes = this.s
      .prepare(`SELECT n.id, n.body, coalesce(a.name, n.associate_id) AS author, n.created_at AS createdAt FROM customer_notes n LEFT JOIN associates a ON a.id = n.associate_id WHERE n.customer_id = ? ORDER BY n.created_at DESC, n.id DESC`)
      .all(customerId) as CustomerProfileView['notes'];
    if (c.note) notes.push({ id: null, body: c.note, author: null, createdAt: null });

    const name = displayName(c.firstName, c.lastName, c.email ?? c.externalId);
    return {
      customer: {
        customerId: c.id,
        externalId: c.externalId,
        firstName: c.firstName,
        lastName: c.lastName,
        name,
        email: c.email,
        phone: c.phone,
        loyaltyId: c.loyaltyId,
        city: c.city,
        tags: c.tags ? c.tags.split(',').map((t) => t.trim()).filter(Boolean) : [],
        acceptsEmail: !!c.acceptsEmail,
        acceptsSms: !!c.acceptsSms,
        consentPersonalization: !!c.consent,
        syncedAt: c.syncedAt,
      },
      stats: {
        orderCount: orderRows.length,
        lifetimeSpend: spend,
        currency,
        averageOrder: orderRows.length ? Math.round(spend / orderRows.length) : 0,
        firstOrderAt: orderRows[orderRows.length - 1]?.placedAt ?? null,
        lastOrderAt: orderRows[0]?.placedAt ?? null,
      },
      orders: orderRows.map((o) => ({ ...o, lines: linesByOrder.get(o.orderId) ?? [] })),
      preferences,
      priceBand: prof?.priceBand ?? null,
      notes,
      personalization: c.consent
        ? { allowed: true, message: 'Suggestions use this customer’s purchase history.' }
        : { allowed: false, message: `${name} has withheld consent to personalisation: suggestions will not use their history or preferences.` },
      lookupOnly: false,
    };
  }

  confirmPreference(input: { customerId: number; kind: string; scope: string; value: string }, associateId: string | null): { ok: true; queuedUpstream: boolean } {
    this.requireCustomer(input.customerId);
    const at = nowIso();
    this.s.transaction(() => {
      this.s
        .prepare(
          `INSERT INTO customer_preferences (customer_id, kind, scope, value, origin, evidence, confirmed_by, updated_at)
           VALUES (?, ?, ?, ?, 'confirmed', ?, ?, ?)
           ON CONFLICT (customer_id, kind, scope, origin) DO UPDATE SET value = excluded.value, evidence = excluded.evidence,
             confirmed_by = excluded.confirmed_by, updated_at = excluded.updated_at`,
        )
        .run(input.customerId, input.kind, input.scope, input.value, `confirmed by ${associateId ?? 'an associate'} on ${at.slice(0, 10)}`, associateId, at);
      enqueueOutbox(this.rt.adb, {
        kind: 'customer.preference',
        idempotencyKey: `pref:${input.customerId}:${input.kind}:${input.scope}:${at}`,
        payload: { customerExternalId: this.externalId(input.customerId), kind: input.kind, scope: input.scope, value: input.value, confirmedBy: associateId, at },
      });
    })();
    return { ok: true, queuedUpstream: true };
  }

  removePreference(input: { customerId: number; kind: string; scope: string }): { ok: true } {
    this.s.prepare(`DELETE FROM customer_preferences WHERE customer_id = ? AND kind = ? AND scope = ? AND origin = 'confirmed'`).run(input.customerId, input.kind, input.scope);
    return { ok: true };
  }

  addNote(customerId: number, body: string, associateId: string | null): { noteId: number; queuedUpstream: boolean } {
    this.requireCustomer(customerId);
    const at = nowIso();
    let noteId = 0;
    this.s.transaction(() => {
      noteId = Number(this.s.prepare('INSERT INTO customer_notes (customer_id, associate_id, body, created_at) VALUES (?, ?, ?, ?)').run(customerId, associateId, body, at).lastInsertRowid);
      enqueueOutbox(this.rt.adb, {
        kind: 'customer.note',
        idempotencyKey: `note:${customerId}:${noteId}`,
        payload: { customerExternalId: this.externalId(customerId), body, author: associateId, at },
      });
    })();
    return { noteId, queuedUpstream: true };
  }

  private requireCustomer(id: number) {
    if (!this.s.prepare('SELECT 1 FROM customers WHERE id = ?').get(id)) throw new AppError('NOT_FOUND', `Customer ${id} is not in this store's data.`);
  }

  private externalId(id: number): string {
    return (this.s.prepare('SELECT external_id AS e FROM customers WHERE id = ?').get(id) as { e: string }).e;
  }
}
