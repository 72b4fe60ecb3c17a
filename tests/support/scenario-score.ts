/**
 * Judging copilot answers against a scenario set, the way ../shared/data/copilot-dev/score.py does
 * (the holdout's rules): per answer grounded / precision / hit / infeasible / questions, and
 * score = mean of the five rates. A port of score.py's `judge`, `grounding_problems` and
 * `aggregate`, on the predicate in tests/fixtures/copilot-sports/sports-lib.ts.
 *
 * An answer is what `aisle ask --json` prints: {reply, suggestions: [{sku, price, currency, size,
 * color, stockHere}], questions}.
 */
import * as L from '../fixtures/copilot-sports/sports-lib';

export interface Scenario {
  id: string;
  tag: string;
  store: string;
  message?: string;
  turns?: string[];
  expect: L.Expect;
  feasible_skus: string[];
}

export interface Answer {
  reply: string;
  suggestions: {
    sku: unknown;
    price?: unknown;
    currency?: unknown;
    size?: unknown;
    color?: unknown;
    stockHere?: unknown;
  }[];
  questions: unknown[];
}

export interface Verdict {
  id: string;
  error?: string;
  n: number;
  grounded: boolean;
  groundProblems: string[];
  questions: number;
  skus: (string | null)[];
  satisfying: number;
  misses: string[];
  precision?: number | null;
  hit?: boolean;
  questionPass?: boolean;
  falseClaims?: string[];
  told?: boolean;
  infeasiblePass?: boolean;
}

/** score.py's NOTICE_RE: the reply says nothing fits (or offers something else instead). */
const NOTICE_RE = new RegExp(
  String.raw`\b(no|not|none|nothing|couldn't|could not|can't|cannot|unable|unavailable|out of stock|don't|doesn't|` +
    String.raw`isn't|aren't|haven't|hasn't|sorry|closest|nearest|alternatives?|instead|only|unfortunately|however|` +
    String.raw`other store|elsewhere|relax(?:ed|ing)?)\b`,
  'i',
);

/** The app's price in pounds, accepting pounds (35.0) or pence (3500); null if unusable. */
export function reportedPriceMajor(value: unknown, row: L.Row): number | null {
  let v = value;
  if (typeof v === 'string') {
    const n = Number(v.replace('£', '').replace('GBP', '').replace(',', '.').trim());
    if (!Number.isFinite(n)) return null;
    v = n;
  }
  if (typeof v !== 'number') return null;
  for (const c of [L.effectivePrice(row), L.regularPrice(row)]) {
    if (Math.abs(v - c) < 0.006) return v;
    if (Math.abs(v - Math.round(c * 100)) < 0.5) return v / 100;
  }
  return v;
}

const skuOf = (s: unknown): string | null => {
  const sku = s && typeof s === 'object' ? (s as { sku?: unknown }).sku : undefined;
  return typeof sku === 'string' ? sku : null;
};

const questionText = (q: unknown): string => {
  let t = q;
  if (t && typeof t === 'object') {
    const o = t as Record<string, unknown>;
    t = o.text || o.question || o.label;
  }
  return typeof t === 'string' ? t.trim() : '';
};

