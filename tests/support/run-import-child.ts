/** Child process for the kill-mid-import test: runs one import against a database and reports phases on stdout. */
import { openDatabase } from '../../src-main/db/open';
import { runImport } from '../../src-main/sync/import';
import type { ImportFormat } from '../../src-main/sync/formats/detect';

const [dbFile, format, file] = process.argv.slice(2);
const adb = openDatabase({ file: dbFile! });
await runImport(adb.sqlite, {
  format: format as ImportFormat,
  file: file!,
  yieldEvery: 500,
  onProgress: (p) => process.stdout.write(`${p.phase} ${p.done}\n`),
});
process.stdout.write('finished\n');
