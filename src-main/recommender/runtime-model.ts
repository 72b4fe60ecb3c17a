/**
 * The recommender as the app holds it: one loaded model per runtime, trained in a worker thread
 * (or inline for the CLI/tests), with progress on runtime.events.
 */
import { customerOrderCount } from './queries';
import { builtWorkerScript } from '../shared/find-up';
import { Worker } from 'node:worker_threads';
import type { AppRuntime } from '../app/runtime';
import { Recommender, trainFromDatabase, type ModelData } from './service';
import { loadLatestModel, modelHealth, saveModel } from './model-store';
import type { TrainWorkerMessage } from './train-worker';

const loaded = new WeakMap<AppRuntime, Recommender>();

/** The loaded recommender, loading the newest saved model on first use; null when none was trained. */
export function getRecommender(rt: AppRuntime): Recommender | null {
  let r = loaded.get(rt);
  if (r) return r;
  const m = loadLatestModel(rt.adb.sqlite, rt.dataDir);
  if (!m) return null;
  r = new Recommender(m, rt.adb.sqlite);
  loaded.set(rt, r);
  return r;
}

function install(rt: AppRuntime, m: ModelData): Recommender {
  saveModel(rt.adb.sqlite, rt.dataDir, m);
  const r = new Recommender(m, rt.adb.sqlite);
  loaded.set(rt, r);
  return r;
}

/** Trains in this thread (CLI, tests). */
export function trainInline(rt: AppRuntime): Recommender {
  const emit = (
    phase: string,
    done: number,
    total: number | null,
    status: 'running' | 'succeeded' | 'failed' = 'running',
  ) => rt.events.emit('recommender.progress', { phase, done, total, status });
  try {
    const m = trainFromDatabase(rt.adb.sqlite, { progress: (p, d, t) => emit(p, d, t) });
    const r = install(rt, m);
    emit('done', 1, 1, 'succeeded');
    return r;
  } catch (e) {
    emit((e as Error).message, 0, null, 'failed');
    throw e;
  }
}

/** The worker script next to this module: the built bundle in out/main, or the TS source under tsx. */
function workerFile(): string | null {
  return builtWorkerScript('train-worker', import.meta.url);
}

/** training workers in flight, so a shutdown can stop them before the database closes */
const training = new WeakMap<AppRuntime, Set<{ stop: () => Promise<void> }>>();

/** Trains off the UI thread; falls back to inline when the worker bundle is not available (dev/tests). */
export function trainInWorker(rt: AppRuntime): Promise<Recommender> {
  const file = workerFile();
  if (!file) return Promise.resolve(trainInline(rt));
  return new Promise((resolve, reject) => {
    const w = new Worker(file, { workerData: { databaseFile: rt.adb.file } });
    const running = training.get(rt) ?? new Set();
    training.set(rt, running);
    const entry = {
      stop: async () => {
        reject(new Error('training stopped: the app is closing'));
        await w.terminate();
      },
    };
    running.add(entry);
    w.on('exit', () => running.delete(entry));
    w.on('message', (msg: TrainWorkerMessage) => {
      if (msg.type === 'progress')
        rt.events.emit('recommender.progress', {
          phase: msg.phase,
          done: msg.done,
          total: msg.total,
          status: 'running',
        });
      else if (msg.type === 'done') {
        const r = install(rt, msg.model as ModelData);
        rt.events.emit('recommender.progress', { phase: 'done', done: 1, total: 1, status: 'succeeded' });
        resolve(r);
        void w.terminate();
      } else {
        rt.events.emit('recommender.progress', { phase: msg.message, done: 0, total: null, status: 'failed' });
        reject(new Error(msg.message));
        void w.terminate();
      }
    });
    w.on('error', reject);
  });
}

const watching = new WeakMap<AppRuntime, () => void>();

/**
 * Stops what the recommender runs on its own (the retrain watcher, training workers) so a closing
 * app or `aisle serve` can close the database and exit at once; a stopped training saves nothing.
 */
export async function stopRecommenderWork(rt: AppRuntime): Promise<void> {
  watching.get(rt)?.();
  await Promise.all([...(training.get(rt) ?? [])].map((t) => t.stop()));
}

/**
 * Retrains after a sync or import that changed orders. Syncs announce themselves with the
 * `data.changed` event (sync scheduler, `aisle import`/`aisle sync`); that event does not say what
 * changed, so the model's own staleness test decides: orders synced after the model was trained, or
 * orders but no (loadable) model. Retrains are debounced and never overlap; a change that arrives
 * during a retrain triggers one more afterwards.
 */
export function watchForRetrain(
  rt: AppRuntime,
  opts: { debounceMs?: number; train?: (rt: AppRuntime) => Promise<unknown> } = {},
): () => void {
  if (watching.has(rt)) return () => {};
  const debounceMs = opts.debounceMs ?? 5_000;
  const train = opts.train ?? trainInWorker;
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let again = false;
  const needsTraining = (): boolean => {
    const h = modelHealth(rt.adb.sqlite, rt.dataDir);
    if (h.status === 'stale') return true;
    const orders = customerOrderCount(rt.adb.sqlite);
    return orders > 0 && getRecommender(rt) === null;
  };
  const run = async () => {
    timer = null;
    if (running) {
      again = true;
      return;
    }
    if (!needsTraining()) return;
    running = true;
    try {
      await train(rt);
    } catch (e) {
      rt.logger.error('recommender retrain after sync failed', { error: (e as Error).message });
    } finally {
      running = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  };
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), debounceMs);
    timer.unref?.();
  };
  const off = rt.events.subscribe((e) => {
    if (e.name === 'data.changed') schedule();
  });
  const stop = () => {
    stopped = true;
    off();
    if (timer) clearTimeout(timer);
    watching.delete(rt);
  };
  watching.set(rt, stop);
  return stop;
}
