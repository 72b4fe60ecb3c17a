/**
 * `copilot.stream` is typed by kind in the contract: the renderer drops an event whose payload does not match
 * its kind, and only the end of a turn that changed stored data makes the consultation stale.
 */
import { describe, expect, it } from 'vitest';
import { eventSchemas, invalidatedByStream, type CopilotStreamEvent } from '../../../src-main/contract';

const turn = { consultationId: 'c-1', turnId: 'c-1:2' };

describe('copilot.stream', () => {
  it('accepts each kind with its own payload and rejects a payload of another kind', () => {
    const schema = eventSchemas['copilot.stream'];
    expect(schema.safeParse({ ...turn, kind: 'delta', payload: { text: 'Of these' } }).success).toBe(true);
    expect(
      schema.safeParse({ ...turn, kind: 'error', payload: { provider: 'cloud', message: 'timeout' } }).success,
    ).toBe(true);
    expect(
      schema.safeParse({ ...turn, kind: 'delta', payload: { provider: 'cloud', message: 'timeout' } }).success,
    ).toBe(false);
    expect(schema.safeParse({ ...turn, kind: 'done', payload: { engine: 'llm' } }).success).toBe(false);
    expect(schema.safeParse({ ...turn, kind: 'thinking', payload: {} }).success).toBe(false);
  });

  it('only an LLM reply or a fallback at the end of a turn makes the consultation stale', () => {
    const done = (payload: Extract<CopilotStreamEvent, { kind: 'done' }>['payload']): CopilotStreamEvent => ({
      ...turn,
      kind: 'done',
      payload,
    });
    expect(
      invalidatedByStream(done({ engine: 'llm', status: 'complete', fallback: null, reply: 'The navy one.' })),
    ).toEqual(['consultation.get']);
    expect(
      invalidatedByStream(done({ engine: 'local', status: 'complete', fallback: 'cloud: timeout → local' })),
    ).toEqual(['consultation.get']);
    expect(invalidatedByStream(done({ engine: 'local', status: 'complete', fallback: null }))).toEqual([]);
    expect(invalidatedByStream({ ...turn, kind: 'delta', payload: { text: 'Of these' } })).toEqual([]);
  });
});
