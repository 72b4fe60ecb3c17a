/**
 * Worker-thread entry for imports started from the app: its own database connection, so the UI's
 * connection never waits on (or sees) the half-done merge, and the main thread stays responsive.
 * Messages out: {type:'progress', …} then {type:'done', report}; message in: 'cancel'.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open';
import { runImport, type ImportOptions } from './import';

const data = workerData as {
  dbFile: string;
  migrationsFolder?: string;
  options: Omit<ImportOptions, 'signal' | 'onProgress'>;
};
const ac = new AbortController();
parentPort!.on('message', (m) => {
  if (m === 'cancel') ac.abort();
});
const adb = openDatabase({ file: data.dbFile, migrationsFolder: data.migrationsFolder });
try {
  const report = await runImport(adb.sqlite, {
    ...data.options,
    signal: ac.signal,
    yieldEvery: 2000,
    onProgress: (p) => parentPort!.postMessage({ type: 'progress', ...p }),
  });
  parentPort!.postMessage({ type: 'done', report });
} catch (e) {
  parentPort!.postMessage({ type: 'error', message: (e as Error).message });
} finally {
  adb.close();
}
