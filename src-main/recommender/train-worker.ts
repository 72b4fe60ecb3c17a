/**
 * worker_threads entry (built as its own bundle, see electron.vite.config.ts): trains the recommender
 * from the database off the UI thread and posts progress. The main thread saves the model and emits
 * `recommender.progress` events; this file only reads the database.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { trainFromDatabase } from './service';

export interface TrainWorkerInput {
  databaseFile: string;
}
export type TrainWorkerMessage =
  | { type: 'progress'; phase: string; done: number; total: number | null }
  | { type: 'done'; model: unknown }
  | { type: 'error'; message: string };

if (parentPort) {
  const port = parentPort;
  const input = workerData as TrainWorkerInput;
  try {
    const sqlite = new Database(input.databaseFile, { readonly: true, fileMustExist: true });
    const model = trainFromDatabase(sqlite, {
      progress: (phase, done, total) => port.postMessage({ type: 'progress', phase, done, total }),
    });
    sqlite.close();
    port.postMessage({ type: 'done', model });
  } catch (e) {
    port.postMessage({ type: 'error', message: (e as Error).message });
  }
}
