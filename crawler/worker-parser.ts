/**
 * Parsing decision pages in worker threads during a crawl, for processes that also serve HTTP
 * (`lgsco serve`'s admin crawl, `lgsco demo`): decision pages go to parser/reparse's pool as
 * stored (compressed), listing pages as text, so no parse (nor decompression of a stored page)
 * runs on the thread answering requests.
 * @module
 */
import type { ListingPage } from '../parser/index.js';
import { ParsePool } from '../parser/reparse/pool.js';
import type { OffThreadParser } from './stages.js';

export interface WorkerParser {
  parse: OffThreadParser;
  /** A listing page, parsed in the worker (parseListingHtml's result; its ParseError as an Error). */
  parseListing(html: string, pageUrl: string): Promise<ListingPage>;
  /** Stops the worker threads. */
  close(): Promise<void>;
}

/** A pool of `threads` parse workers (default 1: a crawl is paced by the site, not by parsing). */
export function workerParser(threads = 1): WorkerParser {
  const pool = new ParsePool(Math.max(1, threads));
  let id = 0;
  return {
    async parse(page) {
      const [result] = await pool.run([{ id: id++, recordJson: null, ...page }]);
      if (!result) throw new Error('parse worker gave no answer');
      if (!result.ok) return { ok: false, error: result.error };
      // No stored record was given to compare with, so the record itself comes back.
      if (!('record' in result)) throw new Error('parse worker answered without the record');
      return { ok: true, record: result.record };
    },
    async parseListing(html, pageUrl) {
      const result = await pool.runListing(html, pageUrl);
      if (!result.ok) throw new Error(result.error);
      return result.page;
    },
    close: () => pool.close(),
  };
}
