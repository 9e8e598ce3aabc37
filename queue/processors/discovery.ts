import { SearchShellError } from '../../core/errors.js';
import {
  type CrawlFilter,
  categorySlugs,
  crawlPolicy,
  DEFAULT_FROM,
  type DecisionTarget,
  type DiscoveryContext,
  discoverWindow,
  incrementalFrom,
  type ListingLimits,
  monthlyWindows,
  oldestFirst,
  recordListingFailure,
} from '../../crawler/index.js';
import { jobIds, QueueName } from '../names.js';
import { DiscoveryPayload, type PlanPayload, type WindowPayload } from '../payloads.js';
import type { RunBrowsers } from '../run-browser.js';
import { checkSite, guardProcessor, isLastAttempt, type SiteJobDeps, unrecoverable } from './guard.js';

export interface DiscoveryDeps extends SiteJobDeps {
  /** See DiscoveryContext.settleDays. */
  settleDays?: number;
  limits?: ListingLimits;
  /** Chromium for search shells (config.browser auto/always); without it a shell fails the window. */
  browsers?: RunBrowsers;
}

export type DiscoveryResult =
  | { kind: 'plan'; from: string; to: string; windows: number; resumed: number }
  | { kind: 'window'; status: string; pages: number; discovered: number; queued: number };

/** Fetch jobs are added in chunks: one Redis round trip each, bounded memory on a big resume. */
const ADD_CHUNK = 500;

const today = () => new Date().toISOString().slice(0, 10);

export function discoveryProcessor(deps: DiscoveryDeps) {
  return guardProcessor(QueueName.discovery, DiscoveryPayload, async (payload, job, signal) => {
    checkSite(deps.baseUrl, payload.baseUrl);
    return payload.kind === 'plan'
      ? plan(deps, payload)
      : walkWindow(deps, payload, isLastAttempt(job), signal);
  });
}

async function queueFetches(
  deps: DiscoveryDeps,
  runId: string,
  targets: readonly DecisionTarget[],
  limit: number | undefined,
): Promise<number> {
  let queued = 0;
  for (let i = 0; i < targets.length; i += ADD_CHUNK) {
    const chunk = targets.slice(i, i + ADD_CHUNK);
    const granted = await deps.stats.reserve(runId, chunk.length, limit);
    if (granted === 0) break;
    await deps.queues.fetch.addBulk(
      chunk.slice(0, granted).map((t) => ({
        name: 'fetch',
        data: { runId, refKey: t.refKey, url: t.url },
        // The same decision queued again (another window, another run) is the same job: not added twice.
        opts: { jobId: jobIds.fetch(t.refKey) },
      })),
    );
    queued += granted;
    if (granted < chunk.length) break;
  }
  return queued;
}

async function plan(deps: DiscoveryDeps, p: PlanPayload): Promise<DiscoveryResult> {
  const to = p.to ?? today();
  // The crawler's rule (newest archived decision date minus its overlap), as `lgsco crawl --since`.
  let from = p.incremental ? incrementalFrom(deps.archive, to) : (p.from ?? DEFAULT_FROM);
  if (from > to) from = to;
  const filter: CrawlFilter = { organisation: p.organisation, category: p.category, outcomes: p.outcomes };
  // As the in-process crawl tries failed pages again on its next run.
  await deps.queues.fetch.retryJobs({ state: 'failed' });
  // Resume: decisions an earlier run discovered but did not fetch go first (the crawl policy's).
  const policy = crawlPolicy(deps.archive, filter, { from, to });
  const pending: DecisionTarget[] = [];
  for (const target of policy.resumed()) {
    if (p.limit !== undefined && pending.length >= p.limit) break;
    pending.push(target);
  }
  const resumed = await queueFetches(deps, p.runId, pending, p.limit);
  const windows = monthlyWindows(from, to, {
    organisation: p.organisation,
    decisionCodes: policy.decisionCodes,
  });
  const categoryId = p.category ? categorySlugs(p.category).filter(Boolean).join('/') : undefined;
  await deps.queues.discovery.addBulk(
    windows.map((w) => ({
      name: 'window',
      data: {
        kind: 'window' as const,
        runId: p.runId,
        baseUrl: p.baseUrl,
        window: w,
        organisation: p.organisation,
        category: p.category,
        outcomes: p.outcomes,
        // An incremental run walks its windows even when complete, as the in-process one does.
        refresh: p.refresh || p.incremental || undefined,
        limit: p.limit,
      },
      opts: {
        jobId: jobIds.window(p.runId, w.key),
        // A window still waiting or running from another run is not walked twice at once.
        deduplication: { id: jobIds.windowDedup(w.key, categoryId) },
      },
    })),
  );
  await deps.stats.markPlanned(p.runId, windows.length);
  deps.log.info(
    { runId: p.runId, from, to, windows: windows.length, resumed, ...filter },
    'crawl run planned',
  );
  return { kind: 'plan', from, to, windows: windows.length, resumed };
}

