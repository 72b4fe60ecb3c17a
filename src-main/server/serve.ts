/**
 * Browser mode: the app's services behind the loopback HTTP bridge, serving the built renderer.
 * Used by `aisle serve`, by `npm start` where Electron is missing, and by the e2e tests.
 */
import path from 'node:path';
import type { AppRuntime } from '../app/runtime';
import { createDispatcher } from '../app/dispatch';
import { createHandlers } from '../app/handlers';
import { startHttpBridge, type HttpBridge } from './http';
import { findUp } from '../shared/find-up';

export function findRendererDir(): string | null {
  const index = findUp(path.join('out', 'renderer', 'index.html')) ?? findUp(path.join('renderer', 'index.html'));
  return index ? path.dirname(index) : null;
}

export async function startBrowserMode(rt: AppRuntime, opts: { port?: number; token?: string; rendererDir?: string | null } = {}): Promise<HttpBridge> {
  const dispatch = createDispatcher(createHandlers(rt), {
    onInternalError: (name, e) => rt.logger.error('call failed', { call: name, error: e }),
  });
  return startHttpBridge({
    dispatch,
    events: rt.events,
    sessions: rt.sessions,
    rendererDir: opts.rendererDir === undefined ? findRendererDir() : opts.rendererDir,
    port: opts.port,
    token: opts.token,
    onError: (e) => rt.logger.error('bridge error', { error: e }),
    images: rt.images,
  });
}
