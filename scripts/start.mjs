#!/usr/bin/env node
// `npm start`: build, then launch the desktop app where Electron's binary is installed; otherwise say
// so in one line and serve the same app in browser mode on 127.0.0.1.
import { spawnSync, spawn } from 'node:child_process';
import { findElectronBinary } from './electron-binary.mjs';

const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) {
  console.error('npm start: the build failed (see above).');
  process.exit(build.status ?? 1);
}
const electron = findElectronBinary();
const passthrough = process.argv.slice(2);
if (electron.path) {
  const child = spawn(electron.path, ['.', ...passthrough], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(`Electron is not available here (${electron.reason}); serving the same app in browser mode instead.`);
  const port = process.env.PORT ?? '0';
  const child = spawn(process.execPath, ['out/main/cli.js', ...passthrough, 'serve', '--port', port], {
    stdio: 'inherit',
  });
  const forward = (sig) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}
