/**
 * Worker-thread entry for the app's syncs (a file import or an HQ pull): its own database connection,
 * so the UI's connection never waits on (or sees) a half-done merge, and the main thread stays
 * responsive. Since nothing else writes on this connection, an HQ pull may let pages share
 * transactions (sync/hq.ts PageTransactions).
 * Messages out: {type:'progress', …} then {type:'done', report} or {type:'error', message}; in: 'cancel'.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open';
import { HqClient, SHARED_PAGE_TRANSACTIONS, syncHq } from './hq';
import { runImport } from './import';
import { sendOutbox } from './outbox';
import type { SyncJob } from './sources';

const data = workerData as { dbFile: string; migrationsFolder?: string; job: SyncJob };
const ac = new AbortController();
parentPort!.on('message', (m) => {
  if (m === 'cancel') ac.abort();
});
const onProgress = (p: object) => parentPort!.postMessage({ type: 'progress', ...p });
const adb = openDatabase({ file: data.dbFile, migrationsFolder: data.migrationsFolder });
try {
  const job = data.job;
  if (job.kind === 'import') {
    const report = await runImport(adb.sqlite, { ...job.options, signal: ac.signal, yieldEvery: 2000, onProgress });
    parentPort!.postMessage({ type: 'done', report });
  } else {
    const client = new HqClient({ baseUrl: job.baseUrl, token: job.token, timeoutMs: job.timeoutMs });
    const report = await syncHq(adb.sqlite, job.source, client, {
      signal: ac.signal,
      runId: job.runId,
      onProgress,
      transactions: SHARED_PAGE_TRANSACTIONS,
    });
    if (report.status === 'succeeded' || report.status === 'partial')
      await sendOutbox(adb.sqlite, client, { signal: ac.signal }).catch(() => undefined);
    parentPort!.postMessage({ type: 'done', report });
  }
} catch (e) {
  parentPort!.postMessage({ type: 'error', message: (e as Error).message });
} finally {
  adb.close();
}
