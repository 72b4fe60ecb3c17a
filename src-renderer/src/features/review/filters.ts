/** The Review page's filter state and its mapping to the contract's consultation filter. */
import type { ConsultationFilter } from '../../../../src-main/contract';

export interface ReviewFilters extends ConsultationFilter {
  sort?: 'started_desc' | 'started_asc' | 'basket_desc' | 'satisfaction_desc' | 'satisfaction_asc' | 'duration_desc';
}

/** The calendar day on this laptop's clock — the store's day, which KPI days and date filters use (not the UTC day). */
export function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The last 28 days, today included. */
export function defaultFilters(now = new Date()): ReviewFilters {
  return { from: isoDay(new Date(now.getTime() - 27 * 86_400_000)), to: isoDay(now) };
}

/** Drops empty fields so query keys stay stable and the list input stays small. */
export function cleanFilter(f: ReviewFilters): ReviewFilters {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) {
    if (
      v === undefined ||
      v === null ||
      v === '' ||
      (Array.isArray(v) && v.length === 0) ||
      (k === 'customer' && v === 'any')
    )
      continue;
    out[k] = v;
  }
  return out;
}

const LABELS: Partial<Record<keyof ConsultationFilter, string>> = {
  usedCopilot: 'used the copilot',
  hasShownSuggestions: 'had suggestions shown',
  acceptedSuggestion: 'a suggestion shortlisted or bought',
  hadFallback: 'a fallback reply',
  hadStoppedReply: 'a stopped reply',
  hasLatency: 'timed replies',
  followUpPurchase: 'customer bought within 14 days',
  rated: 'rated',
  goodExample: 'a good example',
};

/** The KPI-only filters (not in the filter bar) as words, so a click-through says what it shows. */
export function extraFilterLabels(f: ConsultationFilter): { key: keyof ConsultationFilter; label: string }[] {
  return (Object.keys(LABELS) as (keyof ConsultationFilter)[])
    .filter((k) => f[k] !== undefined)
    .map((k) => ({ key: k, label: `${f[k] === false ? 'not ' : ''}${LABELS[k]}` }));
}

export function downloadText(filename: string, mimeType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
