/**
 * The header's freshness is honest: the catalog and the stock each report the OLDEST of their sources'
 * last syncs, so a small file imported just now does not make a day-old feed look fresh.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appStatus, storeLocale } from '../../../src-main/app/status';
import { loadDemoStore } from '../../../src-main/demo/load';
import { runImport } from '../../../src-main/sync/import';
import type { AppRuntime } from '../../../src-main/app/runtime';
import { tempDir, testRuntime } from '../../support/runtime';

const rts: AppRuntime[] = [];
afterEach(() => rts.splice(0).forEach((r) => r.close()));

function demoRuntime(config: Record<string, unknown> = {}) {
  const rt = testRuntime({ storeId: 'S1', config: config });
  rts.push(rt);
  loadDemoStore(rt.adb, { anchor: new Date('2026-11-25T00:00:00Z') });
  return rt;
}

function smallFeed(rows: number): string {
  const lines = ['id\ttitle\tprice\titem_group_id\tsize'];
  for (let i = 0; i < rows; i++) lines.push(`NEW-${i}\tNew Thing ${i}\t10.00 GBP\tNEW\t${i}`);
  const file = path.join(tempDir(), 'six-items.tsv');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('app.status freshness', () => {
  it('reports catalog and stock separately, from the rows the store relies on', () => {
    const rt = demoRuntime();
    const s = appStatus(rt);
    const demoVariants = rt.adb.sqlite
      .prepare("SELECT max(synced_at) FROM variants WHERE status = 'active'")
      .pluck()
      .get();
    const demoStock = rt.adb.sqlite.prepare("SELECT max(synced_at) FROM inventory WHERE store_id = 'S1'").pluck().get();
    expect(s.catalogSyncedAt).toBe(demoVariants);
    expect(s.stockSyncedAt).toBe(demoStock);
  });

  it('a 6-item file imported now leaves the catalog as old as its oldest source, and stock untouched', async () => {
    const rt = demoRuntime();
    const before = appStatus(rt);
    const report = await runImport(rt.adb.sqlite, { format: 'gmc', file: smallFeed(6), pipeline: false });
    expect(report.variants).toBe(6);
    const after = appStatus(rt);
    expect(after.catalogSyncedAt).toBe(before.catalogSyncedAt);
    expect(after.stockSyncedAt).toBe(before.stockSyncedAt);
    // the new file's own rows are newer: only the oldest source counts
    const newest = rt.adb.sqlite.prepare('SELECT max(synced_at) FROM variants').pluck().get() as string;
    expect(newest > (after.catalogSyncedAt ?? '')).toBe(true);
  });

  it('says never when nothing was loaded, and knows whether a head office is configured', () => {
    const empty = testRuntime();
    rts.push(empty);
    expect(appStatus(empty)).toMatchObject({ catalogSyncedAt: null, stockSyncedAt: null, headOffice: false });
    const withHq = demoRuntime({
      sources: [{ type: 'hq', name: 'hq', baseUrl: 'https://hq.example/api', tokenEnv: 'T' }],
    });
    expect(appStatus(withHq).headOffice).toBe(true);
  });
});

describe('the store locale', () => {
  it('is store.locale when IT set it, else the OS locale (a POSIX "C" locale gives the app default)', () => {
    expect(storeLocale({ store: { locale: 'de-CH' } }, { LANG: 'en_US.UTF-8' }, 'linux')).toBe('de-CH');
    expect(storeLocale({ store: {} }, { LANG: 'fr_FR.UTF-8' }, 'linux')).toBe('fr-FR');
    expect(storeLocale({ store: {} }, { LC_ALL: 'en_IE.UTF-8', LANG: 'fr_FR.UTF-8' }, 'linux')).toBe('en-IE');
    expect(storeLocale({ store: {} }, { LANG: 'C.UTF-8' }, 'linux')).toBe('en-GB');
    expect(storeLocale({ store: {} }, {}, 'linux')).toBe('en-GB');
  });
});
