/**
 * The app's sync clock: one setInterval per configured source with intervalMinutes, never two runs
 * of one source at once (a tick while it runs is skipped), manual runs and file imports from the
 * Data sources screen, cancel by run id. Progress goes out as `sync.progress` events and a
 * finished run invalidates the screens that show its data (`data.changed`).
 */
import type { AppRuntime } from '../app/runtime';
import type { SourceConfig } from '../settings/config-schema';
import type { ImportFormat } from './formats/detect';
import { finishRun, recoverInterruptedRuns, startRun, type RunStatus } from './import';
import { importInWorker, runSource, type Progress } from './sources';

export type ScheduledRuntime = Pick<AppRuntime, 'adb' | 'config' | 'events' | 'logger'>;

interface Running {
  runId: number;
  sourceName: string;
  controller: AbortController;
  done: Promise<void>;
}

export const CHANGED_CALLS = ['catalog.search', 'app.status', 'sync.sources', 'sync.runs'];

export class SyncScheduler {
  private timers: NodeJS.Timeout[] = [];
  private running = new Map<string, Running>();

  constructor(
    private readonly rt: ScheduledRuntime,
    /** afterData: called after each run that stored something (the app fetches new feed pictures then) */
    private readonly opts: { inWorker?: boolean; afterData?: () => void } = {},
  ) {}

  sources(): SourceConfig[] {
    return this.rt.config.sources;
  }

  start(): void {
    this.stop();
    recoverInterruptedRuns(this.rt.adb.sqlite);
    for (const src of this.sources()) {
      if (!src.intervalMinutes) continue;
      const t = setInterval(() => {
        if (!this.running.has(src.name)) this.runSource(src.name);
      }, src.intervalMinutes * 60_000);
      t.unref?.();
      this.timers.push(t);
    }
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  /** Cancels every run and waits for them to roll back (app quit). */
  async shutdown(): Promise<void> {
    this.stop();
    const all = [...this.running.values()];
    for (const r of all) r.controller.abort();
    await Promise.allSettled(all.map((r) => r.done));
  }

  isRunning(sourceName: string): number | null {
    return this.running.get(sourceName)?.runId ?? null;
  }

  private emit(sourceName: string, p: Progress, status: RunStatus = 'running', message?: string): void {
    this.rt.events.emit('sync.progress', {
      runId: p.runId,
      sourceName,
      phase: p.phase,
      done: p.done,
      total: p.total,
      status,
      message,
    });
  }

  private launch(
    sourceName: string,
    format: string,
    file: string | null,
    work: (runId: number, ac: AbortController) => Promise<{ status: RunStatus; error: string | null }>,
  ): number {
    const existing = this.running.get(sourceName);
    if (existing) return existing.runId;
    const sqlite = this.rt.adb.sqlite;
    const runId = startRun(sqlite, sourceName, format, file);
    const controller = new AbortController();
    const done = (async () => {
      this.emit(sourceName, { runId, phase: 'starting', done: 0, total: null });
      try {
        const r = await work(runId, controller);
        this.emit(sourceName, { runId, phase: 'finished', done: 1, total: 1 }, r.status, r.error ?? undefined);
        if (r.status === 'succeeded' || r.status === 'partial') this.opts.afterData?.();
      } catch (e) {
        const error = `${sourceName}: ${(e as Error).message}`;
        finishRun(sqlite, runId, { status: 'failed', error });
        this.rt.logger.error('sync run failed', { sourceName, runId, error });
        this.emit(sourceName, { runId, phase: 'finished', done: 1, total: 1 }, 'failed', error);
      } finally {
        this.running.delete(sourceName);
        this.rt.events.emit('data.changed', { calls: CHANGED_CALLS });
      }
    })();
    this.running.set(sourceName, { runId, sourceName, controller, done });
    return runId;
  }

  /** Starts one configured source now; returns its run id (the current one if it is already running). */
  runSource(name: string): number {
    const src = this.sources().find((s) => s.name === name);
    if (!src) throw new Error(`no source named "${name}" in the configuration`);
    return this.launch(
      src.name,
      src.type === 'hq' ? 'hq' : src.format,
      src.type === 'file' ? src.location : src.baseUrl,
      (runId, ac) =>
        runSource(this.rt.adb.sqlite, src, {
          runId,
          signal: ac.signal,
          dbFile: this.opts.inWorker ? this.rt.adb.file : undefined,
          limits: this.rt.config.import.limits,
          currency: this.rt.config.store.currency,
          onProgress: (p) => this.emit(src.name, p),
        }),
    );
  }

  runAll(): number[] {
    return this.sources().map((s) => this.runSource(s.name));
  }

  /** A one-off file import from the Data sources screen. */
  importFile(input: { format: ImportFormat; path: string; encoding?: string }): number {
    const sourceName = `file:${input.path}`;
    return this.launch(sourceName, input.format, input.path, async (runId, ac) => {
      const options = {
        format: input.format,
        file: input.path,
        encoding: input.encoding,
        runId,
        limits: this.rt.config.import.limits,
        currency: this.rt.config.store.currency,
      };
      const hooks = { signal: ac.signal, onProgress: (p: Progress) => this.emit(sourceName, p) };
      const r = this.opts.inWorker
        ? await importInWorker(this.rt.adb.sqlite, this.rt.adb.file, options, hooks)
        : await (await import('./import')).runImport(this.rt.adb.sqlite, { ...options, ...hooks, yieldEvery: 2000 });
      return { status: r.status, error: r.error };
    });
  }

  cancel(runId: number): boolean {
    for (const r of this.running.values()) {
      if (r.runId === runId) {
        r.controller.abort();
        return true;
      }
    }
    return false;
  }

  /** Resolves when the given run (or all runs) have finished. */
  async settle(runId?: number): Promise<void> {
    await Promise.allSettled(
      [...this.running.values()].filter((r) => runId === undefined || r.runId === runId).map((r) => r.done),
    );
  }
}
