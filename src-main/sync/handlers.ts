/** Contract handlers for sync (src-main/contract/sync.ts). One scheduler per runtime, shared with the app's start-up. */
import { recentRuns, type RunRow } from './queries';
import type { AppRuntime } from '../app/runtime';
import type { Handlers } from '../contract/handlers';
import type { SyncRun } from '../contract/sync';
import { AppError } from '../contract/errors';
import { outboxStatus } from './outbox';
import type { SyncScheduler } from './scheduler';

const toRun = (r: RunRow): SyncRun => ({
  id: r.id,
  sourceName: r.source_name,
  format: r.format,
  file: r.file,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  status: r.status,
  counts: r.counts ? (JSON.parse(r.counts) as SyncRun['counts']) : null,
  rejects: r.rejects ? (JSON.parse(r.rejects) as SyncRun['rejects']) : [],
  warnings: r.warnings ? (JSON.parse(r.warnings) as SyncRun['warnings']) : [],
  error: r.error,
});

type SyncCallName = 'sync.sources' | 'sync.runs' | 'sync.run' | 'sync.cancel' | 'sync.importFile' | 'outbox.status';

export function syncHandlers(rt: AppRuntime, scheduler: SyncScheduler): Pick<Handlers, SyncCallName> {
  const sqlite = rt.adb.sqlite;
  return {
    'sync.sources': () => {
      const s = scheduler;
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
    'sync.runs': (input) => {
      return recentRuns(sqlite, input.source ?? null, input.limit).map(toRun);
    },
    'sync.run': (input) => {
      const s = scheduler;
      if (input.source) {
        if (!rt.config.sources.some((x) => x.name === input.source))
          throw new AppError('NOT_FOUND', `There is no data source named "${input.source}".`);
        return { runIds: [s.runSource(input.source)] };
      }
      return { runIds: s.runAll() };
    },
    'sync.cancel': (input) => ({ cancelled: scheduler.cancel(input.runId) }),
    'sync.importFile': (input) => ({ runId: scheduler.importFile(input) }),
    'outbox.status': () => outboxStatus(sqlite),
  };
}
