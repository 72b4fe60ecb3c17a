/** The consultation screen's pure logic: streaming overlay, turns, board, shortlist, basket, chips. */
import { describe, expect, it } from 'vitest';
import type { CallOutput, ConsultationDetail, StoredSuggestion } from '../../../src-main/contract';
import {
  addToBasket,
  applyStreamEvent,
  basketTotals,
  boardCards,
  expectReply,
  focusedReply,
  groupTurns,
  isStreaming,
  reactionsBySku,
  replyStarter,
  shortlistOf,
  turnOfTurnId,
  withTurn,
  type LiveReplies,
  type StreamEvent,
} from '../../../src-renderer/src/features/consult/consult-logic';

const C = 'c-1';
const ev = <K extends StreamEvent['kind']>(
  turnId: string,
  kind: K,
  payload: Extract<StreamEvent, { kind: K }>['payload'],
): StreamEvent => ({ consultationId: C, turnId, kind, payload }) as StreamEvent;

function sugg(id: number, messageId: number, sku: string, extra: Partial<StoredSuggestion> = {}): StoredSuggestion {
  return {
    suggestionId: id,
    messageId,
    sku,
    productId: id,
    title: `Product ${sku}`,
    brand: null,
    category: null,
    price: 1000 * id,
    regularPrice: 1000 * id,
    currency: 'GBP',
    size: 'M',
    color: null,
    stockHere: 3,
    asOf: null,
    imageUrl: null,
    rank: id,
    reasons: [],
    kind: 'match',
    strategy: 'x',
    engine: 'local',
    grounded: true,
    shown: true,
    liked: false,
    rejected: false,
    rejectReason: null,
    shortlisted: false,
    bought: false,
    ...extra,
  };
}

type Msg = ConsultationDetail['messages'][number];
function msg(
  id: number,
  turn: number,
  role: Msg['role'],
  content: string,
  engine: Msg['engine'] = role === 'assistant' ? 'local' : null,
): Msg {
  return {
    id,
    turn,
    turnId: `${C}:${turn}`,
    role,
    content,
    engine,
    model: null,
    status: 'complete',
    questions: [],
    constraints: null,
    fallback: null,
    firstSuggestionMs: null,
    fullReplyMs: null,
    createdAt: '2026-11-25T10:00:00Z',
  };
}

describe('the streaming overlay', () => {
  it('builds an LLM reply from engine → delta* → done, in any arrival order', () => {
    let live: LiveReplies = {};
    // a delta can arrive before the call that caused it has answered
    live = applyStreamEvent(live, ev(`${C}:2`, 'delta', { text: 'Of these, ' }));
    live = expectReply(live, `${C}:2`);
    live = applyStreamEvent(
      live,
      ev(`${C}:2`, 'engine', { engine: 'llm', provider: 'test-llm', model: 'm1', status: 'started' }),
    );
    live = applyStreamEvent(live, ev(`${C}:2`, 'delta', { text: 'the navy one.' }));
    expect(live[`${C}:2`]).toMatchObject({
      turn: 2,
      text: 'Of these, the navy one.',
      provider: 'test-llm',
      model: 'm1',
      status: 'streaming',
    });
    expect(isStreaming(live[`${C}:2`]!)).toBe(true);
    live = applyStreamEvent(
      live,
      ev(`${C}:2`, 'done', { engine: 'llm', status: 'stopped', reply: 'Of these, the navy', fallback: null }),
    );
    expect(live[`${C}:2`]).toMatchObject({ status: 'stopped', text: 'Of these, the navy' });
    expect(isStreaming(live[`${C}:2`]!)).toBe(false);
  });

  it('a provider error is shown, and a fallback to the local engine ends the wait', () => {
    let live = expectReply({}, `${C}:1.1`);
    expect(live[`${C}:1.1`]!.turn).toBe(1);
    live = applyStreamEvent(live, ev(`${C}:1.1`, 'error', { provider: 'cloud', message: 'timeout after 8000 ms' }));
    expect(live[`${C}:1.1`]!.error).toBe('cloud: timeout after 8000 ms');
    live = applyStreamEvent(
      live,
      ev(`${C}:1.1`, 'done', { engine: 'local', status: 'complete', fallback: 'cloud: timeout → local' }),
    );
    expect(live[`${C}:1.1`]!.status).toBe('fallback');
  });

  it('ignores the local engine’s own events when no LLM reply is expected', () => {
    const live = applyStreamEvent(
      applyStreamEvent({}, ev(`${C}:1`, 'suggestions', { engine: 'local', suggestions: [] })),
      ev(`${C}:1`, 'done', { engine: 'local', status: 'complete', fallback: null }),
    );
    expect(live).toEqual({});
    expect(turnOfTurnId('c-9:12.3')).toBe(12);
  });
});

