/**
 * The consultation log: start, turns (associate + assistant messages with constraints, tool calls,
 * engine, timings, fallback, status), suggestions (rank, reasons, strategy, engine, grounded), card
 * actions and the end with its outcome. Everything that happens is also a consultation_events row,
 * in order, so the manager replay can show it. Ending enqueues the record for upstream sync.
 */
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '../contract/errors';
import type { ConsultationDetail, ConsultationSummary, CopilotConstraints, InHandProduct, StoredSuggestion } from '../contract/copilot';
import { enqueueConsultationOutbox } from './outbox';

export interface StartInput {
  storeId: string;
  associateId: string;
  customerId: number | null;
  customerContext: Record<string, unknown> | null;
}

export interface AssistantMessageInput {
  consultationId: string;
  turn: number;
  content: string;
  engine: 'local' | 'llm';
  model: string | null;
  constraints: CopilotConstraints | null;
  questions: string[];
  toolCalls: unknown[] | null;
  status: 'complete' | 'stopped' | 'error';
  firstSuggestionMs: number | null;
  fullReplyMs: number | null;
  fallback: string | null;
}

export interface SuggestionInput {
  sku: string;
  variantId: number | null;
  rank: number;
  reasons: string[];
  strategy: string;
  engine: 'local' | 'llm';
  score: number | null;
  grounded: boolean;
}

const nowIso = () => new Date().toISOString();

interface SummaryRow {
  id: string;
  storeId: string;
  associateId: string;
  customerId: number | null;
  firstName: string | null;
  lastName: string | null;
  startedAt: string;
  endedAt: string | null;
  outcome: string | null;
  basketValue: number | null;
  basketUnits: number | null;
  currency: string | null;
  satisfaction: number | null;
  notes: string | null;
  customerContext: string | null;
  turns: number;
}

const SUMMARY_SQL = `SELECT c.id, c.store_id AS storeId, c.associate_id AS associateId, c.customer_id AS customerId,
       cu.first_name AS firstName, cu.last_name AS lastName, c.started_at AS startedAt, c.ended_at AS endedAt, c.outcome,
       c.basket_value AS basketValue, c.basket_units AS basketUnits, c.currency, c.satisfaction, c.notes,
       c.customer_context AS customerContext,
       (SELECT count(*) FROM consultation_messages m WHERE m.consultation_id = c.id AND m.role = 'associate') AS turns
  FROM consultations c LEFT JOIN customers cu ON cu.id = c.customer_id`;

function label(r: SummaryRow): string {
  if (r.customerId === null) return 'Walk-in';
  const name = [r.firstName, r.lastName ? `${r.lastName[0]}.` : null].filter(Boolean).join(' ');
  return name || `Customer ${r.customerId}`;
}

function toSummary(r: SummaryRow): ConsultationSummary {
  return {
    id: r.id, storeId: r.storeId, associateId: r.associateId, customerId: r.customerId, customerLabel: label(r), startedAt: r.startedAt,
    endedAt: r.endedAt, outcome: r.outcome, basketValue: r.basketValue, basketUnits: r.basketUnits, currency: r.currency,
    satisfaction: r.satisfaction, turns: r.turns,
  };
}

export function turnIdOf(consultationId: string, turn: number, attempt = 0): string {
  return attempt ? `${consultationId}:${turn}.${attempt}` : `${consultationId}:${turn}`;
}

export class ConsultationLog {
  constructor(private readonly sqlite: Database.Database) {}

