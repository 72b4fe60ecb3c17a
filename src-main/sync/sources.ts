/**
 * Running configured sources (config.sources): file/URL feeds through the importer, HQ through the
 * API client followed by an outbox flush. From the app, both run in a worker thread (its own DB
 * connection; the main thread only relays progress and a cancel). From the CLI they run inline.
 */
import { builtWorkerScript } from '../shared/find-up';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { SourceConfig } from '../settings/config-schema';
import { HqClient, resolveToken, SHARED_PAGE_TRANSACTIONS, syncHq } from './hq';
import { finishRun, runImport, type ImportOptions, type ImportReport, type RunStatus } from './import';
import { sendOutbox } from './outbox';
import { DEFAULT_INPUT_LIMITS, limitText, type InputLimits } from '../shared/input-limits';

export type Progress = { runId: number; phase: string; done: number; total: number | null };

export interface SourceRunResult {
  source: string;
  runId: number;
  status: RunStatus;
  error: string | null;
  report: unknown;
}

/** Downloads an http(s) feed to a temp file; other schemes are refused (no file://, ftp:// surprises). */
export async function fetchToTemp(
  url: string,
  signal?: AbortSignal,
  maxBytes = DEFAULT_INPUT_LIMITS.maxBytes,
): Promise<string> {
  const u = new URL(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new Error(`only http(s) feed URLs are fetched, not ${u.protocol}`);
  const res = await fetch(u, { signal });
  if (!res.ok || !res.body) throw new Error(`GET ${url} answered ${res.status}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aisle-feed-'));
  const file = path.join(dir, path.basename(u.pathname) || 'feed');
  // the download is bounded like the file it becomes: a feed that never ends must not fill the disk
  let size = 0;
  const bounded = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes)
        done(
          new Error(
            `the download is larger than ${maxBytes.toLocaleString('en')} bytes; ${limitText('maxBytes', maxBytes)}`,
          ),
        );
      else done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(res.body), bounded, fs.createWriteStream(file));
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return file;
}

function workerEntry(): { file: string; ts: boolean } | null {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.ts')) {
    const built = builtWorkerScript('sync-worker', import.meta.url);
    return built ? { file: built, ts: false } : null;
  }
  const file = path.join(path.dirname(here), 'sync-worker.ts');
  if (!fs.existsSync(file)) return null;
  // Under a tsx-started process (`npx tsx …` dev runs) a second tsx registration inside the worker
  // hangs; those runs sync inline instead (imports still one transaction, yielding between chunks).
  if (process.execArgv.some((a) => a.includes('tsx'))) return null;
  return { file, ts: true };
}

/** What the sync worker runs (sync-worker.ts). */
export type SyncJob =
  | { kind: 'import'; options: Omit<ImportOptions, 'signal' | 'onProgress'> & { runId: number } }
  | {
      kind: 'hq';
      source: { name: string; pageSize?: number };
      baseUrl: string;
      token: string;
      timeoutMs?: number;
      runId: number;
    };

/** Runs one sync job in a worker thread; `inline` runs it here when no worker script ships. */
function runInWorker<R>(
  dbFile: string,
  job: SyncJob,
  hooks: { signal?: AbortSignal; onProgress?: (p: Progress) => void },
  inline: () => Promise<R>,
): Promise<R> {
  const entry = workerEntry();
  if (!entry) return inline();
  return new Promise((resolve, reject) => {
    // From TypeScript sources (dev, tests) the worker first registers tsx's loader; the built app ships .js.
    const w = entry.ts
      ? new Worker(
          `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(entry.file).href)}); })`,
          { eval: true, workerData: { dbFile, job } },
        )
      : new Worker(entry.file, { workerData: { dbFile, job } });
    const onAbort = () => w.postMessage('cancel');
    hooks.signal?.addEventListener('abort', onAbort, { once: true });
    w.on('message', (m: { type: string; report?: R; message?: string } & Progress) => {
      if (m.type === 'progress') hooks.onProgress?.(m);
      else if (m.type === 'done') resolve(m.report!);
      else if (m.type === 'error') reject(new Error(m.message));
      // the worker listens for 'cancel' until it is told to go: without this every import left a
      // live thread behind, and `aisle serve` could not exit after SIGTERM (issue #16)
      if (m.type === 'done' || m.type === 'error') void w.terminate();
    });
    w.on('error', reject);
    w.on('exit', (code) => {
      hooks.signal?.removeEventListener('abort', onAbort);
      if (code !== 0) reject(new Error(`sync worker stopped with code ${code}`));
    });
  });
}

/** Runs one import in a worker thread; falls back to inline (with yields) when no worker script ships. */
export function importInWorker(
  sqlite: Database.Database,
  dbFile: string,
  options: Omit<ImportOptions, 'signal' | 'onProgress'> & { runId: number },
  hooks: { signal?: AbortSignal; onProgress?: (p: Progress) => void },
): Promise<ImportReport> {
  return runInWorker(dbFile, { kind: 'import', options }, hooks, () =>
    runImport(sqlite, { ...options, signal: hooks.signal, onProgress: hooks.onProgress, yieldEvery: 2000 }),
  );
}

export interface RunSourceOptions {
  runId: number;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  /** the database file, to run the sync in a worker; omitted = inline (CLI) */
  dbFile?: string;
  /** inline only: nothing else writes on this connection during the run (the CLI), so HQ pages may share transactions */
  exclusiveConnection?: boolean;
  env?: NodeJS.ProcessEnv;
  currency?: string;
  /** configuration `import.limits` */
  limits?: Partial<InputLimits>;
}

export async function runSource(
  sqlite: Database.Database,
  src: SourceConfig,
  opts: RunSourceOptions,
): Promise<SourceRunResult> {
  const fail = (error: string): SourceRunResult => {
    finishRun(sqlite, opts.runId, { status: 'failed', error });
    return { source: src.name, runId: opts.runId, status: 'failed', error, report: null };
  };
  if (src.type === 'hq') {
    let token: string;
    try {
      token = resolveToken(src, opts.env);
    } catch (e) {
      return fail((e as Error).message);
    }
    const hooks = { signal: opts.signal, onProgress: opts.onProgress };
    const inline = async () => {
      const client = new HqClient({ baseUrl: src.baseUrl, token, timeoutMs: src.timeoutMs });
      const r = await syncHq(sqlite, src, client, {
        ...hooks,
        runId: opts.runId,
        // pages share transactions only where nothing else writes on this connection meanwhile
        transactions: opts.exclusiveConnection ? SHARED_PAGE_TRANSACTIONS : undefined,
      });
      if (r.status === 'succeeded' || r.status === 'partial')
        await sendOutbox(sqlite, client, { signal: opts.signal }).catch(() => undefined);
      return r;
    };
    const job: SyncJob = {
      kind: 'hq',
      source: { name: src.name, pageSize: src.pageSize },
      baseUrl: src.baseUrl,
      token,
      timeoutMs: src.timeoutMs,
      runId: opts.runId,
    };
    const report = opts.dbFile ? await runInWorker(opts.dbFile, job, hooks, inline) : await inline();
    return { source: src.name, runId: opts.runId, status: report.status, error: report.error, report };
  }
  let file = src.location;
  let temp: string | null = null;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) {
    try {
      temp = await fetchToTemp(file, opts.signal, opts.limits?.maxBytes);
      file = temp;
    } catch (e) {
      return fail(`source "${src.name}": ${(e as Error).message}`);
    }
  }
  try {
    const options = {
      format: src.format,
      file,
      encoding: src.encoding,
      sourceName: src.name,
      currency: opts.currency,
      runId: opts.runId,
      limits: opts.limits,
    };
    const report = opts.dbFile
      ? await importInWorker(sqlite, opts.dbFile, options, { signal: opts.signal, onProgress: opts.onProgress })
      : await runImport(sqlite, { ...options, signal: opts.signal, onProgress: opts.onProgress });
    return { source: src.name, runId: opts.runId, status: report.status, error: report.error, report };
  } finally {
    if (temp) fs.rmSync(path.dirname(temp), { recursive: true, force: true });
  }
}
