/**
 * The store an associate or IT names is found by its id or by its name as the retailer's exports
 * write it ("Grafton Street"); an unknown store is refused (exit 2) naming the stores that exist,
 * never answered with silently empty stock.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { aisle } from '../../support/cli';
import { tempDir } from '../../support/runtime';

const feed = [
  [
    'id',
    'item_group_id',
    'title',
    'description',
    'price',
    'availability',
    'brand',
    'product_type',
    'color',
    'size',
    'gender',
    'age_group',
  ].join('\t'),
  [
    'CK1-SAG',
    '',
    'Dome Kettle, 1.7L',
    'A stovetop-look electric kettle in soft matt colours.',
    '59.00 EUR',
    'in_stock',
    'Corrib Kitchen',
    'Home > Kitchen > Kettles',
    'Sage',
    '',
    '',
    '',
  ].join('\t'),
  [
    'CK1-CRM',
    '',
    'Dome Kettle, 1.7L',
    'A stovetop-look electric kettle in soft matt colours.',
    '59.00 EUR',
    'in_stock',
    'Corrib Kitchen',
    'Home > Kitchen > Kettles',
    'Cream',
    '',
    '',
    '',
  ].join('\t'),
].join('\n');
const header =
  'Handle,Title,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Option3 Name,Option3 Value,SKU,HS Code,COO,Location,Bin name,Incoming (not editable),Unavailable (not editable),Committed (not editable),Available (not editable),On hand (current),On hand (new)';
const inventory = [
  header,
  'dome-kettle,Dome Kettle,Color,Sage,,,,,CK1-SAG,,,Grafton Street,,0,0,0,3,3,',
  'dome-kettle,Dome Kettle,Color,Sage,,,,,CK1-SAG,,,Cork Opera Lane,,0,0,0,0,0,',
  'dome-kettle,Dome Kettle,Color,Cream,,,,,CK1-CRM,,,Grafton Street,,0,0,0,0,0,',
  'dome-kettle,Dome Kettle,Color,Cream,,,,,CK1-CRM,,,Cork Opera Lane,,0,0,0,2,2,',
].join('\n');

let dir: string;
beforeAll(async () => {
  dir = tempDir();
  fs.writeFileSync(path.join(dir, 'feed.tsv'), feed);
  fs.writeFileSync(path.join(dir, 'inventory.csv'), inventory);
  expect((await aisle('--data-dir', dir, 'import', 'gmc', path.join(dir, 'feed.tsv'), '--json')).code).toBe(0);
  expect(
    (await aisle('--data-dir', dir, 'import', 'shopify-inventory', path.join(dir, 'inventory.csv'), '--json')).code,
  ).toBe(0);
});

describe('store identity', () => {
  it('finds the store by the name the export wrote, and by its id, with the same stock', async () => {
    const byName = await aisle('--data-dir', dir, 'ask', 'a sage kettle', '--store', 'Grafton Street', '--json');
    expect(byName.code).toBe(0);
    const sage = byName.json().suggestions.find((s: { sku: string }) => s.sku === 'CK1-SAG');
    expect(sage).toMatchObject({ stockHere: 3, currency: 'EUR', price: 5900 });
    const byId = await aisle('--data-dir', dir, 'ask', 'a sage kettle', '--store', 'grafton-street', '--json');
    expect(byId.json().suggestions.find((s: { sku: string }) => s.sku === 'CK1-SAG')).toMatchObject({ stockHere: 3 });
    const lower = await aisle('--data-dir', dir, 'ask', 'a cream kettle', '--store', 'cork opera lane', '--json');
    expect(lower.json().suggestions.find((s: { sku: string }) => s.sku === 'CK1-CRM')).toMatchObject({ stockHere: 2 });
  });

  it('refuses an unknown store with exit 2, naming the stores it knows, and starts no consultation', async () => {
    const before = (await aisle('--data-dir', dir, 'doctor', '--json')).json().counts.consultations;
    const r = await aisle('--data-dir', dir, 'ask', 'a kettle', '--store', 'NoSuchStore', '--json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown store "NoSuchStore"/);
    expect(r.stderr).toMatch(/Cork Opera Lane \(cork-opera-lane\)/);
    expect(r.stderr).toMatch(/Grafton Street \(grafton-street\)/);
    const doctor = (await aisle('--data-dir', dir, 'doctor', '--json')).json();
    expect(doctor.counts.consultations).toBe(before);
  });

  it('AISLE_STORE set to the exported name works like --store', async () => {
    process.env.AISLE_STORE = 'Cork Opera Lane';
    try {
      const r = await aisle('--data-dir', dir, 'ask', 'a cream kettle', '--json');
      expect(r.json().suggestions.find((s: { sku: string }) => s.sku === 'CK1-CRM')).toMatchObject({ stockHere: 2 });
    } finally {
      delete process.env.AISLE_STORE;
    }
  });

  it('with no catalog imported yet, says so instead of asking what kind of thing', async () => {
    const empty = tempDir();
    const r = await aisle('--data-dir', empty, 'ask', 'waterproof jacket size M', '--json');
    expect(r.code).toBe(0);
    expect(r.json().suggestions).toEqual([]);
    expect(r.json().reply).toMatch(/no catalog on this laptop yet/);
  });
});
