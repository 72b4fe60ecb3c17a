/**
 * One consultation filter → one SQL WHERE clause over `consultations c`, shared by the list, the
 * KPIs (their click-through filters) and the export, so a number and the list behind it can never
 * disagree. The viewer's scope (own vs store) is always ANDed in.
 */
import type { ConsultationFilter } from '../contract/review';
import type { ViewScope } from '../auth/scope';
import type { Sqlite } from '../db/statements';
import { storeTimeZone as timeZoneOf } from '../app/queries';
import { AppError } from '../contract/errors';
import { zonedDayStart } from '../shared/time';

export interface SqlWhere {
  sql: string;
  params: unknown[];
}

function checkDay(day: string, field: string): void {
  const t = Date.parse(`${day}T00:00:00.000Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== day) {
    throw new AppError('VALIDATION', `"${field}" is not a real date: ${day}`, { field });
  }
}

/** The instant the store's day begins: "2025-03-31" in Europe/London → "2025-03-30T23:00:00.000Z" (BST); validates the date is real. */
export function dayStart(day: string, field = 'from', timeZone: string | null = null): string {
  checkDay(day, field);
  return zonedDayStart(day, timeZone);
}

/** The first instant after the inclusive store day `day`. */
export function dayEndExclusive(day: string, field = 'to', timeZone: string | null = null): string {
  checkDay(day, field);
  return zonedDayStart(addDays(day, 1), timeZone);
}

/** The store's time zone (stores.timezone), which cuts its KPI days and date filters; null = UTC. */
export function storeTimeZone(sqlite: Sqlite, storeId: string): string | null {
  return timeZoneOf(sqlite, storeId) ?? null;
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

const SHOWN = 's.shown = 1 AND s.grounded = 1';
export const SQL_SHOWN = SHOWN;
export const SQL_ACCEPTED = `${SHOWN} AND (s.shortlisted = 1 OR s.bought = 1)`;
/** The customer ordered within (endedAt, endedAt + 14 days]. */
export const SQL_FOLLOW_UP = `c.customer_id IS NOT NULL AND c.ended_at IS NOT NULL AND EXISTS (
  SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id
    AND julianday(o.placed_at) > julianday(c.ended_at) AND julianday(o.placed_at) <= julianday(c.ended_at) + 14)`;

function msgExists(cond: string): string {
  return `EXISTS (SELECT 1 FROM consultation_messages m WHERE m.consultation_id = c.id${cond ? ` AND ${cond}` : ''})`;
}
function sugExists(cond: string): string {
  return `EXISTS (SELECT 1 FROM consultation_suggestions s WHERE s.consultation_id = c.id AND ${cond})`;
}
function flag(on: boolean | undefined, cond: string, out: string[]): void {
  if (on === undefined) return;
  out.push(on ? cond : `NOT ${cond}`);
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** The words of a search as unicode61 splits them: letters and digits; everything else separates. */
export function searchWords(q: string): string[] {
  return q.match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
}

/**
 * A search box text → an FTS5 query over consultation_messages_fts: the words in order, next to each
 * other, the last one also as the start of a longer word ("merino gi" finds "merino gift"), case and
 * accents ignored. Null when the text has no words.
 */
export function ftsQuery(q: string): string | null {
  const words = searchWords(q);
  return words.length ? `"${words.join(' ')}"*` : null;
}

/** `timeZone`: the store's (storeTimeZone), so "from"/"to" days are the store's calendar days, as KPI days are. */
export function whereFor(filter: ConsultationFilter, scope: ViewScope, timeZone: string | null = null): SqlWhere {
  const parts: string[] = ['c.store_id = ?'];
  const params: unknown[] = [scope.storeId];
  if (scope.associateId !== null) {
    parts.push('c.associate_id = ?');
    params.push(scope.associateId);
  }
  if (filter.from) {
    parts.push('c.started_at >= ?');
    params.push(dayStart(filter.from, 'from', timeZone));
  }
  if (filter.to) {
    parts.push('c.started_at < ?');
    params.push(dayEndExclusive(filter.to, 'to', timeZone));
  }
  if (filter.from && filter.to && filter.from > filter.to) {
    throw new AppError('VALIDATION', `"from" (${filter.from}) is after "to" (${filter.to}).`, { field: 'from' });
  }
  if (filter.associateIds?.length) {
    parts.push(`c.associate_id IN (${filter.associateIds.map(() => '?').join(',')})`);
    params.push(...filter.associateIds);
  }
  if (filter.customer === 'walk_in') parts.push('c.customer_id IS NULL');
  if (filter.customer === 'known') parts.push('c.customer_id IS NOT NULL');
  if (filter.customerId !== undefined) {
    parts.push('c.customer_id = ?');
    params.push(filter.customerId);
  }
  if (filter.outcome?.length) {
    const named = filter.outcome.filter((o) => o !== 'open');
    const ors: string[] = [];
    if (named.length) {
      ors.push(`c.outcome IN (${named.map(() => '?').join(',')})`);
      params.push(...named);
    }
    if (filter.outcome.includes('open')) ors.push('c.outcome IS NULL');
    parts.push(`(${ors.join(' OR ')})`);
  }
  if (filter.satisfaction?.length) {
    parts.push(`c.satisfaction IN (${filter.satisfaction.map(() => '?').join(',')})`);
    params.push(...filter.satisfaction);
  }
  flag(filter.rated, 'c.satisfaction IS NOT NULL', parts);
  if (filter.engine?.length) {
    parts.push(msgExists(`m.role = 'assistant' AND m.engine IN (${filter.engine.map(() => '?').join(',')})`));
    params.push(...filter.engine);
  }
  flag(filter.usedCopilot, msgExists(''), parts);
  flag(filter.hadFallback, msgExists(`m.role = 'assistant' AND m.fallback IS NOT NULL`), parts);
  flag(filter.hadStoppedReply, msgExists(`m.role = 'assistant' AND m.status = 'stopped'`), parts);
  flag(
    filter.hasLatency,
    msgExists(`m.role = 'assistant' AND (m.first_suggestion_ms IS NOT NULL OR m.full_reply_ms IS NOT NULL)`),
    parts,
  );
  flag(filter.goodExample, msgExists('m.good_example = 1'), parts);
  flag(filter.hasShownSuggestions, sugExists(SHOWN), parts);
  flag(filter.acceptedSuggestion, sugExists(SQL_ACCEPTED), parts);
  flag(filter.followUpPurchase, `(${SQL_FOLLOW_UP})`, parts);
  if (filter.q) {
    const match = ftsQuery(filter.q);
    if (match) {
      // The full-text lookup runs once per query either way. Over a few months, each consultation's
      // message ids (a covering index) are checked against it; over longer spans it is cheaper to
      // go from the matching messages to their consultations.
      const hits = 'SELECT rowid FROM consultation_messages_fts WHERE consultation_messages_fts MATCH ?';
      const spanDays =
        filter.from && filter.to ? (Date.parse(filter.to) - Date.parse(filter.from)) / 86_400_000 : Infinity;
      parts.push(
        spanDays <= 120
          ? msgExists(`m.id IN (${hits})`)
          : `c.id IN (SELECT m.consultation_id FROM consultation_messages m WHERE m.id IN (${hits}))`,
      );
      params.push(match);
    } else {
      // Nothing word-like to look up (e.g. "%" or "£"): the plain substring search.
      parts.push(msgExists(`m.content LIKE ? ESCAPE '\\'`));
      params.push(`%${escapeLike(filter.q)}%`);
    }
  }
  return { sql: parts.join(' AND '), params };
}
