/**
 * Personalisation from the trained recommender, when one is loaded: its personal ranking for the
 * customer lifts the candidates it rates, and its first evidence-based reason leads the card's
 * reasons. Without a model (fresh install, consent withheld, walk-in) the history-and-popularity
 * personaliser answers alone, exactly as before.
 */
import type { Recommender } from '../recommender/service';
import type { PersonaliseInput, PersonalScore, Personaliser } from './ranking';

const DEPTH = 100;
const WEIGHT = 0.8;

export class RecommenderPersonaliser implements Personaliser {
  constructor(
    private readonly base: Personaliser,
    private readonly model: () => Recommender | null,
  ) {}

  score(input: PersonaliseInput): Map<number, PersonalScore> {
    const out = this.base.score(input);
    const profile = input.profile;
    if (!profile?.consent) return out;
    const recommender = this.model();
    if (!recommender) return out;
    const ranked = recommender.recommend({
      customerId: profile.customerId,
      storeId: input.storeId,
      mode: 'personal',
      k: DEPTH,
    }).results;
    ranked.forEach((rec, i) => {
      const s = out.get(rec.productId);
      if (!s) return;
      s.score += WEIGHT * (1 - i / DEPTH);
      const lead = rec.reasons[0];
      if (lead && !s.reasons.includes(lead)) s.reasons = [lead, ...s.reasons];
      s.strategy = `recommender:${rec.strategy}`;
    });
    return out;
  }
}
