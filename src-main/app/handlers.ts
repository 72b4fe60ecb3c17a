/**
 * Every contract call mapped to its feature's handler. Each feature exports `<feature>Handlers(rt)`;
 * the `Handlers` type makes the compiler point at any call without one.
 */
import type { AppRuntime } from './runtime';
import { AppError } from '../contract/errors';
import type { Handlers } from './dispatch';
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
  return {
    'app.status': () => appStatus(rt),
    ...catalogHandlers(rt),
    ...authHandlers(rt),
    ...reviewHandlers(rt),
    ...settingsHandlers(rt),
    ...recommenderHandlers(rt),
    ...copilotHandlers(rt),
    ...syncHandlers(rt),
    ...customersHandlers(rt),
    // head-office calls: answered by `aisle hq serve` (src-main/hq/app-calls.ts), never by a laptop
    'hq.signIn': () => {
      throw new AppError('NOT_FOUND', 'hq.signIn is answered by head office (aisle hq serve), not by a store laptop.');
    },
    'hq.compare': () => {
      throw new AppError('NOT_FOUND', 'hq.compare is answered by head office (aisle hq serve), not by a store laptop.');
    },
  };
}
