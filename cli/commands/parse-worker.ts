/**
 * Parse worker thread of `lgsco parse`: receives batches of file names, answers each with their
 * outcomes in order.
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseFile } from './parse-file.js';

const { url } = workerData as { url: string | undefined };
parentPort?.on('message', ({ id, files }: { id: number; files: string[] }) => {
  parentPort?.postMessage({ id, outcomes: files.map((f) => parseFile(f, url)) });
});
