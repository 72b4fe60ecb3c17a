/**
 * Settings as a manager and IT use it, against its own `aisle serve` on a fresh demo store started
 * with a configuration: a user file, an AISLE_CONFIG file (a GMC feed source with one bad row, two
 * LLM providers, IT locks) and an AISLE_* variable, so every origin shows.
 * The CLI is out/main/cli.js (built by `npm test`); AISLE_E2E_CLI points elsewhere for a private build.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { screenshot, test, expect } from './fixtures';

const CLI = path.resolve(process.env.AISLE_E2E_CLI ?? 'out/main/cli.js');
const FEED = path.resolve('tests/fixtures/settings/gmc-feed-with-reject.xml');

let server: ChildProcess | null = null;
let baseUrl = '';
let tmp = '';
let configFile = '';
let bigSource = '';

/** A generated GMC TSV feed of `rows` single-variant items. */
function writeGmcTsv(file: string, prefix: string, rows: number): void {
  const lines = ['id\ttitle\tprice\tavailability\tbrand'];
  for (let i = 0; i < rows; i++)
    lines.push(`${prefix}-${i}\tGenerated item ${i}\t${(i % 90) + 10}.00 GBP\tin stock\tBulk`);
  fs.writeFileSync(file, lines.join('\n'));
}

async function startServe(): Promise<string> {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aisle-e2e-settings-'));
  const xdgConfig = path.join(tmp, 'xdg-config');
  fs.mkdirSync(path.join(xdgConfig, 'aisle'), { recursive: true });
  fs.writeFileSync(
    path.join(xdgConfig, 'aisle', 'config.json'),
    JSON.stringify({ retention: { transcriptDays: 400 } }),
  );
  // A feed big enough that its sync runs for a few seconds, so the live bar can be watched.
  bigSource = path.join(tmp, 'warehouse-feed.tsv');
  writeGmcTsv(bigSource, 'WH', 40_000);
  configFile = path.join(tmp, 'it-config.json');
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      sources: [
        { type: 'file', name: 'Google feed', format: 'gmc', location: FEED, intervalMinutes: 60 },
        { type: 'file', name: 'Warehouse feed', format: 'gmc', location: bigSource },
      ],
      llm: {
        enabled: false,
        providers: [
          {
            name: 'cloud-llm',
            baseUrl: 'https://llm.example.invalid/v1',
            model: 'gpt-4o-mini',
            apiKeyEnv: 'AISLE_E2E_LLM_KEY_UNSET',
            timeoutMs: 1000,
            maxRetries: 0,
          },
          {
            name: 'ollama',
            baseUrl: 'http://127.0.0.1:9/v1',
            model: 'llama3.1',
            apiKeyStored: true,
            timeoutMs: 1000,
            maxRetries: 0,
          },
        ],
      },
      privacy: { exportContactDetails: false },
      locked: ['privacy'],
    }),
  );
  const env = {
    ...process.env,
    AISLE_CONFIG: configFile,
    AISLE_LOG_LEVEL: 'warn',
    XDG_CONFIG_HOME: xdgConfig,
    XDG_STATE_HOME: path.join(tmp, 'xdg-state'),
  };
  delete (env as Record<string, string | undefined>).AISLE_E2E_LLM_KEY_UNSET;
  const child = spawn(process.execPath, [CLI, '--data-dir', path.join(tmp, 'data'), 'serve', '--port', '0'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = child;
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`aisle serve did not start in 120 s:\n${out}`)), 120_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`aisle serve exited with ${code}:\n${out}`));
    });
  });
}

