/**
 * Named strategies for `aisle eval`, with the hyper-parameters selected on the validation split
 * (cutoff 2011-08-01, window to 2011-10-01; primary metric Recall@10) — see README.md for how.
 * Add a model: one entry here.
 */
import type { Setting } from '../protocol/evaluate';
import { popularity, recentPopularity } from './popularity';
import { gpTopFreq, repurchase } from './repurchase';
import { itemKnn } from './item-knn';
import { userKnn } from './user-knn';
import { ease } from './ease';
import { contentSimilarity } from './content';
import { twoStage } from './two-stage';
import type { Strategy } from './strategy';

/** The strongest fixed model on UCI (#4); `aisle eval` and the app now pick per data set (selection/), this is one candidate. */
export const DEFAULT_MODEL = 'two-stage';

export const MODEL_NAMES = [
  'pop',
  'recent-pop',
  'gp-topfreq',
  'repurchase',
  'item-knn',
  'user-knn',
  'ease',
  'content',
  'two-stage',
] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

export function isModelName(s: string): s is ModelName {
  return (MODEL_NAMES as readonly string[]).includes(s);
}

export function createStrategy(name: ModelName, setting: Setting, titles?: Map<string, string>): Strategy {
  switch (name) {
    case 'pop':
      return popularity();
    case 'recent-pop':
      return recentPopularity(setting === 'explore' ? 30 : 90);
    case 'gp-topfreq':
      return gpTopFreq();
    case 'repurchase':
      return repurchase(180);
    case 'item-knn':
      return itemKnn(setting === 'explore' ? 200 : 500);
    case 'user-knn':
      return userKnn(100);
    case 'ease':
      return ease(setting === 'explore' ? 300 : 1);
    case 'content':
      return contentSimilarity((code) => titles?.get(code) ?? '');
    case 'two-stage':
      return twoStage({ setting });
  }
}
