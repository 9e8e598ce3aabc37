/**
 * Delays by what they were about, and missed education (issue #14, points 7 and 8): the filters
 * (API query, CLI options, SQL and the search index's filter text), the figures in the statistics
 * and the per-subject columns of the exports, each compared with a computation made here from the
 * seeded records.
 */
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { filterQueryFrom } from '../cli/commands/analysis-options.js';
import type { Delay, DelayAbout, MissedEducation } from '../core/facts.js';
import type { Decision } from '../core/record.js';
import { buildFilter } from '../indexer/filter.js';
import { useSeededStore } from '../test/helpers/stub-api.js';
import { syntheticDecisions } from '../test/helpers/synthetic.js';
import { computeStats, exportStream, FilterQuery, filtersOf } from './analysis/index.js';

const ev = { section: 'Summary', text: 'x', start: 0, end: 1 };
const delay = (days: number, about: DelayAbout): Delay => ({
  days,
  about,
  text: `${days} days`,
  evidence: ev,
});
const missed = (m: Pick<MissedEducation, 'days' | 'from' | 'to'>): MissedEducation => ({
  ...m,
  text: 'missed',
  evidence: ev,
});

// Every decision i: an EHC plan delay of 7·i days when i % 3 = 0, a complaint reply 200 days late
// when i % 4 = 0 (so the longest delay of any kind mixes both), missed education stated, as dates
// only, or neither in turn.
const decisions: Decision[] = syntheticDecisions(48).map((d, i) => ({
  ...d,
  delays: [
    ...(i % 3 === 0 && i > 0 ? [delay(7 * i, 'ehc_plan')] : []),
    ...(i % 4 === 0 ? [delay(200, 'complaint_response')] : []),
    ...(i % 10 === 1 ? [delay(30, 'annual_review')] : []),
  ],
  missedEducation:
    i % 5 === 0
      ? [missed({ days: 91 * (1 + (i % 3)), from: null, to: null })]
      : i % 5 === 1
        ? [missed({ days: null, from: '2021-01', to: `2021-0${1 + (i % 7)}` })]
        : i % 5 === 2
          ? [missed({ days: null, from: '2022-03', to: null })]
          : [],
}));

// Computed here, independently of the facts columns.
const longestAbout = (d: Decision, s: DelayAbout) =>
  Math.max(0, ...d.delays.filter((x) => x.about === s).map((x) => x.days));
const monthsOf = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7));
const missedDays = (d: Decision): number | null => {
  const xs = d.missedEducation.flatMap((m) => {
    if (m.days !== null) return [m.days];
    if (m.from && m.to && monthsOf(m.to) > monthsOf(m.from))
      return [(monthsOf(m.to) - monthsOf(m.from)) * 30];
    return [];
  });
  return xs.length ? Math.max(...xs) : null;
};
const med = (xs: number[]) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const seeded = useSeededStore(decisions, 'lgsco-subjects-');

const select = (query: Record<string, string>) => filtersOf(FilterQuery.parse(query));
const refs = (query: Record<string, string>) => {
  const nd = text(exportStream(seeded.store, 'ndjson', { rows: 'decisions', filters: select(query) }));
  return nd.then((t) =>
    t
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l).ref_key as string)
      .sort(),
  );
};
const expected = (pred: (d: Decision) => boolean) =>
  decisions
    .filter(pred)
    .map((d) => d.refKey)
    .sort();

