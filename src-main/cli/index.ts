/** Entry point of the built `aisle` binary (out/main/cli.js, started by bin/aisle.mjs). */
import { runCli } from './main';

runCli(process.argv.slice(2)).then(
  (code) => {
    // `serve` keeps the process alive by its open server; everything else exits with its code.
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`aisle: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 2;
  },
);
