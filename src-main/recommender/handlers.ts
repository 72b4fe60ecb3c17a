/** Contract handlers for the recommender calls (see contract/recommender.ts). */
import type { AppRuntime } from '../app/runtime';
import type { Handler } from '../contract/handlers';
import { modelHealth } from './model-store';
import { getRecommender, trainInWorker, watchForRetrain } from './runtime-model';

type RecommenderHandlers = {
  'recommender.recommend': Handler<'recommender.recommend'>;
  'recommender.status': Handler<'recommender.status'>;
  'recommender.train': Handler<'recommender.train'>;
};

export function recommenderHandlers(rt: AppRuntime): RecommenderHandlers {
  // the app (and `aisle serve`) builds its handlers once per runtime: from then on, syncs retrain the model
  watchForRetrain(rt);
  return {
    'recommender.recommend': (input) => {
      const r = getRecommender(rt);
      const storeId = input.storeId ?? rt.here().id;
      if (!r)
        return {
          customerId: input.customerId ?? null,
          personalised: false,
          mode: input.mode,
          results: [],
          notes: ['the recommender has not been trained yet'],
        };
      return r.recommend({ ...input, storeId });
    },
    'recommender.status': () => modelHealth(rt.adb.sqlite, rt.dataDir),
    'recommender.train': async () => {
      await trainInWorker(rt);
      return modelHealth(rt.adb.sqlite, rt.dataDir);
    },
  };
}
