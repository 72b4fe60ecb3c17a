import { describe, expect, it } from 'vitest';
import { SseParser } from '../../../src-renderer/src/api/sse';

describe('SseParser (the /events stream read with fetch)', () => {
  it('yields named events with their data, ignoring keep-alive comments', () => {
    const p = new SseParser();
    const out = p.push(': connected\n\nevent: data.changed\ndata: {"calls":["catalog.search"]}\n\n: ping\n\n');
    expect(out).toEqual([{ event: 'data.changed', data: '{"calls":["catalog.search"]}' }]);
  });

  it('reassembles an event split across network chunks, including a \\r\\n split in the middle', () => {
    const p = new SseParser();
    expect(p.push('event: sync.prog')).toEqual([]);
    expect(p.push('ress\r')).toEqual([]);
    expect(p.push('\ndata: {"done":1}\r\n')).toEqual([]);
    expect(p.push('\r\n')).toEqual([{ event: 'sync.progress', data: '{"done":1}' }]);
  });

  it('joins multi-line data and defaults the event name to "message"', () => {
    const p = new SseParser();
    expect(p.push('data: a\ndata: b\n\n')).toEqual([{ event: 'message', data: 'a\nb' }]);
  });
});
