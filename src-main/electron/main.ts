/**
 * The Electron composition root. Order matters: single-instance lock, configuration (a bad file
 * stops start-up with a dialog naming the key and file), runtime (migrations after a backup), IPC,
 * hardening of every web contents, then the window.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, session, shell, type WebFrameMain } from 'electron';
import { loadConfig } from '../settings/config';
import { openRuntime, type AppRuntime } from '../app/runtime';
import { createServiceDispatcher, createServices } from '../app/services';
import { ensureFirstStartData } from '../app/first-start';
import { startBackgroundWork } from '../app/background';
import { startBrowserMode } from '../server/serve';
import { CONTENT_SECURITY_POLICY } from '../server/csp';
import { mainWindowOptions } from './window-options';
import { isAllowedExternalUrl, isSameAppUrl } from './navigation';
import { registerIpc, forwardEvents } from './ipc';
import { safeStorageBackend } from './secrets';
import { serveLocalImages } from './images-protocol';

if (app.isPackaged && process.argv.some((a) => a.startsWith('--remote-debugging') || a.startsWith('--inspect'))) {
  app.exit(1);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | null = null;
  let rt: AppRuntime | null = null;
  let stopBackground: (() => Promise<void>) | null = null;
  const rendererIndex = path.join(__dirname, '../renderer/index.html');
  const appUrl = `file://${rendererIndex.split(path.sep).join('/')}`;

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isSameAppUrl(url, appUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });

  app
    .whenReady()
    .then(async () => {
      let loaded;
      try {
        loaded = loadConfig();
        rt = openRuntime({
          mode: 'electron',
          secretBackend: safeStorageBackend,
          loaded,
          dataDir: loaded.config.dataDir ?? app.getPath('userData'),
          logDir: app.getPath('logs'),
          migrationsFolder: path.join(app.getAppPath(), 'migrations'),
        });
      } catch (e) {
        dialog.showErrorBox('Aisle cannot start', (e as Error).message);
        app.exit(2);
        return;
      }
      const runtime = rt;
      ensureFirstStartData(runtime);

      session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
      session.defaultSession.setPermissionCheckHandler(() => false);
      session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
        callback({
          responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
        });
      });

      // one set of services for IPC, the bridge (when on) and background work
      const services = createServices(runtime);
      const dispatch = createServiceDispatcher(services);
      const isOwnFrame = (frame: WebFrameMain | null) =>
        !!frame && !!win && frame === win.webContents.mainFrame && isSameAppUrl(frame.url, appUrl);
      registerIpc(runtime, dispatch, isOwnFrame);
      serveLocalImages(runtime.images, path.dirname(rendererIndex));

      win = new BrowserWindow(
        mainWindowOptions(path.join(__dirname, '../preload/index.cjs'), { packaged: app.isPackaged }),
      );
      forwardEvents(runtime, win);
      win.once('ready-to-show', () => win?.show());
      await win.loadFile(rendererIndex);
      stopBackground = startBackgroundWork(services);

      // Browser mode from the desktop app only when IT turns it on.
      if (runtime.config.bridge.enabled) {
        const bridge = await startBrowserMode(runtime, { port: runtime.config.bridge.port, services });
        runtime.logger.info('browser bridge enabled by configuration', { url: bridge.url });
      }
    })
    .catch((e: unknown) => {
      // a failure after the window opened (e.g. the bridge's port) must not leave a half-started app running
      console.error('Aisle could not start:', e);
      app.quit();
    });

  app.on('window-all-closed', () => {
    // the database closes and the app quits even if a background job fails to stop
    void Promise.resolve(stopBackground?.()).finally(() => {
      rt?.close();
      app.quit();
    });
  });
}
