/**
 * Manager KPIs for a date range, per store and per associate, with the definition of each number
 * and the list filters that reproduce the consultations behind it. A handful of grouped SQL passes
 * (by associate × day) feed the totals, the per-associate rows and the time series at once;
 * percentiles come from exact millisecond histograms, so no raw latency list is ever loaded.
 */
import type Database from 'better-sqlite3';
import type { AppRuntime } from '../app/runtime';
import type { ViewScope } from '../auth/scope';
import type { ConsultationFilter, KpiOutput, KpiPoint, KpiRatio, KpiSet } from '../contract/review';
import { SQL_ACCEPTED, SQL_FOLLOW_UP, SQL_SHOWN, addDays, whereFor } from './consultation-filter';

export const KPI_DEFINITIONS = {
  consultations: 'Consultations started in the range (days in UTC, both ends included), walk-ins and still-open ones included.',
  engagement: 'Consultations using the copilot (at least one copilot turn) ÷ consultations started.',
  turnsPerConsultation: 'Copilot turns (distinct turn numbers with a message) ÷ consultations using the copilot.',
  acceptance: 'Suggestions shown that were shortlisted or bought ÷ suggestions shown. Blocked (ungrounded) suggestions are never shown and are not counted.',
  conversion: 'Ended consultations with outcome "purchased" ÷ ended consultations (purchased, no purchase, abandoned). Open ones are left out.',
  conversion14d:
    'Ended consultations with a known customer where that customer placed an order within 14 days after the end (placedAt in (endedAt, endedAt + 14 days]) ÷ ended consultations with a known customer. Walk-ins cannot be followed; needs orders synced.',
  basket: 'Mean basket value (rounded to whole minor units, per currency) and mean units over consultations that ended in a purchase with a basket recorded.',
  satisfaction: 'Mean of the customer’s 1–5 rating over rated consultations, with the count of each score. Response rate = rated ended consultations ÷ ended consultations.',
  responseTime:
    'Per copilot reply, in ms: time to the first suggestion (replies that showed one) and time to the full reply (completed replies only; stopped or failed replies are left out). p50/p95 by nearest rank: the ⌈p·n⌉-th smallest value.',
  fallback: 'Copilot replies given by another engine because the first one failed (a fallback recorded) ÷ copilot replies.',
  stoppedReplies: 'Copilot replies the associate stopped before they finished.',
  blockedSuggestions: 'Products the model named that were not grounded in store data: blocked, never shown.',
} as const;

/** ⌈p·n⌉-th smallest value of a histogram sorted by value. */
export function percentileFromHistogram(hist: [number, number][], p: number): number | null {
  const n = hist.reduce((a, [, c]) => a + c, 0);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(p * n));
  let seen = 0;
  for (const [v, c] of hist) {
    seen += c;
    if (seen >= rank) return v;
  }
  return hist[hist.length - 1]![0];
}

interface Counters {
  n: number;
  engaged: number;
  turns: number;
  ended: number;
  purchased: number;
  knownEnded: number;
  followUp: number;
  purchasesWithBasket: number;
  units: number;
  rated: number;
  ratedEnded: number;
  satSum: number;
  sat: [number, number, number, number, number];
  shown: number;
  accepted: number;
  blocked: number;
  replies: number;
  fallbacks: number;
  stopped: number;
}

const zero = (): Counters => ({
  n: 0, engaged: 0, turns: 0, ended: 0, purchased: 0, knownEnded: 0, followUp: 0, purchasesWithBasket: 0, units: 0,
  rated: 0, ratedEnded: 0, satSum: 0, sat: [0, 0, 0, 0, 0], shown: 0, accepted: 0, blocked: 0, replies: 0, fallbacks: 0, stopped: 0,
});

const COUNTER_KEYS = Object.keys(zero()).filter((k) => k !== 'sat') as Exclude<keyof Counters, 'sat'>[];
function add(into: Counters, c: Counters): void {
  for (const k of COUNTER_KEYS) into[k] += c[k];
  for (let i = 0; i < 5; i++) into.sat[i] += c.sat[i]!;
}

