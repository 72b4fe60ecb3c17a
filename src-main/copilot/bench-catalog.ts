/**
 * A large synthetic catalogue for `aisle bench copilot`: the demo store's product types, brands,
 * sizes and colours, multiplied out to N SKUs across 3 stores with some order history, so the
 * local engine's latency can be measured at chain scale.
 */
import { catalogBenchWriters } from '../bench/queries';
import type Database from 'better-sqlite3';
import { BRANDS, COLOURS, PRODUCT_TYPES } from '../demo/catalog-data';

export function generateLargeCatalog(
  sqlite: Database.Database,
  targetSkus: number,
): { products: number; variants: number } {
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const now = new Date().toISOString();
  let products = 0;
  let variants = 0;
  sqlite.transaction(() => {
    const { store, product: prod, variant: vr, stock: inv, order, line } = catalogBenchWriters(sqlite);
    store.run('S1', 'Bench One');
    store.run('S2', 'Bench Two');
    store.run('S3', 'Bench Three');
    const variantIds: number[] = [];
    while (variants < targetSkus) {
      const type = PRODUCT_TYPES[products % PRODUCT_TYPES.length]!;
      const genders = Object.keys(type.counts) as (keyof typeof type.counts)[];
      const gender = pick(genders);
      const sizes = type.sizes[gender] ?? type.sizePerProduct ?? ['One Size'];
      const brand = pick(BRANDS);
      const noun = pick(type.nouns);
      const title = `${brand.name} Bench ${products} ${gender === 'women' ? "Women's " : gender === 'men' ? "Men's " : gender === 'kids' ? "Kids' " : ''}${noun}`;
      const pid = Number(
        prod.run(
          `bench-${products}`,
          title,
          brand.name,
          type.category,
          type.path,
          gender,
          [...type.words, ...type.uses, ...type.materials].join(' '),
          now,
        ).lastInsertRowid,
      );
      const price = Math.round((type.price[0] + rand() * (type.price[1] - type.price[0])) * 100) - 1;
      const colours = [pick(type.colours), pick(type.colours)].filter(
        (c, i, a) => a.indexOf(c) === i && COLOURS.some((x) => x.name === c),
      );
      for (const colour of colours) {
        for (const size of type.sizePerProduct ? [pick(type.sizePerProduct)] : sizes) {
          if (variants >= targetSkus) break;
          const vid = Number(
            vr.run(
              `B${products}-${colour.slice(0, 3).toUpperCase()}-${size.replace(/\s+/g, '')}`,
              pid,
              size,
              colour,
              price,
              now,
            ).lastInsertRowid,
          );
          variantIds.push(vid);
          for (const s of ['S1', 'S2', 'S3']) inv.run(vid, s, Math.floor(rand() * 7), now);
          variants++;
        }
      }
      products++;
    }
    for (let i = 0; i < 20_000; i++) {
      const oid = order.run(`bench-o${i}`, pick(['S1', 'S2', 'S3']), now, now).lastInsertRowid;
      line.run(oid, variantIds[Math.floor(rand() ** 2 * variantIds.length)]!);
    }
  })();
  return { products, variants };
}
