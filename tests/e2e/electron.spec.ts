/**
 * Smoke test of the real desktop app. It needs the Electron binary, which cannot be downloaded on
 * these machines; where it is missing the tests report themselves skipped with that reason.
 * With a binary (ELECTRON_OVERRIDE_DIST_PATH or node_modules/electron/dist) they run for real.
 */
import { test, expect, _electron as electron } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error — a plain .mjs helper shared with scripts/start.mjs
import { findElectronBinary } from '../../scripts/electron-binary.mjs';

const binary = findElectronBinary() as { path: string | null; reason: string | null };

test.describe('desktop app (Electron)', () => {
  test.skip(!binary.path, `needs the Electron binary: ${binary.reason}`);

  const launch = () =>
    electron.launch({
      executablePath: binary.path!,
      args: ['.'],
      env: {
        ...process.env,
        AISLE_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'aisle-electron-')),
        AISLE_LOG_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'aisle-logs-')),
      },
    });

  test('the window opens on the demo store', async () => {
    const app = await launch();
    const win = await app.firstWindow();
    await expect(win.getByRole('navigation')).toBeVisible();
    await win.screenshot({ path: 'test-results/screenshots/electron-window.png' });
    await app.close();
  });

  test('the preload exposes only the contract bridge, and no Node', async () => {
    const app = await launch();
    const win = await app.firstWindow();
    const exposed = await win.evaluate(() => ({
      keys: Object.keys((window as unknown as { aisle: object }).aisle).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(exposed).toEqual({ keys: ['invoke', 'on', 'transport'], require: 'undefined', process: 'undefined' });
    const refused = await win.evaluate(() =>
      (window as unknown as { aisle: { invoke: (n: string, i: unknown, s: null) => Promise<unknown> } }).aisle.invoke(
        'fs.readFile',
        {},
        null,
      ),
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await app.close();
  });

  test('navigation away from the app and new windows are blocked', async () => {
    const app = await launch();
    const win = await app.firstWindow();
    const before = win.url();
    await win.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await win.waitForTimeout(500);
    expect(win.url()).toBe(before);
    const opened = await win.evaluate(() => window.open('https://example.com/') === null);
    expect(opened).toBe(true);
    expect(app.windows()).toHaveLength(1);
    await app.close();
  });
});