/** One associate's figures on one day: counters, basket sums per currency, raw latencies per "engine|kind". */
interface Agg {
  c: Counters;
  basket: Map<string, { purchases: number; value: number }>;
  lat: Map<string, number[]>;
}
const newAgg = (): Agg => ({ c: zero(), basket: new Map(), lat: new Map() });
/** day → associate → figures */
type DayAggs = Map<string, Map<string, Agg>>;

/**
 * Exact nearest-rank percentiles of integer milliseconds by counting into one scratch array
 * (values up to 2 minutes; anything else is sorted aside), so no big list is ever sorted.
 */
const SCRATCH_MAX = 120_000;
const scratch = new Uint32Array(SCRATCH_MAX + 1);
export function percentilesOf(lists: number[][], ps: number[]): { values: (number | null)[]; n: number } {
  let n = 0;
  let maxV = -1;
  const aside: number[] = [];
  for (const l of lists)
    for (const v of l) {
      if (v >= 0 && v <= SCRATCH_MAX && Number.isInteger(v)) {
        scratch[v]!++;
        if (v > maxV) maxV = v;
      } else aside.push(v);
      n++;
    }
  const values: (number | null)[] = ps.map(() => null);
  if (n) {
    aside.sort((a, b) => a - b);
    const ranks = ps.map((p) => Math.max(1, Math.ceil(p * n)));
    let seen = 0;
    let i = 0;
    let a = 0;
    // Values below zero (never expected) come first, then the counted ones, then large ones.
    while (a < aside.length && aside[a]! < 0 && i < ranks.length) {
      seen++;
      while (i < ranks.length && seen >= ranks[i]!) values[i++] = aside[a]!;
      a++;
    }
    for (let v = 0; v <= maxV && i < ranks.length; v++) {
      const c = scratch[v]!;
      if (!c) continue;
      seen += c;
      while (i < ranks.length && seen >= ranks[i]!) values[i++] = v;
    }
    for (; a < aside.length && i < ranks.length; a++) {
      seen++;
      while (i < ranks.length && seen >= ranks[i]!) values[i++] = aside[a]!;
    }
  }
  for (const l of lists) for (const v of l) if (v >= 0 && v <= SCRATCH_MAX) scratch[v] = 0;
  return { values, n };
}

/** Integer milliseconds counted into an array (index = ms), the rest kept sorted aside. */
interface Counted {
  counts: Uint32Array;
  aside: number[];
  n: number;
}
function countValues(lists: number[][]): Counted {
  let maxV = -1;
  let n = 0;
  for (const l of lists) for (const v of l) if (v >= 0 && v <= SCRATCH_MAX && Number.isInteger(v) && v > maxV) maxV = v;
  const counts = new Uint32Array(maxV + 1);
  const aside: number[] = [];
  for (const l of lists)
    for (const v of l) {
      if (v >= 0 && v <= maxV && Number.isInteger(v)) counts[v]!++;
      else aside.push(v);
      n++;
    }
  aside.sort((a, b) => a - b);
  return { counts, aside, n };
}
/** Nearest-rank percentiles over several counted sets taken together. */
function percentilesOfCounted(sets: Counted[], ps: number[]): { values: (number | null)[]; n: number } {
  const n = sets.reduce((a, x) => a + x.n, 0);
  const values: (number | null)[] = ps.map(() => null);
  if (!n) return { values, n };
  const aside = sets.flatMap((x) => x.aside).sort((a, b) => a - b);
  const ranks = ps.map((p) => Math.max(1, Math.ceil(p * n)));
  const top = Math.max(...sets.map((x) => x.counts.length));
  let seen = 0;
  let i = 0;
  let a = 0;
  const take = (v: number, c: number) => {
    seen += c;
    while (i < ranks.length && seen >= ranks[i]!) values[i++] = v;
  };
  while (a < aside.length && aside[a]! < 0) take(aside[a++]!, 1);
  for (let v = 0; v < top && i < ranks.length; v++) {
    let c = 0;
    for (const x of sets) if (v < x.counts.length) c += x.counts[v]!;
    if (c) take(v, c);
  }
  while (a < aside.length && i < ranks.length) take(aside[a++]!, 1);
  return { values, n };
}

