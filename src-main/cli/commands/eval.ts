/** `aisle eval`: the offline recommender benchmark (protocol OR-NB-v1 / last-basket) on a transactions file. */
import { EXIT, UsageError, flagString, type Command } from '../command';
import { evalModel, loadHistory, makeSplit, DEFAULT_CUTOFF, type ModelReport, type Protocol } from '../../recommender/eval';
import { DEFAULT_MODEL, MODEL_NAMES, isModelName, type ModelName } from '../../recommender/strategies/registry';
import { TransactionsFileError } from '../../recommender/data/transactions-file';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export const evalCommand: Command = {
  name: 'eval',
  summary: 'measure the recommender on a purchase history file (protocol OR-NB-v1)',
  usage: [
    'aisle eval --transactions FILE [--protocol temporal|last-basket] [--cutoff DATE] [--end DATE]',
    '           [--setting all|explore] [--model NAME|all] [--json]',
    `  models: ${MODEL_NAMES.join(', ')} (default ${DEFAULT_MODEL}); "all" runs every model and prints a table`,
    `  temporal defaults: --cutoff ${DEFAULT_CUTOFF}, --end = end of data; validation split: --cutoff 2011-08-01 --end 2011-10-01`,
  ].join('\n'),
  async run(ctx) {
    const file = flagString(ctx.args, 'transactions');
    if (!file) throw new UsageError('--transactions FILE is required');
    const protocol = (flagString(ctx.args, 'protocol') ?? 'temporal') as Protocol;
    if (protocol !== 'temporal' && protocol !== 'last-basket') throw new UsageError(`--protocol must be temporal or last-basket, got "${protocol}"`);
    const setting = flagString(ctx.args, 'setting') ?? 'all';
    if (setting !== 'all' && setting !== 'explore') throw new UsageError(`--setting must be all or explore, got "${setting}"`);
    const cutoff = flagString(ctx.args, 'cutoff');
    const end = flagString(ctx.args, 'end');
    for (const [n, v] of [['cutoff', cutoff], ['end', end]] as const)
      if (v !== undefined && !DATE_RE.test(v)) throw new UsageError(`--${n} must be a date YYYY-MM-DD, got "${v}"`);
    if (protocol === 'last-basket' && (cutoff || end)) throw new UsageError('--cutoff/--end only apply to --protocol temporal');
    const modelArg = flagString(ctx.args, 'model') ?? DEFAULT_MODEL;
    const models: ModelName[] = modelArg === 'all' ? [...MODEL_NAMES] : [];
    if (modelArg !== 'all') {
      if (!isModelName(modelArg)) throw new UsageError(`unknown --model "${modelArg}"; known: ${MODEL_NAMES.join(', ')}, all`);
      models.push(modelArg);
    }

    let history;
    try {
      history = await loadHistory(file);
    } catch (e) {
      if (e instanceof TransactionsFileError) {
        ctx.io.warn(`aisle eval: ${e.message}`);
        if (ctx.json) ctx.io.json({ error: { code: 'VALIDATION', message: e.message, line: e.line, field: e.field } });
        return EXIT.UNUSABLE;
      }
      throw e;
    }
    const split = makeSplit(history, { protocol, cutoff, end });
    if (split.cases.length === 0) {
      ctx.io.warn(`aisle eval: no customer has both training history and a basket in the evaluation window of ${split.name}`);
      return EXIT.UNUSABLE;
    }
    const reports: ModelReport[] = [];
    for (const m of models) {
      const r = evalModel(split, m, setting, history.titles);
      reports.push(r);
      if (!ctx.json && models.length > 1) ctx.io.say(`  ${m}: recall@10 ${r.metrics['recall@10'].toFixed(4)} (${r.trainSeconds.toFixed(1)} s)`);
    }
    const head = {
      protocol: protocol === 'temporal' ? 'OR-NB-v1' : 'last-basket',
      split: split.name,
      setting,
      users: reports[0]!.users,
      items: split.train.items.length,
      trainRows: split.trainRows,
      trainBaskets: split.train.nBaskets,
      cleaning: history.stats,
    };
    if (ctx.json) {
      if (reports.length === 1) {
        const r = reports[0]!;
        ctx.io.json({ ...head, model: r.model, strategy: r.strategy, metrics: r.metrics, trainSeconds: r.trainSeconds, msPerUser: r.msPerUser, timings: { [r.model]: { trainSeconds: r.trainSeconds, msPerUser: r.msPerUser } } });
      } else {
        ctx.io.json({ ...head, model: 'all', models: reports, timings: Object.fromEntries(reports.map((r) => [r.model, { trainSeconds: r.trainSeconds, msPerUser: r.msPerUser }])) });
      }
      return EXIT.OK;
    }
    ctx.io.say(`${head.protocol} ${split.name}, setting ${setting}: ${head.users} customers, ${head.items} items, ${head.trainRows} training rows`);
    const f = (v: number | null) => (v === null ? '   -  ' : v.toFixed(4));
    ctx.io.say('model         R@10    R@20    NDCG@10 Hit@10  Cov@10  P@10    Rrep@10 Rexp@10 fit s   ms/user');
    for (const r of reports) {
      const m = r.metrics;
      ctx.io.say(
        `${r.model.padEnd(12)}  ${[m['recall@10'], m['recall@20'], m['ndcg@10'], m['hit@10'], m['coverage@10'], m['precision@10'], m['recall_repeat@10'], m['recall_explore@10']].map(f).join('  ')}  ${r.trainSeconds.toFixed(2).padStart(6)}  ${r.msPerUser.toFixed(3)}`,
      );
    }
    return EXIT.OK;
  },
};
