/**
 * The median EHC plan delay per year and per quarter (issue #14, the campaign group's question):
 * /api/stats grouped by year or quarter gives each group its own `delaysBySubject.ehc_plan`, over
 * that group's decisions only (and only the page's narrowing), as the organisation page's tables
 * show it. Expected figures are computed here from the seeded records, not from the facts table.
 */
import { describe, expect, it } from 'vitest';
import type { Delay, DelayAbout } from '../../core/facts.js';
import type { Decision } from '../../core/record.js';
import { useSeededStore } from '../../test/helpers/stub-api.js';
import { syntheticDecisions } from '../../test/helpers/synthetic.js';
import { computeStats, FilterQuery, filtersOf } from './index.js';

const ev = { section: 'Summary', text: 'x', start: 0, end: 1 };
const delay = (days: number, about: DelayAbout): Delay => ({
  days,
  about,
  text: `${days} days`,
  evidence: ev,
});

// Decision i: two EHC plan delays (the longer counts) when i % 3 ≠ 1, and a complaint reply far
// later than any EHC plan delay when i % 4 = 0, so the longest delay of any kind is not the EHC one.
const decisions: Decision[] = syntheticDecisions(144).map((d, i) => ({
  ...d,
  delays: [
    ...(i % 3 !== 1 ? [delay(7 * (i % 50) + 1, 'ehc_plan'), delay(3, 'ehc_plan')] : []),
    ...(i % 4 === 0 ? [delay(900, 'complaint_response')] : []),
  ],
}));

const longestEhc = (d: Decision) =>
  Math.max(0, ...d.delays.filter((x) => x.about === 'ehc_plan').map((x) => x.days));
const med = (xs: number[]) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const quarterOf = (date: string) => `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;

/** Per period key, the EHC plan figures of the decisions `keep` selects. */
function expected(keep: (d: Decision) => boolean, key: (date: string) => string) {
  const groups = new Map<string, number[]>();
  for (const d of decisions.filter(keep)) {
    const k = key(d.decisionDate!);
    const days = groups.get(k) ?? groups.set(k, []).get(k)!;
    if (longestEhc(d) > 0) days.push(longestEhc(d));
  }
  return new Map([...groups].map(([k, days]) => [k, { withDelay: days.length, medianDelayDays: med(days) }]));
}

const seeded = useSeededStore(decisions, 'lgsco-ehc-groups-');
const select = (query: Record<string, string>) => filtersOf(FilterQuery.parse(query));

describe('median EHC plan delay per year and per quarter', () => {
  const organisation = decisions[0]!.organisation;
  const subcategory = decisions.find((d) => d.organisation === organisation && d.subcategory)!.subcategory!;
  const cases: { what: string; query: Record<string, string>; keep: (d: Decision) => boolean }[] = [
    {
      what: 'one organisation',
      query: { organisation },
      keep: (d: Decision) => d.organisation === organisation,
    },
    {
      what: 'one organisation, one subcategory',
      query: { organisation, subcategory },
      keep: (d: Decision) => d.organisation === organisation && d.subcategory === subcategory,
    },
  ];
  for (const c of cases)
    for (const [groupBy, key] of [
      ['year', (date: string) => date.slice(0, 4)],
      ['quarter', quarterOf],
    ] as const)
      it(`${c.what}, per ${groupBy}: each group's own EHC plan figures`, () => {
        const want = expected(c.keep, key);
        const got = computeStats(seeded.store, groupBy, select(c.query)).groups;
        expect(new Map(got.map((g) => [String(g.key), g.delaysBySubject.ehc_plan]))).toEqual(want);
        // Not a copy of the any-kind figure: some group's longest delay of any kind differs.
        expect(got.some((g) => g.medianDelayDays !== g.delaysBySubject.ehc_plan.medianDelayDays)).toBe(true);
        // Some group's median is of two or more delays.
        expect([...want.values()].some((w) => w.withDelay >= 2)).toBe(true);
      });
});
