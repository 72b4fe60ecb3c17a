/**
 * Finds a file or folder that ships with Aisle (migrations/, out/renderer/) by walking up from the
 * running module: the same lookup works from src-main (tests), out/main (built) and app.asar (packaged).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function findUp(
  relative: string,
  from: string = path.dirname(fileURLToPath(import.meta.url)),
  maxDepth = 6,
): string | null {
  let dir = from;
  for (let i = 0; i <= maxDepth; i++) {
    const candidate = path.join(dir, relative);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

/**
 * The built script of a worker thread (out/main/<name>.js). The code asking may sit in out/main or
 * in out/main/chunks after bundling, so both are looked at; null = not built (tests from source).
 */
export function builtWorkerScript(name: string, fromModuleUrl: string): string | null {
  const here = path.dirname(fileURLToPath(fromModuleUrl));
  for (const dir of [here, path.dirname(here)])
    for (const ext of ['.js', '.mjs']) {
      const file = path.join(dir, name + ext);
      if (fs.existsSync(file)) return file;
    }
  return null;
}