const ENDED: ConsultationFilter['outcome'] = ['purchased', 'no_purchase', 'abandoned'];

function ratio(numerator: number, denominator: number, numeratorFilter: ConsultationFilter, denominatorFilter: ConsultationFilter): KpiRatio {
  return { value: denominator ? numerator / denominator : null, numerator, denominator, numeratorFilter, denominatorFilter };
}

/**
 * KPIs over many consultations would reread up to a million messages per call, so figures are kept
 * per store day and associate. A day is reused while nothing in it changed: no consultation,
 * message or suggestion was added to it (tracked by the tables' growing row ids), orders did not
 * change (the 14-day follow-up depends on them), and its consultations' own fields (outcome, basket,
 * rating, end, updated_at) hash the same — checked every call for the last two days and at least
 * once a minute for older ones, so an edit to an old consultation shows within a minute. Today is always reread, and so is yesterday while a consultation of it is open.
 */
export class KpiService {
  private readonly sqlite: Database.Database;
  private readonly cache = new Map<string, { fp: string; aggs: Map<string, Agg> }>();
  private marks = { store: '', consultationRowid: -1, messageId: -1, suggestionId: -1, orders: '' };
  private readonly lastFullCheck = new Map<string, number>();
  static FULL_CHECK_MS = 60_000;

  constructor(
    private readonly rt: AppRuntime,
    private readonly nowMs: () => number = Date.now,
  ) {
    this.sqlite = rt.adb.sqlite;
  }

