/**
 * Parse worker: receives batches of ReparseJob, answers with their ReparseResult in order.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { type ReparseJob, reparseOne } from './job.js';

parentPort?.on('message', (jobs: ReparseJob[]) => {
  parentPort?.postMessage(jobs.map(reparseOne));
});
