/**
 * Chooses the structured facts of one decision (people, payments, apology, improvements, delays)
 * before any text is written. Facts depend only on (seed, index), never on the revision, so a
 * changed decision keeps its facts and only its wording moves.
 * @module
 */
import type { DecisionMeta } from './corpus.js';
import type { Rng } from './prng.js';
import type { Topic } from './topics.js';
import type { DelayAbout, PaymentPurpose, PaymentStatus } from './truth-schema.js';

export interface Person {
  name: string;
  sub: string;
  obj: string;
  pos: string;
  self: string;
  plural: boolean;
}

export interface Dependent {
  /** "her son", "his mother" */
  label: string;
  /** Letter for children ("Y"); empty for adults, who are named by relation. */
  letter: string;
  pro: string;
  obj: string;
  pos: string;
}

export interface PaymentFact {
  amount: number | null;
  status: PaymentStatus;
  purpose: PaymentPurpose;
  /** Paid to the complainant or, for some refunds, the person cared for. */
  toDependent: boolean;
  /** loss_of_education sums built as rate × count (per month or per school term). */
  monthly?: { rate: number; months: number; unit?: 'month' | 'term' };
  /**
   * How the text states it. `offer_adequate`: an offer the Ombudsman found a suitable remedy (agreed);
   * `lump`: a sum now, with `open_monthly` (the next payment) a further sum each month while a
   * situation lasts, counted once (what is certain to be paid).
   */
  form?: 'offer_adequate' | 'lump' | 'open_monthly';
  /** Status `other` only: what the sum is (a claim, a disputed charge, a guidance range, a waived charge). */
  otherKind?: 'claim' | 'disputed' | 'guidance' | 'waived';
  /** Guidance ranges: the upper end (amount is the lower end). */
  hi?: number;
}

export interface DelayFact {
  about: DelayAbout;
  unit: 'day' | 'week' | 'month' | 'term' | 'year';
  count: number;
}

export interface Facts {
  person: Person;
  dependent: Dependent;
  payments: PaymentFact[];
  apology: boolean;
  /** Topic improvement templates (filled by compose). */
  improvements: string[];
  delays: DelayFact[];
  /** Index into topic.faults / topic.noFault used throughout the text. */
  faultIndex: number;
  /** Days after the decision date that a 2016 report's compliance was accepted. */
  satisfiedAfterDays: number;
}

const LETTERS: readonly (readonly [string, number])[] = [
  ['X', 12],
  ['B', 2],
  ['C', 2],
  ['D', 2],
  ['F', 1],
  ['G', 1],
  ['H', 1],
  ['J', 1],
  ['K', 1],
  ['M', 1],
  ['P', 1],
  ['S', 1],
];

function choosePerson(rng: Rng): Person {
  const letter = rng.weighted(LETTERS);
  const title = rng.weighted([
    ['Mrs', 4],
    ['Mr', 4],
    ['Ms', 3],
    ['Miss', 1],
    ['Mr and Mrs', 1],
  ] as const);
  if (title === 'Mr and Mrs') {
    return {
      name: `Mr and Mrs ${letter}`,
      sub: 'they',
      obj: 'them',
      pos: 'their',
      self: 'themselves',
      plural: true,
    };
  }
  const male = title === 'Mr';
  return {
    name: `${title} ${letter}`,
    sub: male ? 'he' : 'she',
    obj: male ? 'him' : 'her',
    pos: male ? 'his' : 'her',
    self: male ? 'himself' : 'herself',
    plural: false,
  };
}

function chooseDependent(rng: Rng, person: Person, child: boolean, avoid: string): Dependent {
  const male = rng.chance(0.55);
  const rel = child
    ? male
      ? 'son'
      : 'daughter'
    : rng.pick(
        male ? ['father', 'husband', 'brother', 'son'] : ['mother', 'wife', 'sister', 'daughter', 'aunt'],
      );
  const letter = child ? rng.pick(['Y', 'Z', 'C', 'D', 'E', 'N'].filter((l) => l !== avoid)) : '';
  return {
    label: `${person.pos} ${rel}`,
    letter,
    pro: male ? 'he' : 'she',
    obj: male ? 'him' : 'her',
    pos: male ? 'his' : 'her',
  };
}

const round = (n: number, step: number) => Math.max(step, Math.round(n / step) * step);

