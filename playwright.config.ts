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

// A second store whose copilot has an LLM: the scripted OpenAI-compatible server from tests/support on
// PORT+1, and `aisle serve` on PORT+2 configured (AISLE_CONFIG) to use it. Tests reach it through
// E2E_LLM_APP_URL; everything else runs against the plain local-engine server above.
const LLM_PORT = PORT + 1;
const LLM_APP_PORT = PORT + 2;
const LLM_DATA_DIR = (process.env.AISLE_E2E_LLM_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'aisle-e2e-llm-')));
const LLM_CONFIG = path.join(LLM_DATA_DIR, 'aisle-config.json');
fs.writeFileSync(
  LLM_CONFIG,
  JSON.stringify(
    {
      llm: {
        enabled: true,
        providers: [
          { name: 'test-llm', baseUrl: `http://127.0.0.1:${LLM_PORT}/v1`, model: 'test-model', maxRetries: 0 },
        ],
      },
    },
    null,
    2,
  ),
);
process.env.E2E_LLM_APP_URL = `http://127.0.0.1:${LLM_APP_PORT}`;

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
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
  webServer: [
    {
      command: `node out/main/cli.js --data-dir "${DATA_DIR}" serve --port ${PORT}`,
      url: `http://127.0.0.1:${PORT}/`,
      // Always a fresh server on a fresh demo store: a leftover server could hold other data.
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      command: `npx tsx tests/support/e2e-llm-server.ts ${LLM_PORT}`,
      url: `http://127.0.0.1:${LLM_PORT}/v1/models`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      command: `node out/main/cli.js --data-dir "${LLM_DATA_DIR}" serve --port ${LLM_APP_PORT}`,
      url: `http://127.0.0.1:${LLM_APP_PORT}/`,
      env: { AISLE_CONFIG: LLM_CONFIG },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
  ],
});
