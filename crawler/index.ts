/**
 * crawler/: the one HTTP funnel (HttpClient), discovery of decisions by listing windows, and the
 * in-process crawl runner. The stages are exported separately for a queue-based runner.
 * @module
 */
export {
  type CrawlOptions,
  type CrawlProgress,
  type CrawlSummary,
  DEFAULT_FROM,
  type DecisionTarget,
  type FetchOutcome,
  fetchDecisionPage,
  type ParseOutcome,
  parseStoredDecision,
  processDecision,
  runCrawl,
  type StageContext,
} from './crawl.js';
export { decodeBody } from './decode.js';
export {
  type DateWindow,
  type DiscoveryContext,
  discoverWindow,
  fetchListingPage,
  isWindowSettled,
  type ListingLimits,
  listingUrl,
  monthlyWindows,
  splitWindow,
  type WindowOutcome,
} from './discovery.js';
export {
  type FetchKind,
  type GetOptions,
  HttpClient,
  type HttpClientOptions,
  type HttpResponse,
  type HttpStats,
  parseRetryAfter,
} from './http-client.js';
export { RateGate, type RequestGate, Semaphore } from './limits.js';
