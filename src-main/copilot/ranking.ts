/**
 * How the copilot asks "which of these fit this customer best". The recommender feature will
 * provide a `Personaliser` backed by its trained model (`recommend()` with reasons); until then
 * `HistoryPopularityPersonaliser` ranks by the customer's own history and store popularity
 * computed from orders. The local engine only depends on the interface.
 */
import { orderLinesFingerprint, unitsSold } from './queries';
import type Database from 'better-sqlite3';
import type { CustomerProfile } from '../customers/profile';

export interface PersonalScore {
  score: number;
  reasons: string[];
  strategy: string;
}

export interface PersonaliseInput {
  storeId: string;
  /** null = walk-in or consent withheld */
  profile: CustomerProfile | null;
  candidates: { productId: number; category: string | null; brand: string | null; color: string | null }[];
  /** products already in play (shown, liked) this consultation */
  contextProductIds: number[];
}

export interface Personaliser {
  score(input: PersonaliseInput): Map<number, PersonalScore>;
}

interface PopularityTable {
  key: string;
  here: Map<string, Map<number, number>>;
  all: Map<number, number>;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export class HistoryPopularityPersonaliser implements Personaliser {
  private pop: PopularityTable | null = null;

  constructor(private readonly sqlite: Database.Database) {}

  /** Units sold per product, overall and per store; recomputed when the orders change. */
  popularity(): PopularityTable {
    const key = orderLinesFingerprint(this.sqlite);
    if (this.pop?.key === key) return this.pop;
    const rows = unitsSold(this.sqlite);
    const here = new Map<string, Map<number, number>>();
    const all = new Map<number, number>();
    for (const r of rows) {
      let m = here.get(r.storeId);
      if (!m) here.set(r.storeId, (m = new Map<number, number>()));
      m.set(r.productId, (m.get(r.productId) ?? 0) + r.units);
      all.set(r.productId, (all.get(r.productId) ?? 0) + r.units);
    }
    this.pop = { key, here, all };
    return this.pop;
  }

  score(input: PersonaliseInput): Map<number, PersonalScore> {
    const pop = this.popularity();
    const here = pop.here.get(input.storeId) ?? new Map<number, number>();
    let maxAll = 1;
    for (const c of input.candidates)
      maxAll = Math.max(maxAll, (pop.all.get(c.productId) ?? 0) + 2 * (here.get(c.productId) ?? 0));
    const p = input.profile?.consent ? input.profile : null;
    const owned = new Map<number, string>();
    const boughtCategory = new Map<string, { title: string; placedAt: string }>();
    if (p) {
      for (const item of p.purchases) {
        if (!owned.has(item.productId)) owned.set(item.productId, item.placedAt);
        if (item.category && !boughtCategory.has(item.category))
          boughtCategory.set(item.category, { title: item.title, placedAt: item.placedAt });
      }
    }
    const out = new Map<number, PersonalScore>();
    for (const c of input.candidates) {
      const units = (pop.all.get(c.productId) ?? 0) + 2 * (here.get(c.productId) ?? 0);
      let score = Math.log1p(units) / Math.log1p(maxAll);
      const reasons: string[] = [];
      let strategy = 'popularity';
      const soldHere = here.get(c.productId) ?? 0;
      if (soldHere >= 3) reasons.push(`Popular here: ${soldHere} sold in this store`);
      if (p) {
        const brand = c.brand ? p.brands.find((b) => b.value === c.brand) : undefined;
        if (brand) {
          score += 0.8;
          reasons.push(`A brand they come back to (${brand.evidence})`);
          strategy = 'history';
        }
        const colour = c.color ? p.colors.find((x) => x.value === c.color) : undefined;
        if (colour) {
          score += 0.3;
          reasons.push(`${c.color} is a colour they often buy (${colour.evidence})`);
          strategy = 'history';
        }
        const similar = c.category ? boughtCategory.get(c.category) : undefined;
        if (similar && !owned.has(c.productId)) {
          score += 0.4;
          const month = MONTHS[new Date(similar.placedAt).getUTCMonth()];
          reasons.push(`Similar to the ${similar.title} bought in ${month}`);
          strategy = 'history';
        }
        if (owned.has(c.productId)) {
          // durable goods they already own are a poor suggestion; the engine drops them unless asked
          score -= 1.5;
        }
      }
      out.set(c.productId, { score, reasons, strategy });
    }
    return out;
  }
}
