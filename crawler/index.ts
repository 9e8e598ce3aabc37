/**
 * crawler/: the one HTTP funnel (HttpClient), discovery of decisions by listing windows, the
 * in-process crawl runner and the re-check of archived decisions. The stages and the crawl policy
 * (which decision is fetched, how a listing failure is recorded) are exported separately for the
 * queue-based runner.
 * @module
 */
export { BrowserSession, CHROMIUM_ARGS } from './browser.js';
export {
  type CrawlOptions,
  type CrawlProgress,
  type CrawlSummary,
  DEFAULT_FROM,
  incrementalFrom,
  runCrawl,
} from './crawl.js';
export { withCrawlLock } from './crawl-lock.js';
export {
  type DateWindow,
  type DiscoveryContext,
  discoverWindow,
  fetchListingPage,
  isWindowSettled,
  type ListingFilter,
  type ListingLimits,
  listingUrl,
  monthlyWindows,
  splitWindow,
  type WindowOutcome,
} from './discovery.js';
export {
  type CrawlFilter,
  canonicalOutcome,
  categorySlugs,
  decisionCodesFor,
  selector,
  urlInCategory,
} from './filters.js';
export {
  DEFAULT_MAX_BODY_BYTES,
  type FetchKind,
  type GetOptions,
  HttpClient,
  type HttpClientOptions,
  type HttpResponse,
  type HttpStats,
  PAGE_TOO_LARGE,
  PageTooLargeError,
  parseRetryAfter,
  type Transport,
  type TransportRequest,
  type TransportResponse,
} from './http-client.js';
export { RateGate, type RequestGate, Semaphore } from './limits.js';
export { type BrowserMode, ListingBrowser } from './listing-browser.js';
export {
  type CrawlPolicy,
  crawlPolicy,
  type ListedVerdict,
  type ListingFailure,
  oldestFirst,
  recordListingFailure,
} from './policy.js';
export {
  parseAge,
  type RecheckOptions,
  type RecheckOutcome,
  type RecheckProgress,
  type RecheckSummary,
  type RecheckTally,
  recheckDecision,
  runRecheck,
  tallyRecheck,
} from './recheck.js';
export {
  type DecisionTarget,
  type FetchOutcome,
  fetchDecisionPage,
  type OffThreadParser,
  type ParseOutcome,
  type ProcessOutcome,
  parseStoredDecision,
  parseStoredDecisionAsync,
  processDecision,
  type StageContext,
} from './stages.js';
export { type WorkerParser, workerParser } from './worker-parser.js';
