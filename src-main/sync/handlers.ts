/** Contract handlers for sync (src-main/contract/sync.ts). One scheduler per runtime, shared with the app's start-up. */
import { recentRuns, type RunRow } from './queries';
import type { AppRuntime } from '../app/runtime';
import type { CallContext } from '../app/dispatch';
import type { SyncRun } from '../contract/sync';
import { AppError } from '../contract/errors';
import { outboxStatus } from './outbox';
import { SyncScheduler } from './scheduler';
import type { ImportFormat } from './formats/detect';

const schedulers = new WeakMap<AppRuntime, SyncScheduler>();

/** The runtime's scheduler; the app calls `.start()` on it at launch and `.shutdown()` at quit. */
export function getSyncScheduler(rt: AppRuntime): SyncScheduler {
  let s = schedulers.get(rt);
  if (!s) {
    s = new SyncScheduler(rt, { inWorker: rt.mode !== 'cli' });
    schedulers.set(rt, s);
  }
  return s;
}


const toRun = (r: RunRow): SyncRun => ({
  id: r.id, sourceName: r.source_name, format: r.format, file: r.file, startedAt: r.started_at, finishedAt: r.finished_at,
  status: r.status, counts: r.counts ? JSON.parse(r.counts) : null, rejects: r.rejects ? JSON.parse(r.rejects) : [],
  warnings: r.warnings ? JSON.parse(r.warnings) : [], error: r.error,
});

export function syncHandlers(rt: AppRuntime) {
  const sqlite = rt.adb.sqlite;
  return {
    'sync.sources': () => {
      const s = getSyncScheduler(rt);
      return rt.config.sources.map((src) => {
        const [row] = recentRuns(sqlite, src.name, 1);
        return {
          name: src.name,
          type: src.type,
          format: src.type === 'hq' ? 'hq' : src.format,
          location: src.type === 'hq' ? src.baseUrl : src.location,
          intervalMinutes: src.intervalMinutes ?? null,
          runningRunId: s.isRunning(src.name),
          lastRun: row ? toRun(row) : null,
        };
      });
    },
    'sync.runs': (input: { source?: string; limit: number }) => {
      return recentRuns(sqlite, input.source ?? null, input.limit).map(toRun);
    },
    'sync.run': (input: { source?: string }) => {
      const s = getSyncScheduler(rt);
      if (input.source) {
        if (!rt.config.sources.some((x) => x.name === input.source)) throw new AppError('NOT_FOUND', `There is no data source named "${input.source}".`);
        return { runIds: [s.runSource(input.source)] };
      }
      return { runIds: s.runAll() };
    },
    'sync.cancel': (input: { runId: number }) => ({ cancelled: getSyncScheduler(rt).cancel(input.runId) }),
    'sync.importFile': (input: { format: ImportFormat; path: string; encoding?: string }, _ctx: CallContext) => ({
      runId: getSyncScheduler(rt).importFile(input),
    }),
    'outbox.status': () => outboxStatus(sqlite),
  };
}
