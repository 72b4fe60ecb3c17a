/**
 * Manager KPIs for a date range, per store and per associate, with the definition of each number
 * and the list filters that reproduce the consultations behind it. The figures are kept at write
 * time by SQLite triggers (consultation_facts → kpi_daily, kpi_latency); a call sums a few thousand
 * rows and counts the packed latencies into exact millisecond histograms, so every range — a whole year
 * included — costs about the same on the first call as on later ones.
 */
import type { Sqlite } from '../db/statements';
import {
  associateNames,
  customerOrdersSynced,
  kpiSeriesPerDay,
  kpiSumsPerAssociate,
  latenciesPerAssociateEngine,
  latenciesPerDay,
} from './queries';
import type { AppRuntime } from '../app/runtime';
import type { ViewScope } from '../auth/scope';
import type { ConsultationFilter, KpiOutput, KpiPoint, KpiRatio, KpiSet } from '../contract/review';
import { associateLabel, OUTCOME_LABELS } from '../contract/review';
import { addDays, whereFor } from './consultation-filter';

export const KPI_DEFINITIONS = {
  consultations:
    "Consultations started in the range (the store's calendar days, in its time zone; both ends included), walk-ins and still-open ones included.",
  engagement: 'Consultations using the copilot (at least one copilot turn) ÷ consultations started.',
  turnsPerConsultation: 'Copilot turns (distinct turn numbers with a message) ÷ consultations using the copilot.',
  acceptance:
    'Suggestions shown that were shortlisted or bought ÷ suggestions shown. Blocked (ungrounded) suggestions are never shown and are not counted.',
  conversion: `Ended consultations with outcome "${OUTCOME_LABELS.purchased}" ÷ ended consultations ("${OUTCOME_LABELS.purchased}", "${OUTCOME_LABELS.no_purchase}", "${OUTCOME_LABELS.abandoned}"). Open ones are left out.`,
  conversion14d:
    'Ended consultations with a known customer where that customer placed an order within 14 days after the end (placedAt in (endedAt, endedAt + 14 days]) ÷ ended consultations with a known customer. Walk-ins cannot be followed; needs orders synced.',
  basket: `Mean basket value (rounded to whole minor units, per currency) and mean units over consultations that ended "${OUTCOME_LABELS.purchased}" with a basket recorded.`,
  satisfaction:
    'Mean of the customer’s 1–5 rating over rated consultations, with the count of each score. Response rate = rated ended consultations ÷ ended consultations.',
  responseTime:
    'Per copilot reply, in ms: time to the first suggestion (replies that showed one) and time to the full reply (completed replies only; stopped or failed replies are left out). p50/p95 by nearest rank: the ⌈p·n⌉-th smallest value.',
  fallback:
    'Copilot replies given by another engine because the first one failed (a fallback recorded) ÷ copilot replies.',
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
  n: 0,
  engaged: 0,
  turns: 0,
  ended: 0,
  purchased: 0,
  knownEnded: 0,
  followUp: 0,
  purchasesWithBasket: 0,
  units: 0,
  rated: 0,
  ratedEnded: 0,
  satSum: 0,
  sat: [0, 0, 0, 0, 0],
  shown: 0,
  accepted: 0,
  blocked: 0,
  replies: 0,
  fallbacks: 0,
  stopped: 0,
});

const COUNTER_KEYS = Object.keys(zero()).filter((k) => k !== 'sat') as Exclude<keyof Counters, 'sat'>[];
function add(into: Counters, c: Counters): void {
  for (const k of COUNTER_KEYS) into[k] += c[k];
  for (const i of [0, 1, 2, 3, 4] as const) into.sat[i] += c.sat[i];
}

/** Largest value counted into an array; anything else is sorted aside. */
const SCRATCH_MAX = 120_000;
/** Values are also counted per block of 64 ms, so a percentile walks ~200 blocks and one block's values. */
const BLOCK_SHIFT = 6;
const BLOCK = 1 << BLOCK_SHIFT;

