/**
 * The model card a retailer reads in Settings → Recommender and `aisle doctor`: which model won the
 * self-validation on their own data, its holdout Recall@10/NDCG@10 next to GP-TopFreq's with the 95%
 * interval of the difference, what data it learned from, and when. It is stored as JSON next to the
 * model file (no schema change), so it survives restarts with the model it describes.
 */
import fs from 'node:fs';
import type { SelectionReport } from './self-validation';
import { dayString } from './data-profile';

export interface ModelCardCandidate {
  model: string;
  label: string;
  recall10: number;
  ndcg10: number;
  /** NDCG@10 of this model − GP-TopFreq on the holdout customers, 95% paired-bootstrap interval */
  vsBaseline: { mean: number; lo: number; hi: number };
  chosen: boolean;
}

export interface ModelCard {
  chosen: string;
  chosenLabel: string;
  reason: string;
  baseline: string;
  holdout: string;
  holdoutCustomers: number;
  candidates: ModelCardCandidate[];
  data: {
    from: string;
    to: string;
    spanDays: number;
    customers: number;
    baskets: number;
    medianVisitGapDays: number | null;
  };
  trainedAt: string;
  selectionSeconds: number;
}

export function modelCard(r: SelectionReport, trainedAt: string, chosenLabel: string): ModelCard {
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  return {
    chosen: r.chosen,
    chosenLabel,
    reason: r.reason,
    baseline: r.baseline,
    holdout: r.holdout.description,
    holdoutCustomers: r.holdout.customers,
    candidates: r.candidates.map((c) => ({
      model: c.model,
      label: c.label,
      recall10: round(c['recall@10']),
      ndcg10: round(c['ndcg@10']),
      vsBaseline: { mean: round(c.vsBaseline.mean), lo: round(c.vsBaseline.lo), hi: round(c.vsBaseline.hi) },
      chosen: c.model === r.chosen,
    })),
    data: {
      from: dayString(r.profile.firstDay),
      to: dayString(r.profile.lastDay),
      spanDays: r.profile.spanDays,
      customers: r.profile.customers,
      baskets: r.profile.baskets,
      medianVisitGapDays: r.profile.medianVisitGapDays,
    },
    trainedAt,
    selectionSeconds: Math.round(r.selectionSeconds * 10) / 10,
  };
}

export const cardFileOf = (modelFile: string) => modelFile.replace(/\.bin$/, '') + '.card.json';

/** The card saved beside a model file, or null (older models have none; an unreadable one is not fatal). */
export function readCard(modelFile: string): ModelCard | null {
  try {
    return JSON.parse(fs.readFileSync(cardFileOf(modelFile), 'utf8')) as ModelCard;
  } catch {
    return null;
  }
}

/** One line for doctor and the health message. */
export function cardLine(c: ModelCard): string {
  const won = c.candidates.find((x) => x.chosen);
  const base = c.candidates.find((x) => x.model === c.baseline);
  if (!won || !base) return `model ${c.chosen} (${c.reason})`;
  const sign = (v: number) => (v >= 0 ? '+' : '−') + Math.abs(v).toFixed(4);
  return (
    `model ${c.chosen} chosen on a holdout of ${c.holdoutCustomers} customers: NDCG@10 ${won.ndcg10.toFixed(4)}, R@10 ${won.recall10.toFixed(4)}` +
    (won.model === base.model
      ? ''
      : ` vs ${base.model} ${base.ndcg10.toFixed(4)} / ${base.recall10.toFixed(4)} (Δ NDCG@10 ${sign(won.vsBaseline.mean)} [${sign(won.vsBaseline.lo)}, ${sign(won.vsBaseline.hi)}])`)
  );
}
