/**
 * Inside Electron the page is file://…/renderer/index.html, so a picture's page-relative address
 * `images/<hash>` arrives as file://…/renderer/images/<hash>. This says whether a file URL is such an
 * address (and which hash), so the Electron protocol handler can answer it from the image service;
 * every other file URL passes through untouched. Pure, so it is tested without Electron.
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export function localImageHash(fileUrl: string, rendererDir: string): string | null {
  let file: string;
  try {
    file = fileURLToPath(fileUrl);
  } catch {
    return null;
  }
  const rel = path.relative(path.resolve(rendererDir, 'images'), file);
  return /^[0-9a-f]{64}$/.test(rel) ? rel : null;
}
