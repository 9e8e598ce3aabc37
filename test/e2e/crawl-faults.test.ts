/**
 * Politeness under a hostile network: the replica answers 10 % 5xx, 5 % 429 with Retry-After,
 * 2 % never, 1 % with a truncated body, all with random latency. The crawl must still archive
 * every decision exactly once, never crash, and wait as long as each 429 asked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrawlSummary } from '../../crawler/index.js';
import {
  CRAWLER_UA,
  decisionFetchCounts,
  type ReplicaCrawl,
  replicaCrawl,
} from '../helpers/replica-crawl.js';

const FROM = '2023-01-01';
const RETRY_AFTER_S = 1;

describe('crawl against a faulty replica', () => {
  let t: ReplicaCrawl;
  let s: CrawlSummary;
  let inRange: string[];

  beforeAll(async () => {
    t = await replicaCrawl(
      {
        seed: 21,
        decisions: 300,
        faults: {
          errorRate: 0.1,
          throttleRate: 0.05,
          retryAfterSeconds: RETRY_AFTER_S,
          hangRate: 0.02,
          truncateRate: 0.01,
          latencyMs: [0, 40],
        },
      },
      { rate: 200, concurrency: 4, timeoutMs: 1500, maxTries: 8 },
    );
    inRange = t.replica.corpus.decisions.filter((d) => d.decisionDate >= FROM).map((d) => d.refKey);
    s = await t.crawl({ from: FROM });
  }, 90_000);

  afterAll(() => t?.close());

  it('archives every decision in range exactly once, with no failure', () => {
    expect(s).toMatchObject({ fetched: inRange.length, failed: 0, quarantined: 0, pending: 0 });
    expect([...t.archive.iterateDecisions()].map((d) => d.refKey).sort()).toEqual([...inRange].sort());
    // A page may be answered 200 and then cut short (truncated): count stored pages, not responses.
    expect(t.archive.counts().decisions).toBe(inRange.length);
    const stored = inRange.map((k) => t.archive.storedDecisionPage(k));
    expect(stored.every((p) => p !== undefined)).toBe(true);
    const completeAnswers = decisionFetchCounts(t.replica);
    expect(inRange.every((k) => (completeAnswers.get(k) ?? 0) >= 1)).toBe(true);
    console.log(
      `faulty replica: ${t.replica.requestLog.length} requests in ${s.durationMs} ms; ` +
        `statuses ${JSON.stringify(countBy(t.replica.requestLog.map((r) => r.status)))}; ` +
        `retried ${s.http.retried}, throttled ${s.http.throttled}`,
    );
  });

  it('met every kind of fault it was sent', () => {
    const statuses = new Set(t.replica.requestLog.map((r) => r.status));
    for (const code of [0, 429, 200]) expect(statuses.has(code), `status ${code}`).toBe(true);
    expect([500, 502, 503].some((c) => statuses.has(c))).toBe(true);
    expect(s.http.throttled).toBeGreaterThan(0);
    expect(t.replica.requestLog.every((r) => r.userAgent === CRAWLER_UA)).toBe(true);
  });

  it('sends nothing for Retry-After seconds after each 429 (bar requests already on the wire)', () => {
    const log = [...t.replica.requestLog].sort((a, b) => a.at - b.at);
    // The crawler learns of a 429 a moment after the replica sent it; requests it started in that
    // moment are already on their way. Anything arriving later must wait out the pause.
    const onTheWireMs = 25;
    let checked = 0;
    for (const r of log.filter((q) => q.status === 429)) {
      const early = log.filter(
        (q) => q.at > r.sentAt + onTheWireMs && q.at < r.sentAt + RETRY_AFTER_S * 1000 - 5,
      );
      expect(early, `requests inside the pause after the 429 sent at ${r.sentAt}`).toEqual([]);
      const inFlight = log.filter((q) => q.at > r.sentAt && q.at <= r.sentAt + onTheWireMs);
      expect(inFlight.length).toBeLessThanOrEqual(4);
      checked++;
    }
    expect(checked).toBeGreaterThan(3);
  });
});

function countBy(xs: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}
