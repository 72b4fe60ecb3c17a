/**
 * A loopback server speaking the OpenAI Chat Completions wire protocol, driven by scripted turns:
 * POST /v1/chat/completions (JSON or SSE `data: {chunk}` lines ending in `data: [DONE]`, tool-call
 * deltas split across chunks), GET /v1/models, error bodies in OpenAI's `{error:{message,type,
 * param,code}}` shape, slow, hanging and truncated streams. Every request is recorded, including
 * whether the client went away before the response finished (a real abort).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ScriptedTurn =
  | { kind: 'text'; text: string; chunkSize?: number; delayMs?: number; firstByteDelayMs?: number }
  | { kind: 'tool_calls'; calls: { name: string; arguments: unknown }[]; text?: string }
  | { kind: 'error'; status: 401 | 429 | 500; message?: string }
  /** streams `text`, then keeps the connection open without finishing (for Stop) */
  | { kind: 'hang'; text: string }
  /** streams `text` and closes without a finish_reason or [DONE] */
  | { kind: 'truncated'; text: string };

export type Script = ScriptedTurn | ((req: RecordedRequest) => ScriptedTurn);

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: any;
  /** the client closed the connection before the response ended */
  aborted: boolean;
  finished: boolean;
}

export interface OpenAiTestServer {
  url: string;
  baseUrl: string;
  port: number;
  requests: RecordedRequest[];
  /** queue more turns */
  script(...turns: Script[]): void;
  models: string[];
  close(): Promise<void>;
  /** resolves when the request at `index` has ended one way or another */
  ended(index: number): Promise<RecordedRequest>;
}

