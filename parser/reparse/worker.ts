/**
 * Parse worker: receives batches of ReparseJob, answers with their ReparseResult in order; a
 * ListingJob (one listing page) is answered with its ListingResult, in the same order.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { type ReparseJob, reparseOne } from './job.js';
import type { ListingJob, ListingResult } from './listing-job.js';

// The listing parser (and zod, which it validates with) is loaded with the first listing page:
// a re-parse never needs it. Answers still leave in the order the messages came.
let listingJob: Promise<typeof import('./listing-job.js')> | undefined;
let queue: Promise<void> = Promise.resolve();
let queued = 0;

async function parseListing(job: ListingJob): Promise<ListingResult> {
  try {
    listingJob ??= import('./listing-job.js');
    return (await listingJob).parseListingJob(job);
  } catch (e) {
    return {
      ok: false,
      error: `listing parser failed to load: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}

parentPort?.on('message', (message: ReparseJob[] | ListingJob) => {
  if (Array.isArray(message) && queued === 0) {
    parentPort?.postMessage(message.map(reparseOne));
    return;
  }
  queued++;
  queue = queue.then(async () => {
    const answer = Array.isArray(message) ? message.map(reparseOne) : await parseListing(message);
    queued--;
    parentPort?.postMessage(answer);
  });
});
