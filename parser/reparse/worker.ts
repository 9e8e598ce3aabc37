/**
 * Parse worker: receives batches of ReparseJob, answers with their ReparseResult in order; a
 * ListingJob (one listing page) is answered with its ListingResult, in the same order.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { type ListingJob, parseListingJob, type ReparseJob, reparseOne } from './job.js';

parentPort?.on('message', (message: ReparseJob[] | ListingJob) => {
  parentPort?.postMessage(Array.isArray(message) ? message.map(reparseOne) : parseListingJob(message));
});
