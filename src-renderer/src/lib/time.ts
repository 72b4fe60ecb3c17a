/** How times read on the store floor: "2 h ago", "as of 09:14", "as of Tue 09:14". Pure. */
import { currentLocale } from './format';

export function timeAgo(iso: string | null, now: Date = new Date()): string {
  if (!iso) return 'never';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return 'unknown';
  const s = Math.round((now.getTime() - t) / 1000);
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} h ago`;
  const d = Math.round(h / 24);
  if (d === 1) return 'yesterday';
  if (d < 14) return `${d} days ago`;
  const w = Math.round(d / 7);
  if (d < 60) return `${w} weeks ago`;
  return `on ${new Date(t).toLocaleDateString(currentLocale(), { day: 'numeric', month: 'short', year: 'numeric' })}`;
}

/** Hours since an ISO time (for freshness colours); Infinity when never. */
export function ageHours(iso: string | null, now: Date = new Date()): number {
  if (!iso) return Infinity;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? Infinity : (now.getTime() - t) / 3_600_000;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A stock "as of" time: the clock time today, the weekday within a week, else the date. Local time. */
export function asOfLabel(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return 'time unknown';
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const sameDay = d.toDateString() === now.toDateString();
  if (sameDay) return hm;
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (d.toDateString() === yesterday.toDateString()) return `yesterday ${hm}`;
  const days = (now.getTime() - d.getTime()) / 86_400_000;
  if (days > 0 && days < 7) return `${d.toLocaleDateString(currentLocale(), { weekday: 'short' })} ${hm}`;
  return `${d.getDate()} ${d.toLocaleDateString(currentLocale(), { month: 'short' })}${d.getFullYear() !== now.getFullYear() ? ` ${d.getFullYear()}` : ''} ${hm}`;
}

/** Full date and time for tooltips. */
export function fullTime(iso: string | null): string {
  if (!iso) return 'never';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return 'unknown';
  return d.toLocaleString(currentLocale(), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}
