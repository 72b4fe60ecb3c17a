/**
 * The bridge the renderer sees as `window.aisle`. Only contract call names pass; everything else is
 * refused here before it reaches main (which checks again).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { calls } from '../contract/calls';

const names = new Set(Object.keys(calls));

contextBridge.exposeInMainWorld('aisle', {
  transport: 'ipc',
  invoke(name: string, input: unknown, sessionToken: string | null) {
    if (!names.has(name))
      return Promise.resolve({ ok: false, error: { code: 'NOT_FOUND', message: `There is no call named "${name}".` } });
    return ipcRenderer.invoke('aisle:call', name, input, sessionToken);
  },
  on(listener: (event: { name: string; payload: unknown }) => void) {
    const wrapped = (_e: IpcRendererEvent, event: { name: string; payload: unknown }) => listener(event);
    ipcRenderer.on('aisle:event', wrapped);
    return () => ipcRenderer.removeListener('aisle:event', wrapped);
  },
});
