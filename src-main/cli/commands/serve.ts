/** `aisle serve [--port N]`: the app in browser mode on 127.0.0.1 (the same services as the desktop app). */
import { EXIT, flagInt, type Command } from '../command';
import { startBrowserMode } from '../../server/serve';
import { ensureFirstStartData } from '../../app/first-start';
import { startBackgroundWork } from '../../app/background';
import { stopRecommenderWork } from '../../recommender/runtime-model';

/** after a stop signal, the longest the process may take to close (the promise is 5 s) */
const CLOSE_WITHIN_MS = 4_500;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'the app in browser mode on 127.0.0.1',
  usage:
    'aisle serve [--port N] [--data-dir DIR] [--store ID]\n  Prints the URL to open; Ctrl+C or SIGTERM stops it within 5 s (running imports are rolled back). The page gets its access token from the server itself.',
  async run(ctx) {
    const port = flagInt(ctx.args, 'port', 0)!;
    // browser mode: the long-running app, so imports go to worker threads like in the desktop app
    const rt = ctx.runtime('browser');
    const seeded = ensureFirstStartData(rt);
    if (seeded)
      ctx.io.say(
        `The database was empty: loaded the demo store (${seeded.products} products, ${seeded.customers} customers).`,
      );
    const services = ctx.services();
    const bridge = await startBrowserMode(rt, { port, services });
    const stopBackground = startBackgroundWork(services);
    if (ctx.json) ctx.io.json({ url: bridge.url, port: bridge.port, dataDir: rt.dataDir, store: rt.here() });
    ctx.io.say(`Aisle is serving ${rt.here().name} at ${bridge.url}  (data: ${rt.dataDir}; Ctrl+C to stop)`);
    // SIGTERM/SIGINT: stop taking calls, then stop every piece of work that holds the event loop,
    // so the process ends by itself once runCli closes the database. The watchdog only reports and
    // exits if something was missed; it is unref'd, so it never keeps the process alive itself.
    await new Promise<void>((resolve) => {
      const stop = (signal: NodeJS.Signals) => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        process.once(signal, () => process.exit(EXIT.UNUSABLE)); // a second Ctrl+C: now
        const watchdog = setTimeout(() => {
          ctx.io.warn(
            `aisle serve: still not closed ${CLOSE_WITHIN_MS / 1000} s after ${signal}; open: ${process.getActiveResourcesInfo().join(', ')}`,
          );
          process.exit(EXIT.UNUSABLE);
        }, CLOSE_WITHIN_MS);
        watchdog.unref();
        rt.logger.info('serve: stopping', { signal });
        void (async () => {
          await bridge.close(); // no new calls; event streams end
          await stopBackground(); // running imports cancelled and rolled back, their workers ended
          await stopRecommenderWork(rt); // training worker stopped, retrain timer cleared
        })()
          .catch((e: unknown) => rt.logger.error('serve: error while stopping', { error: e }))
          .finally(resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return EXIT.OK;
  },
};
