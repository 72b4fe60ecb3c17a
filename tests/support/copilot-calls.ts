/**
 * Copilot contract calls for tests, as an associate makes them: input parsed and output checked
 * against the contract the renderer is typed against.
 */
import type { AppRuntime } from '../../src-main/app/runtime';
import type { CallContext } from '../../src-main/app/dispatch';
import { copilotHandlers } from '../../src-main/copilot/handlers';
import { CopilotService } from '../../src-main/copilot/service';
import { copilotCalls } from '../../src-main/contract/copilot';

export function copilotCaller(rt: AppRuntime) {
  const h = copilotHandlers(rt, new CopilotService(rt));
  const ctx: CallContext = {
    actor: { associateId: 'a7', name: 'Sam', role: 'associate' },
    transport: 'test',
    events: rt.events,
  };
  return async <N extends keyof typeof h>(name: N, input: unknown) => {
    const def = copilotCalls[name];
    const out = await (h[name] as (i: unknown, c: CallContext) => unknown)(def.input.parse(input), ctx);
    return def.output.parse(out) as Awaited<ReturnType<(typeof h)[N]>>;
  };
}
