/**
 * The copilot's local engine on the demo store, message by message (tests/fixtures/copilot/
 * scenarios.json). Three figures are printed and asserted:
 * - grounded %: cards whose SKU is sellable and whose price and stock equal the database's;
 * - constraint precision %: expected constraint fields the engine understood exactly;
 * - hit %: scenarios whose answer satisfies every expectation (right category, size, budget,
 *   colours, on the shelf here — or a question when vague, or a plain "nothing fits").
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime } from '../../support/runtime';
import { loadDemoStore } from '../../../src-main/demo/load';
import { CopilotService } from '../../../src-main/copilot/service';
import { loadCustomerProfile, type SizeDomain } from '../../../src-main/customers/profile';
import type { AppRuntime } from '../../../src-main/app/runtime';
import type { CopilotConstraints, CopilotTurn } from '../../../src-main/contract/copilot';

interface Expect {
  categories?: string[];
  sizes?: string[];
  priceMax?: number;
  priceMin?: number;
  excludeColors?: string[];
  colors?: string[];
  gender?: string;
  brands?: string[];
  features?: string[];
  inStockHere?: boolean;
  ask?: boolean;
  nothingFits?: boolean;
  usualSize?: SizeDomain;
  cheaperThanSetup?: boolean;
  noSizes?: boolean;
}
interface Scenario {
  id: string;
  message: string;
  setup?: string[];
  customer?: 'with-tops-size' | 'with-shoes-size';
  expect: Expect;
}

const file = path.join(__dirname, '../../fixtures/copilot/scenarios.json');
const scenarios = (JSON.parse(fs.readFileSync(file, 'utf8')) as { scenarios: Scenario[] }).scenarios;

let rt: AppRuntime;
let copilot: CopilotService;
const results: {
  id: string;
  grounded: number;
  cards: number;
  fields: number;
  fieldsRight: number;
  hit: boolean;
  why: string[];
}[] = [];

beforeAll(() => {
  rt = testRuntime({ config: { store: { id: 'S1' } } });
  loadDemoStore(rt.adb, { seed: 42, anchor: new Date('2026-11-20T00:00:00Z') });
  copilot = new CopilotService(rt);
});

afterAll(() => {
  const cards = results.reduce((n, r) => n + r.cards, 0);
  const grounded = results.reduce((n, r) => n + r.grounded, 0);
  const fields = results.reduce((n, r) => n + r.fields, 0);
  const right = results.reduce((n, r) => n + r.fieldsRight, 0);
  const hits = results.filter((r) => r.hit).length;
  const line = `copilot scenarios: ${results.length} — grounded ${pct(grounded, cards)} (${grounded}/${cards} cards), constraint precision ${pct(right, fields)} (${right}/${fields} fields), hit ${pct(hits, results.length)} (${hits}/${results.length})`;
  console.log(line);
  for (const r of results.filter((x) => !x.hit || x.fieldsRight < x.fields))
    console.log(`  ${r.id}: ${r.why.join('; ')}`);
  rt?.close();
});

function pct(a: number, b: number): string {
  return b ? `${((100 * a) / b).toFixed(1)}%` : 'n/a';
}

function customerWith(domain: SizeDomain): number {
  const ids = rt.adb.sqlite
    .prepare(
      `SELECT customer_id AS id FROM orders WHERE customer_id IS NOT NULL GROUP BY customer_id HAVING count(*) >= 4 ORDER BY customer_id`,
    )
    .all() as { id: number }[];
  for (const { id } of ids) {
    const p = loadCustomerProfile(rt.adb.sqlite, id);
    if (p?.consent && p.sizes[domain] && p.purchases.length >= 4) return id;
  }
  throw new Error(`no demo customer with a ${domain} size`);
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Every card against the database: sellable, and the price and stock it shows are the DB's. */
function groundedCards(turn: CopilotTurn): number {
  let ok = 0;
  for (const c of turn.suggestions) {
    const row = rt.adb.sqlite
      .prepare(
        `SELECT coalesce(v.sale_price, v.price) AS price, coalesce(i.quantity, 0) AS stock FROM variants v JOIN products p ON p.id = v.product_id
         LEFT JOIN inventory i ON i.variant_id = v.id AND i.store_id = 'S1' WHERE v.sku = ? AND v.status = 'active' AND p.status = 'active'`,
      )
      .get(c.sku) as { price: number; stock: number } | undefined;
    if (row && row.price === c.price && row.stock === c.stockHere) ok++;
  }
  return ok;
}

