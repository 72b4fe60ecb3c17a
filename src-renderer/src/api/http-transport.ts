/**
 * The browser-mode transport over the loopback bridge (src-main/server/http.ts):
 *   calls  → POST /rpc/<name> with the bearer token the server put in <meta name="aisle-bridge-token">
 *   events → GET /events read with fetch() and a stream reader (EventSource cannot send the header),
 *            reconnecting with back-off while anyone listens.
 */
import type { Result } from '../../../src-main/contract';
import { SseParser } from './sse';
import { Listeners, type BridgeState, type RawEvent, type Transport } from './transport';

const NO_TOKEN_MESSAGE =
  'This page was not opened through Aisle, so it cannot reach the store data. Open the address Aisle printed when it started.';
const UNREACHABLE_MESSAGE = 'Aisle is not answering. Check that Aisle is still running on this laptop, then try again.';

export function readBridgeToken(doc: Document = document): string | null {
  const content = doc.querySelector('meta[name="aisle-bridge-token"]')?.getAttribute('content');
  return content && content.trim() ? content.trim() : null;
}

export interface HttpTransportOptions {
  token: string | null;
  baseUrl?: string;
  fetchImpl?: typeof fetch;
  /** back-off between event-stream reconnects, ms */
  retryMinMs?: number;
  retryMaxMs?: number;
}

export function createHttpTransport(opts: HttpTransportOptions): Transport {
  const base = opts.baseUrl ?? '';
  const doFetch = opts.fetchImpl ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const events = new Listeners<RawEvent>();
  const states = new Listeners<BridgeState>();
  let state: BridgeState = 'connecting';
  const setState = (s: BridgeState) => {
    if (s === state) return;
    state = s;
    states.emit(s);
  };

  async function invoke(name: string, input: unknown, sessionToken: string | null): Promise<Result<unknown>> {
    if (!opts.token) return { ok: false, error: { code: 'UNAUTHENTICATED', message: NO_TOKEN_MESSAGE } };
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      authorization: `Bearer ${opts.token}`,
    };
    if (sessionToken) headers['x-aisle-session'] = sessionToken;
    let res: Response;
    try {
      res = await doFetch(`${base}/rpc/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      setState('unreachable');
      return { ok: false, error: { code: 'UNAVAILABLE', message: UNREACHABLE_MESSAGE } };
    }
    if (state === 'unreachable') setState(stream ? 'connecting' : 'connected');
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      return {
        ok: false,
        error: {
          code: 'INTERNAL',
          message: `Aisle answered in a way this screen does not understand (HTTP ${res.status}).`,
        },
      };
    }
    if (body && typeof body === 'object' && 'ok' in body) return body as Result<unknown>;
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: `Aisle answered in a way this screen does not understand (HTTP ${res.status}).`,
      },
    };
  }

  // The event stream runs only while someone listens, so a page with no listeners opens no connection.
  let stream: AbortController | null = null;
  async function runStream(ctrl: AbortController) {
    let delay = opts.retryMinMs ?? 1000;
    const maxDelay = opts.retryMaxMs ?? 15_000;
    while (!ctrl.signal.aborted) {
      try {
        const res = await doFetch(`${base}/events`, {
          headers: { authorization: `Bearer ${opts.token}`, accept: 'text/event-stream' },
          signal: ctrl.signal,
          cache: 'no-store',
        });
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        setState('connected');
        delay = opts.retryMinMs ?? 1000;
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        const parser = new SseParser();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const msg of parser.push(decoder.decode(value, { stream: true }))) {
            let payload: unknown = msg.data;
            try {
              payload = JSON.parse(msg.data);
            } catch {
              // a non-JSON payload is passed through as text
            }
            events.emit({ name: msg.event, payload });
          }
        }
      } catch {
        if (ctrl.signal.aborted) return;
      }
      if (ctrl.signal.aborted) return;
      setState('unreachable');
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(maxDelay, delay * 2);
    }
  }

  return {
    kind: 'http',
    invoke,
    subscribe(listener) {
      const off = events.add(listener);
      if (!stream && opts.token) {
        stream = new AbortController();
        void runStream(stream);
      }
      return () => {
        off();
        if (events.size === 0 && stream) {
          stream.abort();
          stream = null;
        }
      };
    },
    bridgeState: () => (opts.token ? state : 'unreachable'),
    onBridgeState: (l) => states.add(l),
  };
}