  /** Figures of every day in [fromDay, toDay] for the whole store (scope is applied when merging). */
  private dayAggs(storeId: string, fromDay: string, toDay: string, today: string): DayAggs {
    const end = new Date(Date.parse(`${toDay}T00:00:00.000Z`) + 86_400_000).toISOString();
    // Old days hardly ever change, so their fingerprints are rechecked at most once a minute per
    // range; days not kept, and the last two days, are checked on every call.
    const rangeKey = `${storeId}|${fromDay}|${toDay}`;
    const fullCheck = this.lastFullCheck.get(rangeKey) === undefined || this.nowMs() - this.lastFullCheck.get(rangeKey)! > KpiService.FULL_CHECK_MS;
    let checkFrom = fromDay;
    if (!fullCheck) {
      const recent = addDays(today, -2);
      let d = fromDay;
      while (d <= toDay && d < recent && this.cache.has(d)) d = addDays(d, 1);
      checkFrom = d;
    }
    const start = `${checkFrom}T00:00:00.000Z`;
    const fps = new Map(
      (
        this.sqlite
          .prepare(
            `SELECT substr(started_at, 1, 10) AS d, COUNT(*) || ':' || TOTAL(ended_at IS NULL) || ':' || COALESCE(MAX(updated_at), '') || ':' ||
                    COALESCE(MAX(ended_at), '') || ':' || TOTAL(length(outcome)) || ':' || TOTAL(satisfaction) || ':' || TOTAL(basket_value) || ':' ||
                    TOTAL(basket_units) || ':' || TOTAL(length(associate_id)) || ':' || TOTAL(customer_id) AS fp, TOTAL(ended_at IS NULL) AS open
             FROM consultations WHERE store_id = ? AND started_at >= ? AND started_at < ? GROUP BY d`,
          )
          .all(storeId, start, end) as { d: string; fp: string; open: number }[]
      ).map((r) => [r.d, r]),
    );

    if (fullCheck) this.lastFullCheck.set(rangeKey, this.nowMs());
    else for (let d = fromDay; d < checkFrom; d = addDays(d, 1)) if (this.cache.get(d)!.fp) fps.set(d, { d, fp: this.cache.get(d)!.fp, open: 0 });
    // What changed since the last call, cheaply: new rows have larger ids; orders are small to hash.
    const consultationRowid = (this.sqlite.prepare('SELECT COALESCE(MAX(rowid), 0) AS x FROM consultations').get() as { x: number }).x;
    const messageId = (this.sqlite.prepare('SELECT COALESCE(MAX(id), 0) AS x FROM consultation_messages').get() as { x: number }).x;
    const suggestionId = (this.sqlite.prepare('SELECT COALESCE(MAX(id), 0) AS x FROM consultation_suggestions').get() as { x: number }).x;
    const orders = JSON.stringify(this.sqlite.prepare('SELECT COUNT(*) AS n, MAX(id) AS i, MAX(synced_at) AS s, TOTAL(customer_id) AS c FROM orders').get());
    if (
      this.marks.store !== storeId ||
      orders !== this.marks.orders ||
      messageId < this.marks.messageId ||
      suggestionId < this.marks.suggestionId ||
      consultationRowid < this.marks.consultationRowid
    )
      this.cache.clear();
    else {
      const dirty = (table: string, since: number) =>
        (
          this.sqlite
            .prepare(`SELECT DISTINCT substr(started_at, 1, 10) AS d FROM consultations WHERE id IN (SELECT consultation_id FROM ${table} WHERE id > ?)`)
            .all(since) as { d: string }[]
        ).forEach((r) => this.cache.delete(r.d));
      if (consultationRowid > this.marks.consultationRowid) {
        for (const r of this.sqlite.prepare('SELECT DISTINCT substr(started_at, 1, 10) AS d FROM consultations WHERE rowid > ?').all(this.marks.consultationRowid) as { d: string }[]) {
          this.cache.delete(r.d);
        }
      }
      if (messageId > this.marks.messageId) dirty('consultation_messages', this.marks.messageId);
      if (suggestionId > this.marks.suggestionId) dirty('consultation_suggestions', this.marks.suggestionId);
    }
    this.marks = { store: storeId, consultationRowid, messageId, suggestionId, orders };

    const yesterday = addDays(today, -1);
    const out: DayAggs = new Map();
    const need: string[] = [];
    const NONE = { fp: '', open: 0 }; // a day without consultations
    for (let d = fromDay; d <= toDay; d = addDays(d, 1)) {
      const f = fps.get(d) ?? NONE;
      const hit = this.cache.get(d);
      if (hit && hit.fp === f.fp) out.set(d, hit.aggs);
      else if (f === NONE) {
        out.set(d, new Map());
        if (d < today) this.cache.set(d, { fp: '', aggs: new Map() });
      } else need.push(d);
    }
    // Read the missing days in runs of neighbouring days, one set of queries per run.
    let i = 0;
    while (i < need.length) {
      let j = i;
      while (j + 1 < need.length && need[j + 1] === addDays(need[j]!, 1)) j++;
      const read = this.readDays(storeId, need[i]!, need[j]!);
      for (const d of need.slice(i, j + 1)) {
        const aggs = read.get(d) ?? new Map<string, Agg>();
        out.set(d, aggs);
        const f = fps.get(d)!;
        // Suggestion fates change while a consultation is open without touching its row, so a day
        // with open consultations is kept only once it is two days old (they were left open).
        if ((d < today && f.open === 0) || d < yesterday) this.cache.set(d, { fp: f.fp, aggs });
        else this.cache.delete(d);
      }
      i = j + 1;
    }
    return out;
  }

