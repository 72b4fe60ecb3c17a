/** Contract handlers of the copilot and consultation calls, over the runtime's one CopilotService (app/services.ts). */
import type { AppRuntime } from '../app/runtime';
import type { Handlers } from '../contract/handlers';
import { actingAssociateId, type CopilotService } from './service';
import { relatedTurn } from './related';

type CopilotCallName =
  | 'consultation.start'
  | 'consultation.get'
  | 'consultation.list'
  | 'copilot.send'
  | 'copilot.stop'
  | 'copilot.regenerate'
  | 'consultation.suggestionAction'
  | 'consultation.end'
  | 'copilot.engines'
  | 'copilot.related'
  | 'copilot.setInHand';

export function copilotHandlers(rt: AppRuntime, service: CopilotService): Pick<Handlers, CopilotCallName> {
  const copilot = () => service;
  return {
    'consultation.start': (input, ctx) => copilot().start(actingAssociateId(ctx.actor), input.customerId),
    'consultation.get': (input) =>
      copilot().log.detail(input.consultationId, copilot().pendingTurns(input.consultationId)),
    'consultation.list': (input, ctx) => ({
      consultations: copilot().log.list(actingAssociateId(ctx.actor), input.limit, input.openOnly),
    }),
    'copilot.send': (input) => copilot().send(input.consultationId, input.message),
    'copilot.setInHand': (input) => {
      copilot().log.requireOpen(input.consultationId);
      return { inHand: copilot().log.setInHand(input.consultationId, input.sku) };
    },
    'copilot.stop': (input) => copilot().stop(input.consultationId, input.turnId),
    'copilot.regenerate': (input) => copilot().regenerate(input.consultationId, input.turnId),
    'consultation.suggestionAction': (input) => {
      copilot().log.requireOpen(input.consultationId);
      copilot().log.suggestionAction(input.consultationId, input.suggestionId, input.action, input.reason);
      return copilot().log.storedSuggestion(input.suggestionId);
    },
    'consultation.end': (input) => copilot().log.end(input.consultationId, input),
    'copilot.engines': (input) => copilot().engines(input.probe),
    'copilot.related': (input) => relatedTurn(copilot(), rt, input.consultationId, input.suggestionId, input.mode),
  };
}
