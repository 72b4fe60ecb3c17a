/**
 * The LLM engine: Chat Completions with streaming and tool calling through the `openai` client,
 * against any OpenAI-compatible endpoint from the configuration. One turn = up to MAX_ROUNDS model
 * calls (tool calls in between). An idle timer aborts a request that goes quiet for `timeoutMs`;
 * the caller's AbortSignal (the Stop button) aborts the HTTP request itself.
 */
import fs from 'node:fs';
import OpenAI from 'openai';
import type { LlmProviderConfig } from '../../settings/config-schema';
import { executeTool, TOOL_DEFINITIONS, type ToolCallRecord, type ToolContext } from './tools';
import { fencedToolResult } from './fence';

export const MAX_ROUNDS = 5;

export interface ResolvedProvider {
  name: string;
  baseUrl: string;
  model: string;
  apiKey: string | null;
  loopback: boolean;
  timeoutMs: number;
  maxRetries: number;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** Loopback = this machine. Anything else (including LAN addresses) counts as remote. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return LOOPBACK_HOSTS.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

export function resolveProvider(p: LlmProviderConfig, env: NodeJS.ProcessEnv = process.env): ResolvedProvider {
  let apiKey: string | null = null;
  if (p.apiKeyEnv && env[p.apiKeyEnv]) apiKey = env[p.apiKeyEnv]!;
  else if (p.apiKeyFile) {
    try {
      apiKey = fs.readFileSync(p.apiKeyFile, 'utf8').trim() || null;
    } catch {
      apiKey = null;
    }
  }
  return {
    name: p.name,
    baseUrl: p.baseUrl.replace(/\/+$/, ''),
    model: p.model,
    apiKey,
    loopback: isLoopbackUrl(p.baseUrl),
    timeoutMs: p.timeoutMs,
    // bounded: the client retries 429/5xx/connection errors; a slow server must not hold the turn for long
    maxRetries: Math.min(p.maxRetries, 2),
  };
}

export function clientFor(p: ResolvedProvider, fetchImpl?: typeof fetch): OpenAI {
  return new OpenAI({
    baseURL: p.baseUrl,
    // loopback servers take no key; the client insists on a string
    apiKey: p.apiKey ?? 'not-needed',
    timeout: p.timeoutMs,
    maxRetries: p.maxRetries,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
}

export type Msg = OpenAI.Chat.Completions.ChatCompletionMessageParam;

export interface LlmTurnInput {
  provider: ResolvedProvider;
  client: OpenAI;
  messages: Msg[];
  tools: ToolContext;
  signal: AbortSignal;
  onDelta: (text: string) => void;
}

export interface LlmTurnResult {
  content: string;
  toolCalls: ToolCallRecord[];
  rounds: number;
}

export class LlmFailure extends Error {
  constructor(
    message: string,
    readonly kind: 'timeout' | 'http' | 'network' | 'stopped' | 'protocol',
    /** text already streamed when it failed */
    readonly partial: string,
    readonly toolCalls: ToolCallRecord[],
  ) {
    super(message);
  }
}

function describeError(e: unknown): { message: string; kind: LlmFailure['kind'] } {
  if (e instanceof OpenAI.APIError && e.status) {
    const body = (e.error as { message?: string } | undefined)?.message ?? e.message;
    return { message: `HTTP ${e.status}: ${body}`.slice(0, 200), kind: 'http' };
  }
  if (e instanceof OpenAI.APIConnectionTimeoutError) return { message: 'timed out', kind: 'timeout' };
  if (e instanceof OpenAI.APIConnectionError)
    return {
      message: `cannot connect (${(e.cause as Error | undefined)?.message ?? e.message})`.slice(0, 200),
      kind: 'network',
    };
  return { message: (e as Error)?.message ?? String(e), kind: 'protocol' };
}

/** Runs one turn against one provider: stream, execute tool calls, repeat until the model answers. */
export async function runLlmTurn(input: LlmTurnInput): Promise<LlmTurnResult> {
  const { provider, client, tools } = input;
  const messages: Msg[] = [...input.messages];
  const toolCalls: ToolCallRecord[] = [];
  let content = '';
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const controller = new AbortController();
    let timedOut = false;
    const onStop = () => controller.abort();
    if (input.signal.aborted) throw new LlmFailure('stopped', 'stopped', content, toolCalls);
    input.signal.addEventListener('abort', onStop, { once: true });
    let idle: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, provider.timeoutMs);
    };
    arm();
    const calls = new Map<number, { id: string; name: string; args: string }>();
    let finish: string | null = null;
    let roundText = '';
    try {
      const stream = await client.chat.completions.create(
        {
          model: provider.model,
          messages,
          tools: TOOL_DEFINITIONS,
          tool_choice: 'auto',
          parallel_tool_calls: false,
          stream: true,
        },
        { signal: controller.signal },
      );
      for await (const chunk of stream) {
        arm();
        const choice = chunk.choices?.[0];
        if (!choice) continue;
        const d = choice.delta;
        if (d?.content) {
          roundText += d.content;
          content += d.content;
          input.onDelta(d.content);
        }
        for (const tc of d?.tool_calls ?? []) {
          let cur = calls.get(tc.index);
          if (!cur) calls.set(tc.index, (cur = { id: '', name: '', args: '' }));
          if (tc.id) cur.id = tc.id;
          if (tc.function?.name) cur.name += tc.function.name;
          if (tc.function?.arguments) cur.args += tc.function.arguments;
        }
        if (choice.finish_reason) finish = choice.finish_reason;
      }
    } catch (e) {
      if (input.signal.aborted) throw new LlmFailure('stopped', 'stopped', content, toolCalls);
      if (timedOut) throw new LlmFailure(`timeout after ${provider.timeoutMs} ms`, 'timeout', content, toolCalls);
      const d = describeError(e);
      throw new LlmFailure(d.message, d.kind, content, toolCalls);
    } finally {
      clearTimeout(idle);
      input.signal.removeEventListener('abort', onStop);
    }
    if (input.signal.aborted) throw new LlmFailure('stopped', 'stopped', content, toolCalls);
    if (!finish)
      throw new LlmFailure('the stream ended before the model finished (truncated)', 'protocol', content, toolCalls);
    if (!calls.size) return { content, toolCalls, rounds: round };

    const ordered = [...calls.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([, c], i) => ({ ...c, id: c.id || `call_${round}_${i}` }));
    messages.push({
      role: 'assistant',
      content: roundText || null,
      tool_calls: ordered.map((c) => ({
        id: c.id,
        type: 'function' as const,
        function: { name: c.name, arguments: c.args },
      })),
    });
    for (const c of ordered) {
      const { content: result, record } = executeTool(c.name, c.args, tools);
      toolCalls.push({ id: c.id, ...record });
      messages.push({ role: 'tool', tool_call_id: c.id, content: fencedToolResult(result) });
    }
  }
  throw new LlmFailure(`no answer after ${MAX_ROUNDS} rounds of tool calls`, 'protocol', content, toolCalls);
}

export async function listModels(client: OpenAI, signal?: AbortSignal): Promise<string[]> {
  const page = await client.models.list({ signal });
  const ids: string[] = [];
  for await (const m of page) ids.push(m.id);
  return ids;
}
