/**
 * The composition root: every service of one runtime, built once. The desktop app, browser mode (`aisle serve`,
 * the bridge), background work and the CLI all take their services from here, so a runtime never holds two
 * copilots or two sync schedulers (the desktop app with the bridge on shares one set between IPC and HTTP).
 * To add a service: build it here, give its handlers what they need in createHandlers.
 */
import type { AppRuntime } from './runtime';
import { createDispatcher, type DispatchOptions } from './dispatch';
import { AppError } from '../contract/errors';
import type { CallContext, Dispatch, Handlers } from '../contract/handlers';
import { appStatus } from './status';
import { CatalogService } from '../catalog/service';
import { catalogHandlers } from '../catalog/handlers';
import { AuthService } from '../auth/auth-service';
import { authHandlers } from '../auth/handlers';
import { reviewHandlers } from '../review/handlers';
import { ReviewService } from '../review/review-service';
import { KpiService } from '../review/kpis';
import { ExportService } from '../review/export';
import { settingsHandlers } from '../settings/handlers';
import { recommenderHandlers } from '../recommender/handlers';
import { CopilotService, type CopilotServiceOptions } from '../copilot/service';
import { copilotHandlers } from '../copilot/handlers';
import { CHANGED_CALLS, SyncScheduler } from '../sync/scheduler';
import { syncHandlers } from '../sync/handlers';
import { CustomerService } from '../customers/service';
import { customersHandlers } from '../customers/handlers';

export interface Services {
  readonly rt: AppRuntime;
  readonly catalog: CatalogService;
  readonly auth: AuthService;
  readonly review: ReviewService;
  readonly kpis: KpiService;
  readonly exporter: ExportService;
  readonly copilot: CopilotService;
  readonly customers: CustomerService;
  readonly sync: SyncScheduler;
}

export interface ServiceOptions {
  copilot?: CopilotServiceOptions;
}

export function createServices(rt: AppRuntime, opts: ServiceOptions = {}): Services {
  return {
    rt,
    catalog: new CatalogService(rt),
    auth: new AuthService(rt),
    review: new ReviewService(rt),
    kpis: new KpiService(rt),
    exporter: new ExportService(rt),
    copilot: new CopilotService(rt, opts.copilot),
    customers: new CustomerService(rt),
    // the app imports in a worker thread so the window stays responsive; a one-shot CLI command has no window
    sync: new SyncScheduler(rt, {
      inWorker: rt.mode !== 'cli',
      // new feed pictures are copied in the background; the screens then show the local copies
      afterData: () =>
        void rt.images.fetchPending().then(
          (r) => r.stored && rt.events.emit('data.changed', { calls: CHANGED_CALLS }),
          (e: unknown) => rt.logger.error('feed pictures: the run failed', { error: e }),
        ),
    }),
  };
}

/** Every contract call mapped to its feature's handler; the `Handlers` type points at any call without one. */
export function createHandlers(s: Services): Handlers {
  const { rt } = s;
  return presentedBy(rt, {
    'app.status': () => appStatus(rt),
    ...catalogHandlers(rt, s.catalog),
    ...authHandlers(rt, s.auth),
    ...reviewHandlers(rt, s),
    ...settingsHandlers(rt),
    ...recommenderHandlers(rt),
    ...copilotHandlers(rt, s.copilot),
    ...syncHandlers(rt, s.sync),
    ...customersHandlers(s.customers),
    // head-office calls: answered by `aisle hq serve` (src-main/hq/app-calls.ts), never by a laptop
    'hq.signIn': () => {
      throw new AppError('NOT_FOUND', 'hq.signIn is answered by head office (aisle hq serve), not by a store laptop.');
    },
    'hq.compare': () => {
      throw new AppError('NOT_FOUND', 'hq.compare is answered by head office (aisle hq serve), not by a store laptop.');
    },
  });
}

/** Every output goes through the feed-picture rewrite, so no call hands the renderer a remote image link. */
function presentedBy(rt: AppRuntime, handlers: Handlers): Handlers {
  const out: Record<string, (input: unknown, ctx: CallContext) => unknown> = {};
  for (const [name, handler] of Object.entries(handlers) as [string, (input: unknown, ctx: CallContext) => unknown][]) {
    out[name] = (input, ctx) => {
      const result = handler(input, ctx);
      return result instanceof Promise
        ? (result as Promise<unknown>).then((r) => rt.images.present(r))
        : rt.images.present(result);
    };
  }
  return out as Handlers;
}

/** The dispatcher over these services' handlers, as the IPC and HTTP adapters and the CLI call it. */
export function createServiceDispatcher(s: Services, opts: DispatchOptions = {}): Dispatch {
  return createDispatcher(createHandlers(s), {
    onInternalError: (name, e) => s.rt.logger.error('call failed', { call: name, error: e }),
    ...opts,
  });
}

/** The context of an in-process caller (the CLI): no signed-in person, events on the runtime's bus. */
export function localCallContext(rt: AppRuntime, transport = 'cli'): CallContext {
  return { actor: null, transport, events: rt.events };
}
