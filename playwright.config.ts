/**
 * End-to-end tests in Debian chromium against `aisle serve` (browser mode) on a fresh data dir, which
 * `serve` fills with the demo store on first start. `npm test` builds first (out/main/cli.js,
 * out/renderer). See research/toolchain.md §6 for why the system chromium and these flags.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 47831);
// The config is evaluated by the runner and again by each worker; the env var makes them share one dir.
const DATA_DIR = (process.env.AISLE_E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'aisle-e2e-')));

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e', // Playwright wipes this; screenshots go to test-results/screenshots
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
  webServer: {
    command: `node out/main/cli.js --data-dir "${DATA_DIR}" serve --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    // Always a fresh server on a fresh demo store: a leftover server could hold other data.
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