export function groundingProblems(
  sugg: Answer['suggestions'],
  catalog: L.Catalog,
  inv: L.Inventory,
  store: string,
): string[] {
  const problems: string[] = [];
  for (const s of sugg) {
    const sku = skuOf(s);
    if (sku === null || !catalog.has(sku)) {
      problems.push(`unknown sku ${JSON.stringify(s.sku)}`);
      continue;
    }
    const row = catalog.get(sku)!;
    const major = reportedPriceMajor(s.price, row);
    const ok = [L.effectivePrice(row), L.regularPrice(row)];
    if (major === null || !ok.some((c) => Math.abs(major - c) < 0.006))
      problems.push(
        `${sku}: price ${JSON.stringify(s.price)} is not the catalog's (${[...new Set(ok)]
          .sort((a, b) => a - b)
          .map((c) => c.toFixed(2))
          .join('/')})`,
      );
    if (
      s.currency !== undefined &&
      s.currency !== null &&
      !L.CURRENCY_SYMBOLS.includes(String(s.currency).trim().toUpperCase())
    )
      problems.push(`${sku}: currency ${JSON.stringify(s.currency)} is not ${L.CURRENCY}`);
    if (s.stockHere !== undefined && s.stockHere !== null) {
      const st = inv.get(L.invKey(sku, store)) ?? {
        available: 0,
        onHand: 0,
        committed: 0,
        unavailable: 0,
        incoming: 0,
      };
      const truths = new Set([st.available, st.onHand, st.onHand - st.committed, st.onHand - st.unavailable]);
      let good: boolean;
      if (typeof s.stockHere === 'boolean') good = s.stockHere === st.available > 0 || s.stockHere === st.onHand > 0;
      else {
        const q = L.reportedQty(s.stockHere);
        good = q !== null && truths.has(q);
      }
      if (!good)
        problems.push(`${sku}: stockHere ${JSON.stringify(s.stockHere)} but ${store} has ${st.available} available`);
    }
  }
  return problems;
}

export function judge(sc: Scenario, out: Answer, catalog: L.Catalog, inv: L.Inventory): Verdict {
  const { store, expect: e } = sc;
  const sugg = out.suggestions;
  const questions = (out.questions ?? []).filter((q) => questionText(q));
  const ground = groundingProblems(sugg, catalog, inv, store);
  const v: Verdict = {
    id: sc.id,
    n: sugg.length,
    grounded: !ground.length,
    groundProblems: ground,
    questions: questions.length,
    skus: sugg.map(skuOf),
    satisfying: 0,
    misses: [],
  };
  for (const s of sugg) {
    const sku = skuOf(s);
    if (sku === null || !catalog.has(sku)) {
      v.misses.push(`${JSON.stringify(s.sku)}(unknown)`);
      continue;
    }
    const f = L.failedChecks(catalog.get(sku)!, e, L.stockHere(inv, sku, store));
    if (f.length) v.misses.push(`${sku}(${f.join(',')})`);
    else v.satisfying++;
  }
  if (e.infeasible) {
    const claims: string[] = [];
    for (const s of sugg) {
      const sku = skuOf(s);
      if (sku === null || !catalog.has(sku)) continue;
      const row = catalog.get(sku)!;
      const rep: L.Reported = { size: s.size, color: s.color, stockHere: s.stockHere };
      if (s.price !== undefined) rep.price = reportedPriceMajor(s.price, row);
      if (!L.failedChecks(row, e, L.stockHere(inv, sku, store), rep).length) claims.push(sku);
    }
    const told = questions.length > 0 || NOTICE_RE.test((out.reply ?? '').replace(/\u2019/g, "'"));
    v.falseClaims = claims;
    v.told = told;
    v.infeasiblePass = !claims.length && !ground.length && told;
  } else {
    v.precision = e.question && !sugg.length ? null : sugg.length ? v.satisfying / sugg.length : 0;
    if (e.question) v.questionPass = questions.length > 0;
    else {
      const feasible = new Set(sc.feasible_skus);
      v.hit = v.skus.some((s) => s !== null && feasible.has(s));
    }
  }
  return v;
}

export interface Metrics {
  grounded: number;
  precision: number;
  hit: number;
  infeasible: [number, number];
  questions: [number, number];
  hits: [number, number];
  nPrecision: number;
  score: number;
  /** the mean of only the metrics this group has scenarios for (score.py's per-tag figure) */
  tagScore: number;
}

const rate = (xs: boolean[]) => (xs.length ? xs.filter(Boolean).length / xs.length : 1);

