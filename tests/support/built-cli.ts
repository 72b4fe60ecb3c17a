/** The built `aisle` binary (bin/aisle.mjs → out/main/cli.js) in a child process, as a newcomer runs it after `npm run build`. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from './runtime';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BIN = path.join(ROOT, 'bin', 'aisle.mjs');
/** false when `npm run build` has not run: tests of the built binary skip */
export const BUILT = fs.existsSync(path.join(ROOT, 'out', 'main', 'cli.js'));
export const BUILT_ENV = { ...process.env, AISLE_LOG_DIR: tempDir('aisle-logs-'), AISLE_CONFIG: '' };

const run = promisify(execFile);

export async function builtAisle(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [BIN, ...args], { env: BUILT_ENV, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
