/**
 * Synthetic but realistic decisions for the indexer tests (deterministic).
 * @module
 */
import type { Decision } from '../../core/record.js';
import { parseRef } from '../../core/ref.js';

export const ORGANISATIONS = [
  'London Borough of Southwark',
  'Derby City Council',
  'Kent County Council',
  'Leeds City Council',
  'Sunrise Care Homes Ltd',
  // A real-world-shaped name with characters that matter to filter syntax.
  'Smith "Care" Ltd (Home \\ Services) OR organisation EXISTS',
] as const;

const CATEGORIES: Array<[string, string | null]> = [
  ['Housing', 'Homelessness'],
  ['Education', 'Special educational needs'],
  ['Adult care services', 'Charging'],
  ['Planning', 'Planning applications'],
  ['Environmental services & public protection & regulation', null],
];

const OUTCOMES = ['Upheld', 'Not upheld', 'Closed after initial enquiries'] as const;

const TOPICS = [
  'delay in assessing a homelessness application',
  'failure to provide the education set out in an EHC plan',
  'charging for residential care without a financial assessment',
  'handling of a neighbouring planning application',
  'missed bin collections over several months',
];

const ev = (text: string) => ({ section: 'Summary', text, start: 0, end: text.length });

/**
 * Facts for decision i: every third upheld decision (outcome i % 3 = 0) carries one agreed payment
 * of 100 × (i % 7 + 1) pounds; i % 5 = 0 has a delay of i days; finding follows the outcome.
 */
export function syntheticFacts(
  i: number,
): Pick<
  Decision,
  | 'finding'
  | 'notInvestigatedReason'
  | 'payments'
  | 'remedyTotal'
  | 'apology'
  | 'serviceImprovements'
  | 'deadlineDays'
  | 'delays'
  | 'missedEducation'
> {
  const outcome = i % 3;
  const paid = outcome === 0 && i % 2 === 0;
  const amount = 100 * ((i % 7) + 1);
  return {
    finding: outcome === 0 ? 'fault_injustice' : outcome === 1 ? 'no_fault' : 'not_investigated',
    notInvestigatedReason: outcome === 2 ? 'other' : null,
    payments: paid
      ? [
          {
            amount,
            status: 'agreed',
            purpose: 'distress',
            recipient: 'Mr X',
            evidence: ev(`pay Mr X £${amount}`),
          },
        ]
      : [],
    remedyTotal: paid ? amount : 0,
    apology: outcome === 0,
    serviceImprovements: [],
    deadlineDays: paid ? 30 : null,
    delays:
      i % 5 === 0 && i > 0
        ? [{ days: i, about: 'ehc_plan', text: `${i} days`, evidence: ev(`a delay of ${i} days`) }]
        : [],
    missedEducation: [],
  };
}

/** `count` decisions; organisation i % 6, outcome i % 3, dates spread over 2019–2024. */
export function syntheticDecisions(count = 200): Decision[] {
  const out: Decision[] = [];
  for (let i = 0; i < count; i++) {
    const year = 2019 + (i % 6);
    const month = 1 + ((i * 7) % 12);
    const day = 1 + ((i * 11) % 28);
    const { ref, key } = parseRef(
      `${String(year % 100).padStart(2, '0')} ${String(100 + i).padStart(3, '0')} ${String(200 + ((i * 37) % 800)).padStart(3, '0')}`,
    );
    const [category, subcategory] = CATEGORIES[i % CATEGORIES.length]!;
    const organisation = ORGANISATIONS[i % ORGANISATIONS.length]!;
    const topic = TOPICS[i % TOPICS.length]!;
    out.push({
      ref,
      refKey: key,
      url: `https://www.lgo.org.uk/decisions/${category.toLowerCase().replace(/[^a-z]+/g, '-')}/${key}`,
      organisation,
      category,
      subcategory,
      outcome: OUTCOMES[i % OUTCOMES.length]!,
      decisionDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      kind: i % 17 === 0 ? 'report' : 'statement',
      summary: `Mr X complained about the Council's ${topic}. Case ${i}.`,
      sections: [
        { heading: 'The complaint', text: `Mr X complains about the ${topic}. This caused him distress.` },
        { heading: 'What I found', text: `The Council was at fault. Reference number ${i}.` },
        { heading: 'Final decision', text: 'I have completed my investigation.' },
      ],
      parserVersion: 'test-1',
      parseWarnings: [],
      headerComplete: true,
      findingRules: [],
      findingConflict: null,
      findingPoints: [],
      ...syntheticFacts(i),
    });
  }
  return out;
}
