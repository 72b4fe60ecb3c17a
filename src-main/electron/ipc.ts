/** The IPC adapter: `aisle:call` → the shared dispatcher; events → `aisle:event`. Adds nothing else. */
import { ipcMain, type BrowserWindow, type WebFrameMain } from 'electron';
import type { Dispatch } from '../app/dispatch';
import type { AppRuntime } from '../app/runtime';

export function registerIpc(
  rt: AppRuntime,
  dispatch: Dispatch,
  isOwnFrame: (frame: WebFrameMain | null) => boolean,
): () => void {
  ipcMain.handle('aisle:call', async (event, name: unknown, input: unknown, sessionToken: unknown) => {
    if (!isOwnFrame(event.senderFrame)) {
      rt.logger.warn('ipc call from a foreign frame refused', { url: event.senderFrame?.url });
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Calls are accepted only from Aisle’s own window.' } };
    }
    const token = typeof sessionToken === 'string' ? sessionToken : null;
    return dispatch(String(name), input, {
      actor: rt.sessions.resolve(token),
      transport: 'electron',
      events: rt.events,
      sessionToken: token,
    });
  });
  return () => ipcMain.removeHandler('aisle:call');
}

export function forwardEvents(rt: AppRuntime, win: BrowserWindow): () => void {
  return rt.events.subscribe((event) => {
    if (!win.isDestroyed()) win.webContents.send('aisle:event', event);
  });
}
