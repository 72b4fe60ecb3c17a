/**
 * `aisle ask "<message>" [--customer ID] [--session ID]`: one copilot turn from the command line.
 * Without --session a new consultation starts; the printed session id continues it. When an LLM is
 * configured the command waits for its reply and reports which engine answered.
 */
import { customerIdByAnyId } from '../../customers/queries';
import { EXIT, flagString, UsageError, type Command } from '../command';
import { actingAssociateId } from '../../copilot/service';
import { AppError } from '../../contract/errors';
import { formatMoney } from '../../contract/money';
import type { SuggestionCard } from '../../contract/copilot';
import type { CopilotStreamEvent } from '../../contract/events';

export const askCommand: Command = {
  name: 'ask',
  summary: 'ask the copilot (one turn; --session continues a conversation)',
  usage: [
    'aisle ask "<message>" [--customer ID] [--session ID] [--store S] [--json]',
    '  --customer ID   the customer (database id or their id in the source system); omit for a walk-in',
    '  --session ID    continue the consultation printed by an earlier `aisle ask`',
    '  --store S       the store whose stock counts as "here" (or AISLE_STORE)',
  ].join('\n'),
  async run(ctx) {
    const message = ctx.args.positionals.join(' ').trim();
    if (!message)
      throw new UsageError('give the message, e.g. aisle ask "waterproof jacket for her, size M, under £150"');
    const customerArg = flagString(ctx.args, 'customer');
    const session = flagString(ctx.args, 'session');
    const rt = ctx.runtime();
    // an unknown store is refused before anything is written, naming the stores that exist
    rt.here();
    const { copilot } = ctx.services();
    let customerId: number | null = null;
    if (customerArg) {
      const id = customerIdByAnyId(rt.adb.sqlite, customerArg);
      if (id === undefined) {
        ctx.io.warn(
          `aisle ask: no customer "${customerArg}" (give the database id or the source system's customer id)`,
        );
        return EXIT.UNUSABLE;
      }
      customerId = id;
    }
    let consultationId: string;
    try {
      if (session) {
        const c = copilot.log.requireOpen(session);
        if (customerId !== null && c.customerId !== customerId)
          throw new AppError('CONFLICT', `session ${session} is with another customer`);
        consultationId = session;
      } else consultationId = copilot.start(actingAssociateId(null), customerId).id;
    } catch (e) {
      if (e instanceof AppError) {
        ctx.io.warn(`aisle ask: ${e.message}`);
        return EXIT.UNUSABLE;
      }
      throw e;
    }

    // filled by the stream while the LLM (if any) answers; read once the turn has settled
    const streamed: {
      done: Extract<CopilotStreamEvent, { kind: 'done' }>['payload'] | null;
      llmCards: SuggestionCard[] | null;
    } = {
      done: null,
      llmCards: null,
    };
    const unsubscribe = rt.events.subscribe((e) => {
      if (e.name !== 'copilot.stream') return;
      const s = e.payload;
      if (s.kind === 'suggestions' && s.payload.engine === 'llm') streamed.llmCards = s.payload.suggestions;
      if (s.kind === 'done') streamed.done = s.payload;
      if (s.kind === 'delta' && !ctx.json) process.stderr.write('.');
    });
    const turn = copilot.send(consultationId, message);
    await copilot.settled(turn.turnId);
    unsubscribe();
    const { done, llmCards } = streamed;
    const byLlm = done?.engine === 'llm';
    const cards: SuggestionCard[] = byLlm && llmCards ? llmCards : turn.suggestions;
    const doc = {
      engine: byLlm ? 'llm' : 'local',
      model: byLlm ? (done?.model ?? null) : null,
      reply: byLlm ? (done?.reply ?? '') : turn.reply,
      suggestions: cards.map((c) => ({
        sku: c.sku,
        title: c.title,
        price: c.price,
        currency: c.currency,
        size: c.size,
        color: c.color,
        stockHere: c.stockHere,
        reasons: c.reasons,
        kind: c.kind,
      })),
      questions: turn.questions,
      constraints: turn.constraints,
      relaxed: turn.relaxed,
      fallback: done?.fallback ?? turn.fallback,
      status: done?.status ?? 'complete',
      session: consultationId,
      turnId: turn.turnId,
    };
    if (ctx.json) ctx.io.json(doc);
    else {
      ctx.io.say(`[${doc.engine}${doc.model ? ` · ${doc.model}` : ''}] ${doc.reply}`);
      for (const [i, c] of doc.suggestions.entries()) {
        ctx.io.say(
          `  ${i + 1}. ${c.title} — ${[c.size, c.color].filter(Boolean).join(', ')} — ${formatMoney(c.price, c.currency)} — ${c.stockHere} here  (${c.sku})`,
        );
        for (const r of c.reasons) ctx.io.say(`       · ${r}`);
      }
      if (doc.fallback) ctx.io.say(`(answered by the local engine: ${doc.fallback})`);
      ctx.io.say(`Continue with: aisle ask "…" --session ${consultationId}`);
    }
    return EXIT.OK;
  },
};