describe('copilot scenarios on the demo store', () => {
  it('has at least 40 scenarios', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(40);
  });

  for (const s of scenarios) {
    it(s.id, () => {
      const customerId = s.customer ? customerWith(s.customer === 'with-tops-size' ? 'tops' : 'shoes') : null;
      const c = copilot.start('scenario', customerId);
      let setupPrices: number[] = [];
      let grounded = 0;
      let cards = 0;
      for (const m of s.setup ?? []) {
        const t = copilot.send(c.id, m);
        grounded += groundedCards(t);
        cards += t.suggestions.length;
        setupPrices = t.suggestions.filter((x) => x.kind === 'match').map((x) => x.price);
      }
      const turn = copilot.send(c.id, s.message);
      grounded += groundedCards(turn);
      cards += turn.suggestions.length;
      const e = s.expect;
      const k: CopilotConstraints = turn.constraints;
      const why: string[] = [];
      let fields = 0;
      let right = 0;
      const field = (name: string, ok: boolean, detail: string) => {
        fields++;
        if (ok) right++;
        else why.push(`${name}: ${detail}`);
      };
      if (e.categories) field('categories', sameSet(k.categories, e.categories), JSON.stringify(k.categories));
      if (e.sizes) field('sizes', sameSet(k.sizes, e.sizes), JSON.stringify(k.sizes));
      if (e.priceMax !== undefined) field('priceMax', k.priceMax === e.priceMax, String(k.priceMax));
      if (e.priceMin !== undefined) field('priceMin', k.priceMin === e.priceMin, String(k.priceMin));
      if (e.excludeColors)
        field(
          'excludeColors',
          e.excludeColors.every((x) => k.excludeColors.includes(x)),
          JSON.stringify(k.excludeColors),
        );
      if (e.colors) field('colors', sameSet(k.colors, e.colors), JSON.stringify(k.colors));
      if (e.gender) field('gender', k.gender === e.gender, String(k.gender));
      if (e.brands) field('brands', sameSet(k.brands, e.brands), JSON.stringify(k.brands));
      if (e.features)
        field(
          'features',
          e.features.every((f) => k.features.includes(f)),
          JSON.stringify(k.features),
        );
      if (e.inStockHere === false) field('inStockHereOnly', k.inStockHereOnly === false, String(k.inStockHereOnly));
      if (e.noSizes) field('sizes reset', k.sizes.length === 0, JSON.stringify(k.sizes));

      // hit: does the answer itself do what the associate asked?
      const matches = turn.suggestions.filter((x) => x.kind === 'match');
      let hit = true;
      const miss = (w: string) => {
        hit = false;
        why.push(w);
      };
      if (e.ask) {
        if (!turn.questions.length) miss('asked no question');
        if (turn.questions.length > 1) miss('asked more than one question when vague');
      } else if (e.nothingFits) {
        if (!turn.relaxed) miss('did not name a relaxed constraint');
        if (!/nothing fits/i.test(turn.reply)) miss('did not say plainly that nothing fits');
        if (turn.suggestions.some((x) => x.kind === 'match')) miss('showed alternatives as matches');
      } else {
        if (!matches.length) miss(`no matches (relaxed: ${turn.relaxed}; reply: ${turn.reply.slice(0, 120)})`);
        if (turn.questions.length > 2) miss('more than 2 questions');
        let usual: string | null = null;
        if (e.usualSize && customerId)
          usual = loadCustomerProfile(rt.adb.sqlite, customerId)!.sizes[e.usualSize]!.value;
        for (const m of matches) {
          if (e.categories && !e.categories.includes(m.category ?? '')) miss(`${m.sku} is ${m.category}`);
          if (e.sizes && m.size && !e.sizes.includes(m.size)) miss(`${m.sku} is size ${m.size}`);
          if (usual && m.size !== usual) miss(`${m.sku} is size ${m.size}, usual ${usual}`);
          if (e.priceMax !== undefined && m.price > e.priceMax) miss(`${m.sku} costs ${m.price}`);
          if (e.priceMin !== undefined && m.price < e.priceMin) miss(`${m.sku} costs ${m.price}`);
          if (e.excludeColors && m.color && e.excludeColors.includes(m.color)) miss(`${m.sku} is ${m.color}`);
          if (e.colors && !e.colors.includes(m.color ?? '')) miss(`${m.sku} is ${m.color}`);
          if (e.inStockHere !== false && m.stockHere <= 0) miss(`${m.sku} not in stock here`);
          if (e.cheaperThanSetup && setupPrices.length && m.price >= Math.max(...setupPrices))
            miss(`${m.sku} is not cheaper`);
          if (e.brands && !e.brands.includes(m.brand ?? '')) miss(`${m.sku} is by ${m.brand}`);
          if (e.gender) {
            const g =
              (
                rt.adb.sqlite.prepare('SELECT gender FROM products WHERE id = ?').get(m.productId) as {
                  gender: string | null;
                }
              ).gender ?? 'unisex';
            if (g !== e.gender && !(g === 'unisex' && e.gender !== 'kids')) miss(`${m.sku} is ${g}`);
          }
        }
      }
      if (turn.suggestions.length > 5) miss('more than 5 suggestions');
      results.push({ id: s.id, grounded, cards, fields, fieldsRight: right, hit, why });
      expect(grounded).toBe(cards);
    });
  }

  it('meets the targets: 100% grounded, ≥95% constraint precision, ≥90% hit', () => {
    const cards = results.reduce((n, r) => n + r.cards, 0);
    const grounded = results.reduce((n, r) => n + r.grounded, 0);
    const fields = results.reduce((n, r) => n + r.fields, 0);
    const right = results.reduce((n, r) => n + r.fieldsRight, 0);
    const hits = results.filter((r) => r.hit).length;
    expect(results.length).toBe(scenarios.length);
    expect(cards).toBeGreaterThan(scenarios.length);
    expect(grounded / cards).toBe(1);
    expect(right / fields).toBeGreaterThanOrEqual(0.95);
    expect(hits / results.length).toBeGreaterThanOrEqual(0.9);
  });
});
