import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// One build for every face of the app:
// - main: the Electron composition root (index) and the `aisle` CLI (cli), sharing chunks;
// - preload: CommonJS, because a sandboxed preload cannot be an ES module;
// - renderer: the React app, served from file:// inside Electron or over the loopback bridge.
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/electron/main.ts'),
          cli: resolve(__dirname, 'src-main/cli/index.ts'),
          'train-worker': resolve(__dirname, 'src-main/recommender/train-worker.ts'),
          'sync-worker': resolve(__dirname, 'src-main/sync/sync-worker.ts'),
          'gmc-parse-worker': resolve(__dirname, 'src-main/sync/gmc-parse-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
    plugins: [react()],
  },
});
