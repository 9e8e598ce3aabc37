/**
 * Parse worker thread of `lgsco parse`: receives batches of file names, answers each with its
 * records as NDJSON bytes (encoded here, so the main thread only writes them) and the files refused.
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseFile } from './parse-file.js';
import type { BatchOutput } from './parse-pool.js';

const { url } = workerData as { url: string | undefined };
const utf8 = new TextEncoder();
parentPort?.on('message', ({ id, files }: { id: number; files: string[] }) => {
  let text = '';
  const refused: BatchOutput['refused'] = [];
  files.forEach((f, index) => {
    const outcome = parseFile(f, url);
    if (outcome.ok) text += `${outcome.json}\n`;
    else refused.push({ index, why: outcome.why });
  });
  const records = utf8.encode(text);
  // Transferred, not copied: the main thread receives the bytes without encoding or cloning them.
  parentPort?.postMessage({ id, out: { records, refused } satisfies BatchOutput }, [records.buffer]);
});
