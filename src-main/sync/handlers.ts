/** Contract handlers for sync (src-main/contract/sync.ts). One scheduler per runtime, shared with the app's start-up. */
import type { AppRuntime } from '../app/runtime';
import type { CallContext } from '../app/dispatch';
import type { SyncRun } from '../contract/sync';
import { AppError } from '../contract/errors';
import { outboxStatus } from './outbox';
import { CHANGED_CALLS, SyncScheduler } from './scheduler';
import type { ImportFormat } from './formats/detect';

const schedulers = new WeakMap<AppRuntime, SyncScheduler>();

/** The runtime's scheduler; the app calls `.start()` on it at launch and `.shutdown()` at quit. */
export function getSyncScheduler(rt: AppRuntime): SyncScheduler {
  let s = schedulers.get(rt);
  if (!s) {
    s = new SyncScheduler(rt, {
      inWorker: rt.mode !== 'cli',
      // new feed pictures are copied in the background; the screens then show the local copies
      afterData: () =>
        void rt.images.fetchPending().then(
          (r) => r.stored && rt.events.emit('data.changed', { calls: CHANGED_CALLS }),
          (e: unknown) => rt.logger.error('feed pictures: the run failed', { error: e }),
        ),
    });
    schedulers.set(rt, s);
  }
  return s;
}

interface RunRow {
  id: number; source_name: string; format: string; file: string | null; started_at: string; finished_at: string | null;
  status: SyncRun['status']; counts: string | null; rejects: string | null; warnings: string | null; error: string | null;
}

const toRun = (r: RunRow): SyncRun => ({
  id: r.id, sourceName: r.source_name, format: r.format, file: r.file, startedAt: r.started_at, finishedAt: r.finished_at,
  status: r.status, counts: r.counts ? JSON.parse(r.counts) : null, rejects: r.rejects ? JSON.parse(r.rejects) : [],
  warnings: r.warnings ? JSON.parse(r.warnings) : [], error: r.error,
});

export function syncHandlers(rt: AppRuntime) {
  const sqlite = rt.adb.sqlite;
  const lastRun = sqlite.prepare('SELECT * FROM sync_runs WHERE source_name=? ORDER BY id DESC LIMIT 1');
  return {
    'sync.sources': () => {
      const s = getSyncScheduler(rt);
      return rt.config.sources.map((src) => {
        const row = lastRun.get(src.name) as RunRow | undefined;
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
      const rows = (input.source
        ? sqlite.prepare('SELECT * FROM sync_runs WHERE source_name=? ORDER BY id DESC LIMIT ?').all(input.source, input.limit)
        : sqlite.prepare('SELECT * FROM sync_runs ORDER BY id DESC LIMIT ?').all(input.limit)) as RunRow[];
      return rows.map(toRun);
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
