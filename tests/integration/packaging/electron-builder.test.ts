/**
 * The packaging configuration, exercised as far as a machine without Electron's binary allows:
 * electron-builder's own loader and schema validation resolve it, every target IT installs is named,
 * and what the app needs at run time (migrations, the CLI, the sandboxed preload) is shipped.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = new URL('../../../', import.meta.url).pathname;

describe('electron-builder configuration', () => {
  it('is resolved and validated by electron-builder itself', async () => {
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
    const { DebugLogger } = require('builder-util');
    const config = await getConfig(root, null, null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config.appId).toBe('com.aisle.copilot');
    expect(config.productName).toBe('Aisle');
  });

  it('names every target IT installs: AppImage and deb, per-machine NSIS, dmg', () => {
    const c = JSON.parse(fs.readFileSync(root + 'electron-builder.json', 'utf8'));
    expect(c.linux.target).toEqual(['AppImage', 'deb']);
    expect(c.win.target[0].target).toBe('nsis');
    expect(c.nsis.perMachine).toBe(true);
    expect(c.nsis.oneClick).toBe(false);
    expect(c.nsis.deleteAppDataOnUninstall).toBe(false);
    expect(c.mac.target).toEqual(['dmg']);
    expect(c.publish).toBeNull(); // auto-update off by default
  });

  it('ships migrations, the built app and the example configuration; unpacks the native module', () => {
    const c = JSON.parse(fs.readFileSync(root + 'electron-builder.json', 'utf8'));
    expect(c.files).toEqual(expect.arrayContaining(['out/**', 'migrations/**', 'package.json']));
    expect(c.asarUnpack.join(' ')).toContain('better-sqlite3');
    expect(fs.existsSync(root + c.extraResources[0].from)).toBe(true);
    for (const icon of ['build/icon.png', 'build/icons/512x512.png']) expect(fs.existsSync(root + icon)).toBe(true);
  });

  it('takes its version from package.json and points main at the built Electron entry', () => {
    const pkg = JSON.parse(fs.readFileSync(root + 'package.json', 'utf8'));
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(pkg.main).toBe('out/main/index.js');
  });
});
