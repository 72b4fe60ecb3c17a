/** Current time as the ISO-8601 UTC string every table stores. */
export function nowIso(): string {
  return new Date().toISOString();
}

/**
 * Calendar days in a store's time zone. Timestamps are stored in UTC; a manager's "Tuesday" is the
 * store's Tuesday, so KPI days and date filters are cut at the store's local midnight (DST included).
 * An unknown or empty zone name falls back to UTC rather than failing a write.
 */
const dayFormats = new Map<string, Intl.DateTimeFormat | null>();

function dayFormat(timeZone: string): Intl.DateTimeFormat | null {
  let f = dayFormats.get(timeZone);
  if (f === undefined) {
    try {
      // en-CA formats dates as YYYY-MM-DD
      f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      f = null;
    }
    dayFormats.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(name: string): boolean {
  return dayFormat(name) !== null;
}

/** "2026-06-02T02:30:00.000Z" in America/New_York → "2026-06-01". */
export function localDay(iso: string, timeZone: string | null | undefined): string {
  const f = timeZone ? dayFormat(timeZone) : null;
  const t = Date.parse(iso);
  if (!f || Number.isNaN(t)) return iso.slice(0, 10);
  return f.format(t);
}

/** Minutes the zone is ahead of UTC at instant t. */
function offsetMinutes(t: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(t);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - Math.floor(t / 1000) * 1000) / 60_000);
}

/** The UTC instant (ISO) at which `day` begins in the zone: local midnight, or the first instant after it on a DST gap. */
export function zonedDayStart(day: string, timeZone: string | null | undefined): string {
  const utcMidnight = Date.parse(`${day}T00:00:00.000Z`);
  if (!timeZone || !isTimeZone(timeZone)) return new Date(utcMidnight).toISOString();
  // the offset at the guess can differ from the offset at the answer across a DST change: two candidates,
  // and where midnight itself is skipped (e.g. America/Santiago) the day starts at the jump
  const t1 = utcMidnight - offsetMinutes(utcMidnight, timeZone) * 60_000;
  const t2 = utcMidnight - offsetMinutes(t1, timeZone) * 60_000;
  const day0 = (t: number) => localDay(new Date(t).toISOString(), timeZone);
  const start = [Math.min(t1, t2), Math.max(t1, t2)].find((t) => day0(t) === day && day0(t - 1) !== day) ?? t2;
  return new Date(start).toISOString();
}