/** Integer milliseconds counted into an array (index = ms) and per block; anything else kept aside. */
interface Counted {
  counts: Uint32Array;
  blocks: Uint32Array;
  aside: number[];
  n: number;
}
const newCounted = (): Counted => ({ counts: new Uint32Array(8 * BLOCK), blocks: new Uint32Array(8), aside: [], n: 0 });

function countInto(h: Counted, v: number): void {
  h.n++;
  if (v >= 0 && v <= SCRATCH_MAX && Number.isInteger(v)) {
    if (v >= h.counts.length) {
      const size = Math.min(SCRATCH_MAX + BLOCK, Math.max(v + 1, h.counts.length * 2));
      const counts = new Uint32Array(Math.ceil(size / BLOCK) * BLOCK);
      counts.set(h.counts);
      const blocks = new Uint32Array(counts.length >> BLOCK_SHIFT);
      blocks.set(h.blocks);
      h.counts = counts;
      h.blocks = blocks;
    }
    h.counts[v]!++;
    h.blocks[v >> BLOCK_SHIFT]!++;
  } else h.aside.push(v);
}

/** Empties a histogram for reuse, touching only the blocks that hold values. */
function clearCounted(h: Counted): void {
  const { counts, blocks } = h;
  for (let b = 0; b < blocks.length; b++)
    if (blocks[b]) {
      counts.fill(0, b << BLOCK_SHIFT, (b + 1) << BLOCK_SHIFT);
      blocks[b] = 0;
    }
  h.aside = [];
  h.n = 0;
}

/** Counts packed latencies (3-byte big-endian whole milliseconds, see kpi_latency) into `h`. */
export function countPackedMs(packed: Uint8Array, h: Counted): void {
  let { counts, blocks } = h;
  for (let i = 0; i + 2 < packed.length; i += 3) {
    const v = (packed[i]! << 16) | (packed[i + 1]! << 8) | packed[i + 2]!;
    if (v < counts.length) {
      counts[v]!++;
      blocks[v >> BLOCK_SHIFT]!++;
      h.n++;
    } else {
      countInto(h, v);
      ({ counts, blocks } = h);
    }
  }
}

/** Counts packed latencies plus the comma-separated values a writer stored outside whole milliseconds ("12.5,-3"). */
function countLatencies(packed: Uint8Array | null, other: string | null, h: Counted): void {
  if (packed) countPackedMs(packed, h);
  if (other) for (const part of other.split(',')) if (part) countInto(h, Number(part));
}

/** Exact nearest-rank percentiles of a few lists of milliseconds taken together. */
export function percentilesOf(lists: number[][], ps: number[]): { values: (number | null)[]; n: number } {
  const h = newCounted();
  for (const l of lists) for (const v of l) countInto(h, v);
  return percentilesOfCounted([h], ps);
}

