#!/usr/bin/env node
// `npm run dist [-- --linux|--win|--mac]`: packaged builds with electron-builder.
//
// What it needs: Electron's release zip for the target (downloaded by electron-builder, so network
// access to Electron's downloads) or ELECTRON_DIST=/path/to/unpacked-electron (used as electronDist,
// fully offline). Native better-sqlite3 is rebuilt for Electron's ABI during packaging; that rebuild
// writes into node_modules, so the Node build the tests use is saved first and restored afterwards
// (see shared/research/toolchain.md, "Native-module traps").
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const nodeBinary = path.join('node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const saved = nodeBinary + '.node-abi-backup';

const run = (cmd, args, env = process.env) => spawnSync(cmd, args, { stdio: 'inherit', env });

if (run('npx', ['electron-vite', 'build']).status !== 0) process.exit(1);
const targets = process.argv.slice(2);
const args = [
  'electron-builder',
  ...(targets.length
    ? targets
    : [process.platform === 'win32' ? '--win' : process.platform === 'darwin' ? '--mac' : '--linux']),
];
const env = { ...process.env };
if (process.env.ELECTRON_DIST) {
  args.push(`-c.electronDist=${process.env.ELECTRON_DIST}`);
  console.log(`dist: using the unpacked Electron in ${process.env.ELECTRON_DIST}`);
}
// The project .npmrc points node-gyp at Node's headers (nodedir=/usr) for the test build; the Electron
// rebuild must use Electron's headers instead.
delete env.npm_config_nodedir;
env.npm_config_nodedir = '';

if (fs.existsSync(nodeBinary)) fs.copyFileSync(nodeBinary, saved);
let status = 1;
try {
  status = run('npx', args, env).status ?? 1;
} finally {
  if (fs.existsSync(saved)) {
    fs.mkdirSync(path.dirname(nodeBinary), { recursive: true });
    fs.copyFileSync(saved, nodeBinary);
    fs.rmSync(saved);
    console.log('dist: restored the Node build of better-sqlite3 used by the tests');
  }
}
if (status !== 0) {
  console.error(
    'dist: electron-builder failed. Without network access to Electron downloads, set ELECTRON_DIST to an unpacked Electron folder.',
  );
}
process.exit(status);
