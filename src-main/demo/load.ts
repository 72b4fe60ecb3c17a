/**
 * Writes the demo store into a database, all or nothing. Refuses when the database holds anything
 * that is not demo data (a retailer's catalog, customers, orders or real consultations): the demo
 * never deletes a retailer's data. Previous demo rows are replaced, so `aisle demo` reloads.
 */
import type { AisleDatabase } from '../db/open';
import { AppError } from '../contract/errors';
import {
  DEFAULT_DEMO_SEED, DEMO_CONSULTATION_PREFIX, DEMO_SOURCE, generateDemoStore, utcMidnight, type DemoStore,
} from './generate';

export interface DemoSummary {
  seed: number;
  anchor: string;
  stores: number;
  products: number;
  variants: number;
  inventoryRows: number;
  customers: number;
  orders: number;
  orderLines: number;
  associates: number;
  consultations: number;
  generateSeconds: number;
  seconds: number;
}

export interface LoadDemoOptions {
  seed?: number;
  /** "today"; default: the current date at UTC midnight */
  anchor?: Date;
}

/** Nothing a retailer would miss: no products, customers, orders or consultations at all. */
export function isDatabaseEmpty(adb: AisleDatabase): boolean {
  const row = adb.sqlite
    .prepare(
      `SELECT (SELECT count(*) FROM products) + (SELECT count(*) FROM customers)
            + (SELECT count(*) FROM orders) + (SELECT count(*) FROM consultations) AS n`,
    )
    .get() as { n: number };
  return row.n === 0;
}

/** What non-demo data is in the way, e.g. ["12 products", "3 consultations"]; empty when none. */
export function nonDemoData(adb: AisleDatabase): string[] {
  const count = (sql: string, ...params: unknown[]) => (adb.sqlite.prepare(sql).get(...params) as { n: number }).n;
  const found: string[] = [];
  const checks: [string, string][] = [
    ['products', 'SELECT count(*) AS n FROM products WHERE source <> ?'],
    ['variants', 'SELECT count(*) AS n FROM variants WHERE source <> ?'],
    ['customers', 'SELECT count(*) AS n FROM customers WHERE source <> ?'],
    ['orders', 'SELECT count(*) AS n FROM orders WHERE source <> ?'],
    ['inventory rows', 'SELECT count(*) AS n FROM inventory WHERE source <> ?'],
  ];
  for (const [label, sql] of checks) {
    const n = count(sql, DEMO_SOURCE);
    if (n > 0) found.push(`${n} ${label}`);
  }
  const consultations = count(
    "SELECT count(*) AS n FROM consultations WHERE substr(id, 1, length(?)) <> ?",
    DEMO_CONSULTATION_PREFIX,
    DEMO_CONSULTATION_PREFIX,
  );
  if (consultations > 0) found.push(`${consultations} consultations recorded in this store`);
  return found;
}

export function loadDemoStore(adb: AisleDatabase, opts: LoadDemoOptions = {}): DemoSummary {
  const began = performance.now();
  const blocking = nonDemoData(adb);
  if (blocking.length) {
    throw new AppError(
      'CONFLICT',
      `The database ${adb.file} already holds real data (${blocking.join(', ')}), so the demo store was not loaded. ` +
        'Nothing was changed. Use a separate --data-dir for the demo.',
      { found: blocking },
    );
  }
  const store = generateDemoStore({ seed: opts.seed ?? DEFAULT_DEMO_SEED, anchor: opts.anchor ?? utcMidnight(new Date()) });
  const generated = performance.now();
  const counts = writeDemoStore(adb, store);
  const done = performance.now();
  return {
    seed: store.seed,
    anchor: store.anchor,
    ...counts,
    generateSeconds: Math.round(generated - began) / 1000,
    seconds: Math.round(done - began) / 1000,
  };
}

type Counts = Omit<DemoSummary, 'seed' | 'anchor' | 'generateSeconds' | 'seconds'>;

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
const bool = (b: boolean) => (b ? 1 : 0);

