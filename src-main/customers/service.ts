/**
 * Finding customers and showing their profile. Lookup answers as the associate types: the query is
 * read as an email, a phone number, a loyalty/customer id or a name, and each is one indexed query.
 * Confirmed preferences and notes are stored here and queued for upstream.
 */
import type { Sqlite } from '../db/statements';
import {
  customerDetail,
  customerExternalId,
  customersByEmailPrefix,
  customersByExactId,
  customersByLoyaltyDigits,
  customersByNameWords,
  customersByPhoneDigits,
  deleteConfirmedPreference,
  escapeLike,
  insertNote,
  notesOfCustomer,
  orderLinesOfCustomer,
  ordersOfCustomer,
  recentCustomersOfStore,
  upsertConfirmedPreference,
  type CustomerSummaryRow,
} from './queries';
import type { AppRuntime } from '../app/runtime';
import type { CustomerProfileView, CustomerSummary } from '../contract/customers';
import { AppError } from '../contract/errors';
import { nowIso } from '../shared/time';
import { loadCustomerProfile } from './profile';
import { enqueueOutbox, hasHeadOffice } from '../sync/outbox';

/** Digits only, so "+44 7700 900123", "07700-900123" and "7700900123" can meet. */
export function phoneDigits(s: string): string {
  return s.replace(/\D+/g, '');
}

export function displayName(first: string | null, last: string | null, fallback: string): string {
  const n = [first, last].filter(Boolean).join(' ').trim();
  return n || fallback;
}

export class CustomerService {
  private readonly s: Sqlite;

  constructor(private readonly rt: AppRuntime) {
    this.s = rt.adb.sqlite;
    // Phone lookups compare digits; SQLite has no regex replace, so normalise the common separators.
    this.s.function('aisle_digits', { deterministic: true }, (v: unknown) =>
      typeof v === 'string' ? phoneDigits(v) : null,
    );
  }

