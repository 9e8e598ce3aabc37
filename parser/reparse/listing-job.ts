/**
 * One listing page parsed on a parse worker thread (a crawl inside a process that serves HTTP
 * parses listings off-thread too). Its own module: the listing parser validates items with zod,
 * which a worker loads only when the first listing page comes, not for re-parsing decisions.
 * @module
 */
import { type ListingPage, parseListingHtml } from '../listing.js';

/** A listing page to parse (a crawl inside a process that serves HTTP parses listings off-thread too). */
export interface ListingJob {
  listing: true;
  html: string;
  url: string;
}

export type ListingResult = { ok: true; page: ListingPage } | { ok: false; error: string };

/** Parses one listing page; never throws (the error's message comes back instead). */
export function parseListingJob(job: ListingJob): ListingResult {
  try {
    return { ok: true, page: parseListingHtml(job.html, job.url) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
