/**
 * A small hand-made store: 3 stores, 6 products, 20 SKUs — small enough that every expected search
 * result can be worked out by hand in the tests.
 */
import type { AppRuntime } from '../../src-main/app/runtime';

export const FIXTURE_SYNCED_AT = '2026-11-25T09:14:00.000Z';

interface P {
  ext: string;
  title: string;
  brand: string;
  category: string;
  gender: string;
  status?: string;
  variants: {
    sku: string;
    size: string | null;
    color: string;
    price: number;
    sale?: number;
    stock: [number, number, number];
    status?: string;
  }[];
  text?: string;
  consumable?: boolean;
}

export const FIXTURE_PRODUCTS: P[] = [
  {
    ext: 'jkt-1',
    title: 'Ridge Waterproof Jacket',
    brand: 'Cairn',
    category: 'Jackets',
    gender: 'women',
    text: 'waterproof hiking rain',
    variants: [
      { sku: 'JKT1-NAVY-S', size: 'S', color: 'Navy', price: 14900, stock: [2, 0, 1] },
      { sku: 'JKT1-NAVY-M', size: 'M', color: 'Navy', price: 14900, stock: [3, 1, 0] },
      { sku: 'JKT1-RED-M', size: 'M', color: 'Red', price: 14900, sale: 11900, stock: [0, 4, 0] },
      { sku: 'JKT1-RED-L', size: 'L', color: 'Red', price: 14900, sale: 11900, stock: [1, 0, 0] },
    ],
  },
  {
    ext: 'jkt-2',
    title: 'Summit Down Jacket',
    brand: 'Fjellby',
    category: 'Jackets',
    gender: 'men',
    text: 'down insulated winter warm',
    variants: [
      { sku: 'JKT2-BLK-M', size: 'M', color: 'Black', price: 24900, stock: [0, 2, 2] },
      { sku: 'JKT2-BLK-L', size: 'L', color: 'Black', price: 24900, stock: [5, 0, 0] },
      { sku: 'JKT2-YEL-L', size: 'L', color: 'Yellow', price: 24900, stock: [1, 1, 1] },
    ],
  },
  {
    ext: 'boot-1',
    title: 'Trailhead Hiking Boot',
    brand: 'Cairn',
    category: 'Boots',
    gender: 'women',
    text: 'leather waterproof hiking',
    variants: [
      { sku: 'BOOT1-BRN-5', size: 'UK 5', color: 'Brown', price: 13000, stock: [2, 2, 2] },
      { sku: 'BOOT1-BRN-6', size: 'UK 6', color: 'Brown', price: 13000, stock: [0, 0, 0] },
      { sku: 'BOOT1-BRN-7', size: 'UK 7', color: 'Brown', price: 13000, stock: [4, 0, 1] },
    ],
  },
  {
    ext: 'sock-1',
    title: 'Merino Hiking Socks',
    brand: 'Loch',
    category: 'Socks',
    gender: 'unisex',
    text: 'merino wool',
    consumable: true,
    variants: [
      { sku: 'SOCK1-GRY-M', size: 'M', color: 'Grey', price: 1800, stock: [20, 10, 5] },
      { sku: 'SOCK1-GRY-L', size: 'L', color: 'Grey', price: 1800, stock: [0, 10, 5] },
    ],
  },
  {
    ext: 'pack-1',
    title: 'Alpine 40 Pack',
    brand: 'Fjellby',
    category: 'Backpacks',
    gender: 'unisex',
    text: 'rucksack 40 litre',
    variants: [
      { sku: 'PACK1-GRN-40', size: '40L', color: 'Green', price: 11000, stock: [3, 0, 0] },
      { sku: 'PACK1-BLU-40', size: '40L', color: 'Blue', price: 11000, stock: [0, 0, 0] },
    ],
  },
  {
    ext: 'old-1',
    title: 'Classic Rain Jacket',
    brand: 'Loch',
    category: 'Jackets',
    gender: 'men',
    status: 'discontinued',
    text: 'rain',
    variants: [{ sku: 'OLD1-GRN-M', size: 'M', color: 'Green', price: 9900, stock: [7, 0, 0], status: 'discontinued' }],
  },
];

export function loadCatalogFixture(rt: AppRuntime): void {
  const s = rt.adb.sqlite;
  s.transaction(() => {
    const store = s.prepare('INSERT INTO stores (id, name) VALUES (?, ?)');
    store.run('S1', 'Edinburgh');
    store.run('S2', 'Glasgow');
    store.run('S3', 'Manchester');
    const prod =
      s.prepare(`INSERT INTO products (external_id, title, brand, category, gender, status, search_text, consumable, source, synced_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'fixture', ?)`);
    const vr =
      s.prepare(`INSERT INTO variants (sku, product_id, size, color, price, sale_price, currency, status, source, synced_at)
                          VALUES (?, ?, ?, ?, ?, ?, 'GBP', ?, 'fixture', ?)`);
    const inv = s.prepare(
      `INSERT INTO inventory (variant_id, store_id, quantity, source, synced_at) VALUES (?, ?, ?, 'fixture', ?)`,
    );
    for (const p of FIXTURE_PRODUCTS) {
      const pid = prod.run(
        p.ext,
        p.title,
        p.brand,
        p.category,
        p.gender,
        p.status ?? 'active',
        p.text ?? '',
        p.consumable ? 1 : 0,
        FIXTURE_SYNCED_AT,
      ).lastInsertRowid;
      for (const v of p.variants) {
        const vid = vr.run(
          v.sku,
          pid,
          v.size,
          v.color,
          v.price,
          v.sale ?? null,
          v.status ?? 'active',
          FIXTURE_SYNCED_AT,
        ).lastInsertRowid;
        ['S1', 'S2', 'S3'].forEach((st, i) => inv.run(vid, st, v.stock[i], FIXTURE_SYNCED_AT));
      }
    }
  })();
}