  private readDays(storeId: string, fromDay: string, toDay: string): DayAggs {
    const W = 'c.store_id = ? AND c.started_at >= ? AND c.started_at < ?';
    const P = [storeId, `${fromDay}T00:00:00.000Z`, new Date(Date.parse(`${toDay}T00:00:00.000Z`) + 86_400_000).toISOString()];
    const out: DayAggs = new Map();
    const agg = (d: string, a: string): Agg => {
      let byA = out.get(d);
      if (!byA) out.set(d, (byA = new Map()));
      let g = byA.get(a);
      if (!g) byA.set(a, (g = newAgg()));
      return g;
    };
    // Consultation-level figures in one range scan; turns via the covering (consultation_id, turn) index.
    const rows = this.sqlite
      .prepare(
        `SELECT a, k, cur, COUNT(*) AS n, SUM(t > 0) AS engaged, SUM(t) AS turns,
           SUM(outcome IS NOT NULL) AS ended, SUM(outcome = 'purchased') AS purchased,
           SUM(known AND outcome IS NOT NULL) AS knownEnded, SUM(fu) AS followUp,
           SUM(outcome = 'purchased' AND bv IS NOT NULL) AS purchasesWithBasket,
           SUM(CASE WHEN outcome = 'purchased' AND bv IS NOT NULL THEN COALESCE(bu, 0) ELSE 0 END) AS units,
           COALESCE(SUM(CASE WHEN outcome = 'purchased' THEN bv END), 0) AS basketValue,
           SUM(sat IS NOT NULL) AS rated, SUM(sat IS NOT NULL AND outcome IS NOT NULL) AS ratedEnded, COALESCE(SUM(sat), 0) AS satSum,
           SUM(sat = 1) AS s1, SUM(sat = 2) AS s2, SUM(sat = 3) AS s3, SUM(sat = 4) AS s4, SUM(sat = 5) AS s5
         FROM (
           SELECT c.associate_id AS a, substr(c.started_at, 1, 10) AS k, COALESCE(c.currency, '') AS cur, c.outcome, c.customer_id IS NOT NULL AS known,
             c.basket_value AS bv, c.basket_units AS bu, c.satisfaction AS sat,
             (SELECT COUNT(DISTINCT m.turn) FROM consultation_messages m WHERE m.consultation_id = c.id) AS t,
             CASE WHEN c.customer_id IS NOT NULL AND c.outcome IS NOT NULL THEN (${SQL_FOLLOW_UP}) ELSE 0 END AS fu
           FROM consultations c WHERE ${W}
         ) GROUP BY a, k, cur`,
      )
      .all(...P) as Record<string, number | string>[];
    for (const r of rows) {
      const num = (k: string) => Number(r[k] ?? 0);
      const g = agg(String(r.k), String(r.a));
      const c = g.c;
      c.n += num('n'); c.engaged += num('engaged'); c.turns += num('turns'); c.ended += num('ended'); c.purchased += num('purchased');
      c.knownEnded += num('knownEnded'); c.followUp += num('followUp'); c.purchasesWithBasket += num('purchasesWithBasket'); c.units += num('units');
      c.rated += num('rated'); c.ratedEnded += num('ratedEnded'); c.satSum += num('satSum');
      for (let s = 0; s < 5; s++) c.sat[s] += num(`s${s + 1}`);
      if (num('purchasesWithBasket')) {
        const b = g.basket.get(String(r.cur)) ?? { purchases: 0, value: 0 };
        b.purchases += num('purchasesWithBasket');
        b.value += num('basketValue');
        g.basket.set(String(r.cur), b);
      }
    }
    const sugg = this.sqlite
      .prepare(
        `SELECT c.associate_id AS a, substr(c.started_at, 1, 10) AS k, SUM(${SQL_SHOWN}) AS shown, SUM(${SQL_ACCEPTED}) AS accepted, SUM(s.grounded = 0) AS blocked
         FROM consultations c JOIN consultation_suggestions s ON s.consultation_id = c.id WHERE ${W} GROUP BY a, k`,
      )
      .all(...P) as { a: string; k: string; shown: number; accepted: number; blocked: number }[];
    for (const r of sugg) {
      const c = agg(r.k, r.a).c;
      c.shown += r.shown;
      c.accepted += r.accepted;
      c.blocked += r.blocked;
    }
    const replies = this.sqlite
      .prepare(
        `SELECT c.associate_id AS a, substr(c.started_at, 1, 10) AS k, COALESCE(m.engine, 'unknown') AS engine, m.first_suggestion_ms AS fsm,
                CASE WHEN m.status = 'complete' THEN m.full_reply_ms END AS frm, m.fallback IS NOT NULL AS fb, m.status = 'stopped' AS st
         FROM consultations c JOIN consultation_messages m ON m.consultation_id = c.id
         WHERE ${W} AND m.role = 'assistant'`,
      )
      .raw()
      .iterate(...P) as Iterable<[string, string, string, number | null, number | null, number, number]>;
    let last: Agg | null = null;
    let lastKey = '';
    for (const [a, k, engine, fsm, frm, fb, st] of replies) {
      const key = `${k}|${a}`;
      if (key !== lastKey) {
        last = agg(k, a);
        lastKey = key;
      }
      const g = last!;
      g.c.replies++;
      g.c.fallbacks += fb;
      g.c.stopped += st;
      if (fsm !== null) {
        const lk = `${engine}|first`;
        let l = g.lat.get(lk);
        if (!l) g.lat.set(lk, (l = []));
        l.push(fsm);
      }
      if (frm !== null) {
        const lk = `${engine}|full`;
        let l = g.lat.get(lk);
        if (!l) g.lat.set(lk, (l = []));
        l.push(frm);
      }
    }
    return out;
  }

