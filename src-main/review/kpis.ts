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

function add(into: Counters, c: Partial<Counters>): void {
  for (const [k, v] of Object.entries(c) as [keyof Counters, unknown][]) {
    if (k === 'sat') (v as number[]).forEach((x, i) => (into.sat[i] += x));
    else (into[k] as number) += v as number;
  }
}

/** Histograms keyed "engine|kind" → value → count. */
type Hist = Map<string, Map<number, number>>;
function histAdd(h: Hist, key: string, v: number, c: number): void {
  let m = h.get(key);
  if (!m) h.set(key, (m = new Map()));
  m.set(v, (m.get(v) ?? 0) + c);
}
function histMerge(h: Hist, keyPred: (key: string) => boolean): [number, number][] {
  const m = new Map<number, number>();
  for (const [k, inner] of h) if (keyPred(k)) for (const [v, c] of inner) m.set(v, (m.get(v) ?? 0) + c);
  return [...m].sort((a, b) => a[0] - b[0]);
}

const ENDED: ConsultationFilter['outcome'] = ['purchased', 'no_purchase', 'abandoned'];

function ratio(numerator: number, denominator: number, numeratorFilter: ConsultationFilter, denominatorFilter: ConsultationFilter): KpiRatio {
  return { value: denominator ? numerator / denominator : null, numerator, denominator, numeratorFilter, denominatorFilter };
}

export class KpiService {
  private readonly sqlite: Database.Database;

  constructor(private readonly rt: AppRuntime) {
    this.sqlite = rt.adb.sqlite;
  }

