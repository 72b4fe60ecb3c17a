/**
 * The renderer's API layer. Pages import from here only:
 *   useCall(name, input)   a query, key [name, input]
 *   useMutate(name)        a mutation that invalidates what the contract says
 *   useAppEvent(name, fn)  a push event from main
 * Adding a call: declare it in src-main/contract; it is then typed here with no code in this folder.
 */
export { ApiProvider, useApi } from './provider';
export { useCall, useMutate, useAppEvent, useBridgeState, useSessionToken, callKey, invalidatedBy } from './hooks';
export { CallError, isCallError, createApiClient, type ApiClient } from './client';
export { SessionHolder } from './session';
export { pickTransport } from './pick-transport';
export { createQueryClient } from './query-client';
export type { Transport, BridgeState } from './transport';