  compute(input: { from: string; to: string; associateIds?: string[]; granularity: 'day' | 'week' }, scope: ViewScope, now = new Date()): KpiOutput {
    const t0 = performance.now();
    const base: ConsultationFilter = { from: input.from, to: input.to, ...(input.associateIds?.length ? { associateIds: input.associateIds } : {}) };
    whereFor(base, scope); // validates the dates and their order
    const wanted = (a: string) =>
      (scope.associateId === null || a === scope.associateId) && (!input.associateIds?.length || input.associateIds.includes(a));
    const days = this.dayAggs(scope.storeId, input.from, input.to, now.toISOString().slice(0, 10));

    const weekOf = (d: string) => {
      const dow = (new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7;
      return addDays(d, -dow);
    };
    const byAssoc = new Map<string, Agg[]>();
    const byBucket = new Map<string, Agg[]>();
    for (const [d, perA] of days)
      for (const [a, g] of perA) {
        if (!wanted(a)) continue;
        const k = input.granularity === 'day' ? d : weekOf(d);
        (byAssoc.get(a) ?? (byAssoc.set(a, []), byAssoc.get(a)!)).push(g);
        (byBucket.get(k) ?? (byBucket.set(k, []), byBucket.get(k)!)).push(g);
      }
    const all = [...byAssoc.values()].flat();

    const ordersSynced = !!(this.sqlite.prepare('SELECT EXISTS (SELECT 1 FROM orders WHERE customer_id IS NOT NULL) AS x').get() as { x: number }).x;
    const names = new Map((this.sqlite.prepare('SELECT id, name FROM associates').all() as { id: string; name: string }[]).map((r) => [r.id, r.name]));

    const sum = (aggs: Agg[]) => {
      const c = zero();
      for (const g of aggs) add(c, g.c);
      return c;
    };
    const lists = (aggs: Agg[], pred: (key: string) => boolean) => {
      const out: number[][] = [];
      for (const g of aggs) for (const [k, l] of g.lat) if (pred(k)) out.push(l);
      return out;
    };

    const setFor = (aggs: Agg[], scopeFilter: ConsultationFilter): KpiSet => {
      const c = sum(aggs);
      const f = (extra: ConsultationFilter = {}): ConsultationFilter => ({ ...scopeFilter, ...extra });
      const byCur = new Map<string, { purchases: number; value: number }>();
      for (const g of aggs)
        for (const [cur, b] of g.basket) {
          const x = byCur.get(cur) ?? { purchases: 0, value: 0 };
          x.purchases += b.purchases;
          x.value += b.value;
          byCur.set(cur, x);
        }
      const engines = [...new Set(aggs.flatMap((g) => [...g.lat.keys()].map((k) => k.split('|')[0]!)))].sort();
      // Count each engine's latencies once; "all" adds the engines' counts instead of recounting.
      const counted = new Map<string, Counted>();
      for (const e of engines) for (const kind of ['first', 'full']) counted.set(`${e}|${kind}`, countValues(lists(aggs, (k) => k === `${e}|${kind}`)));
      const lat = (pick: string[], engine: string) => {
        const pct = (kind: string) => {
          const r = percentilesOfCounted(pick.map((e) => counted.get(`${e}|${kind}`)!), [0.5, 0.95]);
          return { p50: r.values[0]!, p95: r.values[1]!, n: r.n };
        };
        return { engine, firstSuggestion: pct('first'), fullReply: pct('full') };
      };
      return {
        consultations: { value: c.n, filter: f() },
        engagement: ratio(c.engaged, c.n, f({ usedCopilot: true }), f()),
        turnsPerConsultation: { value: c.engaged ? c.turns / c.engaged : null, turns: c.turns, consultations: c.engaged, filter: f({ usedCopilot: true }) },
        acceptance: ratio(c.accepted, c.shown, f({ acceptedSuggestion: true }), f({ hasShownSuggestions: true })),
        conversion: ratio(c.purchased, c.ended, f({ outcome: ['purchased'] }), f({ outcome: ENDED })),
        conversion14d: {
          ...ratio(c.followUp, c.knownEnded, f({ customer: 'known', outcome: ENDED, followUpPurchase: true }), f({ customer: 'known', outcome: ENDED })),
          ordersSynced,
        },
        basket: {
          purchases: c.purchasesWithBasket,
          avgUnits: c.purchasesWithBasket ? c.units / c.purchasesWithBasket : null,
          byCurrency: [...byCur]
            .map(([currency, v]) => ({ currency, purchases: v.purchases, avgValue: Math.round(v.value / v.purchases) }))
            .sort((a, b) => b.purchases - a.purchases || a.currency.localeCompare(b.currency)),
          filter: f({ outcome: ['purchased'] }),
        },
        satisfaction: {
          mean: c.rated ? c.satSum / c.rated : null,
          responses: c.rated,
          distribution: { 1: c.sat[0], 2: c.sat[1], 3: c.sat[2], 4: c.sat[3], 5: c.sat[4] },
          responseRate: ratio(c.ratedEnded, c.ended, f({ outcome: ENDED, rated: true }), f({ outcome: ENDED })),
          filter: f({ rated: true }),
        },
        responseTime: { all: lat(engines, 'all'), byEngine: engines.map((e) => lat([e], e)), filter: f({ hasLatency: true }) },
        fallback: ratio(c.fallbacks, c.replies, f({ hadFallback: true }), f({ usedCopilot: true })),
        stoppedReplies: { value: c.stopped, filter: f({ hadStoppedReply: true }) },
        blockedSuggestions: { value: c.blocked, filter: f() },
      };
    };

    const associates = [...byAssoc]
      .map(([id, aggs]) => ({ associateId: id, name: names.get(id) ?? id, ...setFor(aggs, { ...base, associateIds: [id] }) }))
      .sort((x, y) => x.name.localeCompare(y.name));

    const points: KpiPoint[] = [];
    for (const { bucket, from, to } of buckets(input.from, input.to, input.granularity)) {
      const aggs = byBucket.get(bucket) ?? [];
      const c = sum(aggs);
      const first = percentilesOf(lists(aggs, (k) => k.endsWith('|first')), [0.5]);
      const full = percentilesOf(lists(aggs, (k) => k.endsWith('|full')), [0.5, 0.95]);
      points.push({
        bucket,
        from,
        to,
        consultations: c.n,
        engagementRate: c.n ? c.engaged / c.n : null,
        acceptanceRate: c.shown ? c.accepted / c.shown : null,
        conversionRate: c.ended ? c.purchased / c.ended : null,
        satisfactionMean: c.rated ? c.satSum / c.rated : null,
        fallbackRate: c.replies ? c.fallbacks / c.replies : null,
        firstSuggestionP50Ms: first.values[0]!,
        fullReplyP50Ms: full.values[0]!,
        fullReplyP95Ms: full.values[1]!,
      });
    }

    return {
      range: { from: input.from, to: input.to },
      store: this.rt.here(),
      definitions: { ...KPI_DEFINITIONS },
      totals: setFor(all, base),
      associates,
      series: { granularity: input.granularity, points },
      tookMs: Math.round((performance.now() - t0) * 10) / 10,
    };
  }
}

/** Every bucket of the range, empty ones included, clipped to the range. Weeks start on Monday. */
export function buckets(from: string, to: string, granularity: 'day' | 'week'): { bucket: string; from: string; to: string }[] {
  const out: { bucket: string; from: string; to: string }[] = [];
  if (granularity === 'day') {
    for (let d = from; d <= to; d = addDays(d, 1)) out.push({ bucket: d, from: d, to: d });
    return out;
  }
  const dow = (new Date(`${from}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  for (let start = addDays(from, -dow); start <= to; start = addDays(start, 7)) {
    const end = addDays(start, 6);
    out.push({ bucket: start, from: start < from ? from : start, to: end > to ? to : end });
  }
  return out;
}
