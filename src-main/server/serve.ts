/**
 * Browser mode: the app's services behind the loopback HTTP bridge, serving the built renderer.
 * Used by `aisle serve`, by `npm start` where Electron is missing, and by the e2e tests.
 */
import path from 'node:path';
import type { AppRuntime } from '../app/runtime';
import { createServiceDispatcher, createServices, type Services } from '../app/services';
import { startHttpBridge, type HttpBridge } from './http';
import { findUp } from '../shared/find-up';

export function findRendererDir(): string | null {
  const index = findUp(path.join('out', 'renderer', 'index.html')) ?? findUp(path.join('renderer', 'index.html'));
  return index ? path.dirname(index) : null;
}

/**
 * Serves `services` (the desktop app passes its own, so IPC and the bridge share one set) or, when absent,
 * a set built here for `rt`.
 */
export async function startBrowserMode(
  rt: AppRuntime,
  opts: { port?: number; token?: string; rendererDir?: string | null; services?: Services } = {},
): Promise<HttpBridge> {
  const dispatch = createServiceDispatcher(opts.services ?? createServices(rt));
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
