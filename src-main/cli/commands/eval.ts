/** `aisle eval`: the offline recommender benchmark (protocol OR-NB-v1 / last-basket) on a transactions file. */
import { EXIT, UsageError, flagInt, flagString, type Command } from '../command';
import {
  compareWithBaseline,
  defaultCutoff,
  evalModel,
  loadHistory,
  makeSplit,
  type BaselineComparison,
  type EvalModelName,
  type LoadedHistory,
  type ModelReport,
  type Protocol,
} from '../../recommender/eval';
import { MODEL_NAMES, isModelName } from '../../recommender/strategies/registry';

/** The app picks its model per store; eval measures that by default. */
const DEFAULT_EVAL_MODEL = 'auto';
import { TransactionsFileError } from '../../recommender/data/transactions-file';
import { fmtDiff } from '../../recommender/selection/self-validation';
import { REGIMES, generatedHistory, isRegime } from '../../recommender/data/generated-regimes';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function publicReport(r: ModelReport) {
  const { perUserNdcg: _n, perUserRecall: _r, ...rest } = r;
  return rest;
}

export const evalCommand: Command = {
  name: 'eval',
  summary: 'measure the recommender on a purchase history file (protocol OR-NB-v1)',
  usage: [
    'aisle eval (--transactions FILE | --generated grocery|fashion [--seed N]) [--protocol temporal|last-basket]',
    '           [--cutoff DATE] [--end DATE] [--setting all|explore] [--model NAME|auto|all] [--json]',
    `  models: auto, ${MODEL_NAMES.join(', ')} (default ${DEFAULT_EVAL_MODEL}); "all" runs every fixed model and prints a table`,
    '  auto: selects among GP-TopFreq, repurchase, recent popularity and two-stage on a holdout inside the',
    '        training side (paired bootstrap, simplest unless beaten beyond noise), then scores the pick on the test',
    '        window it never saw, next to GP-TopFreq with a 95% paired-bootstrap interval',
    '  temporal defaults: --cutoff = end of data minus about two median visit gaps (printed), --end = end of data;',
    '  OR-NB-v1 on UCI: --cutoff 2011-10-01 (test), --cutoff 2011-08-01 --end 2011-10-01 (validation)',
    `  --generated builds a synthetic history in memory: ${REGIMES.join(', ')}`,
  ].join('\n'),
  async run(ctx) {
    const file = flagString(ctx.args, 'transactions');
    const generated = flagString(ctx.args, 'generated');
    if (!file && !generated) throw new UsageError('--transactions FILE (or --generated grocery|fashion) is required');
    if (file && generated) throw new UsageError('give either --transactions or --generated, not both');
    if (generated && !isRegime(generated))
      throw new UsageError(`--generated must be one of ${REGIMES.join(', ')}, got "${generated}"`);
    const protocol = (flagString(ctx.args, 'protocol') ?? 'temporal') as Protocol;
    if (protocol !== 'temporal' && protocol !== 'last-basket')
      throw new UsageError(`--protocol must be temporal or last-basket, got "${protocol}"`);
    const setting = flagString(ctx.args, 'setting') ?? 'all';
    if (setting !== 'all' && setting !== 'explore')
      throw new UsageError(`--setting must be all or explore, got "${setting}"`);
    const cutoff = flagString(ctx.args, 'cutoff');
    const end = flagString(ctx.args, 'end');
    for (const [n, v] of [
      ['cutoff', cutoff],
      ['end', end],
    ] as const)
      if (v !== undefined && !DATE_RE.test(v)) throw new UsageError(`--${n} must be a date YYYY-MM-DD, got "${v}"`);
    if (protocol === 'last-basket' && (cutoff || end))
      throw new UsageError('--cutoff/--end only apply to --protocol temporal');
    const modelArg = flagString(ctx.args, 'model') ?? DEFAULT_EVAL_MODEL;
    const models: EvalModelName[] = modelArg === 'all' ? [...MODEL_NAMES] : [];
    if (modelArg !== 'all') {
      if (modelArg !== 'auto' && !isModelName(modelArg))
        throw new UsageError(`unknown --model "${modelArg}"; known: auto, ${MODEL_NAMES.join(', ')}, all`);
      models.push(modelArg);
    }

    let history: LoadedHistory;
    if (generated && isRegime(generated)) {
      history = generatedHistory(generated, flagInt(ctx.args, 'seed', 1));
    } else {
      try {
        history = await loadHistory(file!);
      } catch (e) {
        if (e instanceof TransactionsFileError) {
          ctx.io.warn(`aisle eval: ${e.message}`);
          if (ctx.json)
            ctx.io.json({ error: { code: 'VALIDATION', message: e.message, line: e.line, field: e.field } });
          return EXIT.UNUSABLE;
        }
        throw e;
      }
    }
    if (history.baskets.length === 0) {
      const message = `${file ?? generated}: no purchase with a customer id to evaluate on`;
      ctx.io.warn(`aisle eval: ${message}`);
      if (ctx.json) ctx.io.json({ error: { code: 'VALIDATION', message } });
      return EXIT.UNUSABLE;
    }
    const usedCutoff = protocol === 'temporal' ? (cutoff ?? defaultCutoff(history.baskets)) : undefined;
    if (protocol === 'temporal' && !cutoff && !ctx.json)
      ctx.io.say(`cutoff ${usedCutoff} (end of data minus about two median visit gaps; set --cutoff to choose)`);
    const split = makeSplit(history, { protocol, cutoff: usedCutoff, end });
    if (split.cases.length === 0) {
      ctx.io.warn(
        `aisle eval: no customer has both training history and a basket in the evaluation window of ${split.name}`,
      );
      if (ctx.json)
        ctx.io.json({
          error: {
            code: 'VALIDATION',
            message: `no customer has both training history and a basket in the evaluation window of ${split.name}`,
          },
        });
      return EXIT.UNUSABLE;
    }
    const reports: ModelReport[] = [];
    const log = ctx.json ? undefined : (s: string) => ctx.io.say(s);
    for (const m of models) {
      const r = evalModel(split, m, setting, history.titles, protocol, log);
      reports.push(r);
      if (!ctx.json && models.length > 1)
        ctx.io.say(`  ${m}: recall@10 ${r.metrics['recall@10'].toFixed(4)} (${r.trainSeconds.toFixed(1)} s)`);
    }
    const vsBaseline: BaselineComparison | null =
      models.length === 1 && models[0] !== 'gp-topfreq' ? compareWithBaseline(split, reports[0]!, setting) : null;
    const head = {
      protocol: protocol === 'temporal' ? 'OR-NB-v1' : 'last-basket',
      split: split.name,
      ...(usedCutoff ? { cutoff: usedCutoff, cutoffFrom: cutoff ? 'flag' : 'data' } : {}),
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
        ctx.io.json({
          ...head,
          model: r.model,
          strategy: r.strategy,
          metrics: r.metrics,
          trainSeconds: r.trainSeconds,
          msPerUser: r.msPerUser,
          ...(r.selection ? { chosen: r.selection.chosen, selection: r.selection } : {}),
          ...(vsBaseline ? { vsBaseline } : {}),
          timings: { [r.model]: { trainSeconds: r.trainSeconds, msPerUser: r.msPerUser } },
        });
      } else {
        ctx.io.json({
          ...head,
          model: 'all',
          models: reports.map(publicReport),
          timings: Object.fromEntries(
            reports.map((r) => [r.model, { trainSeconds: r.trainSeconds, msPerUser: r.msPerUser }]),
          ),
        });
      }
      return EXIT.OK;
    }
    ctx.io.say(
      `${head.protocol} ${split.name}, setting ${setting}: ${head.users} customers, ${head.items} items, ${head.trainRows} training rows`,
    );
    const sel = reports[0]!.selection;
    if (sel) {
      ctx.io.say(
        `auto: holdout = ${sel.holdout.description}, ${sel.holdout.customers} customers; picked ${sel.chosen} — ${sel.reason}`,
      );
      for (const c of sel.candidates)
        ctx.io.say(
          `  ${c.model.padEnd(11)} holdout NDCG@10 ${c['ndcg@10'].toFixed(4)}  R@10 ${c['recall@10'].toFixed(4)}  vs ${sel.baseline} ${fmtDiff(c.vsBaseline)}`,
        );
    }
    const f = (v: number | null) => (v === null ? '   -  ' : v.toFixed(4));
    ctx.io.say('model         R@10    R@20    NDCG@10 Hit@10  Cov@10  P@10    Rrep@10 Rexp@10 fit s   ms/user');
    for (const r of reports) {
      const m = r.metrics;
      ctx.io.say(
        `${r.model.padEnd(12)}  ${[m['recall@10'], m['recall@20'], m['ndcg@10'], m['hit@10'], m['coverage@10'], m['precision@10'], m['recall_repeat@10'], m['recall_explore@10']].map(f).join('  ')}  ${r.trainSeconds.toFixed(2).padStart(6)}  ${r.msPerUser.toFixed(3)}`,
      );
    }
    if (vsBaseline)
      ctx.io.say(
        `test: ${reports[0]!.model} − ${vsBaseline.baseline} (${vsBaseline.baselineMetrics['ndcg@10'].toFixed(4)}): NDCG@10 ${fmtDiff(vsBaseline.ndcg10)}, R@10 ${fmtDiff(vsBaseline.recall10)} (paired bootstrap, 95%)`,
      );
    return EXIT.OK;
  },
};