export function aggregate(verdicts: Verdict[], byId: Map<string, Scenario>): Metrics {
  const grounded = rate(verdicts.map((v) => !v.error && v.grounded));
  const prec: number[] = [];
  const hits: boolean[] = [];
  const inf: boolean[] = [];
  const q: boolean[] = [];
  for (const v of verdicts) {
    const e = byId.get(v.id)!.expect;
    const err = !!v.error;
    if (e.infeasible) {
      inf.push(!err && !!v.infeasiblePass);
      continue;
    }
    if (err) {
      if (!e.question) prec.push(0);
    } else if (v.precision !== null && v.precision !== undefined) prec.push(v.precision);
    if (e.question) q.push(!err && !!v.questionPass);
    else hits.push(!err && !!v.hit);
  }
  const precision = prec.length ? prec.reduce((a, b) => a + b, 0) / prec.length : 1;
  const [hit, infRate, qRate] = [rate(hits), rate(inf), rate(q)];
  const parts = [
    grounded,
    ...(prec.length ? [precision] : []),
    ...(hits.length ? [hit] : []),
    ...(inf.length ? [infRate] : []),
    ...(q.length ? [qRate] : []),
  ];
  const count = (xs: boolean[]): [number, number] => [xs.filter(Boolean).length, xs.length];
  return {
    grounded,
    precision,
    hit,
    infeasible: count(inf),
    questions: count(q),
    hits: count(hits),
    nPrecision: prec.length,
    score: (grounded + precision + hit + infRate + qRate) / 5,
    tagScore: parts.reduce((a, b) => a + b, 0) / parts.length,
  };
}

/** score.py's summary line, e.g. `copilot sports: grounded 100.0% precision 91.2% hit 95.0% infeasible 6/6 questions 6/6 score 0.95` */
export function summaryLine(label: string, m: Metrics): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return `${label}: grounded ${pct(m.grounded)} precision ${pct(m.precision)} hit ${pct(m.hit)} infeasible ${m.infeasible[0]}/${m.infeasible[1]} questions ${m.questions[0]}/${m.questions[1]} score ${m.score.toFixed(2)}`;
}

export function tagLine(tag: string, m: Metrics, n: number): string {
  const parts = [
    `tag ${tag.padEnd(12)} n ${String(n).padStart(2)}`,
    `grounded ${(m.grounded * 100).toFixed(1).padStart(5)}%`,
  ];
  if (m.nPrecision) parts.push(`precision ${(m.precision * 100).toFixed(1).padStart(5)}%`);
  if (m.hits[1]) parts.push(`hit ${m.hits[0]}/${m.hits[1]}`);
  if (m.infeasible[1]) parts.push(`infeasible ${m.infeasible[0]}/${m.infeasible[1]}`);
  if (m.questions[1]) parts.push(`questions ${m.questions[0]}/${m.questions[1]}`);
  parts.push(`score ${m.tagScore.toFixed(2)}`);
  return parts.join('  ');
}

/** Why a scenario lost points, in one line (empty when it lost none). */
export function failureReason(sc: Scenario, v: Verdict): string {
  if (v.error) return `error: ${v.error}`;
  const why: string[] = [];
  if (!v.grounded) why.push(`ungrounded: ${v.groundProblems.slice(0, 3).join('; ')}`);
  if (sc.expect.infeasible) {
    if (!v.infeasiblePass) {
      if (v.falseClaims?.length) why.push(`claims to fit: ${v.falseClaims.join(' ')}`);
      if (!v.told) why.push('does not say nothing fits');
    }
  } else {
    if (sc.expect.question && !v.questionPass) why.push('asked no question');
    if (!sc.expect.question && !v.hit) why.push(v.n ? 'no feasible SKU among the suggestions' : 'no suggestions');
    if (v.precision !== null && v.precision !== undefined && v.precision < 1)
      why.push(`precision ${v.satisfying}/${v.n}: ${v.misses.slice(0, 4).join(' ')}${v.misses.length > 4 ? ' …' : ''}`);
  }
  return why.join('; ');
}
