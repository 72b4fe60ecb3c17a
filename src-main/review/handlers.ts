/** Contract handlers of review. Every call resolves the caller's scope first (own vs store). */
import type { AppRuntime } from '../app/runtime';
import type { Handlers } from '../contract/handlers';
import { scopeFor } from '../auth/scope';
import type { ReviewService } from './review-service';
import type { KpiService } from './kpis';
import type { ExportService } from './export';
import { retentionStatus } from './retention';

export type ReviewCallName =
  | 'review.list'
  | 'review.replay'
  | 'review.addCoachingNote'
  | 'review.markGoodExample'
  | 'review.kpis'
  | 'review.export'
  | 'review.retention';

export function reviewHandlers(
  rt: AppRuntime,
  { review, kpis, exporter }: { review: ReviewService; kpis: KpiService; exporter: ExportService },
): Pick<Handlers, ReviewCallName> {
  const scope = (actor: Parameters<typeof scopeFor>[0]) => scopeFor(actor, rt.here().id);
  return {
    'review.list': (input, ctx) => review.list(input, scope(ctx.actor)),
    'review.replay': (input, ctx) => review.replay(input.consultationId, scope(ctx.actor)),
    'review.addCoachingNote': (input, ctx) => review.addCoachingNote(input, scope(ctx.actor)),
    'review.markGoodExample': (input, ctx) => review.markGoodExample(input.messageId, input.good, scope(ctx.actor)),
    'review.kpis': (input, ctx) => kpis.compute(input, scope(ctx.actor)),
    'review.export': (input, ctx) => exporter.export(input, scope(ctx.actor)),
    'review.retention': () => retentionStatus(rt),
  };
}