test.beforeAll(async () => {
  test.setTimeout(150_000);
  baseUrl = await startServe();
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function openSettings(page: Page, tab?: string) {
  await page.goto(`${baseUrl}#/settings${tab ? `?tab=${tab}` : ''}`);
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
}

async function signInAsManager(page: Page) {
  await page.getByRole('button', { name: 'Sign in as a manager' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Sign in as a manager' });
  await expect(dialog.getByRole('combobox', { name: 'Manager' })).toHaveValue(/\S/);
  await dialog.getByLabel('PIN').fill('1234');
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('manager-bar').first()).toContainText('(manager)');
}

test.describe('settings', () => {
  test('the side list opens each section by keyboard and the URL keeps it', async ({ page }) => {
    await openSettings(page);
    await expect(page.getByText("This laptop's store")).toBeVisible();
    await expect(page.getByText('Running as')).toBeVisible();
    await screenshot(page, 'settings-store');
    const list = page.getByRole('tablist', { name: 'Settings sections' });
    await list.getByRole('tab', { name: 'Store & app' }).focus();
    await page.keyboard.press('ArrowDown');
    await expect(list.getByRole('tab', { name: 'Data sources' })).toHaveAttribute('aria-selected', 'true');
    await expect(page).toHaveURL(/tab=sources/);
    await page.keyboard.press('ArrowDown');
    await expect(page).toHaveURL(/tab=recommender/);
    await page.reload();
    await expect(page.getByRole('tab', { name: 'Recommender' })).toHaveAttribute('aria-selected', 'true');
  });

  test('Diagnostics shows the doctor report and "Copy report" puts plain text on the clipboard', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl.replace(/\/$/, '') });
    await openSettings(page, 'diagnostics');
    await expect(page.getByTestId('doctor-status')).toHaveText(/Healthy|Working, with warnings|Broken/);
    const checks = page.getByTestId('doctor-check');
    await expect(checks.first()).toBeVisible();
    expect(await checks.count()).toBeGreaterThanOrEqual(4);
    await expect(page.getByTestId('doctor-checks')).toContainText('database');
    await expect(page.getByText('Log folder')).toBeVisible();
    await expect(page.getByText(path.join(tmp, 'xdg-state'), { exact: false }).first()).toBeVisible();
    await page.getByRole('button', { name: 'Copy report' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The report is on the clipboard' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text).toMatch(/^Aisle diagnostics — (HEALTHY|WARNINGS|BROKEN)\n/);
    expect(text).toContain('Checks:');
    expect(text).toMatch(/\[OK {2}\] database: /);
    expect(text).toContain(`AISLE_CONFIG: ${configFile}`);
    await screenshot(page, 'settings-diagnostics');
    await page.getByRole('button', { name: 'Run again' }).click();
    await expect(page.getByRole('button', { name: 'Copy report' })).toBeVisible();
  });

  test('Configuration shows each value with where it came from, and IT-locked keys read-only', async ({ page }) => {
    await openSettings(page, 'config');
    const table = page.getByTestId('config-table');
    await expect(table).toBeVisible();
    const row = (key: string) => table.locator(`[data-testid="config-row"][data-key="${key}"]`);
    await expect(row('logging.level')).toContainText('Environment variable');
    await expect(row('logging.level')).toContainText('warn');
    await expect(row('retention.transcriptDays')).toContainText('Your user file');
    await expect(row('retention.transcriptDays')).toContainText('400');
    await expect(row('sources')).toContainText('AISLE_CONFIG file');
    await expect(row('sources')).toContainText(configFile);
    await expect(row('bridge.enabled')).toContainText('Default');
    // privacy is locked by IT: a lock on each of its keys, and no control to change anything.
    await expect(row('privacy.exportContactDetails').getByRole('img', { name: 'Locked by IT' })).toBeVisible();
    await expect(row('bridge.enabled').getByRole('img', { name: 'Locked by IT' })).toHaveCount(0);
    await expect(table.getByRole('textbox')).toHaveCount(0);
    await expect(table.getByRole('checkbox')).toHaveCount(0);
    await expect(page.getByTestId('config-files')).toContainText(configFile);
    await screenshot(page, 'settings-configuration');
    await page.getByRole('textbox', { name: 'Filter configuration keys' }).fill('privacy.');
    await expect(table.getByTestId('config-row')).toHaveCount(2);
  });

  test('Copilot & LLM shows engines and key status, and never a key field where keys cannot be stored', async ({
    page,
  }) => {
    await openSettings(page, 'copilot');
    await expect(page.getByTestId('engine-row').filter({ hasText: 'Local engine' })).toBeVisible();
    const cloud = page.getByRole('region', { name: 'API key for cloud-llm' });
    await expect(cloud).toContainText('No key');
    await expect(cloud).toContainText('AISLE_E2E_LLM_KEY_UNSET');
    const ollama = page.getByRole('region', { name: 'API key for ollama' });
    // Browser mode has no OS keychain: the app refuses to store a key and says how to provide it.
    await expect(ollama).toContainText('cannot store a key');
    await expect(ollama).toContainText('apiKeyEnv');
    await expect(page.locator('input[type="password"]')).toHaveCount(0);
    await screenshot(page, 'settings-copilot');
    await ollama.scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-copilot-keys');
    // Asking the endpoints: the loopback one refuses at once and says so.
    await page.getByRole('button', { name: 'Check connections' }).click();
    await expect(page.getByTestId('engine-row').filter({ hasText: 'ollama' })).toContainText('Not reachable', {
      timeout: 20_000,
    });
  });

  test('Recommender: the model health line, and "Retrain now" shows progress then a new trained time', async ({
    page,
  }) => {
    // training now fits every candidate once more on a holdout (self-validation): about twice #4's time
    test.setTimeout(240_000);
    await openSettings(page, 'recommender');
    const line = page.getByTestId('model-health-line');
    await expect(line).not.toBeEmpty();
    const before = await line.innerText();
    await page.getByRole('button', { name: /^(Train|Retrain) now$/ }).click();
    await expect(page.getByRole('button', { name: 'Training…' })).toBeDisabled();
    await expect(page.getByRole('progressbar', { name: 'Recommender training progress' })).toBeVisible();
    await screenshot(page, 'settings-recommender-training');
    await expect(page.getByRole('status').filter({ hasText: /^Trained just now/ })).toBeVisible({ timeout: 180_000 });
    await expect(page.getByTestId('trained-at')).toHaveText('just now');
    await expect(line).toContainText(/trained .* on \d+ baskets of \d+ customers, \d+ items; active: /);
    expect(await line.innerText()).not.toBe(before);
    expect(await page.getByTestId('strategy-row').count()).toBeGreaterThanOrEqual(3);
    await screenshot(page, 'settings-recommender');
    // the model card: which model won on this store's own orders, each candidate against the baseline
    const card = page.getByTestId('model-card');
    await expect(card.getByRole('heading', { name: 'Which model won on your data' })).toBeVisible();
    await expect(page.getByTestId('model-card-chosen')).not.toBeEmpty();
    await expect(page.getByTestId('model-card-row')).toHaveCount(4);
    await expect(page.getByTestId('model-card-row').filter({ hasText: 'What they buy most often' })).toContainText(
      'baseline',
    );
    await expect(page.getByTestId('model-card-row').filter({ hasText: '(in use)' })).toHaveCount(1);
    await expect(card).toContainText(
      /Tested on the last \d+ days of the training data .* customers whose next purchases the models did not see/,
    );
    await expect(
      card.getByRole('img', { name: /Difference in ranking quality \(NDCG@10\) from What they buy most often/ }),
    ).toBeVisible();
    // a tall window, so the whole card shows below the sticky header
    await page.setViewportSize({ width: 1280, height: 1500 });
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-recommender-model-card');
  });

  test('Data sources: a manager syncs the GMC feed, sees progress, then the run with counts and the rejected row', async ({
    page,
  }) => {
    await openSettings(page, 'sources');
    const card = page.getByRole('region', { name: 'Data source Google feed' });
    await expect(card).toContainText('Never run yet.');
    await expect(card).toContainText('Runs every 1 h');
    await expect(card).toContainText(FEED);

    // Without a manager the run is refused with a clear message.
    await card.getByRole('button', { name: 'Sync Google feed now' }).click();
    await expect(card.getByRole('alert')).toContainText('A manager needs to sign in');
    await screenshot(page, 'settings-sources-needs-manager');

    await signInAsManager(page);
    // The run is quick: watch the page for the progress bar (and what it said) rather than hoping to catch it.
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { seenProgress: string[] }).seenProgress = []);
      new MutationObserver(() => {
        const bar = document.querySelector('[role="progressbar"][aria-label="Google feed sync progress"]');
        const text = bar?.getAttribute('aria-valuetext');
        if (text && seen[seen.length - 1] !== text) seen.push(text);
      }).observe(document.body, { childList: true, subtree: true, attributes: true });
    });
    await card.getByRole('button', { name: 'Sync Google feed now' }).click();
    await expect(card.getByText('Some rows rejected')).toBeVisible({ timeout: 30_000 });
    await expect(card).toContainText('Read 5 products, 6 SKUs');
    const seen = await page.evaluate(() => (window as unknown as { seenProgress: string[] }).seenProgress);
    expect(seen.length, `progress seen: ${seen.join(' | ')}`).toBeGreaterThan(0);
    const counts = card.getByTestId('run-counts');
    await expect(counts).toContainText('11new');
    await expect(counts).toContainText('1rejected');
    await expect(card).toContainText('sale price');
    await card.getByRole('button', { name: 'Show the rejected row' }).click();
    const rejects = card.getByRole('table', { name: /Rejected rows of run/ });
    await expect(rejects).toContainText('price');
    await expect(rejects).toContainText('unreadable price "twelve pounds"');
    await expect(rejects.getByRole('cell').first()).toHaveText(/^\d+$/);
    await screenshot(page, 'settings-sources-after-sync');

    // Re-syncing the same feed changes nothing, and the history lists both runs.
    await card.getByRole('button', { name: 'Sync Google feed now' }).click();
    await expect(page.getByTestId('run-history').getByRole('row')).toHaveCount(3, { timeout: 30_000 });
    await expect(counts).toContainText('11unchanged');
    // The bad row is still bad, so the second run rejects it again and changes nothing else.
    await expect(page.getByTestId('run-history').getByRole('row').nth(1)).toContainText(
      /Some rows rejected.*5 products, 6 SKUs1 rejected$/,
    );
    await expect(page.getByTestId('run-history').getByRole('row').nth(2)).toContainText('11 new · 1 rejected');
  });

  test('Data sources: a one-off file import shows its report, and a large import can be cancelled', async ({
    page,
  }) => {
    await openSettings(page, 'sources');
    await signInAsManager(page);
    const form = page.getByRole('region', { name: 'Import a file' });
    await form.getByRole('textbox', { name: 'File path' }).fill(path.join(tmp, 'missing-export.csv'));
    await form.getByRole('button', { name: 'Import' }).click();
    const result = page.getByTestId('import-result');
    await expect(result).toContainText('Failed', { timeout: 30_000 });
    await expect(result).toContainText('missing-export.csv');

    // A big feed, so the run is still going when Cancel is pressed.
    const big = path.join(tmp, 'big-feed.tsv');
    writeGmcTsv(big, 'BIG', 300_000);
    await form.getByRole('textbox', { name: 'File path' }).fill(big);
    await form.getByRole('button', { name: 'Import' }).click();
    const bar = result.getByRole('progressbar', { name: 'File import progress' });
    await expect(bar).toBeVisible();
    await screenshot(page, 'settings-import-running');
    await result.getByRole('button', { name: 'Cancel' }).click();
    await expect(result).toContainText('Cancelled', { timeout: 30_000 });
    await page.mouse.move(0, 0);
    await expect(page.getByRole('tooltip')).toHaveCount(0);
    await screenshot(page, 'settings-import-cancelled');
    await expect(page.getByTestId('run-history')).toContainText('Cancelled');
  });

  test('Data sources: "Sync all now" runs every source, with a live bar on the long one, then its counts', async ({
    page,
  }) => {
    await openSettings(page, 'sources');
    await signInAsManager(page);
    const warehouse = page.getByRole('region', { name: 'Data source Warehouse feed' });
    await expect(warehouse).toContainText('Runs only when started by hand');
    await page.getByRole('button', { name: 'Sync all now' }).click();
    const bar = warehouse.getByRole('progressbar', { name: 'Warehouse feed sync progress' });
    await expect(bar).toBeVisible();
    await expect(bar).toHaveAttribute('aria-valuetext', /(reading|writing)/, { timeout: 20_000 });
    await screenshot(page, 'settings-sources-sync-all-running');
    await expect(warehouse.getByText('Succeeded')).toBeVisible({ timeout: 60_000 });
    await expect(warehouse).toContainText('Read 40,000 products, 40,000 SKUs');
    await expect(warehouse.getByTestId('run-counts')).toContainText('80,000new');
    await expect(
      page.getByRole('region', { name: 'Data source Google feed' }).getByText('Some rows rejected'),
    ).toBeVisible();
  });

  test('Settings reads well on a 1920×1080 screen', async ({ page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openSettings(page, 'sources');
    await expect(page.getByRole('region', { name: 'Data source Google feed' })).toBeVisible();
    await screenshot(page, 'settings-sources-1920');
    await openSettings(page, 'config');
    await expect(page.getByTestId('config-table')).toBeVisible();
    await screenshot(page, 'settings-configuration-1920');
  });
});