async function walkWindow(
  deps: DiscoveryDeps,
  p: WindowPayload,
  lastAttempt: boolean,
  signal: AbortSignal,
): Promise<DiscoveryResult> {
  const { archive, stats } = deps;
  const queuedBefore = p.limit === undefined ? 0 : await stats.queued(p.runId);
  if (p.limit !== undefined && queuedBefore >= p.limit) {
    await stats.add(p.runId, { windowsSkipped: 1 });
    return { kind: 'window', status: 'limit', pages: 0, discovered: 0, queued: 0 };
  }
  const items: Array<DecisionTarget & { date: string }> = [];
  const seen = new Set<string>();
  let pages = 0;
  // Which listed decision is fetched: the crawl policy's (what it leaves out stays in the frontier).
  const policy = crawlPolicy(
    archive,
    { organisation: p.organisation, category: p.category, outcomes: p.outcomes },
    { from: p.window.from, to: p.window.to },
  );
  const browser = await deps.browsers?.forRun(p.runId);
  const ctx: DiscoveryContext = {
    http: deps.http,
    archive,
    baseUrl: p.baseUrl,
    log: deps.log,
    organisation: p.organisation,
    decisionCodes: policy.decisionCodes,
    browser,
    refresh: p.refresh,
    settleDays: deps.settleDays,
    limits: deps.limits,
    signal,
    shouldStop: () => signal.aborted || (p.limit !== undefined && queuedBefore + items.length >= p.limit),
    onListingPage: () => {
      pages++;
    },
    onItems: (found) => {
      for (const it of found) {
        if (seen.has(it.refKey)) continue;
        seen.add(it.refKey);
        if (policy.judge(it) !== 'fetch') continue;
        items.push({ refKey: it.refKey, url: it.url, date: it.decisionDate ?? '' });
      }
    },
  };
  let status = 'failed';
  let queued = 0;
  try {
    const out = await discoverWindow(ctx, p.window);
    status = out.status;
  } catch (e) {
    if (signal.aborted) throw e;
    if (e instanceof SearchShellError) throw unrecoverable(e);
    // The window stays incomplete and is walked again by a later run.
    if (recordListingFailure(archive, deps.log, e, p.window.key) && lastAttempt)
      await stats.add(p.runId, { windowsFailed: 1 });
    throw e;
  } finally {
    // Decisions found before a failure are real: queue them (the listing is newest first; fetch oldest first).
    if (!signal.aborted) queued = await queueFetches(deps, p.runId, oldestFirst(items), p.limit);
    await stats.add(p.runId, { listingPages: pages, discovered: seen.size });
    // The run's listing pages went through Chromium: every later window starts there.
    if (browser?.active) await stats.markBrowser(p.runId);
    deps.log.debug({ window: p.window.key, status, pages, queued }, 'listing window walked');
  }
  await stats.add(p.runId, status === 'skipped' ? { windowsSkipped: 1 } : { windows: 1 });
  return { kind: 'window', status, pages, discovered: seen.size, queued };
}
