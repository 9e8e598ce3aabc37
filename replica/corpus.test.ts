import { describe, expect, it } from 'vitest';
import { PrintedRef, RefKey } from '../core/ref.js';
import { slugify } from '../core/source-profile.js';
import { generateCorpus, ReplicaDecision, renderDecisionPage } from './index.js';

/** LGSCO-SOURCE.md §2: every category and subcategory slug the replica must publish. */
const EXPECTED_SLUGS = [
  'adult-care-services/assessment-and-care-plan',
  'adult-care-services/charging',
  'adult-care-services/direct-payments',
  'adult-care-services/disabled-facilities-grants',
  'adult-care-services/domiciliary-care',
  'adult-care-services/residential-care',
  'adult-care-services/safeguarding',
  'benefits-and-tax/council-tax',
  'benefits-and-tax/covid-19',
  'benefits-and-tax/housing-benefit-and-council-tax-benefit',
  'children-s-care-services/friends-and-family-carers',
  'education/special-educational-needs',
  'education/alternative-provision',
  'education/school-admissions',
  'environment-and-regulation/noise',
  'environment-and-regulation/refuse-and-recycling',
  'transport-and-highways/parking-and-other-penalties',
  'housing/allocations',
  'housing/homelessness',
  'planning/planning-applications',
  'planning/enforcement',
  'health/other',
  'other-categories/councillor-conduct-and-standards',
];

const corpus2k = generateCorpus({ seed: 42, count: 2000 });
const corpus20k = generateCorpus({ seed: 7, count: 20_000 });

describe('generateCorpus determinism', () => {
  it('gives identical metadata and page bytes for the same seed and count', () => {
    const again = generateCorpus({ seed: 42, count: 2000 });
    expect(again.decisions).toEqual(corpus2k.decisions);
    for (const i of [0, 1, 17, 999, 1999]) {
      expect(renderDecisionPage(again.full(i))).toBe(renderDecisionPage(corpus2k.full(i)));
      expect(again.full(i)).toEqual(corpus2k.full(i));
    }
  });

  it('gives a different corpus for a different seed', () => {
    const other = generateCorpus({ seed: 43, count: 2000 });
    const same = other.decisions.filter((d, i) => d.refKey === corpus2k.decisions[i]?.refKey).length;
    expect(same).toBeLessThan(20);
    expect(renderDecisionPage(other.full(5))).not.toBe(renderDecisionPage(corpus2k.full(5)));
  });

  it('rejects a negative or fractional count', () => {
    expect(() => generateCorpus({ seed: 1, count: -1 })).toThrow(/count/);
    expect(() => generateCorpus({ seed: 1, count: 2.5 })).toThrow(/count/);
  });
});