  compute(input: { from: string; to: string; associateIds?: string[]; granularity: 'day' | 'week' }, scope: ViewScope): KpiOutput {
    const t0 = performance.now();
    const base: ConsultationFilter = { from: input.from, to: input.to, ...(input.associateIds?.length ? { associateIds: input.associateIds } : {}) };
    const where = whereFor(base, scope);
    const bucketSql = input.granularity === 'day' ? 'substr(c.started_at, 1, 10)' : "date(c.started_at, 'weekday 0', '-6 days')";
    const P = where.params;
    const W = where.sql;

    const byAssoc = new Map<string, Counters>();
    const byBucket = new Map<string, Counters>();
    const bump = (a: string, k: string, c: Partial<Counters>) => {
      if (!byAssoc.has(a)) byAssoc.set(a, zero());
      if (!byBucket.has(k)) byBucket.set(k, zero());
      add(byAssoc.get(a)!, c);
      add(byBucket.get(k)!, c);
    };

    // Consultation-level figures in one range scan; turns via the covering (consultation_id, turn) index.
    const consultationRows = this.sqlite
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
           SELECT c.associate_id AS a, ${bucketSql} AS k, COALESCE(c.currency, '') AS cur, c.outcome, c.customer_id IS NOT NULL AS known,
             c.basket_value AS bv, c.basket_units AS bu, c.satisfaction AS sat,
             (SELECT COUNT(DISTINCT m.turn) FROM consultation_messages m WHERE m.consultation_id = c.id) AS t,
             CASE WHEN c.customer_id IS NOT NULL AND c.outcome IS NOT NULL THEN (${SQL_FOLLOW_UP}) ELSE 0 END AS fu
           FROM consultations c WHERE ${W}
         ) GROUP BY a, k, cur`,
      )
      .all(...P) as Record<string, number | string>[];
    const baskets: { a: string; currency: string; purchases: number; value: number }[] = [];
    for (const r of consultationRows) {
      const num = (k: string) => Number(r[k] ?? 0);
      bump(String(r.a), String(r.k), {
        n: num('n'), engaged: num('engaged'), turns: num('turns'), ended: num('ended'), purchased: num('purchased'),
        knownEnded: num('knownEnded'), followUp: num('followUp'), purchasesWithBasket: num('purchasesWithBasket'), units: num('units'),
        rated: num('rated'), ratedEnded: num('ratedEnded'), satSum: num('satSum'),
        sat: [num('s1'), num('s2'), num('s3'), num('s4'), num('s5')],
      });
      if (num('purchasesWithBasket')) baskets.push({ a: String(r.a), currency: String(r.cur), purchases: num('purchasesWithBasket'), value: num('basketValue') });
    }

    const suggestionRows = this.sqlite
      .prepare(
        `SELECT c.associate_id AS a, ${bucketSql} AS k, SUM(${SQL_SHOWN}) AS shown, SUM(${SQL_ACCEPTED}) AS accepted, SUM(s.grounded = 0) AS blocked
         FROM consultations c JOIN consultation_suggestions s ON s.consultation_id = c.id WHERE ${W} GROUP BY a, k`,
      )
      .all(...P) as { a: string; k: string; shown: number; accepted: number; blocked: number }[];
    for (const r of suggestionRows) bump(r.a, r.k, { shown: r.shown, accepted: r.accepted, blocked: r.blocked });

    // One pass over the replies: counts, and exact histograms of both latencies.
    const hists = new Map<string, Hist>(); // associate id → hist, "k:<bucket>" → hist
    const histOf = (key: string) => hists.get(key) ?? (hists.set(key, new Map()), hists.get(key)!);
    const replyRows = this.sqlite
      .prepare(
        `SELECT c.associate_id AS a, ${bucketSql} AS k, COALESCE(m.engine, 'unknown') AS engine, m.first_suggestion_ms AS fsm,
                CASE WHEN m.status = 'complete' THEN m.full_reply_ms END AS frm,
                COUNT(*) AS replies, SUM(m.fallback IS NOT NULL) AS fallbacks, SUM(m.status = 'stopped') AS stopped
         FROM consultations c JOIN consultation_messages m ON m.consultation_id = c.id
         WHERE ${W} AND m.role = 'assistant'
         GROUP BY a, k, engine, fsm, frm`,
      )
      .raw()
      .all(...P) as [string, string, string, number | null, number | null, number, number, number][];
    for (const [a, k, engine, fsm, frm, replies, fallbacks, stopped] of replyRows) {
      bump(a, k, { replies, fallbacks, stopped });
      for (const key of [a, `k:${k}`]) {
        const h = histOf(key);
        if (fsm !== null) histAdd(h, `${engine}|first`, fsm, replies);
        if (frm !== null) histAdd(h, `${engine}|full`, frm, replies);
      }
    }

    const ordersSynced = !!(this.sqlite.prepare('SELECT EXISTS (SELECT 1 FROM orders WHERE customer_id IS NOT NULL) AS x').get() as { x: number }).x;

    const names = new Map(
      (this.sqlite.prepare('SELECT id, name FROM associates').all() as { id: string; name: string }[]).map((r) => [r.id, r.name]),
    );

    const totals = zero();
    for (const c of byAssoc.values()) add(totals, c);
    const allHist: Hist = new Map();
    for (const [key, h] of hists) if (!key.startsWith('k:')) for (const [hk, inner] of h) for (const [v, c] of inner) histAdd(allHist, hk, v, c);

    const setFor = (c: Counters, h: Hist, scopeFilter: ConsultationFilter, basketRows: typeof baskets): KpiSet => {
      const f = (extra: ConsultationFilter = {}): ConsultationFilter => ({ ...scopeFilter, ...extra });
      const byCur = new Map<string, { purchases: number; value: number }>();
      for (const r of basketRows) {
        const cur = byCur.get(r.currency) ?? { purchases: 0, value: 0 };
        cur.purchases += r.purchases;
        cur.value += r.value;
        byCur.set(r.currency, cur);
      }
      const engines = [...new Set([...h.keys()].map((k) => k.split('|')[0]!))].sort();
      const lat = (pred: (engine: string) => boolean, engine: string) => {
        const first = histMerge(h, (k) => pred(k.split('|')[0]!) && k.endsWith('|first'));
        const full = histMerge(h, (k) => pred(k.split('|')[0]!) && k.endsWith('|full'));
        const pct = (hist: [number, number][]) => ({
          p50: percentileFromHistogram(hist, 0.5),
          p95: percentileFromHistogram(hist, 0.95),
          n: hist.reduce((a, [, x]) => a + x, 0),
        });
        return { engine, firstSuggestion: pct(first), fullReply: pct(full) };
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
        responseTime: { all: lat(() => true, 'all'), byEngine: engines.map((e) => lat((x) => x === e, e)), filter: f({ hasLatency: true }) },
        fallback: ratio(c.fallbacks, c.replies, f({ hadFallback: true }), f({ usedCopilot: true })),
        stoppedReplies: { value: c.stopped, filter: f({ hadStoppedReply: true }) },
        blockedSuggestions: { value: c.blocked, filter: f() },
      };
    };

    const totalsSet = setFor(totals, allHist, base, baskets);
    const associates = [...byAssoc]
      .map(([id, c]) => ({
        associateId: id,
        name: names.get(id) ?? id,
        ...setFor(c, hists.get(id) ?? new Map(), { ...base, associateIds: [id] }, baskets.filter((b) => b.a === id)),
      }))
      .sort((x, y) => x.name.localeCompare(y.name));

    const points: KpiPoint[] = [];
    for (const { bucket, from, to } of buckets(input.from, input.to, input.granularity)) {
      const c = byBucket.get(bucket) ?? zero();
      const h = hists.get(`k:${bucket}`) ?? new Map();
      const full = histMerge(h, (k) => k.endsWith('|full'));
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
        firstSuggestionP50Ms: percentileFromHistogram(histMerge(h, (k) => k.endsWith('|first')), 0.5),
        fullReplyP50Ms: percentileFromHistogram(full, 0.5),
        fullReplyP95Ms: percentileFromHistogram(full, 0.95),
      });
    }

    return {
      range: { from: input.from, to: input.to },
      store: this.rt.here(),
      definitions: { ...KPI_DEFINITIONS },
      totals: totalsSet,
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