function amountFor(rng: Rng, purpose: PaymentPurpose): Pick<PaymentFact, 'amount' | 'monthly'> {
  switch (purpose) {
    case 'distress':
      return {
        amount: rng.weighted([
          [100, 2],
          [150, 2],
          [200, 3],
          [250, 3],
          [300, 3],
          [350, 1],
          [400, 2],
          [500, 3],
          [750, 2],
          [1000, 2],
          [1500, 1],
          [2000, 1],
          [3000, 0.5],
        ]),
      };
    case 'time_and_trouble':
      return { amount: rng.pick([100, 100, 150, 150, 200, 250, 300]) };
    case 'loss_of_education': {
      if (rng.chance(0.2)) {
        const rate = rng.pick([900, 1000, 1200, 1500, 1800]);
        const terms = rng.int(1, 4);
        return { amount: rate * terms, monthly: { rate, months: terms, unit: 'term' } };
      }
      const rate = rng.pick([200, 250, 300, 350, 400, 450, 500, 600]);
      const months = rng.int(1, 12);
      return { amount: rate * months, monthly: { rate, months, unit: 'month' } };
    }
    case 'loss_of_service':
      return { amount: round(rng.int(200, 3000), 50) };
    case 'reimbursement':
      return { amount: rng.chance(0.35) ? rng.int(2000, 600000) / 100 : round(rng.int(30, 5000), 10) };
    case 'symbolic':
      return { amount: rng.pick([100, 150, 200, 250, 300, 500]) };
    case 'backdated':
      return { amount: rng.chance(0.5) ? rng.int(5000, 250000) / 100 : round(rng.int(50, 2500), 25) };
    default:
      return { amount: round(rng.int(100, 2000), 50) };
  }
}

function delayFor(rng: Rng, about: DelayAbout): DelayFact {
  const unit = rng.weighted<DelayFact['unit']>(
    about === 'complaint_response'
      ? [
          ['day', 1],
          ['week', 3],
          ['month', 1],
        ]
      : about === 'education_provision'
        ? [
            ['term', 2],
            ['week', 1],
            ['month', 2],
          ]
        : about === 'other'
          ? [
              ['week', 3],
              ['month', 2],
              ['year', 0.5],
              ['day', 0.5],
            ]
          : [
              ['week', 3],
              ['month', 2],
              ['day', 0.3],
            ],
  );
  const count =
    unit === 'day'
      ? rng.int(10, 90)
      : unit === 'week'
        ? rng.int(2, 30)
        : unit === 'month'
          ? rng.int(2, 14)
          : unit === 'year'
            ? rng.int(1, 2)
            : rng.int(1, 3);
  return { about, unit, count };
}

