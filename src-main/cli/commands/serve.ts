/** `aisle serve [--port N]`: the app in browser mode on 127.0.0.1 (the same services as the desktop app). */
import { EXIT, flagInt, type Command } from '../command';
import { startBrowserMode } from '../../server/serve';
import { ensureFirstStartData } from '../../app/first-start';
import { startBackgroundWork } from '../../app/background';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'the app in browser mode on 127.0.0.1',
  usage: 'aisle serve [--port N] [--data-dir DIR] [--store ID]\n  Prints the URL to open; stops on Ctrl+C. The page gets its access token from the server itself.',
  async run(ctx) {
    const port = flagInt(ctx.args, 'port', 0)!;
    // browser mode: the long-running app, so imports go to worker threads like in the desktop app
    const rt = ctx.runtime('browser');
    const seeded = ensureFirstStartData(rt);
    if (seeded) ctx.io.say(`The database was empty: loaded the demo store (${seeded.products} products, ${seeded.customers} customers).`);
    const bridge = await startBrowserMode(rt, { port });
    const stopBackground = startBackgroundWork(rt);
    if (ctx.json) ctx.io.json({ url: bridge.url, port: bridge.port, dataDir: rt.dataDir, store: rt.here() });
    ctx.io.say(`Aisle is serving ${rt.here().name} at ${bridge.url}  (data: ${rt.dataDir}; Ctrl+C to stop)`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void stopBackground().then(() => bridge.close()).then(resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return EXIT.OK;
  },
};
