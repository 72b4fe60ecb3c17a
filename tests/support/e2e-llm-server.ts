/**
 * The language model for the e2e tests: the scripted OpenAI-compatible server from openai-server.ts,
 * reachable on a fixed loopback port (Playwright must know it before anything starts) through a
 * small pass-through proxy that also passes a client's abort on to the server.
 *
 * Script: the first turn of a consultation gets a slow streamed reply (≈10 s), so Stop can be pressed
 * mid-stream; later turns get a quick one. Both name the first product the local engine showed (the
 * service lists them in its system message), so the grounding gate lets it through as an LLM card.
 *
 *   npx tsx tests/support/e2e-llm-server.ts <port>
 */
import http from 'node:http';
import { startOpenAiServer, type RecordedRequest, type ScriptedTurn } from './openai-server';

const port = Number(process.argv[2] ?? process.env.E2E_LLM_PORT ?? 47832);

function firstShownSku(req: RecordedRequest): string | null {
  const messages = (req.body?.messages ?? []) as { role: string; content?: string }[];
  for (const m of messages) {
    if (m.role !== 'system' || typeof m.content !== 'string') continue;
    const hit = /"sku":"([^"]+)"/.exec(m.content);
    if (hit) return hit[1]!;
  }
  return null;
}

function reply(req: RecordedRequest): ScriptedTurn {
  const messages = (req.body?.messages ?? []) as { role: string }[];
  const sku = firstShownSku(req);
  const pick = sku ? `[${sku}]` : 'the first one on screen';
  const laterTurn = messages.some((m) => m.role === 'assistant');
  if (laterTurn)
    return {
      kind: 'text',
      text: `Good news: ${pick} fits what they just told you, and it is on the shelf here. Worth letting them try it on first.`,
      chunkSize: 8,
      delayMs: 25,
    };
  const long =
    `Of these, I would start with ${pick}: it matches the size and the budget, and it is on the shelf here. ` +
    'Let them feel the fabric and check the hood adjusts over a hat. If they walk in wet weather a lot, a pair of waterproof overtrousers ' +
    'and some merino socks make the outfit complete, and both are usually on the same wall. Ask how often they go out, how long the ' +
    'walks are, and whether they carry a pack, because shoulder straps wear through lighter shells quickly; a heavier fabric lasts longer.';
  return { kind: 'text', text: long, chunkSize: 4, delayMs: 90 };
}

async function main() {
  const upstream = await startOpenAiServer({ turns: Array.from({ length: 500 }, () => reply) });
  const proxy = http.createServer((req, res) => {
    const up = http.request(
      { host: '127.0.0.1', port: upstream.port, path: req.url, method: req.method, headers: req.headers },
      (ur) => {
        res.writeHead(ur.statusCode ?? 502, ur.headers);
        ur.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    // the copilot's Stop aborts its request: pass that on so the server sees a real abort
    res.on('close', () => {
      if (!res.writableFinished) up.destroy();
    });
    req.pipe(up);
  });
  proxy.listen(port, '127.0.0.1', () => console.log(`e2e LLM server on http://127.0.0.1:${port}/v1`));
  const stop = async () => {
    proxy.close();
    await upstream.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

void main();
