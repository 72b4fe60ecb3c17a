/** Test runtimes: a fresh data dir per test, no config files from the machine, no log files. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openRuntime, type AppRuntime } from '../../src-main/app/runtime';
import { loadConfig } from '../../src-main/settings/config';
import type { AisleConfig } from '../../src-main/settings/config-schema';
import type { ImageServiceOptions } from '../../src-main/images/service';

export function tempDir(prefix = 'aisle-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestRuntimeOptions {
  dataDir?: string;
  storeId?: string;
  env?: Record<string, string>;
  /** a config file's contents (written to a temp file and named by AISLE_CONFIG) */
  config?: Partial<Record<keyof AisleConfig, unknown>>;
  mode?: AppRuntime['mode'];
  /** feed-picture limits; `allowLoopbackHttp` lets a test serve pictures from a loopback server */
  images?: ImageServiceOptions;
  /** write the structured log here (default: no log) */
  logDir?: string;
}

export function testRuntime(opts: TestRuntimeOptions = {}): AppRuntime {
  const dataDir = opts.dataDir ?? tempDir();
  const env: Record<string, string> = { ...(opts.env ?? {}) };
  if (opts.config) {
    const file = path.join(dataDir, 'test-config.json');
    fs.writeFileSync(file, JSON.stringify(opts.config));
    env.AISLE_CONFIG = file;
  }
  const loaded = loadConfig({ env, machineFile: null, userFile: null });
  return openRuntime({
    mode: opts.mode ?? 'cli',
    dataDir,
    storeId: opts.storeId,
    loaded,
    logDir: opts.logDir ?? null,
    images: opts.images,
  });
}
