/**
 * Finds a file or folder that ships with Aisle (migrations/, out/renderer/) by walking up from the
 * running module: the same lookup works from src-main (tests), out/main (built) and app.asar (packaged).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function findUp(relative: string, from: string = path.dirname(fileURLToPath(import.meta.url)), maxDepth = 6): string | null {
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
