/** The Electron transport: calls and events through the preload's `window.aisle`. */
import type { PreloadBridge, Transport } from './transport';

export function createIpcTransport(bridge: PreloadBridge): Transport {
  return {
    kind: 'ipc',
    async invoke(name, input, sessionToken) {
      try {
        return await bridge.invoke(name, input, sessionToken);
      } catch (e) {
        return {
          ok: false,
          error: { code: 'INTERNAL', message: `The call did not reach Aisle: ${(e as Error).message}` },
        };
      }
    },
    subscribe: (listener) => bridge.on(listener),
    bridgeState: () => 'connected',
    onBridgeState: () => () => {},
  };
}
