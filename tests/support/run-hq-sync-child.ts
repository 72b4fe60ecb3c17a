/** Child process for the kill-mid-pull test: one HQ pull into a database, reporting each page it is about to fetch on stdout. */
import { openDatabase } from '../../src-main/db/open';
import { HqClient, syncHq } from '../../src-main/sync/hq';

const [dbFile, baseUrl, pageSize] = process.argv.slice(2);
const adb = openDatabase({ file: dbFile! });
await syncHq(
  adb.sqlite,
  { name: 'hq', pageSize: Number(pageSize) },
  new HqClient({ baseUrl: baseUrl!, token: 'secret-token', timeoutMs: 60_000 }),
  {
    onProgress: (p) => process.stdout.write(`${p.phase} ${p.done}\n`),
  },
);
process.stdout.write('finished\n');