describe('corpus shape', () => {
  it('has at least 60 organisations for 2,000 decisions, heavily skewed', () => {
    const counts = new Map<string, number>();
    for (const d of corpus2k.decisions) counts.set(d.organisation, (counts.get(d.organisation) ?? 0) + 1);
    expect(counts.size).toBeGreaterThanOrEqual(60);
    const sorted = [...counts.values()].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] as number;
    const top = sorted[sorted.length - 1] as number;
    expect(top).toBeGreaterThanOrEqual(5 * median);
    expect(sorted[0]).toBeLessThanOrEqual(3);
  });

  it('publishes every category and subcategory of the source notes, with slugify slugs', () => {
    const seen = new Set(corpus2k.decisions.map((d) => `${d.catSlug}/${d.subSlug}`));
    for (const slug of EXPECTED_SLUGS) expect(seen, slug).toContain(slug);
    for (const d of corpus2k.decisions) {
      expect(d.catSlug).toBe(slugify(d.category));
      expect(d.subSlug).toBe(slugify(d.subcategory));
      expect(d.path).toBe(`/decisions/${d.catSlug}/${d.subSlug}/${d.refKey}`);
    }
    expect(corpus2k.decisions.find((d) => d.catSlug === 'children-s-care-services')?.category).toBe(
      "Children's care services",
    );
  });

  it('keeps dates in 2016-01-01..2026-10-31, sorted, with more decisions in later years', () => {
    const years = new Map<number, number>();
    let prev = '';
    for (const d of corpus20k.decisions) {
      expect(d.decisionDate >= '2016-01-01' && d.decisionDate <= '2026-10-31').toBe(true);
      expect(d.decisionDate >= prev).toBe(true);
      prev = d.decisionDate;
      const y = Number(d.decisionDate.slice(0, 4));
      years.set(y, (years.get(y) ?? 0) + 1);
    }
    expect(years.get(2016)).toBeGreaterThan(800);
    expect(years.get(2025) as number).toBeGreaterThan(1.4 * (years.get(2016) as number));
    // COVID-19 complaints only from April 2020.
    for (const d of corpus20k.decisions.filter((x) => x.subSlug === 'covid-19')) {
      expect(d.decisionDate >= '2020-04-01').toBe(true);
    }
  });

  it('gives unique, well-formed references from the decision year or up to two years before', () => {
    const keys = new Set<string>();
    let joint = 0;
    for (const d of corpus20k.decisions) {
      expect(keys.has(d.refKey)).toBe(false);
      keys.add(d.refKey);
      expect(PrintedRef.safeParse(d.ref).success).toBe(true);
      expect(RefKey.safeParse(d.refKey).success).toBe(true);
      expect(d.ref.replace(/ /g, '-')).toBe(d.refKey);
      const lag = (Number(d.decisionDate.slice(2, 4)) - Number(d.ref.slice(0, 2)) + 100) % 100;
      expect(lag).toBeLessThanOrEqual(2);
      if (/[a-z]$/.test(d.refKey)) {
        joint++;
        expect(d.jointWith).not.toBeNull();
        const partner = corpus20k.decisions[corpus20k.indexOf(d.jointWith as string) as number];
        expect(partner?.refKey.slice(0, -1)).toBe(d.refKey.slice(0, -1));
        expect(partner?.decisionDate).toBe(d.decisionDate);
      }
    }
    expect(joint / corpus20k.count).toBeGreaterThan(0.01);
    expect(joint / corpus20k.count).toBeLessThan(0.035);
  });

  it('has realistic outcome shares consistent with the findings', () => {
    const n = corpus20k.count;
    const share = (o: string) => corpus20k.decisions.filter((d) => d.outcome === o).length / n;
    expect(share('Closed after initial enquiries')).toBeGreaterThan(0.39);
    expect(share('Closed after initial enquiries')).toBeLessThan(0.51);
    expect(share('Upheld')).toBeGreaterThan(0.3);
    expect(share('Upheld')).toBeLessThan(0.41);
    expect(share('Not upheld')).toBeGreaterThan(0.15);
    expect(share('Not upheld')).toBeLessThan(0.25);
    for (const d of corpus20k.decisions) {
      if (d.finding === 'fault_injustice' || d.finding === 'fault_no_injustice')
        expect(d.outcome).toBe('Upheld');
      if (d.finding === 'no_fault') expect(d.outcome).toBe('Not upheld');
      if (d.finding === 'not_investigated') {
        expect(d.notInvestigatedReason).not.toBeNull();
        if (d.outcome === 'Upheld') expect(d.notInvestigatedReason).toBe('already_remedied');
        if (d.outcome === 'Not upheld') expect(d.notInvestigatedReason).toBe('other');
      } else expect(d.notInvestigatedReason).toBeNull();
    }
  });

  it('puts each kind of organisation only where it fits', () => {
    for (const d of corpus20k.decisions) {
      if (/School|Academy|College/.test(d.organisation)) expect(d.subSlug).toBe('school-admissions');
      if (/NHS/.test(d.organisation)) expect(d.path).toContain('/health/other/');
      if (/Limited|Ltd/.test(d.organisation)) expect(d.catSlug).toBe('adult-care-services');
    }
    const names = new Set(corpus20k.decisions.map((d) => d.organisation));
    expect([...names].some((n) => n.includes('&'))).toBe(true);
    expect([...names].some((n) => n.includes("'"))).toBe(true);
    expect([...names].some((n) => n.includes(','))).toBe(true);
    expect([...names].some((n) => n.includes('.'))).toBe(true);
  });

  it('renders 2016-era reports for about 5% of 2016–2017 decisions only', () => {
    const early = corpus20k.decisions.filter((d) => d.decisionDate < '2018-01-01');
    const reports = corpus20k.decisions.filter((d) => d.kind === 'report');
    expect(reports.every((d) => d.decisionDate < '2018-01-01')).toBe(true);
    expect(reports.length / early.length).toBeGreaterThan(0.03);
    expect(reports.length / early.length).toBeLessThan(0.07);
    const r = corpus20k.full((reports[0] as { index: number }).index);
    expect(r.sections.map((s) => s.heading)).toEqual(['Summary', 'Finding', 'Recommendations']);
    expect(r.satisfiedDate).not.toBeNull();
  });
});

