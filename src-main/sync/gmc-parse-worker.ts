/**
 * Worker-thread entry that reads a GMC feed and posts finished product groups while it reads, so
 * the importer writes them meanwhile (sync/gmc-pipeline.ts): on two cores, reading no longer adds
 * to the time the write transaction takes. It never touches the database.
 * Messages out: {type:'batch', products, variants}…, then {type:'done', …} or {type:'error', …}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseGmc } from './formats/gmc';
import type { InputLimits } from '../shared/input-limits';

const data = workerData as {
  file: string;
  encoding?: string;
  defaultCurrency: string;
  limits: InputLimits;
  batchSize: number;
};
try {
  const staged = await parseGmc(
    data.file,
    { encoding: data.encoding, defaultCurrency: data.defaultCurrency, limits: data.limits },
    {
      size: data.batchSize,
      batch: (products, variants) => parentPort!.postMessage({ type: 'batch', products, variants }),
    },
  );
  parentPort!.postMessage({
    type: 'done',
    products: [...staged.products.values()],
    variants: [...staged.variants.values()],
    rejected: staged.rejected,
    warnings: staged.warnings,
    extra: staged.extra,
    dataRows: staged.dataRows,
  });
} catch (e) {
  parentPort!.postMessage({ type: 'error', message: (e as Error).message });
}