describe('turns and the board', () => {
  const detail = {
    messages: [
      msg(1, 1, 'associate', 'jacket in M'),
      msg(2, 1, 'assistant', 'Here are 3'),
      msg(3, 1, 'assistant', 'I would pick…', 'llm'),
      msg(4, 2, 'associate', 'in red'),
      msg(5, 2, 'assistant', 'Here are 2'),
      msg(6, 2, 'assistant', 'More like the X: 1 option.'),
    ],
    suggestions: [
      sugg(3, 2, 'C'),
      sugg(1, 2, 'A'),
      sugg(2, 2, 'B'),
      sugg(4, 3, 'B', { engine: 'llm' }),
      sugg(5, 5, 'D'),
      sugg(6, 6, 'E'),
    ],
  };

  it('groups messages by turn with each reply’s cards in rank order', () => {
    const turns = groupTurns(detail);
    expect(turns.map((t) => [t.turn, t.associate?.content, t.replies.length])).toEqual([
      [1, 'jacket in M', 2],
      [2, 'in red', 2],
    ]);
    expect(turns[0]!.replies[0]!.suggestions.map((s) => s.sku)).toEqual(['A', 'B', 'C']);
  });

  it('focuses the newest reply with cards unless one was chosen; an LLM reply leads with its picks, then the other cards once', () => {
    const turns = groupTurns(detail);
    expect(focusedReply(turns, null)!.message.id).toBe(6);
    const llm = focusedReply(turns, 3)!;
    expect(boardCards(turns, llm).map((s) => s.sku)).toEqual(['B', 'A', 'C']);
    expect(boardCards(turns, focusedReply(turns, 2)).map((s) => s.sku)).toEqual(['A', 'B', 'C']);
    expect(focusedReply(turns, 999)!.message.id).toBe(6); // a stale choice falls back to the newest
  });
});

describe('shortlist, basket and reactions', () => {
  it('shortlist: one line per SKU and the total in minor units', () => {
    const s = shortlistOf([
      sugg(1, 1, 'A', { shortlisted: true, price: 14999 }),
      sugg(2, 1, 'B', { price: 500 }),
      sugg(3, 2, 'A', { shortlisted: true, price: 14999 }),
      sugg(4, 2, 'C', { shortlisted: true, price: 1801 }),
    ]);
    expect(s.items.map((i) => i.sku)).toEqual(['A', 'C']);
    expect(s.total).toBe(16800);
  });

  it('basket: quantities multiply, zero lines do not count, adding a SKU twice adds one more', () => {
    let lines = addToBasket([], { sku: 'A', title: 'A', unitPrice: 14999, currency: 'GBP' });
    lines = addToBasket(lines, { sku: 'B', title: 'B', unitPrice: 1800, currency: 'GBP' });
    lines = addToBasket(lines, { sku: 'B', title: 'B', unitPrice: 1800, currency: 'GBP' });
    expect(lines.map((l) => [l.sku, l.quantity])).toEqual([
      ['A', 1],
      ['B', 2],
    ]);
    expect(basketTotals(lines)).toEqual({ value: 18599, units: 3, currency: 'GBP', mixedCurrencies: false });
    expect(
      basketTotals([
        { ...lines[0]!, quantity: 0 },
        { ...lines[1]!, currency: 'EUR' },
      ]),
    ).toMatchObject({ value: 3600, units: 2, mixedCurrencies: false });
    expect(basketTotals([lines[0]!, { ...lines[1]!, currency: 'EUR' }]).mixedCurrencies).toBe(true);
  });

  it('reactions merge across replies that suggested the same SKU', () => {
    const rows = reactionsBySku([
      sugg(1, 1, 'A', { liked: true }),
      sugg(2, 3, 'A', { bought: true }),
      sugg(3, 1, 'B', { rejected: true, rejectReason: 'fit' }),
      sugg(4, 1, 'C'),
    ]);
    expect(rows.map((r) => [r.sku, r.liked, r.bought, r.rejectReason])).toEqual([
      ['A', true, true, null],
      ['B', false, false, 'fit'],
    ]);
  });
});