function writeDemoStore(adb: AisleDatabase, s: DemoStore): Counts {
  const db = adb.sqlite;
  const now = s.syncedAt;
  const run = db.transaction((): Counts => {
    // re-check inside the transaction: another writer may have imported meanwhile
    const blocking = nonDemoData(adb);
    if (blocking.length) {
      throw new AppError('CONFLICT', `The database ${adb.file} gained real data (${blocking.join(', ')}) while the demo was loading; nothing was changed.`);
    }
    db.prepare("DELETE FROM consultations WHERE substr(id, 1, 5) = 'demo-'").run();
    db.prepare('DELETE FROM orders WHERE source = ?').run(DEMO_SOURCE);
    db.prepare('DELETE FROM inventory WHERE source = ?').run(DEMO_SOURCE);
    db.prepare('DELETE FROM customers WHERE source = ?').run(DEMO_SOURCE);
    db.prepare('DELETE FROM variants WHERE source = ?').run(DEMO_SOURCE);
    db.prepare('DELETE FROM products WHERE source = ?').run(DEMO_SOURCE);

    const upsertStore = db.prepare(
      `INSERT INTO stores (id, name, city, timezone) VALUES (?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, city = excluded.city, timezone = excluded.timezone`,
    );
    for (const st of s.stores) upsertStore.run(st.id, st.name, st.city, st.timezone);

    const insProduct = db.prepare(
      `INSERT INTO products (external_id, title, brand, category, category_path, gender, tags, description_html,
         description_text, search_text, image_url, consumable, status, attributes, source, synced_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insVariant = db.prepare(
      `INSERT INTO variants (sku, product_id, title, size, color, material, options, price, sale_price, currency, gtin,
         availability, image_url, status, source, synced_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const variantId = new Map<string, number>();
    let variants = 0;
    for (const p of s.products) {
      const pid = Number(
        insProduct.run(
          p.externalId, p.title, p.brand, p.category, p.categoryPath, p.gender, p.tags, p.descriptionHtml,
          p.descriptionText, p.searchText, p.imageUrl, bool(p.consumable), p.status, json(p.attributes), DEMO_SOURCE, now, now, now,
        ).lastInsertRowid,
      );
      for (const v of p.variants) {
        const vid = insVariant.run(
          v.sku, pid, v.title, v.size, v.color, v.material, json(v.options), v.price, v.salePrice, v.currency, v.gtin,
          v.availability, v.imageUrl, v.status, DEMO_SOURCE, now, now, now,
        ).lastInsertRowid;
        variantId.set(v.sku, Number(vid));
        variants++;
      }
    }

    const insInventory = db.prepare(
      'INSERT INTO inventory (variant_id, store_id, quantity, source, synced_at) VALUES (?, ?, ?, ?, ?)',
    );
    for (const row of s.inventory) insInventory.run(variantId.get(row.sku)!, row.storeId, row.quantity, DEMO_SOURCE, row.syncedAt);

    const insCustomer = db.prepare(
      `INSERT INTO customers (external_id, first_name, last_name, email, phone, loyalty_id, city, country, accepts_email,
         accepts_sms, consent_personalization, tags, note, source, synced_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const customerId = new Map<string, number>();
    for (const c of s.customers) {
      const id = insCustomer.run(
        c.externalId, c.firstName, c.lastName, c.email, c.phone, c.loyaltyId, c.city, c.country, bool(c.acceptsEmail),
        bool(c.acceptsSms), bool(c.consentPersonalization), c.tags, c.note, DEMO_SOURCE, now, now, now,
      ).lastInsertRowid;
      customerId.set(c.externalId, Number(id));
    }

    const insOrder = db.prepare(
      `INSERT INTO orders (external_id, customer_id, store_id, placed_at, currency, subtotal, total, status, source, synced_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insLine = db.prepare(
      'INSERT INTO order_lines (order_id, line_no, variant_id, sku, title, quantity, unit_price) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    let orderLines = 0;
    for (const o of s.orders) {
      const oid = insOrder.run(
        o.externalId, customerId.get(o.customerExternalId) ?? null, o.storeId, o.placedAt, o.currency, o.subtotal, o.total,
        o.status, DEMO_SOURCE, now,
      ).lastInsertRowid;
      for (const l of o.lines) {
        insLine.run(oid, l.lineNo, variantId.get(l.sku) ?? null, l.sku, l.title, l.quantity, l.unitPrice);
        orderLines++;
      }
    }

    const upsertAssociate = db.prepare(
      `INSERT INTO associates (id, name, role, store_id, pin_hash, active) VALUES (?, ?, ?, ?, ?, 1)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, role = excluded.role, store_id = excluded.store_id,
         pin_hash = excluded.pin_hash, active = 1`,
    );
    for (const a of s.associates) upsertAssociate.run(a.id, a.name, a.role, a.storeId, a.pinHash);

    const insConsultation = db.prepare(
      `INSERT INTO consultations (id, store_id, associate_id, customer_id, started_at, ended_at, outcome, basket_value,
         basket_units, currency, satisfaction, notes, customer_context, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insMessage = db.prepare(
      `INSERT INTO consultation_messages (consultation_id, turn, role, content, engine, model, constraints, questions,
         tool_calls, status, first_suggestion_ms, full_reply_ms, fallback, good_example, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insSuggestion = db.prepare(
      `INSERT INTO consultation_suggestions (consultation_id, message_id, sku, variant_id, rank, reasons, strategy, engine,
         score, grounded, shown, liked, rejected, reject_reason, shortlisted, bought, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insEvent = db.prepare('INSERT INTO consultation_events (consultation_id, type, payload, at) VALUES (?, ?, ?, ?)');
    const insCoaching = db.prepare(
      'INSERT INTO coaching_notes (consultation_id, message_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    for (const c of s.consultations) {
      insConsultation.run(
        c.id, c.storeId, c.associateId, c.customerExternalId ? (customerId.get(c.customerExternalId) ?? null) : null,
        c.startedAt, c.endedAt, c.outcome, c.basketValue, c.basketUnits, c.currency, c.satisfaction, c.notes,
        json(c.customerContext), c.endedAt,
      );
      const messageIds = c.messages.map((m) =>
        Number(
          insMessage.run(
            c.id, m.turn, m.role, m.content, m.engine, m.model, json(m.constraints), json(m.questions), json(m.toolCalls),
            m.status, m.firstSuggestionMs, m.fullReplyMs, m.fallback, bool(m.goodExample), m.createdAt,
          ).lastInsertRowid,
        ),
      );
      for (const sg of c.suggestions) {
        insSuggestion.run(
          c.id, messageIds[sg.messageIndex] ?? null, sg.sku, variantId.get(sg.sku) ?? null, sg.rank, JSON.stringify(sg.reasons),
          sg.strategy, sg.engine, sg.score, bool(sg.grounded), bool(sg.shown), bool(sg.liked), bool(sg.rejected),
          sg.rejectReason, bool(sg.shortlisted), bool(sg.bought), sg.createdAt, sg.updatedAt,
        );
      }
      for (const e of c.events) insEvent.run(c.id, e.type, json(e.payload), e.at);
      for (const n of c.coachingNotes) {
        insCoaching.run(c.id, n.messageIndex === null ? null : (messageIds[n.messageIndex] ?? null), n.authorId, n.body, n.createdAt);
      }
    }

    return {
      stores: s.stores.length,
      products: s.products.length,
      variants,
      inventoryRows: s.inventory.length,
      customers: s.customers.length,
      orders: s.orders.length,
      orderLines,
      associates: s.associates.length,
      consultations: s.consultations.length,
    };
  });
  return run();
}

/** First start: load the demo store only when the database holds nothing; null when it was left alone. */
export function loadDemoIfEmpty(adb: AisleDatabase, opts: LoadDemoOptions = {}): DemoSummary | null {
  return isDatabaseEmpty(adb) ? loadDemoStore(adb, opts) : null;
}
