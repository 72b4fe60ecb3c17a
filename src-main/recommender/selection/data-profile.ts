/**
 * The shape of a retailer's history in days, so no window assumes a calendar year or UCI's dates:
 * its time span, how often customers come back, how big baskets are. Every time window the
 * self-validating selection uses (holdout period, ranker label windows, decay half-lives, recent
 * best-seller window, `aisle eval`'s default cutoff) is derived from these figures.
 */
import type { Basket, TrainData } from '../protocol/baskets';
import { dayNumber } from '../protocol/baskets';

export interface DataProfile {
  firstDay: number;
  lastDay: number;
  spanDays: number;
  customers: number;
  baskets: number;
  /** customers with at least two visits (baskets on different days) */
  returningCustomers: number;
  /** median over returning customers of their mean days between visits; null when nobody returned */
  medianVisitGapDays: number | null;
  medianBasketsPerCustomer: number;
  meanBasketSize: number;
  /** the evaluation/holdout window: about two visit gaps, at least a week, at most a quarter of the span */
  windowDays: number;
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** About two visit gaps (most returning customers come back inside it), clamped to [7 d, span/4]. */
export function windowFor(spanDays: number, medianGap: number | null): number {
  const upper = Math.max(1, Math.floor(spanDays / 4));
  const wanted = Math.round(2 * (medianGap ?? spanDays / 4));
  return Math.max(Math.min(7, upper), Math.min(upper, wanted));
}

function profileOf(perCustomerDays: number[][], basketSizes: number[], firstDay: number, lastDay: number): DataProfile {
  const gaps: number[] = [];
  const counts: number[] = [];
  let returning = 0;
  for (const days of perCustomerDays) {
    counts.push(days.length);
    if (days.length >= 2) {
      returning++;
      gaps.push((days[days.length - 1]! - days[0]!) / (days.length - 1));
    }
  }
  const spanDays = basketSizes.length ? lastDay - firstDay + 1 : 0;
  const medianVisitGapDays = median(gaps);
  return {
    firstDay,
    lastDay,
    spanDays,
    customers: perCustomerDays.length,
    baskets: basketSizes.length,
    returningCustomers: returning,
    medianVisitGapDays,
    medianBasketsPerCustomer: median(counts) ?? 0,
    meanBasketSize: basketSizes.length ? basketSizes.reduce((a, b) => a + b, 0) / basketSizes.length : 0,
    windowDays: windowFor(spanDays, medianVisitGapDays),
  };
}

export function profileTrainData(d: TrainData): DataProfile {
  const per: number[][] = [];
  const sizes: number[] = [];
  let first = Infinity,
    last = -Infinity;
  for (let u = 0; u < d.users.length; u++) {
    const days: number[] = [];
    for (let b = d.userBasketPtr[u]!; b < d.userBasketPtr[u + 1]!; b++) {
      const day = d.basketDay[b]!;
      days.push(day);
      sizes.push(d.basketPtr[b + 1]! - d.basketPtr[b]!);
      if (day < first) first = day;
      if (day > last) last = day;
    }
    per.push(days);
  }
  return profileOf(per, sizes, Number.isFinite(first) ? first : 0, Number.isFinite(last) ? last : 0);
}

/** Baskets are ordered by customer, then day (buildBaskets). */
export function profileBaskets(baskets: Basket[]): DataProfile {
  const per: number[][] = [];
  const sizes: number[] = [];
  let first = Infinity,
    last = -Infinity,
    prev: string | null = null;
  for (const b of baskets) {
    const day = dayNumber(b.day);
    if (b.customer !== prev) per.push([]);
    prev = b.customer;
    per[per.length - 1]!.push(day);
    sizes.push(b.items.length);
    if (day < first) first = day;
    if (day > last) last = day;
  }
  for (const days of per) days.sort((a, b) => a - b);
  return profileOf(per, sizes, Number.isFinite(first) ? first : 0, Number.isFinite(last) ? last : 0);
}

export function dayString(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
