/** Prices keep their own currency, and a feed priced in another currency than the store's is reported. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/db/open';
import { runImport } from '../../../src-main/sync/import';
import { configSchema } from '../../../src-main/settings/config-schema';
import { tempDir } from '../../support/runtime';

function feed(rows: [string, string][]): string {
  const file = path.join(tempDir(), 'us-feed.tsv');
  fs.writeFileSync(
    file,
    ['id\ttitle\tprice', ...rows.map(([id, price]) => `${id}\tItem ${id}\t${price}`)].join('\n') + '\n',
  );
  return file;
}

describe('import currency', () => {
  it('keeps a US$ price in USD and warns with the count when the store sells in GBP', async () => {
    const adb = openDatabase({ file: path.join(tempDir(), 'aisle.db') });
    try {
      const file = feed([
        ['A', '159.00 USD'],
        ['B', '20.00 USD'],
        ['C', '12.50 GBP'],
      ]);
      const report = await runImport(adb.sqlite, { format: 'gmc', file, currency: 'GBP', pipeline: false });
      expect(report.status).toBe('succeeded');
      expect(report.warnings).toContain("2 price(s) in USD, not the store's GBP: kept and shown in USD");
      const rows = adb.sqlite.prepare('SELECT sku, price, currency FROM variants ORDER BY sku').all();
      expect(rows).toEqual([
        { sku: 'A', price: 15900, currency: 'USD' },
        { sku: 'B', price: 2000, currency: 'USD' },
        { sku: 'C', price: 1250, currency: 'GBP' },
      ]);
    } finally {
      adb.close();
    }
  });

  it('says nothing when every price is in the store currency', async () => {
    const adb = openDatabase({ file: path.join(tempDir(), 'aisle.db') });
    try {
      const report = await runImport(adb.sqlite, {
        format: 'gmc',
        file: feed([['A', '159.00 USD']]),
        currency: 'usd',
        pipeline: false,
      });
      expect(report.warnings.filter((w) => w.includes('price(s) in'))).toEqual([]);
    } finally {
      adb.close();
    }
  });

  it('configuration: store.locale must be a BCP 47 tag and store.currency an ISO 4217 code, named in the error', () => {
    expect(configSchema.parse({ store: { locale: 'en-US', currency: 'USD' } }).store).toMatchObject({
      locale: 'en-US',
      currency: 'USD',
    });
    const badLocale = configSchema.safeParse({ store: { locale: 'english please' } });
    expect(badLocale.success).toBe(false);
    expect(badLocale.error?.issues[0]).toMatchObject({
      path: ['store', 'locale'],
      message: expect.stringMatching(/BCP 47/),
    });
    const badCurrency = configSchema.safeParse({ store: { currency: 'pounds' } });
    expect(badCurrency.error?.issues[0]).toMatchObject({
      path: ['store', 'currency'],
      message: expect.stringMatching(/ISO 4217/),
    });
  });
});
