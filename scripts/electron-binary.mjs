// Where the Electron binary is, or why there is none. Electron 42+ downloads its binary lazily on first
// require('electron'), which cannot work offline; so we look for it without triggering the download.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

export function findElectronBinary() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const require = createRequire(import.meta.url);
  let pkgDir;
  try {
    pkgDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { path: null, reason: 'the electron package is not installed' };
  }
  const pathTxt = path.join(pkgDir, 'path.txt');
  const exe = fs.existsSync(pathTxt)
    ? fs.readFileSync(pathTxt, 'utf8').trim()
    : process.platform === 'win32'
      ? 'electron.exe'
      : process.platform === 'darwin'
        ? 'Electron.app/Contents/MacOS/Electron'
        : 'electron';
  const candidates = [override && path.join(override, exe), path.join(pkgDir, 'dist', exe)].filter(Boolean);
  for (const c of candidates) if (fs.existsSync(c)) return { path: c, reason: null };
  return {
    path: null,
    reason: override
      ? `no Electron binary at ELECTRON_OVERRIDE_DIST_PATH=${override}`
      : 'the Electron binary is not installed (it downloads on first use, and this machine cannot reach the download)',
  };
}