describe('full records (truth)', () => {
  const sample = Array.from({ length: 1500 }, (_, k) => corpus20k.full(k * 13));

  it('validate against the ReplicaDecision schema and match their metadata', () => {
    for (const d of sample) {
      expect(ReplicaDecision.safeParse(d).success).toBe(true);
      expect(d.url).toBe(`https://www.lgo.org.uk${d.path}`);
    }
  });

  it('sum agreed, recommended and already paid amounts, and offers found enough, into remedyTotal', () => {
    let offers = 0;
    for (const d of sample) {
      offers += d.payments.filter((p) => p.status === 'offered' && p.countedInTotal).length;
      const sum = d.payments
        .filter((p) => ['agreed', 'recommended', 'already_paid'].includes(p.status) || p.countedInTotal)
        .reduce((s, p) => s + (p.amount ?? 0), 0);
      expect(d.remedyTotal).toBeCloseTo(sum, 2);
    }
    expect(offers).toBeGreaterThan(0);
  });

  it('print every payment, delay and service improvement in the page text', () => {
    for (const d of sample) {
      const text = [d.summary, ...d.sections.map((s) => s.text)].join('\n');
      for (const p of d.payments) if (p.phrase) expect(text).toContain(p.phrase);
      for (const x of d.delays) expect(text).toContain(x.phrase);
      for (const s of d.serviceImprovements) expect(text).toContain(s);
      if (d.apology) expect(text).toMatch(/apologi[sz]/);
    }
  });

  it('writes payments with and without commas, with pence and in words, and delays in words', () => {
    const phrases = sample.flatMap((d) => d.payments.map((p) => p.phrase));
    expect(phrases.some((p) => /^£\d{1,3}(,\d{3})+$/.test(p))).toBe(true);
    expect(phrases.some((p) => /^£\d{4,}$/.test(p))).toBe(true);
    expect(phrases.some((p) => /\.\d\d$/.test(p))).toBe(true);
    expect(phrases.some((p) => / pounds$/.test(p))).toBe(true);
    const delays = sample.flatMap((d) => d.delays);
    expect(delays.some((x) => /^[a-z]/.test(x.phrase))).toBe(true);
    expect(delays.some((x) => /^\d/.test(x.phrase))).toBe(true);
    for (const x of delays) {
      const unit = { day: 1, week: 7, month: 30, term: 91, year: 365 }[
        x.phrase.split(' ')[1]?.replace(/s$/, '') as 'day'
      ];
      expect(unit).toBeDefined();
    }
  });

  it('uses the short assessment layout for closed complaints', () => {
    const closed = sample.find((d) => d.finding === 'not_investigated' && d.kind === 'statement');
    const headings = closed?.sections.map((s) => s.heading.replace('’', "'")) ?? [];
    expect(["The Ombudsman's final decision", "The Ombudsmen's final decision", '']).toContain(headings[0]);
    expect(headings).toContain('My assessment');
    expect(headings).not.toContain('What I found');
    expect(headings[headings.length - 1]).toBe('Final decision');
  });

  it('changes wording but not facts on a new revision', () => {
    const c = generateCorpus({ seed: 9, count: 300 });
    const i = c.decisions.findIndex((d) => d.finding === 'fault_injustice');
    const before = c.full(i);
    expect(c.bumpRevision(i)).toBe(1);
    const after = c.full(i);
    expect(after.revision).toBe(1);
    expect(renderDecisionPage(after)).not.toBe(renderDecisionPage(before));
    // An offer found enough is the same fact whether this wording reports it as the body's offer
    // or goes on to say the body agreed to pay it.
    const fact = (p: (typeof before.payments)[number]) => [
      p.amount,
      p.status === 'offered' && p.countedInTotal ? 'agreed' : p.status,
      p.purpose,
    ];
    expect(after.payments.map(fact)).toEqual(before.payments.map(fact));
    expect(after.apology).toBe(before.apology);
    expect(after.delays.map((x) => x.days)).toEqual(before.delays.map((x) => x.days));
  });
});

