/**
 * Writes the demo store into a database, all or nothing. Refuses when the database holds anything
 * that is not demo data (a retailer's catalog, customers, orders or real consultations): the demo
 * never deletes a retailer's data. Previous demo rows are replaced, so `aisle demo` reloads.
 */
import type { AisleDatabase } from '../db/open';
import { AppError } from '../contract/errors';
import {
  DEFAULT_DEMO_SEED,
  DEMO_CONSULTATION_PREFIX,
  DEMO_SOURCE,
  generateDemoStore,
  utcMidnight,
  type DemoStore,
} from './generate';
import {
  consultationsWithoutPrefix,
  deleteDemoRows,
  insertCoachingNote,
  insertConsultation,
  insertCustomer,
  insertEvent,
  insertInventory,
  insertMessage,
  insertOrder,
  insertOrderLine,
  insertProduct,
  insertSuggestion,
  insertVariant,
  rowsNotFromSource,
  upsertAssociate,
  upsertStore,
  userRowCount,
  type NonDemoTable,
} from './queries';

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
  return userRowCount(adb.sqlite) === 0;
}

/** What non-demo data is in the way, e.g. ["12 products", "3 consultations"]; empty when none. */
export function nonDemoData(adb: AisleDatabase): string[] {
  const found: string[] = [];
  const checks: [string, NonDemoTable][] = [
    ['products', 'products'],
    ['variants', 'variants'],
    ['customers', 'customers'],
    ['orders', 'orders'],
    ['inventory rows', 'inventory'],
  ];
  for (const [label, table] of checks) {
    const n = rowsNotFromSource(adb.sqlite, table, DEMO_SOURCE);
    if (n > 0) found.push(`${n} ${label}`);
  }
  const consultations = consultationsWithoutPrefix(adb.sqlite, DEMO_CONSULTATION_PREFIX);
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
  const store = generateDemoStore({
    seed: opts.seed ?? DEFAULT_DEMO_SEED,
    anchor: opts.anchor ?? utcMidnight(new Date()),
  });
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
const bool = (b: boolean): 0 | 1 => (b ? 1 : 0);

function writeDemoStore(adb: AisleDatabase, s: DemoStore): Counts {
  const db = adb.sqlite;
  const now = s.syncedAt;
  const run = db.transaction((): Counts => {
    // re-check inside the transaction: another writer may have imported meanwhile
    const blocking = nonDemoData(adb);
    if (blocking.length) {
      throw new AppError(
        'CONFLICT',
        `The database ${adb.file} gained real data (${blocking.join(', ')}) while the demo was loading; nothing was changed.`,
      );
    }
    deleteDemoRows(db, DEMO_SOURCE);

    for (const st of s.stores) upsertStore(db, [st.id, st.name, st.city, st.timezone]);

    const variantId = new Map<string, number>();
    let variants = 0;
    for (const p of s.products) {
      const pid = insertProduct(db, [
        p.externalId,
        p.title,
        p.brand,
        p.category,
        p.categoryPath,
        p.gender,
        p.tags,
        p.descriptionHtml,
        p.descriptionText,
        p.searchText,
        p.imageUrl,
        bool(p.consumable),
        p.status,
        json(p.attributes),
        DEMO_SOURCE,
        now,
        now,
        now,
      ]);
      for (const v of p.variants) {
        const vid = insertVariant(db, [
          v.sku,
          pid,
          v.title,
          v.size,
          v.color,
          v.material,
          json(v.options),
          v.price,
          v.salePrice,
          v.currency,
          v.gtin,
          v.availability,
          v.imageUrl,
          v.status,
          DEMO_SOURCE,
          now,
          now,
          now,
        ]);
        variantId.set(v.sku, vid);
        variants++;
      }
    }

    for (const row of s.inventory) {
      insertInventory(db, [variantId.get(row.sku) ?? null, row.storeId, row.quantity, DEMO_SOURCE, row.syncedAt]);
    }

    const customerId = new Map<string, number>();
    for (const c of s.customers) {
      const id = insertCustomer(db, [
        c.externalId,
        c.firstName,
        c.lastName,
        c.email,
        c.phone,
        c.loyaltyId,
        c.city,
        c.country,
        bool(c.acceptsEmail),
        bool(c.acceptsSms),
        bool(c.consentPersonalization),
        c.tags,
        c.note,
        DEMO_SOURCE,
        now,
        now,
        now,
      ]);
      customerId.set(c.externalId, id);
    }

    let orderLines = 0;
    for (const o of s.orders) {
      const oid = insertOrder(db, [
        o.externalId,
        customerId.get(o.customerExternalId) ?? null,
        o.storeId,
        o.placedAt,
        o.currency,
        o.subtotal,
        o.total,
        o.status,
        DEMO_SOURCE,
        now,
      ]);
      for (const l of o.lines) {
        insertOrderLine(db, [oid, l.lineNo, variantId.get(l.sku) ?? null, l.sku, l.title, l.quantity, l.unitPrice]);
        orderLines++;
      }
    }

    for (const a of s.associates) upsertAssociate(db, [a.id, a.name, a.role, a.storeId, a.pinHash]);

    for (const c of s.consultations) {
      insertConsultation(db, [
        c.id,
        c.storeId,
        c.associateId,
        c.customerExternalId ? (customerId.get(c.customerExternalId) ?? null) : null,
        c.startedAt,
        c.endedAt,
        c.outcome,
        c.basketValue,
        c.basketUnits,
        c.currency,
        c.satisfaction,
        c.notes,
        json(c.customerContext),
        c.endedAt,
      ]);
      const messageIds = c.messages.map((m) =>
        insertMessage(db, [
          c.id,
          m.turn,
          m.role,
          m.content,
          m.engine,
          m.model,
          json(m.constraints),
          json(m.questions),
          json(m.toolCalls),
          m.status,
          m.firstSuggestionMs,
          m.fullReplyMs,
          m.fallback,
          bool(m.goodExample),
          m.createdAt,
        ]),
      );
      for (const sg of c.suggestions) {
        insertSuggestion(db, [
          c.id,
          messageIds[sg.messageIndex] ?? null,
          sg.sku,
          variantId.get(sg.sku) ?? null,
          sg.rank,
          JSON.stringify(sg.reasons),
          sg.strategy,
          sg.engine,
          sg.score,
          bool(sg.grounded),
          bool(sg.shown),
          bool(sg.liked),
          bool(sg.rejected),
          sg.rejectReason,
          bool(sg.shortlisted),
          bool(sg.bought),
          sg.createdAt,
          sg.updatedAt,
        ]);
      }
      for (const e of c.events) insertEvent(db, [c.id, e.type, json(e.payload), e.at]);
      for (const n of c.coachingNotes) {
        const messageId = n.messageIndex === null ? null : (messageIds[n.messageIndex] ?? null);
        insertCoachingNote(db, [c.id, messageId, n.authorId, n.body, n.createdAt]);
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
