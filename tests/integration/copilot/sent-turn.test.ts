/**
 * `copilot.send` answers with what the turn stored, so the screen can put it into its cached consultation:
 * the stored messages and cards equal what `consultation.get` reads afterwards, and merging them into the
 * consultation read before the turn gives the consultation read after it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { testRuntime } from '../../support/runtime';
import { copilotCaller } from '../../support/copilot-calls';
import { loadCatalogFixture } from '../../support/catalog-fixture';
import type { AppRuntime } from '../../../src-main/app/runtime';
import { calls } from '../../../src-main/contract';
import { withTurn } from '../../../src-renderer/src/features/consult/consult-logic';

const rts: AppRuntime[] = [];
afterEach(() => rts.splice(0).forEach((r) => r.close()));

function setup() {
  const rt = testRuntime({ config: { store: { id: 'S1' } } });
  rts.push(rt);
  loadCatalogFixture(rt);
  return copilotCaller(rt);
}

describe('copilot.send carries the stored turn', () => {
  it('holds the stored messages and cards exactly as consultation.get reads them afterwards', async () => {
    const call = setup();
    const c = await call('consultation.start', { customerId: null });
    for (const message of ['waterproof jacket for her in M under £150', 'in navy please']) {
      const before = await call('consultation.get', { consultationId: c.id });
      const sent = await call('copilot.send', { consultationId: c.id, message });
      const after = await call('consultation.get', { consultationId: c.id });

      const [associate, reply] = sent.stored.messages;
      expect(sent.stored.messages).toHaveLength(2);
      expect(associate).toMatchObject({ role: 'associate', content: message, turn: sent.turn });
      expect(reply).toMatchObject({ role: 'assistant', content: sent.reply, turn: sent.turn });
      expect(sent.stored.messages).toEqual(after.messages.filter((m) => m.turn === sent.turn));
      expect(sent.stored.suggestions.length).toBeGreaterThan(0);
      expect(sent.stored.suggestions).toEqual(after.suggestions.filter((s) => s.messageId === reply?.id));
      expect(sent.stored.suggestions.map((s) => s.sku)).toEqual(sent.suggestions.map((s) => s.sku));
      // what the screen does with the answer gives what a re-read would have shown
      expect(withTurn(before, sent)).toEqual(after);
    }
  });

  it('so the contract no longer has the screen re-read the consultation after a turn', () => {
    expect(calls['copilot.send'].invalidates).not.toContain('consultation.get');
    expect(calls['copilot.send'].invalidates).toContain('consultation.list');
  });
});
