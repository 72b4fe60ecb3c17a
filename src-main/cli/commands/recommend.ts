/** `aisle recommend`: suggestions for one customer (externalId), with reasons, from the trained model. */
import { customerIdByExternalId } from '../../customers/queries';
import { EXIT, UsageError, flagBool, flagInt, flagString, type Command } from '../command';
import { getRecommender, trainInline } from '../../recommender/runtime-model';
import { recommendInput } from '../../contract/recommender';

export const recommendCommand: Command = {
  name: 'recommend',
  summary: 'suggest items for a customer (or walk-in), with the evidence behind each',
  usage: [
    'aisle recommend [--customer ID] [--context SKU,...] [--k N] [--mode auto|personal|goes-with|more-like-this|best-sellers]',
    '                [--size S] [--price-max MINOR] [--train] [--explain] [--json]',
    "  --customer is the customer's external id; --train retrains from the database first;",
    '  --explain prints the evidence behind each item: own purchases, popularity, similar-customer scores and',
    '  (when the two-stage ranker orders the list) the features that moved its score most',
  ].join('\n'),
  async run(ctx) {
    const rt = ctx.runtime();
    const external = flagString(ctx.args, 'customer');
    const k = flagInt(ctx.args, 'k', 10)!;
    if (k < 1 || k > 100) throw new UsageError('--k must be between 1 and 100');
    const mode = recommendInput.shape.mode.safeParse(flagString(ctx.args, 'mode') ?? 'auto');
    if (!mode.success)
      throw new UsageError(`--mode must be one of ${recommendInput.shape.mode.unwrap().options.join(', ')}`);
    const context = (flagString(ctx.args, 'context') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    let r = flagBool(ctx.args, 'train') ? trainInline(rt) : getRecommender(rt);
    if (!r) {
      ctx.io.say('no trained recommender model yet; training now…');
      r = trainInline(rt);
    }
    let customerId: number | null = null;
    if (external) {
      const id = customerIdByExternalId(rt.adb.sqlite, external);
      if (id === undefined) {
        ctx.io.warn(`aisle recommend: no customer with id "${external}"`);
        if (ctx.json) ctx.io.json({ error: { code: 'NOT_FOUND', message: `no customer with id "${external}"` } });
        return EXIT.UNUSABLE;
      }
      customerId = id;
    }
    const res = await ctx.call('recommender.recommend', {
      customerId,
      contextSkus: context,
      k,
      mode: mode.data,
      storeId: rt.here().id,
      constraints: { size: flagString(ctx.args, 'size'), priceMax: flagInt(ctx.args, 'price-max') },
    });
    const explain = flagBool(ctx.args, 'explain');
    const evidence =
      explain && customerId !== null
        ? r.explain(
            customerId,
            res.results.map((x) => x.productId),
          )
        : null;
    if (ctx.json) {
      ctx.io.json({
        customer: external ?? null,
        mode: res.mode,
        personalised: res.personalised,
        notes: res.notes,
        ...(explain ? { model: r.personalModel() } : {}),
        results: res.results.map((x, i) => ({
          sku: x.sku,
          title: x.title,
          score: x.score,
          strategy: x.strategy,
          reasons: x.reasons,
          size: x.size,
          color: x.color,
          price: x.price,
          currency: x.currency,
          stockHere: x.stockHere,
          ...(evidence ? { evidence: evidence[i]!.evidence, contributions: evidence[i]!.contributions } : {}),
        })),
      });
      return EXIT.OK;
    }
    for (const n of res.notes) ctx.io.say(`note: ${n}`);
    if (explain)
      ctx.io.say(
        evidence
          ? `personal list ordered by: ${r.personalModel()} (the model that won self-validation on this store's data)`
          : 'note: --explain needs --customer; showing the list without evidence',
      );
    res.results.forEach((x, i) => {
      ctx.io.say(
        `${String(i + 1).padStart(2)}. ${x.sku}  ${x.title}${x.size ? ` (${x.size})` : ''}  [${x.strategy}] — ${x.reasons.join('; ')}`,
      );
      const ev = evidence?.[i];
      if (!ev) return;
      ctx.io.say(
        `      evidence: ${Object.entries(ev.evidence)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')}`,
      );
      if (ev.contributions.length)
        ctx.io.say(
          `      ranker: ${ev.contributions.map((c) => `${c.name} ${c.value >= 0 ? '+' : ''}${c.value.toFixed(2)}`).join(', ')}`,
        );
    });
    if (res.results.length === 0) ctx.io.say('no suggestion passes the filters (stock here, size, budget, status)');
    return EXIT.OK;
  },
};