const ERROR_TYPES: Record<number, { type: string; code: string; message: string }> = {
  401: { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key provided.' },
  429: { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached for requests.' },
  500: {
    type: 'server_error',
    code: 'internal_error',
    message: 'The server had an error while processing your request.',
  },
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function splitEvery(s: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i += n) out.push(s.slice(i, i + n));
  return out.length ? out : [''];
}

export async function startOpenAiServer(opts: { turns?: Script[]; models?: string[] } = {}): Promise<OpenAiTestServer> {
  const queue: Script[] = [...(opts.turns ?? [])];
  const requests: RecordedRequest[] = [];
  const endWaiters = new Map<number, ((r: RecordedRequest) => void)[]>();
  const openSockets = new Set<import('node:net').Socket>();
  const models = opts.models ?? ['test-model', 'test-model-large'];
  let n = 0;

  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on(
      'end',
      () =>
        void (async () => {
          const rec: RecordedRequest = {
            method: req.method ?? '',
            path: req.url ?? '',
            headers: req.headers,
            body: raw ? safeJson(raw) : null,
            aborted: false,
            finished: false,
          };
          const index = requests.push(rec) - 1;
          const markEnd = () => {
            for (const w of endWaiters.get(index) ?? []) w(rec);
            endWaiters.delete(index);
          };
          res.on('close', () => {
            if (!rec.finished) rec.aborted = true;
            markEnd();
          });
          res.on('finish', () => {
            rec.finished = true;
          });
          if (req.method === 'GET' && req.url === '/v1/models') {
            return json(res, 200, {
              object: 'list',
              data: models.map((id) => ({ id, object: 'model', created: 1700000000, owned_by: 'test' })),
            });
          }
          if (req.method !== 'POST' || req.url !== '/v1/chat/completions')
            return json(res, 404, {
              error: {
                message: `No route ${req.method} ${req.url}`,
                type: 'invalid_request_error',
                param: null,
                code: null,
              },
            });
          const next = queue.shift();
          if (!next)
            return json(res, 500, {
              error: { message: 'test server: no scripted turn left', type: 'server_error', param: null, code: null },
            });
          const turn = typeof next === 'function' ? next(rec) : next;
          const id = `chatcmpl-test${++n}`;
          const model = rec.body?.model ?? 'test-model';
          if (turn.kind === 'error') {
            const e = ERROR_TYPES[turn.status]!;
            res.setHeader('retry-after-ms', '5');
            return json(res, turn.status, {
              error: { message: turn.message ?? e.message, type: e.type, param: null, code: e.code },
            });
          }
          if (!rec.body?.stream) {
            if (turn.kind === 'tool_calls') {
              return json(res, 200, {
                id,
                object: 'chat.completion',
                created: 1700000000,
                model,
                choices: [
                  {
                    index: 0,
                    finish_reason: 'tool_calls',
                    message: {
                      role: 'assistant',
                      content: turn.text ?? null,
                      tool_calls: turn.calls.map((c, i) => ({
                        id: `call_${n}_${i}`,
                        type: 'function',
                        function: {
                          name: c.name,
                          arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments),
                        },
                      })),
                    },
                  },
                ],
                usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
              });
            }
            if (turn.kind === 'text' && turn.firstByteDelayMs) await sleep(turn.firstByteDelayMs);
            return json(res, 200, {
              id,
              object: 'chat.completion',
              created: 1700000000,
              model,
              choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: turn.text } }],
              usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
            });
          }
          if (turn.kind === 'text' && turn.firstByteDelayMs) await sleep(turn.firstByteDelayMs);
          if (res.destroyed) return;
          res.writeHead(200, {
            'content-type': 'text/event-stream',
            'cache-control': 'no-cache',
            connection: 'keep-alive',
          });
          const chunk = (delta: Record<string, unknown>, finish: string | null) =>
            `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1700000000, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
          const write = (s: string) => {
            if (!res.destroyed) res.write(s);
          };
          write(chunk({ role: 'assistant', content: '' }, null));
          if (turn.kind === 'tool_calls') {
            if (turn.text) write(chunk({ content: turn.text }, null));
            turn.calls.forEach((c, i) => {
              const args = typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments);
              // the first delta names the call; the arguments arrive in pieces, as real servers send them
              write(
                chunk(
                  {
                    tool_calls: [
                      { index: i, id: `call_${n}_${i}`, type: 'function', function: { name: c.name, arguments: '' } },
                    ],
                  },
                  null,
                ),
              );
              for (const part of splitEvery(args, 7))
                write(chunk({ tool_calls: [{ index: i, function: { arguments: part } }] }, null));
            });
            write(chunk({}, 'tool_calls'));
            write('data: [DONE]\n\n');
            return res.end();
          }
          const size = turn.kind === 'text' ? (turn.chunkSize ?? 6) : 6;
          for (const part of splitEvery(turn.text, size)) {
            if (res.destroyed) return;
            write(chunk({ content: part }, null));
            if (turn.kind === 'text' && turn.delayMs) await sleep(turn.delayMs);
          }
          if (turn.kind === 'hang') return; // keep the connection open until the client aborts
          if (turn.kind === 'truncated') return res.socket?.destroy();
          write(chunk({}, 'stop'));
          write('data: [DONE]\n\n');
          res.end();
        })(),
    );
  });
  server.on('connection', (s) => {
    openSockets.add(s);
    s.on('close', () => openSockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    baseUrl: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    models,
    script: (...turns) => queue.push(...turns),
    ended: (index) =>
      new Promise((resolve) => {
        const rec = requests[index];
        if (rec && (rec.aborted || rec.finished)) return resolve(rec);
        const list = endWaiters.get(index) ?? [];
        list.push(resolve);
        endWaiters.set(index, list);
      }),
    close: () =>
      new Promise<void>((r) => {
        for (const s of openSockets) s.destroy();
        server.close(() => r());
      }),
  };
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * A fetch that sends requests for `hostname` to the loopback server, so a provider configured with
 * a remote-looking base URL (treated as cloud by the privacy rules) still reaches the test server.
 */
export function fetchRoutingHostTo(hostname: string, port: number): typeof fetch {
  return (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (url.hostname === hostname) {
      url.hostname = '127.0.0.1';
      url.port = String(port);
    }
    return fetch(url, init);
  };
}
