/**
 * Transcript retention (config.retention.transcriptDays; off when null). Consultations that ended
 * more than N days ago lose their words — message contents, constraints, questions, tool calls,
 * suggestion reasons and reject reasons, the customer-context snapshot and free-text notes — and
 * keep everything the KPIs count (outcome, basket, satisfaction, engines, latencies, suggestion
 * fates). `transcript_purged_at` marks them. Run daily by `startRetentionScheduler`.
 */
import type { Sqlite } from '../db/statements';
import { consultationsDueForPurge, countDueForPurge, purgeTranscript, putSetting, settingValue } from './queries';
import type { AppRuntime } from '../app/runtime';
import type { DoctorCheck } from '../doctor/doctor';

const LAST_RUN_KEY = 'retention.lastRun';
const DAY_MS = 86_400_000;

export interface RetentionRun {
  transcriptDays: number | null;
  cutoff: string | null;
  purged: number;
  ranAt: string;
}

function cutoffFor(days: number, now: Date): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}

/** Purges transcripts older than the cutoff: ended (or, if never ended, started) before it. */
export function purgeTranscripts(sqlite: Sqlite, transcriptDays: number | null, now = new Date()): RetentionRun {
  const ranAt = now.toISOString();
  if (!transcriptDays) return { transcriptDays: null, cutoff: null, purged: 0, ranAt };
  const cutoff = cutoffFor(transcriptDays, now);
  const purged = sqlite.transaction(() => {
    const ids = consultationsDueForPurge(sqlite, cutoff);
    for (const id of ids) purgeTranscript(sqlite, id, ranAt);
    const prev = retentionStats(sqlite).purgedTotal;
    const record = { ranAt, cutoff, purged: ids.length, purgedTotal: prev + ids.length, transcriptDays };
    putSetting(sqlite, LAST_RUN_KEY, JSON.stringify(record), ranAt);
    return ids.length;
  })();
  return { transcriptDays, cutoff, purged, ranAt };
}

export function retentionStats(sqlite: Sqlite): { lastRunAt: string | null; purgedTotal: number } {
  const value = settingValue(sqlite, LAST_RUN_KEY);
  if (value === undefined) return { lastRunAt: null, purgedTotal: 0 };
  try {
    const v = JSON.parse(value) as { ranAt?: string; purgedTotal?: number };
    return { lastRunAt: v.ranAt ?? null, purgedTotal: v.purgedTotal ?? 0 };
  } catch {
    return { lastRunAt: null, purgedTotal: 0 };
  }
}

export function retentionStatus(
  rt: AppRuntime,
  now = new Date(),
): { transcriptDays: number | null; lastRunAt: string | null; purgedTotal: number; due: number } {
  const days = rt.config.retention.transcriptDays;
  const stats = retentionStats(rt.adb.sqlite);
  const due = days ? countDueForPurge(rt.adb.sqlite, cutoffFor(days, now)) : 0;
  return { transcriptDays: days, ...stats, due };
}

/** For `aisle doctor`: off / on and current / on but overdue. */
export function retentionCheck(rt: AppRuntime): DoctorCheck {
  const s = retentionStatus(rt);
  if (!s.transcriptDays)
    return {
      name: 'retention',
      status: 'ok',
      message: 'transcript retention is off: consultation transcripts are kept',
    };
  const last = s.lastRunAt ? `last run ${s.lastRunAt}, ${s.purgedTotal} transcripts removed so far` : 'never run yet';
  const overdue = !s.lastRunAt || Date.now() - Date.parse(s.lastRunAt) > 2 * DAY_MS;
  if (s.due > 0 && overdue) {
    return {
      name: 'retention',
      status: 'warn',
      message: `transcripts older than ${s.transcriptDays} days are removed daily, but ${s.due} are overdue (${last}); is the app running?`,
    };
  }
  return {
    name: 'retention',
    status: 'ok',
    message: `transcripts older than ${s.transcriptDays} days are removed daily; ${last}; ${s.due} due now`,
  };
}

/**
 * Runs the purge shortly after start and then every 24 h. Returns a stop function. Timers are
 * unref'd so they never keep a process alive.
 */
export function startRetentionScheduler(
  rt: AppRuntime,
  opts: { firstDelayMs?: number; everyMs?: number } = {},
): () => void {
  const run = () => {
    try {
      const r = purgeTranscripts(rt.adb.sqlite, rt.config.retention.transcriptDays);
      if (r.purged) rt.logger.info('retention: transcripts removed', { ...r });
    } catch (e) {
      rt.logger.error('retention run failed', { error: e });
    }
  };
  if (!rt.config.retention.transcriptDays) return () => {};
  const first = setTimeout(run, opts.firstDelayMs ?? 30_000);
  const every = setInterval(run, opts.everyMs ?? DAY_MS);
  first.unref?.();
  every.unref?.();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