describe('question chips', () => {
  it('start the answer so the associate only types what is missing', () => {
    expect(replyStarter('Is there a budget to keep under?', 'GBP')).toBe('Budget up to £');
    expect(replyStarter('Is there a budget to keep under?', 'EUR')).toBe('Budget up to €');
    expect(replyStarter('Is there a budget to keep under?')).toBe('Budget up to ');
    expect(replyStarter('What shoe size do they take?')).toBe('Shoe size ');
    expect(replyStarter('What shoe size do they take (UK)?')).toBe('Shoe size UK ');
    expect(replyStarter('What size do they usually take?')).toBe('Usually a size ');
    expect(replyStarter('Is it for a woman, a man or a child?')).toBe("It's for a ");
    expect(replyStarter('Anything else?')).toBe('');
  });
});

describe('a sent turn goes into the cached consultation', () => {
  const cached: ConsultationDetail = {
    consultation: {
      id: C,
      storeId: 'S1',
      associateId: 'a7',
      customerId: null,
      customerLabel: 'Walk-in',
      startedAt: '2026-11-25T10:00:00Z',
      endedAt: null,
      outcome: null,
      basketValue: null,
      basketUnits: null,
      currency: null,
      satisfaction: null,
      turns: 1,
      notes: null,
      customerContext: null,
    },
    messages: [msg(1, 1, 'associate', 'jacket in M'), msg(2, 1, 'assistant', 'Here are 2')],
    suggestions: [sugg(1, 2, 'A', { liked: true }), sugg(2, 2, 'B')],
    pendingTurns: [],
    basket: [],
    inHand: null,
  };
  function sent(llmPending: boolean): CallOutput<'copilot.send'> {
    return {
      consultationId: C,
      turnId: `${C}:2`,
      turn: 2,
      engine: 'local',
      model: null,
      reply: 'Here is 1 in red',
      suggestions: [],
      questions: [],
      constraints: {
        categories: [],
        uses: [],
        sizes: [],
        sizeText: null,
        colors: ['red'],
        excludeColors: [],
        priceMin: null,
        priceMax: null,
        priceBand: null,
        budgetText: null,
        gender: null,
        brands: [],
        excludeBrands: [],
        features: [],
        inStockHereOnly: true,
        forSomeoneElse: false,
      },
      relaxed: null,
      llmPending,
      fallback: null,
      firstSuggestionMs: 3,
      stored: {
        messages: [msg(3, 2, 'associate', 'in red'), msg(4, 2, 'assistant', 'Here is 1 in red')],
        suggestions: [sugg(3, 4, 'C')],
      },
    };
  }

  it('shows the new turn with its cards, keeps the earlier turn and its reactions, and counts the turn', () => {
    const next = withTurn(cached, sent(false));
    const turns = groupTurns(next);
    expect(turns.map((t) => [t.turn, t.associate?.content, t.replies.map((r) => r.message.content)])).toEqual([
      [1, 'jacket in M', ['Here are 2']],
      [2, 'in red', ['Here is 1 in red']],
    ]);
    expect(turns[1]?.replies[0]?.suggestions.map((c) => c.sku)).toEqual(['C']);
    expect(next.suggestions.find((s) => s.sku === 'A')?.liked).toBe(true);
    expect(next.consultation.turns).toBe(2);
    expect(next.pendingTurns).toEqual([]);
    // the cached object is not changed in place (react-query compares by reference)
    expect(cached.messages).toHaveLength(2);
  });

  it('merging the same turn twice, or after a re-read already has it, leaves one copy of each message and card', () => {
    const once = withTurn(cached, sent(true));
    expect(once.pendingTurns).toEqual([`${C}:2`]);
    const twice = withTurn(once, sent(true));
    expect(twice.messages.map((m) => m.id)).toEqual([1, 2, 3, 4]);
    expect(twice.suggestions.map((s) => s.suggestionId)).toEqual([1, 2, 3]);
    expect(twice.consultation.turns).toBe(2);
    // a re-read after the LLM reply ended overtook the answer: its copy (liked since) is kept, nothing pending
    const reread = { ...cached, messages: [...cached.messages, ...sent(true).stored.messages], pendingTurns: [] };
    reread.suggestions = [...cached.suggestions, sugg(3, 4, 'C', { liked: true })];
    const merged = withTurn(reread, sent(true));
    expect(merged.suggestions.find((s) => s.sku === 'C')?.liked).toBe(true);
    expect(merged.pendingTurns).toEqual([]);
  });
});
