/** `aisle products search <query> [--in-stock] [--limit N]`: SKUs matching the words, with stock here. */
import { EXIT, flagBool, flagInt, UsageError, type Command } from '../command';
import { formatMoney } from '../../contract/money';

export const productsSearchCommand: Command = {
  name: 'products search',
  summary: 'search the catalog (SKUs with price and stock here)',
  usage: 'aisle products search <query> [--in-stock] [--limit N] [--json]',
  async run(ctx) {
    const query = ctx.args.positionals.join(' ').trim();
    if (!query) throw new UsageError('give the words to search for, e.g. aisle products search "rain jacket"');
    const limit = flagInt(ctx.args, 'limit', 20)!;
    if (limit < 1 || limit > 500) throw new UsageError('--limit must be between 1 and 500');
    const { results } = await ctx.call('catalog.searchVariants', {
      query,
      inStockHere: flagBool(ctx.args, 'in-stock'),
      limit,
    });
    if (ctx.json) {
      ctx.io.json({ results: results.map(({ imageUrl: _image, ...r }) => r) });
    } else {
      if (!results.length) ctx.io.say(`No products match "${query}".`);
      for (const r of results) {
        const price = formatMoney(r.salePrice ?? r.price, r.currency);
        ctx.io.say(
          `${r.sku.padEnd(28)} ${r.title.slice(0, 44).padEnd(44)} ${(r.size ?? '').padEnd(6)} ${(r.color ?? '').padEnd(12)} ${price.padStart(9)}  ${r.stockHere} here`,
        );
      }
    }
    return EXIT.OK;
  },
};
