/**
 * Politeness under a hostile network: the replica answers 10 % 5xx, 5 % 429 with Retry-After,
 * 2 % never, 1 % with a truncated body, all with random latency. The crawl must still archive
 * every decision exactly once, never crash, and wait as long as each 429 asked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CrawlSummary, RateGate } from '../../crawler/index.js';
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
  // The client side of each pause: when the crawler learned of a 429 (it pauses its gate at once)
  // and when each request was let start. performance.now for the gate's own clock, Date.now to
  // compare with the replica's log.
  const pauses: { at: number; wall: number; ms: number }[] = [];
  const starts: number[] = [];

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
    const gate = RateGate.perSecond(200);
    const take = gate.take.bind(gate);
    gate.take = async (signal?: AbortSignal) => {
      await take(signal);
      starts.push(performance.now());
    };
    const pauseFor = gate.pauseFor.bind(gate);
    gate.pauseFor = (ms: number) => {
      pauses.push({ at: performance.now(), wall: Date.now(), ms });
      pauseFor(ms);
    };
    s = await t.crawl({ from: FROM, httpOptions: { backoffBaseMs: 20, backoffCapMs: 200, gate } });
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
    // Where the pause is kept: once the crawler has a 429 in hand, no request starts until the
    // Retry-After has passed (2 ms for timer rounding).
    expect(pauses.length).toBeGreaterThan(3);
    for (const p of pauses) {
      expect(p.ms).toBe(RETRY_AFTER_S * 1000);
      const inside = starts.filter((t0) => t0 >= p.at && t0 < p.at + p.ms - 2);
      expect(inside, `starts inside the pause from ${p.at.toFixed(1)} ms`).toEqual([]);
    }
    // And what the replica saw. The crawler learns of a 429 a moment after the replica sent it
    // (later still when the shared event loop stalls), and requests it started before then are
    // already on their way; the replica stamps their arrival when its loop gets to them, which a
    // stall can push well into the pause (CI: one 38 ms after the 429). So the replica-side check
    // counts rather than times: until the pause ends, the replica sees no more requests than were
    // in flight when it sent the 429 (at most concurrency − 1 = 3 besides the throttled one) plus
    // those the gate let start before the crawler learned of it. A crawler that ignored
    // Retry-After would send dozens in that second.
    const log = [...t.replica.requestLog].sort((a, b) => a.at - b.at);
    const wallOf = (perf: number) => perf + (pauses[0]!.wall - pauses[0]!.at);
    let checked = 0;
    for (const r of log.filter((q) => q.status === 429)) {
      const learned = pauses.find((p) => p.wall >= r.sentAt)?.wall;
      expect(learned, `a pause after the 429 sent at ${r.sentAt}`).toBeDefined();
      const arrived = log.filter((q) => q.at > r.sentAt && q.at < r.sentAt + RETRY_AFTER_S * 1000 - 5);
      const startedBefore = starts.filter((t0) => wallOf(t0) >= r.sentAt - 2 && wallOf(t0) <= learned! + 2);
      expect(
        arrived.length,
        `requests reaching the replica inside the pause after the 429 sent at ${r.sentAt}`,
      ).toBeLessThanOrEqual(3 + startedBefore.length);
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
