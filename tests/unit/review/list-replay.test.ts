import { describe, expect, it } from 'vitest';
import { createDispatcher, type CallContext } from '../../../src-main/app/dispatch';
import { createHandlers, createServices } from '../../../src-main/app/services';
import { testRuntime } from '../../support/runtime';
import { loadReviewFixture } from '../../support/review-fixture';

function setup() {
  const rt = testRuntime({ storeId: 'S1' });
  loadReviewFixture(rt);
  const dispatch = createDispatcher(createHandlers(createServices(rt)), { validateOutput: true });
  const mia = rt.sessions.create({ associateId: 'mia', name: 'Mia Chen', role: 'manager' });
  const ctx: CallContext = { actor: rt.sessions.resolve(mia), transport: 'test', events: rt.events, sessionToken: mia };
  const call = async (name: string, input: unknown) => {
    const r = await dispatch(name, input, ctx);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.data as any;
  };
  return { rt, dispatch, ctx, call };
}

describe('the consultation list', () => {
  const { call, rt } = setup();
  const ids = async (input: unknown) =>
    (await call('review.list', { sort: 'started_asc', ...(input as object) })).rows.map((r: { id: string }) => r.id);

  it('filters by date range, associate, walk-in, outcome, engine and satisfaction', async () => {
    expect(await ids({ from: '2025-03-04', to: '2025-03-05' })).toEqual(['C3', 'C4']);
    expect(await ids({ associateIds: ['ana'] })).toEqual(['C6', 'C1', 'C2']);
    expect(await ids({ customer: 'walk_in' })).toEqual(['C2', 'C4']);
    expect(await ids({ customerId: 1 })).toEqual(['C1', 'C5']);
    expect(await ids({ outcome: ['open', 'abandoned'] })).toEqual(['C3', 'C5']);
    expect(await ids({ engine: ['llm'] })).toEqual(['C1', 'C2']);
    expect(await ids({ satisfaction: [4, 5] })).toEqual(['C1', 'C4']);
  });

  it('finds words inside messages, case-insensitively, and shows where', async () => {
    const r = await call('review.list', { q: 'WATERPROOF' });
    expect(r.rows.map((x: { id: string }) => x.id)).toEqual(['C1']);
    expect(r.rows[0].snippet).toContain('waterproof jacket');
    expect(await ids({ q: '100%' })).toEqual([]);
  });

  it('sorts and pages, with the total of all matches', async () => {
    const page1 = await call('review.list', { sort: 'basket_desc', limit: 2, offset: 0 });
    expect(page1.total).toBe(6);
    expect(page1.rows.map((x: { id: string }) => x.id)).toEqual(['C1', 'C4']);
    const page3 = await call('review.list', { sort: 'started_desc', limit: 2, offset: 4 });
    expect(page3.rows.map((x: { id: string }) => x.id)).toEqual(['C1', 'C6']);
  });

  it('shows per-row figures: turns, suggestions, engines, fallbacks, stops', async () => {
    const [c1] = (await call('review.list', { customerId: 1, sort: 'started_asc' })).rows;
    expect(c1).toMatchObject({
      id: 'C1',
      turns: 2,
      suggestionsShown: 4,
      suggestionsAccepted: 2,
      engines: ['llm', 'local'],
      fallbacks: 0,
      stoppedReplies: 0,
      customer: { id: 1, name: 'Jo Bloggs' },
      associate: { id: 'ana', name: 'Ana Ruiz' },
      durationSec: 1200,
    });
    const [c2] = (await call('review.list', { q: 'runner' })).rows;
    expect(c2).toMatchObject({ customer: null, stoppedReplies: 1 });
  });

  it('records every list in the access log', () => {
    const n = (
      rt.adb.sqlite
        .prepare("SELECT COUNT(*) AS n FROM access_log WHERE action = 'list' AND associate_id = 'mia'")
        .get() as { n: number }
    ).n;
    expect(n).toBeGreaterThanOrEqual(10);
  });

  it('names the field of an impossible date', async () => {
    await expect(call('review.list', { from: '2025-02-30' })).rejects.toThrow(/VALIDATION.*"from"/);
  });
});

describe('the replay', () => {
  it('lays out messages, suggestions with their fate, events and the customer context as it was', async () => {
    const { call } = setup();
    const r = await call('review.replay', { consultationId: 'C1' });
    expect(r.consultation.customerContext).toEqual({ sizes: { tops: 'M' }, email: 'jo.bloggs@example.com' });
    const kinds = r.timeline.map((i: any) => (i.kind === 'message' ? `${i.role}${i.turn}` : i.type));
    expect(kinds).toEqual(['associate1', 'assistant1', 'card.shortlist', 'associate2', 'assistant2']);
    const reply1 = r.timeline[1];
    expect(reply1).toMatchObject({
      engine: 'local',
      firstSuggestionMs: 300,
      fullReplyMs: 1200,
      constraints: { budgetMax: 15000 },
    });
    expect(reply1.suggestions.map((s: any) => [s.sku, s.fate, s.rejectReason])).toEqual([
      ['JKT-A', 'shortlisted', null],
      ['JKT-B', 'rejected', 'too expensive'],
      ['JKT-GHOST', 'blocked', null],
    ]);
    expect(reply1.suggestions[0].reasons).toEqual(['reason for JKT-A']);
    expect(r.timeline[4].suggestions.map((s: any) => s.fate)).toEqual(['bought', 'liked']);
    expect(r.canCoach).toBe(true);
  });

  it('shows a stopped reply and the stop event', async () => {
    const { call } = setup();
    const r = await call('review.replay', { consultationId: 'C2' });
    expect(r.timeline.map((i: any) => (i.kind === 'message' ? i.status : i.type))).toEqual([
      'complete',
      'stopped',
      'reply.stopped',
    ]);
  });

  it('takes coaching notes on a message or the whole consultation, and good-example marks', async () => {
    const { call, dispatch, ctx } = setup();
    const before = await call('review.replay', { consultationId: 'C1' });
    const reply = before.timeline.find((i: any) => i.kind === 'message' && i.role === 'assistant');
    const onTurn = await call('review.addCoachingNote', {
      consultationId: 'C1',
      messageId: reply.id,
      body: 'Good: asked about budget first.',
    });
    expect(onTurn).toMatchObject({ authorId: 'mia', authorName: 'Mia Chen', messageId: reply.id });
    await call('review.addCoachingNote', { consultationId: 'C1', body: 'Overall a strong consultation.' });
    await call('review.markGoodExample', { messageId: reply.id, good: true });
    const after = await call('review.replay', { consultationId: 'C1' });
    const again = after.timeline.find((i: any) => i.id === reply.id);
    expect(again.notes.map((n: any) => n.body)).toEqual(['Good: asked about budget first.']);
    expect(again.goodExample).toBe(true);
    expect(after.notes.map((n: any) => n.body)).toEqual(['Overall a strong consultation.']);
    expect((await call('review.list', { goodExample: true })).rows.map((x: any) => x.id)).toEqual(['C1']);
    // A message from another consultation is refused, naming the field; nothing is stored.
    const wrong = await dispatch(
      'review.addCoachingNote',
      { consultationId: 'C2', messageId: reply.id, body: 'x' },
      ctx,
    );
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('"messageId"') },
    });
    const empty = await dispatch('review.addCoachingNote', { consultationId: 'C2', body: '   ' }, ctx);
    expect(empty).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await call('review.replay', { consultationId: 'C2' })).notes).toEqual([]);
  });
});
