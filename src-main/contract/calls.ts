/**
 * Every call between the renderer (or CLI, or tests) and main, in one map. Each feature declares its
 * calls in its own file here; add the file's map below and the compiler asks for the handler.
 */
import type { z } from 'zod';
import type { CallDef } from './define';
import { appCalls } from './app';
import { catalogCalls } from './catalog';
import { authCalls } from './auth';
import { reviewCalls } from './review';
import { settingsCalls } from './settings';
import { recommenderCalls } from './recommender';
import { copilotCalls } from './copilot';
import { syncCalls } from './sync';
import { customersCalls } from './customers';
import { hqCalls } from './hq';

export const calls = {
  ...appCalls,
  ...catalogCalls,
  ...authCalls,
  ...reviewCalls,
  ...settingsCalls,
  ...recommenderCalls,
  ...copilotCalls,
  ...syncCalls,
  ...customersCalls,
  ...hqCalls,
} satisfies Record<string, CallDef>;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>;
export type CallParsedInput<N extends CallName> = z.output<Calls[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Calls[N]['output']>;

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(calls, name);
}