  private summary(r: CustomerSummaryRow, matched: CustomerSummary['matched']): CustomerSummary {
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
    const add = (rows: CustomerSummaryRow[], matched: CustomerSummary['matched']) => {
      for (const r of rows) {
        if (seen.has(r.id) || out.length >= limit) continue;
        seen.add(r.id);
        out.push(this.summary(r, matched));
      }
    };
    if (!q) return { results: [], tookMs: 0 };
    const like = escapeLike(q.toLowerCase());
    // exact ids first: a scanned loyalty card or a customer number is unambiguous
    add(customersByExactId(this.s, q.toLowerCase(), limit), 'loyalty');
    if (q.includes('@')) {
      add(customersByEmailPrefix(this.s, like, limit, true), 'email');
    }
    const digits = phoneDigits(q);
    if (digits.length >= 4 && digits.length >= q.replace(/\s/g, '').length - 2) {
      // match on the trailing digits so national and international forms meet
      const tail = digits.replace(/^(44|0)/, '');
      add(customersByPhoneDigits(this.s, tail, limit), 'phone');
      add(customersByLoyaltyDigits(this.s, digits, limit), 'loyalty');
    }
    const words = q
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w.length > 0 && !w.includes('@'))
      .map(escapeLike);
    if (words.length && !/^\+?[\d\s()-]+$/.test(q)) {
      // every word must start the first or last name: "jo smi" finds Joanna Smith
      add(customersByNameWords(this.s, words, limit), 'name');
      add(customersByEmailPrefix(this.s, words[0] ?? '', limit, false), 'email');
    }
    return { results: out, tookMs: Math.round((performance.now() - t0) * 100) / 100 };
  }

  /** Customers this store served most recently (consultations, then orders). */
  recent(limit: number): { results: CustomerSummary[] } {
    const store = this.rt.here().id;
    const rows = recentCustomersOfStore(this.s, store, limit);
    return { results: rows.map((r) => this.summary(r, 'recent')) };
  }

  profile(customerId: number): CustomerProfileView {
    const c = customerDetail(this.s, customerId);
    if (!c) throw new AppError('NOT_FOUND', `Customer ${customerId} is not in this store's data.`);

    const orderRows = ordersOfCustomer(this.s, customerId);
    const lineRows = orderLinesOfCustomer(this.s, customerId);
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
      for (const [scope, p] of Object.entries(prof.sizes))
        if (p) preferences.push({ kind: 'size', scope, value: p.value, evidence: p.evidence, origin: p.origin });
      for (const p of prof.colors)
        preferences.push({ kind: 'color', scope: '', value: p.value, evidence: p.evidence, origin: p.origin });
      for (const p of prof.avoidColors)
        preferences.push({ kind: 'avoid_color', scope: '', value: p.value, evidence: p.evidence, origin: p.origin });
      for (const p of prof.brands)
        preferences.push({ kind: 'brand', scope: '', value: p.value, evidence: p.evidence, origin: p.origin });
      for (const p of prof.categories)
        preferences.push({ kind: 'category', scope: '', value: p.value, evidence: p.evidence, origin: p.origin });
    }
    const notes: CustomerProfileView['notes'] = notesOfCustomer(this.s, customerId);
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
        tags: c.tags
          ? c.tags
              .split(',')
              .map((t) => t.trim())
              .filter(Boolean)
          : [],
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
        : {
            allowed: false,
            message: `${name} has withheld consent to personalisation: suggestions will not use their history or preferences.`,
          },
      lookupOnly: false,
    };
  }

  confirmPreference(
    input: { customerId: number; kind: string; scope: string; value: string },
    associateId: string | null,
  ): { ok: true; queuedUpstream: boolean } {
    this.requireCustomer(input.customerId);
    const at = nowIso();
    const upstream = hasHeadOffice(this.rt.config);
    this.s.transaction(() => {
      upsertConfirmedPreference(this.s, {
        customerId: input.customerId,
        kind: input.kind,
        scope: input.scope,
        value: input.value,
        evidence: `confirmed by ${associateId ?? 'an associate'} on ${at.slice(0, 10)}`,
        confirmedBy: associateId,
        at,
      });
      if (upstream)
        enqueueOutbox(this.rt.adb, {
          kind: 'customer.preference',
          idempotencyKey: `pref:${input.customerId}:${input.kind}:${input.scope}:${at}`,
          payload: {
            customerExternalId: this.externalId(input.customerId),
            kind: input.kind,
            scope: input.scope,
            value: input.value,
            confirmedBy: associateId,
            at,
          },
        });
    })();
    return { ok: true, queuedUpstream: upstream };
  }

  removePreference(input: { customerId: number; kind: string; scope: string }): { ok: true } {
    deleteConfirmedPreference(this.s, input.customerId, input.kind, input.scope);
    return { ok: true };
  }

  addNote(customerId: number, body: string, associateId: string | null): { noteId: number; queuedUpstream: boolean } {
    this.requireCustomer(customerId);
    const at = nowIso();
    let noteId = 0;
    const upstream = hasHeadOffice(this.rt.config);
    this.s.transaction(() => {
      noteId = insertNote(this.s, customerId, associateId, body, at);
      if (upstream)
        enqueueOutbox(this.rt.adb, {
          kind: 'customer.note',
          idempotencyKey: `note:${customerId}:${noteId}`,
          payload: { customerExternalId: this.externalId(customerId), body, author: associateId, at },
        });
    })();
    return { noteId, queuedUpstream: upstream };
  }

  private requireCustomer(id: number) {
    if (customerExternalId(this.s, id) === undefined)
      throw new AppError('NOT_FOUND', `Customer ${id} is not in this store's data.`);
  }

  private externalId(id: number): string {
    const externalId = customerExternalId(this.s, id);
    if (externalId === undefined) throw new AppError('NOT_FOUND', `Customer ${id} is not in this store's data.`);
    return externalId;
  }
}
