/**
 * A small hash router: "#/catalog?q=jacket&size=M&product=42". Hash routes work the same from
 * file:// inside Electron and over the loopback bridge, and the query string keeps a page's state
 * (search, filters, the open product) so Back and a reload return to the same place.
 */
import { useSyncExternalStore } from 'react';

export interface Route {
  path: string;
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const q = raw.indexOf('?');
  const path = (q < 0 ? raw : raw.slice(0, q)) || '/';
  const params = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  return { path: path.startsWith('/') ? path : `/${path}`, params };
}

export function buildHash(
  path: string,
  params?: URLSearchParams | Record<string, string | string[] | undefined | null>,
): string {
  let sp: URLSearchParams;
  if (!params) sp = new URLSearchParams();
  else if (params instanceof URLSearchParams) sp = params;
  else {
    sp = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      if (v === undefined || v === null || v === '') continue;
      if (Array.isArray(v)) v.forEach((x) => sp.append(k, x));
      else sp.set(k, v);
    }
  }
  const qs = sp.toString();
  return `#${path}${qs ? `?${qs}` : ''}`;
}

const listeners = new Set<() => void>();
let cachedHash: string | null = null;
let cachedRoute: Route = parseHash('');

function snapshot(): Route {
  const h = window.location.hash;
  if (h !== cachedHash) {
    cachedHash = h;
    cachedRoute = parseHash(h);
  }
  return cachedRoute;
}

function notify() {
  for (const l of [...listeners]) l();
}

if (typeof window !== 'undefined') window.addEventListener('hashchange', notify);

export function useRoute(): Route {
  return useSyncExternalStore((cb) => {
    listeners.add(cb);
    return () => listeners.delete(cb);
  }, snapshot);
}

/** Go somewhere. `replace` edits the current history entry (typing in a search box should not fill Back). */
export function navigate(hash: string, opts: { replace?: boolean } = {}): void {
  if (hash === window.location.hash) return;
  if (opts.replace) {
    window.history.replaceState(window.history.state, '', hash);
    notify(); // replaceState fires no hashchange
  } else {
    window.location.hash = hash;
  }
}
