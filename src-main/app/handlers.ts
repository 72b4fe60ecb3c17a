/**
 * Every contract call mapped to its feature's handler. Each feature exports `<feature>Handlers(rt)`;
 * the `Handlers` type makes the compiler point at any call without one.
 */
import type { AppRuntime } from './runtime';
import type { CallContext, Handlers } from './dispatch';
import { appStatus } from './status';
import { catalogHandlers } from '../catalog/handlers';
import { authHandlers } from '../auth/handlers';
import { reviewHandlers } from '../review/handlers';
import { settingsHandlers } from '../settings/handlers';
import { recommenderHandlers } from '../recommender/handlers';
import { copilotHandlers } from '../copilot/handlers';
import { syncHandlers } from '../sync/handlers';
import { customersHandlers } from '../customers/handlers';

export function createHandlers(rt: AppRuntime): Handlers {
  return presentedBy(rt, {
    'app.status': () => appStatus(rt),
    ...catalogHandlers(rt),
    ...authHandlers(rt),
    ...reviewHandlers(rt),
    ...settingsHandlers(rt),
    ...recommenderHandlers(rt),
    ...copilotHandlers(rt),
    ...syncHandlers(rt),
    ...customersHandlers(rt),
  });
}

/** Every output goes through the feed-picture rewrite, so no call hands the renderer a remote image link. */
function presentedBy(rt: AppRuntime, handlers: Handlers): Handlers {
  const out: Record<string, (input: unknown, ctx: CallContext) => unknown> = {};
  for (const [name, handler] of Object.entries(handlers) as [string, (input: unknown, ctx: CallContext) => unknown][]) {
    out[name] = (input, ctx) => {
      const result = handler(input, ctx);
      return result instanceof Promise ? result.then((r) => rt.images.present(r)) : rt.images.present(result);
    };
  }
  return out as Handlers;
}