/** The facts of decision `meta`, drawn from its own facts stream. */
export function chooseFacts(meta: DecisionMeta, topic: Topic, rng: Rng): Facts {
  const person = choosePerson(rng);
  const dependent = chooseDependent(rng, person, topic.child, person.name.slice(-1));
  const payments: PaymentFact[] = [];
  let apology = false;
  let improvements: string[] = [];
  const delays: DelayFact[] = [];
  const report = meta.kind === 'report';
  const finding = meta.finding;

  if (finding === 'fault_injustice') {
    apology = rng.chance(report ? 0.6 : 0.8);
    const status: PaymentStatus = report ? 'recommended' : rng.chance(0.12) ? 'recommended' : 'agreed';
    if (rng.chance(0.85)) {
      const n = rng.weighted([
        [1, 5],
        [2, 3],
        [3, 1],
      ] as const);
      for (const purpose of rng.sample(topic.purposes, n)) {
        const a = amountFor(rng, purpose);
        if (purpose === 'symbolic' && rng.chance(0.15)) a.amount = null;
        payments.push({
          ...a,
          status,
          purpose,
          toDependent: purpose === 'reimbursement' && !topic.child && rng.chance(0.4),
        });
      }
      // "already paid for time and trouble, no more for this": only when no further sum is for it.
      if (!report && rng.chance(0.1) && !payments.some((p) => p.purpose === 'time_and_trouble'))
        payments.push({
          amount: rng.pick([100, 150, 200]),
          status: 'already_paid',
          purpose: 'time_and_trouble',
          toDependent: false,
        });
      if (!report && rng.chance(0.06)) {
        const agreed = payments.find((p) => p.status === status && p.amount !== null);
        if (agreed?.amount) {
          payments.push({
            amount: round(agreed.amount / 2, 50),
            status: 'offered',
            purpose: agreed.purpose,
            toDependent: false,
          });
        }
      }
    }
    // An offer the body made during its complaints procedure that we find is enough.
    const free = (['distress', 'time_and_trouble'] as const).filter(
      (p) => !payments.some((x) => x.purpose === p),
    );
    if (!report && free.length > 0 && rng.chance(0.06)) {
      const purpose = rng.pick(free);
      payments.push({
        ...amountFor(rng, purpose),
        status: 'agreed',
        purpose,
        toDependent: false,
        form: 'offer_adequate',
      });
    }
    // A sum now and a further sum each month while the situation lasts.
    if (!report && topic.monthlyWhile && status === 'agreed' && rng.chance(0.15)) {
      payments.push({
        amount: rng.pick([250, 300, 500, 750, 1000]),
        status,
        purpose: 'distress',
        toDependent: false,
        form: 'lump',
      });
      payments.push({
        amount: rng.pick([100, 150, 200, 250, 350]),
        status,
        purpose: 'distress',
        toDependent: false,
        form: 'open_monthly',
      });
    }
    // Our guidance quoted as a range: not a payment.
    if (!report && rng.chance(0.08)) {
      const lo = rng.pick([100, 150, 200, 300]);
      payments.push({
        amount: lo,
        hi: lo + rng.pick([200, 250, 500, 1000]),
        status: 'other',
        purpose: 'other',
        toDependent: false,
        otherKind: 'guidance',
      });
    }
    // A charge the body cancels: money not taken, not a payment.
    if (!report && topic.waivable && rng.chance(0.25)) {
      payments.push({
        amount: rng.chance(0.4) ? rng.int(5000, 300000) / 100 : round(rng.int(60, 4000), 10),
        status: 'other',
        purpose: 'other',
        toDependent: false,
        otherKind: 'waived',
      });
    }
    if (rng.chance(0.45)) improvements = rng.sample(topic.improvements, rng.int(1, 2));
    // Something must put things right, or the text would promise a remedy it never names.
    if (!apology && improvements.length === 0 && !payments.some((p) => p.status === status)) apology = true;
  } else if (finding === 'fault_no_injustice') {
    if (rng.chance(0.5)) improvements = rng.sample(topic.improvements, 1);
    apology = rng.chance(0.15);
  } else if (finding === 'not_investigated' && meta.notInvestigatedReason === 'already_remedied') {
    apology = rng.chance(0.6);
    if (rng.chance(0.75) || !apology) {
      const purpose = rng.pick(topic.purposes);
      const how = rng.weighted<PaymentStatus>([
        ['agreed', 5],
        ['already_paid', 3],
        ['offered', 2],
      ]);
      // An offer we close the complaint on is the remedy: it counts as agreed (README of parser/facts).
      const status = how === 'offered' ? 'agreed' : how;
      const form = how === 'offered' ? ('offer_adequate' as const) : undefined;
      payments.push({
        ...amountFor(rng, purpose),
        status,
        purpose,
        toDependent: false,
        ...(form ? { form } : {}),
      });
    }
    if (rng.chance(0.25)) improvements = rng.sample(topic.improvements, 1);
  }

  if (finding === 'fault_injustice' || finding === 'fault_no_injustice') {
    if (rng.chance(topic.delays.includes('ehc_plan') ? 0.85 : 0.45)) {
      const n = rng.chance(0.3) ? 2 : 1;
      for (const about of rng.sample(topic.delays, n)) delays.push(delayFor(rng, about));
    }
  }

  // A named sum that is not a remedy: the disputed charge or what the complainant claimed.
  if (!report && (finding !== 'not_investigated' || rng.chance(0.3))) {
    if (rng.chance(topic.disputed ? 0.2 : 0.08)) {
      const disputed = topic.disputed !== undefined && rng.chance(0.6);
      payments.push({
        amount: rng.chance(0.3) ? round(rng.int(1500, 65000), 50) : round(rng.int(500, 9000), 10),
        status: 'other',
        purpose: 'other',
        toDependent: false,
        otherKind: disputed ? 'disputed' : 'claim',
      });
    }
  }

  return {
    person,
    dependent,
    payments,
    apology,
    improvements,
    delays,
    faultIndex: rng.int(0, 1000),
    satisfiedAfterDays: rng.int(40, 160),
  };
}
