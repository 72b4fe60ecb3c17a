/** Start-up choice of transport: the Electron preload if present, else the loopback bridge. */
import { createHttpTransport, readBridgeToken } from './http-transport';
import { createIpcTransport } from './ipc-transport';
import type { Transport } from './transport';

export function pickTransport(win: Window = window): Transport {
  if (win.aisle && win.aisle.transport === 'ipc') return createIpcTransport(win.aisle);
  return createHttpTransport({ token: readBridgeToken(win.document) });
}