  start(input: StartInput): ConsultationSummary {
    if (input.customerId !== null) {
      const exists = this.sqlite.prepare('SELECT 1 FROM customers WHERE id = ?').get(input.customerId);
      if (!exists) throw new AppError('NOT_FOUND', `Customer ${input.customerId} is not in the database.`);
    }
    const id = `c-${crypto.randomUUID()}`;
    const at = nowIso();
    this.sqlite.transaction(() => {
      this.sqlite
        .prepare(`INSERT INTO consultations (id, store_id, associate_id, customer_id, started_at, customer_context, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
        .run(id, input.storeId, input.associateId, input.customerId, at, input.customerContext ? JSON.stringify(input.customerContext) : null, at);
      this.event(id, 'start', { associateId: input.associateId, customerId: input.customerId, storeId: input.storeId });
    })();
    return this.summary(id);
  }

  summary(id: string): ConsultationSummary {
    return toSummary(this.row(id));
  }

  private row(id: string): SummaryRow {
    const r = this.sqlite.prepare(`${SUMMARY_SQL} WHERE c.id = ?`).get(id) as SummaryRow | undefined;
    if (!r) throw new AppError('NOT_FOUND', `Consultation ${id} does not exist.`);
    return r;
  }

  requireOpen(id: string): SummaryRow {
    const r = this.row(id);
    if (r.endedAt) throw new AppError('CONFLICT', `Consultation ${id} has ended; start a new one.`);
    return r;
  }

  list(associateId: string, limit: number, openOnly: boolean): ConsultationSummary[] {
    const rows = this.sqlite
      .prepare(`${SUMMARY_SQL} WHERE c.associate_id = ? ${openOnly ? 'AND c.ended_at IS NULL' : ''} ORDER BY c.started_at DESC LIMIT ?`)
      .all(associateId, limit) as SummaryRow[];
    return rows.map(toSummary);
  }

  nextTurn(consultationId: string): number {
    const r = this.sqlite.prepare(`SELECT max(turn) AS t FROM consultation_messages WHERE consultation_id = ?`).get(consultationId) as { t: number | null };
    return (r.t ?? 0) + 1;
  }

  addAssociateMessage(consultationId: string, turn: number, content: string): number {
    return Number(
      this.sqlite.prepare(`INSERT INTO consultation_messages (consultation_id, turn, role, content, status) VALUES (?, ?, 'associate', ?, 'complete')`).run(consultationId, turn, content).lastInsertRowid,
    );
  }

  addAssistantMessage(m: AssistantMessageInput): number {
    return Number(
      this.sqlite
        .prepare(
          `INSERT INTO consultation_messages (consultation_id, turn, role, content, engine, model, constraints, questions, tool_calls, status,
                                              first_suggestion_ms, full_reply_ms, fallback)
           VALUES (?, ?, 'assistant', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          m.consultationId, m.turn, m.content, m.engine, m.model, m.constraints ? JSON.stringify(m.constraints) : null, JSON.stringify(m.questions),
          m.toolCalls ? JSON.stringify(m.toolCalls) : null, m.status, m.firstSuggestionMs, m.fullReplyMs, m.fallback,
        ).lastInsertRowid,
    );
  }

  setFallback(messageId: number, fallback: string, fullReplyMs: number | null): void {
    this.sqlite.prepare('UPDATE consultation_messages SET fallback = ?, full_reply_ms = coalesce(?, full_reply_ms) WHERE id = ?').run(fallback, fullReplyMs, messageId);
  }

  addSuggestions(consultationId: string, messageId: number, items: SuggestionInput[]): number[] {
    const st = this.sqlite.prepare(
      `INSERT INTO consultation_suggestions (consultation_id, message_id, sku, variant_id, rank, reasons, strategy, engine, score, grounded, shown)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    return items.map((s) =>
      Number(st.run(consultationId, messageId, s.sku, s.variantId, s.rank, JSON.stringify(s.reasons), s.strategy, s.engine, s.score, s.grounded ? 1 : 0, s.grounded ? 1 : 0).lastInsertRowid),
    );
  }

  event(consultationId: string, type: string, payload: Record<string, unknown>): void {
    this.sqlite.prepare('INSERT INTO consultation_events (consultation_id, type, payload, at) VALUES (?, ?, ?, ?)').run(consultationId, type, JSON.stringify(payload), nowIso());
  }

  /** SKUs the copilot showed (grounded) in this consultation: the set a model may cite. */
  groundedSkus(consultationId: string): Set<string> {
    return new Set((this.sqlite.prepare('SELECT DISTINCT sku FROM consultation_suggestions WHERE consultation_id = ? AND grounded = 1').all(consultationId) as { sku: string }[]).map((r) => r.sku));
  }

  suggestionAction(consultationId: string, suggestionId: number, action: string, reason: string | undefined): void {
    const row = this.sqlite.prepare('SELECT id, grounded FROM consultation_suggestions WHERE id = ? AND consultation_id = ?').get(suggestionId, consultationId) as { id: number; grounded: number } | undefined;
    if (!row) throw new AppError('NOT_FOUND', `Suggestion ${suggestionId} is not part of consultation ${consultationId}.`);
    if (!row.grounded) throw new AppError('CONFLICT', `Suggestion ${suggestionId} was blocked by the grounding check and was never shown.`);
    const set: Record<string, string> = {
      shown: 'shown = 1', liked: 'liked = 1, rejected = 0', unliked: 'liked = 0', rejected: 'rejected = 1, liked = 0, reject_reason = @reason',
      unrejected: 'rejected = 0, reject_reason = NULL', shortlisted: 'shortlisted = 1', unshortlisted: 'shortlisted = 0', bought: 'bought = 1',
    };
    const clause = set[action];
    if (!clause) throw new AppError('VALIDATION', `Unknown suggestion action "${action}".`);
    this.sqlite.transaction(() => {
      this.sqlite.prepare(`UPDATE consultation_suggestions SET ${clause}, updated_at = @at WHERE id = @id`).run({ id: suggestionId, reason: reason ?? null, at: nowIso() });
      this.event(consultationId, `suggestion.${action}`, { suggestionId, ...(reason ? { reason } : {}) });
    })();
  }

  storedSuggestion(suggestionId: number): StoredSuggestion {
    const s = this.suggestions('s.id = ?', [suggestionId], true)[0];
    if (!s) throw new AppError('NOT_FOUND', `Suggestion ${suggestionId} does not exist.`);
    return s;
  }

  suggestions(where: string, params: unknown[], includeBlocked: boolean): StoredSuggestion[] {
    const rows = this.sqlite
      .prepare(
        `SELECT s.id, s.message_id AS messageId, s.sku, s.rank, s.reasons, s.strategy, s.engine, s.grounded, s.shown, s.liked, s.rejected,
                s.reject_reason AS rejectReason, s.shortlisted, s.bought, v.id AS variantId, p.id AS productId, p.title, p.brand, p.category,
                coalesce(v.sale_price, v.price) AS price, v.price AS regularPrice, v.currency, v.size, v.color,
                coalesce(i.quantity, 0) AS stockHere, i.synced_at AS asOf, coalesce(v.image_url, p.image_url) AS imageUrl
         FROM consultation_suggestions s
         JOIN consultations c ON c.id = s.consultation_id
         LEFT JOIN variants v ON v.sku = s.sku LEFT JOIN products p ON p.id = v.product_id
         LEFT JOIN inventory i ON i.variant_id = v.id AND i.store_id = c.store_id
         WHERE ${where} ${includeBlocked ? '' : 'AND s.grounded = 1'} ORDER BY s.id`,
      )
      .all(...params) as Record<string, unknown>[];
    return rows.map((r) => {
      const reasons = JSON.parse(String(r.reasons)) as string[];
      const strategy = String(r.strategy);
      return {
        suggestionId: r.id as number, messageId: (r.messageId as number | null) ?? null, sku: r.sku as string,
        productId: (r.productId as number | null) ?? 0, title: (r.title as string | null) ?? (r.sku as string), brand: (r.brand as string | null) ?? null,
        category: (r.category as string | null) ?? null, price: (r.price as number | null) ?? 0, regularPrice: (r.regularPrice as number | null) ?? 0,
        currency: (r.currency as string | null) ?? 'GBP', size: (r.size as string | null) ?? null, color: (r.color as string | null) ?? null,
        stockHere: (r.stockHere as number) ?? 0, asOf: (r.asOf as string | null) ?? null, imageUrl: (r.imageUrl as string | null) ?? null,
        rank: r.rank as number, reasons, kind: strategy === 'complement' ? 'complement' : strategy.startsWith('relaxed') ? 'alternative' : 'match',
        strategy, engine: r.engine as 'local' | 'llm', grounded: !!r.grounded, shown: !!r.shown, liked: !!r.liked, rejected: !!r.rejected,
        rejectReason: (r.rejectReason as string | null) ?? null, shortlisted: !!r.shortlisted, bought: !!r.bought,
      };
    });
  }

  detail(id: string, pendingTurns: string[]): ConsultationDetail {
    const r = this.row(id);
    const msgs = this.sqlite
      .prepare(
        `SELECT id, turn, role, content, engine, model, status, questions, constraints, fallback, first_suggestion_ms AS firstSuggestionMs,
                full_reply_ms AS fullReplyMs, created_at AS createdAt FROM consultation_messages WHERE consultation_id = ? ORDER BY id`,
      )
      .all(id) as Record<string, unknown>[];
    return {
      consultation: { ...toSummary(r), notes: r.notes, customerContext: r.customerContext ? (JSON.parse(r.customerContext) as Record<string, unknown>) : null },
      messages: msgs.map((m) => ({
        id: m.id as number, turn: m.turn as number, turnId: turnIdOf(id, m.turn as number), role: m.role as 'associate' | 'assistant',
        content: m.content as string, engine: (m.engine as 'local' | 'llm' | null) ?? null, model: (m.model as string | null) ?? null,
        status: m.status as 'complete' | 'stopped' | 'error', questions: m.questions ? (JSON.parse(String(m.questions)) as string[]) : [],
        constraints: m.constraints ? (JSON.parse(String(m.constraints)) as CopilotConstraints) : null, fallback: (m.fallback as string | null) ?? null,
        firstSuggestionMs: (m.firstSuggestionMs as number | null) ?? null, fullReplyMs: (m.fullReplyMs as number | null) ?? null, createdAt: m.createdAt as string,
      })),
      suggestions: this.suggestions('s.consultation_id = ?', [id], false),
      pendingTurns,
      basket: this.basket(id),
      inHand: this.inHand(id),
    };
  }

  /** The product in the customer's hand: the latest 'in-hand' event (a null sku puts it down). */
  inHand(consultationId: string): InHandProduct | null {
    const e = this.sqlite
      .prepare(`SELECT payload, at FROM consultation_events WHERE consultation_id = ? AND type = 'in-hand' ORDER BY id DESC LIMIT 1`)
      .get(consultationId) as { payload: string; at: string } | undefined;
    const sku = e ? (JSON.parse(e.payload) as { sku: string | null }).sku : null;
    if (!e || !sku) return null;
    const v = this.sqlite
      .prepare(
        `SELECT v.sku, p.id AS productId, p.title, p.brand, v.size, v.color, coalesce(v.sale_price, v.price) AS price, v.currency,
                coalesce(v.image_url, p.image_url) AS imageUrl
         FROM variants v JOIN products p ON p.id = v.product_id WHERE v.sku = ?`,
      )
      .get(sku) as Omit<InHandProduct, 'since'> | undefined;
    return v ? { ...v, since: e.at } : null;
  }

  /** Puts a product in the customer's hand for this consultation (or, with null, puts it down). */
  setInHand(consultationId: string, sku: string | null): InHandProduct | null {
    if (sku !== null && !this.sqlite.prepare('SELECT 1 FROM variants WHERE sku = ?').get(sku)) {
      throw new AppError('NOT_FOUND', `There is no product with the SKU ${sku} in this store's catalog.`);
    }
    this.event(consultationId, 'in-hand', { sku });
    return this.inHand(consultationId);
  }

  /** The basket recorded by the last `end` event, with names from the catalog (the SKU when it has gone since). */
  private basket(id: string): ConsultationDetail['basket'] {
    const ev = this.sqlite
      .prepare(`SELECT payload FROM consultation_events WHERE consultation_id = ? AND type = 'end' ORDER BY id DESC LIMIT 1`)
      .get(id) as { payload: string | null } | undefined;
    const bought = ev?.payload ? ((JSON.parse(ev.payload) as { bought?: { sku: string; quantity: number; unitPrice: number }[] }).bought ?? []) : [];
    const look = this.sqlite.prepare(`SELECT p.title, v.size, v.color FROM variants v JOIN products p ON p.id = v.product_id WHERE v.sku = ?`);
    return bought.map((b) => {
      const v = look.get(b.sku) as { title: string; size: string | null; color: string | null } | undefined;
      return { sku: b.sku, title: v?.title ?? b.sku, size: v?.size ?? null, color: v?.color ?? null, quantity: b.quantity, unitPrice: b.unitPrice };
    });
  }

  /** Ends the consultation; the basket is priced from the database, never from what a caller says. */
  end(id: string, input: { outcome: string; bought: { sku: string; quantity: number }[]; satisfaction: number | null; notes: string | null }): ConsultationSummary {
    const r = this.requireOpen(id);
    let value = 0;
    let units = 0;
    let currency: string | null = null;
    const priced: { sku: string; quantity: number; unitPrice: number }[] = [];
    for (const b of input.bought) {
      const v = this.sqlite.prepare('SELECT coalesce(sale_price, price) AS price, currency FROM variants WHERE sku = ?').get(b.sku) as { price: number; currency: string } | undefined;
      if (!v) throw new AppError('VALIDATION', `consultation.end: bought SKU "${b.sku}" is not in the catalog.`, { field: 'bought.sku' });
      if (currency && v.currency !== currency) throw new AppError('VALIDATION', `consultation.end: bought items mix currencies (${currency}, ${v.currency}).`, { field: 'bought' });
      currency = v.currency;
      value += v.price * b.quantity;
      units += b.quantity;
      priced.push({ sku: b.sku, quantity: b.quantity, unitPrice: v.price });
    }
    if (input.outcome === 'purchased' && !priced.length) throw new AppError('VALIDATION', 'consultation.end: outcome "purchased" needs the bought items.', { field: 'bought' });
    const at = nowIso();
    this.sqlite.transaction(() => {
      this.sqlite
        .prepare(`UPDATE consultations SET ended_at = ?, outcome = ?, basket_value = ?, basket_units = ?, currency = ?, satisfaction = ?, notes = ?, updated_at = ? WHERE id = ?`)
        .run(at, input.outcome, priced.length ? value : null, priced.length ? units : null, currency, input.satisfaction, input.notes, at, id);
      for (const p of priced) {
        this.sqlite.prepare(`UPDATE consultation_suggestions SET bought = 1, updated_at = ? WHERE consultation_id = ? AND sku = ? AND grounded = 1`).run(at, id, p.sku);
      }
      this.event(id, 'end', { outcome: input.outcome, bought: priced, basketValue: priced.length ? value : null, basketUnits: priced.length ? units : null, satisfaction: input.satisfaction });
      const summary = this.summary(id);
      enqueueConsultationOutbox(this.sqlite, id, {
        consultation: summary,
        storeId: r.storeId,
        bought: priced,
        suggestions: this.suggestions('s.consultation_id = ?', [id], true).map((s) => ({ sku: s.sku, rank: s.rank, engine: s.engine, strategy: s.strategy, grounded: s.grounded, liked: s.liked, rejected: s.rejected, shortlisted: s.shortlisted, bought: s.bought })),
      });
    })();
    return this.summary(id);
  }
}