describe('missed education (truth)', () => {
  const all = Array.from({ length: 6000 }, (_, k) => corpus20k.full(k * 3));
  const education = new Set(['Special educational needs', 'Alternative provision', 'School admissions']);
  const withMissed = all.filter((d) => d.missedEducation.length > 0);
  const textOf = (d: (typeof all)[number]) => [d.summary, ...d.sections.map((s) => s.text)].join('\n');

  it('is stated in a realistic share of education decisions and nowhere else', () => {
    const edu = all.filter((d) => education.has(d.subcategory));
    const eduWith = withMissed.filter((d) => education.has(d.subcategory));
    expect(eduWith).toHaveLength(withMissed.length);
    expect(eduWith.length / edu.length).toBeGreaterThan(0.12);
    expect(eduWith.length / edu.length).toBeLessThan(0.45);
    const ap = edu.filter(
      (d) => d.subcategory === 'Alternative provision' && d.finding === 'fault_injustice',
    );
    expect(ap.filter((d) => d.missedEducation.length > 0).length / ap.length).toBeGreaterThan(0.7);
  });

  it('normalises lengths like core/facts.ts and dates to yyyy-mm, each period with its phrase in the text', () => {
    const kinds = new Set<string>();
    for (const d of withMissed) {
      const text = textOf(d);
      for (const m of d.missedEducation) {
        expect(text).toContain(m.phrase);
        kinds.add(`${m.from !== null}|${m.to !== null}|${m.days !== null}`);
        if (m.days !== null) {
          const [count, unit] = m.phrase.replace(/^(?:a|an|one)\s+(?:whole\s+|full\s+)?/, '1 ').split(' ');
          const n = /^\d+$/.test(count as string) ? Number(count) : null;
          const per = { week: 7, month: 30, term: 91, year: 365 }[
            (unit as string).replace(/s$/, '') as 'week'
          ];
          if (n !== null && per !== undefined) expect(m.days).toBe(n * per);
        }
        if (m.from && m.to) expect(m.from <= m.to).toBe(true);
        if (m.to) expect(m.to <= d.decisionDate.slice(0, 7)).toBe(true);
      }
    }
    // Dates and a length, dates only, the length only, and a period still going on ("since …").
    expect([...kinds].sort()).toEqual([
      'false|false|true',
      'true|false|false',
      'true|true|false',
      'true|true|true',
    ]);
  });

  it('writes the periods in varied phrasing: months, full dates, terms, weeks, section F, no school place', () => {
    const text = withMissed.map(textOf).join('\n');
    for (const re of [
      /did not receive any education between/,
      /without suitable full-time education for/,
      /missed (?:a|one) (?:whole |full )?term/,
      /section F of \w+['’]s Plan was not delivered between/,
      /without a school place since [A-Z][a-z]+ \d{4}/,
      /between \d{1,2} [A-Z][a-z]+ \d{4} and \d{1,2} [A-Z][a-z]+ \d{4}/,
      /between [A-Z][a-z]+ and [A-Z][a-z]+ \d{4}/,
      /\b\d+ weeks\b/,
      /\b(?:\d+|two|three|four|five) terms\b/,
    ])
      expect(text).toMatch(re);
  });

  it('agrees with the education-provision delay and the per-period payment for lost education', () => {
    let delays = 0;
    for (const d of withMissed) {
      const delay = d.delays.find((x) => x.about === 'education_provision');
      if (delay) {
        delays++;
        expect(d.missedEducation.map((m) => m.days)).toContain(delay.days);
      }
    }
    expect(delays).toBeGreaterThan(10);
    for (const d of all.filter((x) => x.delays.some((y) => y.about === 'education_provision')))
      expect(d.missedEducation.length).toBeGreaterThan(0);
  });

  it('keeps the periods on a new revision (wording moves, facts do not)', () => {
    const c = generateCorpus({ seed: 9, count: 3000 });
    const picked = c.decisions.filter((m) => c.full(m.index).missedEducation.length > 0).slice(0, 25);
    expect(picked.length).toBe(25);
    for (const m of picked) {
      const before = c.full(m.index);
      c.bumpRevision(m.index);
      const after = c.full(m.index);
      expect(textOf(after)).not.toBe(textOf(before));
      const fields = (d: typeof before) =>
        d.missedEducation.map(({ from, to, days }) => ({ from, to, days }));
      expect(fields(after)).toEqual(fields(before));
    }
  });
});