describe('delays by subject (point 7)', () => {
  it('delaySubject with minDelay/maxDelay bounds the longest delay about that subject only', async () => {
    const ehc140 = await refs({ delaySubject: 'ehc_plan', minDelay: '140' });
    expect(ehc140).toEqual(expected((d) => longestAbout(d, 'ehc_plan') >= 140));
    expect(ehc140.length).toBeGreaterThan(0);
    // minDelay alone mixes in the complaint replies: strictly more decisions.
    expect((await refs({ minDelay: '140' })).length).toBeGreaterThan(ehc140.length);
    expect(await refs({ delaySubject: 'complaint_response' })).toEqual(
      expected((d) => longestAbout(d, 'complaint_response') > 0),
    );
    expect(await refs({ delaySubject: 'ehc_plan', maxDelay: '100' })).toEqual(
      expected((d) => longestAbout(d, 'ehc_plan') > 0 && longestAbout(d, 'ehc_plan') <= 100),
    );
  });

  it('statistics: decisions and median longest delay per subject', () => {
    const t = computeStats(seeded.store, 'none', {}).total;
    for (const s of ['ehc_plan', 'complaint_response', 'annual_review', 'assessment'] as const) {
      const days = decisions.map((d) => longestAbout(d, s)).filter((x) => x > 0);
      expect(t.delaysBySubject[s]).toEqual({ withDelay: days.length, medianDelayDays: med(days) });
    }
    expect(t.delaysBySubject.ehc_plan.withDelay).toBeGreaterThan(0);
    // Under the subject filter, the subject's median is the filter's set.
    const f = computeStats(seeded.store, 'none', select({ delaySubject: 'ehc_plan', minDelay: '140' })).total;
    const big = decisions.map((d) => longestAbout(d, 'ehc_plan')).filter((x) => x >= 140);
    expect(f.decisions).toBe(big.length);
    expect(f.delaysBySubject.ehc_plan.medianDelayDays).toBe(med(big));
  });

  it('exports carry the longest delay per subject (0 when none)', async () => {
    const csv = await text(exportStream(seeded.store, 'csv', { rows: 'decisions', filters: {} }));
    const [head, ...lines] = csv.trim().split('\n');
    const cols = head!.split(',');
    const ehc = cols.indexOf('longest_delay_days_ehc_plan');
    const reply = cols.indexOf('longest_delay_days_complaint_response');
    const key = cols.indexOf('ref_key');
    expect(ehc).toBeGreaterThan(-1);
    expect(reply).toBeGreaterThan(-1);
    const byKey = new Map<string, Decision>(decisions.map((d) => [d.refKey, d]));
    expect(lines.length).toBe(decisions.length);
    for (const line of lines) {
      // The synthetic rows quote their summaries; the fields up to these columns have no commas.
      const cells = line.split(',');
      const d = byKey.get(cells[key]!)!;
      expect(Number(cells[ehc])).toBe(longestAbout(d, 'ehc_plan'));
      expect(Number(cells[reply])).toBe(longestAbout(d, 'complaint_response'));
    }
  });

  it('the index filter and the CLI option say the same', () => {
    expect(buildFilter({ delaySubject: 'ehc_plan', minDelay: 140 })).toEqual([
      'maxDelayDaysEhcPlan > 0',
      'maxDelayDaysEhcPlan >= 140',
    ]);
    expect(buildFilter({ minDelay: 140 })).toEqual(['maxDelayDays >= 140']);
    expect(() => buildFilter({ delaySubject: 'x" OR 1=1' as never })).toThrow(/delay subject/);
    expect(filterQueryFrom({ delaySubject: 'ehc_plan', minDelay: '140' })).toMatchObject({
      delaySubject: 'ehc_plan',
      minDelay: 140,
    });
    expect(() => filterQueryFrom({ delaySubject: 'ehcp' })).toThrow(
      /^--delay-subject: delaySubject must be one of/,
    );
  });
});

describe('missed education (point 8)', () => {
  it('hasMissedEducation and minMissedEducation select by the periods found and their length', async () => {
    expect(await refs({ hasMissedEducation: 'true' })).toEqual(expected((d) => d.missedEducation.length > 0));
    expect(await refs({ hasMissedEducation: 'false' })).toEqual(
      expected((d) => d.missedEducation.length === 0),
    );
    const long = await refs({ minMissedEducation: '150' });
    expect(long).toEqual(expected((d) => (missedDays(d) ?? -1) >= 150));
    expect(long.length).toBeGreaterThan(0);
    expect(buildFilter({ hasMissedEducation: true, minMissedEducation: 91 })).toEqual([
      'missedEducationCount > 0',
      'missedEducationDays >= 91',
    ]);
    expect(filterQueryFrom({ hasMissedEducation: 'true', minMissedEducation: '91' })).toMatchObject({
      hasMissedEducation: true,
      minMissedEducation: 91,
    });
  });

  it('statistics: decisions with missed education and the median of the longest length', () => {
    const t = computeStats(seeded.store, 'none', {}).total;
    expect(t.withMissedEducation).toBe(decisions.filter((d) => d.missedEducation.length > 0).length);
    const lengths = decisions.map(missedDays).filter((x): x is number => x !== null);
    expect(t.medianMissedEducationDays).toBe(med(lengths));
  });

  it('the decision CSV carries the count and the longest length (empty when none has one)', async () => {
    const csv = await text(exportStream(seeded.store, 'csv', { rows: 'decisions', filters: {} }));
    const [head, ...lines] = csv.trim().split('\n');
    const cols = head!.split(',');
    const count = cols.indexOf('missed_education_count');
    const days = cols.indexOf('longest_missed_education_days');
    const key = cols.indexOf('ref_key');
    const byKey = new Map<string, Decision>(decisions.map((d) => [d.refKey, d]));
    for (const line of lines) {
      const cells = line.split(',');
      const d = byKey.get(cells[key]!)!;
      expect(Number(cells[count])).toBe(d.missedEducation.length);
      const want = missedDays(d);
      expect(cells[days]).toBe(want === null ? '' : String(want));
    }
  });
});