/** Nearest-rank percentiles (the ⌈p·n⌉-th smallest value) over several counted sets taken together. */
function percentilesOfCounted(sets: Counted[], ps: number[]): { values: (number | null)[]; n: number } {
  const n = sets.reduce((a, x) => a + x.n, 0);
  const values: (number | null)[] = ps.map(() => null);
  if (!n) return { values, n };
  const aside =
    sets.length === 1 ? [...sets[0]!.aside].sort((x, y) => x - y) : sets.flatMap((x) => x.aside).sort((x, y) => x - y);
  const ranks = ps.map((p) => Math.max(1, Math.ceil(p * n)));
  const nBlocks = Math.max(...sets.map((x) => x.blocks.length));
  let seen = 0;
  let i = 0;
  let a = 0;
  const take = (v: number, c: number) => {
    seen += c;
    while (i < ranks.length && seen >= ranks[i]!) values[i++] = v;
  };
  // Values kept aside (negative, fractional, over 2 minutes) slot in between the counted ones.
  for (let b = 0; b < nBlocks && i < ranks.length; b++) {
    const lo = b << BLOCK_SHIFT;
    while (a < aside.length && aside[a]! < lo && i < ranks.length) take(aside[a++]!, 1);
    let inBlock = 0;
    for (const x of sets) if (b < x.blocks.length) inBlock += x.blocks[b]!;
    if (!inBlock || i >= ranks.length) continue;
    const asideHere = a < aside.length && aside[a]! < lo + BLOCK;
    if (!asideHere && seen + inBlock < ranks[i]!) {
      seen += inBlock;
      continue;
    }
    for (let v = lo; v < lo + BLOCK && i < ranks.length; v++) {
      while (a < aside.length && aside[a]! < v && i < ranks.length) take(aside[a++]!, 1);
      let c = 0;
      for (const x of sets) if (v < x.counts.length) c += x.counts[v]!;
      if (c) take(v, c);
    }
  }
  while (a < aside.length && i < ranks.length) take(aside[a++]!, 1);
  return { values, n };
}

const ENDED: ConsultationFilter['outcome'] = ['purchased', 'no_purchase', 'abandoned'];

/** A KPI ratio with the filters that reproduce its numerator's and denominator's consultations. */
export function ratio(
  numerator: number,
  denominator: number,
  numeratorFilter: ConsultationFilter,
  denominatorFilter: ConsultationFilter,
): KpiRatio {
  return {
    value: denominator ? numerator / denominator : null,
    numerator,
    denominator,
    numeratorFilter,
    denominatorFilter,
  };
}

type SumRow = Omit<Counters, 'sat'> & {
  cur: string;
  basketValue: number;
  sat1: number;
  sat2: number;
  sat3: number;
  sat4: number;
  sat5: number;
};
/** One associate's figures over the range: counters, basket sums per currency, latencies counted per "engine|kind". */
interface AssociateFigures {
  c: Counters;
  basket: Map<string, { purchases: number; value: number }>;
  lat: Map<string, Counted>;
}

/**
 * KPIs read from figures kept at write time: `kpi_daily` (per store day, associate and currency,
 * summed from `consultation_facts`) and `kpi_latency` (each day's reply latencies per associate and
 * engine), both maintained by SQLite triggers (migrations/0003_kpi_facts_triggers.sql). Sums are
 * done by SQLite (a year is a few thousand rows); latencies are counted straight from their text
 * into millisecond histograms. Every call reads afresh — no cache to warm or to go stale.
 */
export class KpiService {
  private readonly sqlite: Sqlite;

  constructor(private readonly rt: AppRuntime) {
    this.sqlite = rt.adb.sqlite;
  }

  compute(
    input: { from: string; to: string; associateIds?: string[]; granularity: 'day' | 'week' },
    scope: ViewScope,
  ): KpiOutput {
    // One read transaction: totals, associates and series come from the same snapshot even while
    // another connection (a sync worker, the copilot) writes.
    return this.sqlite.transaction(() => this.computeInSnapshot(input, scope, performance.now()))();
  }

  private computeInSnapshot(
    input: { from: string; to: string; associateIds?: string[]; granularity: 'day' | 'week' },
    scope: ViewScope,
    t0: number,
  ): KpiOutput {
    const base: ConsultationFilter = {
      from: input.from,
      to: input.to,
      ...(input.associateIds?.length ? { associateIds: input.associateIds } : {}),
    };
    whereFor(base, scope); // validates the dates and their order
    // The associates whose consultations count: the viewer's own for an associate, narrowed by the input's list.
    const ids = input.associateIds?.length ? input.associateIds : null;
    const who = scope.associateId !== null ? (ids && !ids.includes(scope.associateId) ? [] : [scope.associateId]) : ids;
    const range = { storeId: scope.storeId, from: input.from, to: input.to, associateIds: who };

    const byAssoc = new Map<string, AssociateFigures>();
    const figuresOf = (a: string): AssociateFigures => {
      let f = byAssoc.get(a);
      if (!f) byAssoc.set(a, (f = { c: zero(), basket: new Map(), lat: new Map() }));
      return f;
    };
    const perAssociate = kpiSumsPerAssociate(this.sqlite, range);
    for (const r of perAssociate) {
      const f = figuresOf(r.a);
      addRow(f.c, r);
      if (r.purchasesWithBasket) {
        const b = f.basket.get(r.cur) ?? { purchases: 0, value: 0 };
        b.purchases += r.purchasesWithBasket;
        b.value += r.basketValue;
        f.basket.set(r.cur, b);
      }
    }

    const weekCache = new Map<string, string>();
    const bucketOf = (d: string) => {
      if (input.granularity === 'day') return d;
      let w = weekCache.get(d);
      if (w === undefined) weekCache.set(d, (w = addDays(d, -((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7))));
      return w;
    };
    const bucketCounters = new Map<string, Counters>();
    // The series needs only the rates' parts.
    const perDay = kpiSeriesPerDay(this.sqlite, range);
    for (const [day, n, engaged, shown, accepted, ended, purchased, rated, satSum, replies, fallbacks] of perDay) {
      const k = bucketOf(day);
      let c = bucketCounters.get(k);
      if (!c) bucketCounters.set(k, (c = zero()));
      c.n += n;
      c.engaged += engaged;
      c.shown += shown;
      c.accepted += accepted;
      c.ended += ended;
      c.purchased += purchased;
      c.rated += rated;
      c.satSum += satSum;
      c.replies += replies;
      c.fallbacks += fallbacks;
    }

    // Latencies: SQLite concatenates each associate×engine's packed values over the range, and each
    // day's across associates and engines for the series, so a year arrives as a few hundred blobs.
    const perAssociateEngine = latenciesPerAssociateEngine(this.sqlite, range);
    for (const [a, engine, first, firstOther, full, fullOther] of perAssociateEngine) {
      const f = figuresOf(a);
      if (first?.length || firstOther) countLatencies(first, firstOther, latencyOf(f, `${engine}|first`));
      if (full?.length || fullOther) countLatencies(full, fullOther, latencyOf(f, `${engine}|full`));
    }
    const bucketLatency = new Map<string, { first: number | null; full: (number | null)[] }>();
    const bucketFirst = newCounted();
    const bucketFull = newCounted();
    let open: string | null = null;
    const flush = () => {
      if (open === null) return;
      bucketLatency.set(open, {
        first: percentilesOfCounted([bucketFirst], [0.5]).values[0]!,
        full: percentilesOfCounted([bucketFull], [0.5, 0.95]).values,
      });
      clearCounted(bucketFirst);
      clearCounted(bucketFull);
    };
    const perDayLatency = latenciesPerDay(this.sqlite, range);
    for (const [day, first, firstOther, full, fullOther] of perDayLatency) {
      const k = bucketOf(day);
      if (k !== open) {
        flush();
        open = k;
      }
      countLatencies(first, firstOther, bucketFirst);
      countLatencies(full, fullOther, bucketFull);
    }
    flush();

    const ordersSynced = customerOrdersSynced(this.sqlite);
    const names = associateNames(this.sqlite);

    const setFor = (figs: AssociateFigures[], scopeFilter: ConsultationFilter): KpiSet => {
      const c = zero();
      for (const g of figs) add(c, g.c);
      const f = (extra: ConsultationFilter = {}): ConsultationFilter => ({ ...scopeFilter, ...extra });
      const byCur = new Map<string, { purchases: number; value: number }>();
      for (const g of figs)
        for (const [cur, b] of g.basket) {
          const x = byCur.get(cur) ?? { purchases: 0, value: 0 };
          x.purchases += b.purchases;
          x.value += b.value;
          byCur.set(cur, x);
        }
      const engines = [...new Set(figs.flatMap((g) => [...g.lat.keys()].map((k) => k.split('|')[0]!)))].sort();
      const counted = (e: string, kind: string) => figs.flatMap((g) => g.lat.get(`${e}|${kind}`) ?? []);
      const lat = (pick: string[], engine: string) => {
        const pct = (kind: string) => {
          const r = percentilesOfCounted(
            pick.flatMap((e) => counted(e, kind)),
            [0.5, 0.95],
          );
          return { p50: r.values[0]!, p95: r.values[1]!, n: r.n };
        };
        return { engine, firstSuggestion: pct('first'), fullReply: pct('full') };
      };
      return {
        consultations: { value: c.n, filter: f() },
        engagement: ratio(c.engaged, c.n, f({ usedCopilot: true }), f()),
        turnsPerConsultation: {
          value: c.engaged ? c.turns / c.engaged : null,
          turns: c.turns,
          consultations: c.engaged,
          filter: f({ usedCopilot: true }),
        },
        acceptance: ratio(c.accepted, c.shown, f({ acceptedSuggestion: true }), f({ hasShownSuggestions: true })),
        conversion: ratio(c.purchased, c.ended, f({ outcome: ['purchased'] }), f({ outcome: ENDED })),
        conversion14d: {
          ...ratio(
            c.followUp,
            c.knownEnded,
            f({ customer: 'known', outcome: ENDED, followUpPurchase: true }),
            f({ customer: 'known', outcome: ENDED }),
          ),
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
        responseTime: {
          all: lat(engines, 'all'),
          byEngine: engines.map((e) => lat([e], e)),
          filter: f({ hasLatency: true }),
        },
        fallback: ratio(c.fallbacks, c.replies, f({ hadFallback: true }), f({ usedCopilot: true })),
        stoppedReplies: { value: c.stopped, filter: f({ hadStoppedReply: true }) },
        blockedSuggestions: { value: c.blocked, filter: f() },
      };
    };

    const associates = [...byAssoc]
      .map(([id, figs]) => ({
        associateId: id,
        name: associateLabel(id, names.get(id)),
        ...setFor([figs], { ...base, associateIds: [id] }),
      }))
      .sort((x, y) => x.name.localeCompare(y.name));

    const points: KpiPoint[] = [];
    for (const { bucket, from, to } of buckets(input.from, input.to, input.granularity)) {
      const c = bucketCounters.get(bucket) ?? zero();
      const l = bucketLatency.get(bucket);
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
        firstSuggestionP50Ms: l?.first ?? null,
        fullReplyP50Ms: l?.full[0] ?? null,
        fullReplyP95Ms: l?.full[1] ?? null,
      });
    }

    return {
      range: { from: input.from, to: input.to },
      store: this.rt.here(),
      definitions: { ...KPI_DEFINITIONS },
      totals: setFor([...byAssoc.values()], base),
      associates,
      series: { granularity: input.granularity, points },
      tookMs: Math.round((performance.now() - t0) * 10) / 10,
    };
  }
}

function addRow(c: Counters, r: SumRow): void {
  for (const k of COUNTER_KEYS) c[k] += r[k] ?? 0;
  c.sat[0] += r.sat1 ?? 0;
  c.sat[1] += r.sat2 ?? 0;
  c.sat[2] += r.sat3 ?? 0;
  c.sat[3] += r.sat4 ?? 0;
  c.sat[4] += r.sat5 ?? 0;
}

function latencyOf(f: AssociateFigures, key: string): Counted {
  let h = f.lat.get(key);
  if (!h) f.lat.set(key, (h = newCounted()));
  return h;
}

/** Every bucket of the range, empty ones included, clipped to the range. Weeks start on Monday. */
export function buckets(
  from: string,
  to: string,
  granularity: 'day' | 'week',
): { bucket: string; from: string; to: string }[] {
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
