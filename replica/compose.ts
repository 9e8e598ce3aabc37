/**
 * Writes one decision: facts first (facts.ts), then summary and body blocks from them, then the
 * truth sections from the blocks (see the rule at the top of render-decision.ts). Three streams:
 * facts (seed, index), wording (seed, index, revision) and layout (seed, index).
 * @module
 */

import { countedInTotal } from '../core/facts.js';
import type { DecisionMeta } from './corpus.js';
import { chooseFacts, type DelayFact, type Facts, type PaymentFact } from './facts.js';
import { formatMoney, isoFromDays, type MoneyStyle, numberWords, pageDate, proseDate } from './format.js';
import { chooseMissed, datesText, lengthText, type MissedFact, missedTruth } from './missed.js';
import { bodyWord } from './organisations.js';
import * as P from './phrases.js';
import { deriveSeed, Rng } from './prng.js';
import { TOPICS, type Topic } from './topics.js';
import { DELAY_UNIT_DAYS, type Delay, type Payment, type ReplicaDecision } from './truth-schema.js';

/** One paragraph; `items` are its nested bullet points. */
export interface Para {
  text: string;
  items?: string[];
}

/** A headed block of the body. `sub` blocks are sub-headings (h4) under "What I found". */
export interface Block {
  heading: string;
  sub: boolean;
  paras: Para[];
}

export interface Layout {
  /** Tag of main headings; sub-headings use the next level down. */
  heading: 'h2' | 'h3';
  /** `ol`: paragraphs in <ol><li>; `p`: <p>1. text</p>; `ul`: bulleted paragraphs (newer pages). */
  numbering: 'ol' | 'p' | 'ul';
  /** Statements: the "The Ombudsman's final decision:" line above the summary (some older pages lack it). */
  opening: boolean;
  /** Newer pages: a list of the section headings in a <nav> before the body (dropped by parsers). */
  contents: boolean;
  /** Joint statements: "Ombudsmen" in the opening heading and the closing line. */
  plural: boolean;
  /** "Summary:" wrapped in <strong>. */
  summaryStrong: boolean;
  /** Title wrapped in <strong> (else <b>). */
  titleStrong: boolean;
  /**
   * Whether the page shows its Category / Decision / Decision date lines. About one real copy in six
   * lacks them (some list the section headings there instead: `contents`); here a few statements do.
   */
  headerLines: boolean;
  /** The site's cookie banner before the decision (as some real copies begin). */
  cookieBanner: boolean;
}

export interface DecisionBody {
  layout: Layout;
  blocks: Block[];
  /** Reports only: "Ombudsman satisfied with council's response: 12 Sep 2016". */
  satisfiedLine: string | null;
}

/** Truth record plus what the renderer needs. */
export type FullDecision = ReplicaDecision & { body: DecisionBody };

const STREAM_FACTS = 2;
const STREAM_TEXT = 3;
const STREAM_LAYOUT = 4;
/** Missed education has its own facts and wording streams, so adding it left the others as they were. */
const STREAM_MISSED = 5;
const STREAM_MISSED_TEXT = 6;
/** Page variants seen in real copies (no header lines, a cookie banner): their own stream. */
const STREAM_PAGE_VARIANT = 7;

const ucfirst = (s: string) => (s.length ? s[0]?.toUpperCase() + s.slice(1) : s);

/** Fills templates; turns straight apostrophes into curly ones for decisions written that way. */
class Writer {
  constructor(
    readonly rng: Rng,
    private readonly curly: boolean,
    private readonly vars: Record<string, string>,
  ) {}

  /** Fills a template, keeping its first letter as written (for clauses inside sentences). */
  c(template: string, extra: Record<string, string> = {}): string {
    const src = this.curly ? template.replace(/'/g, '’') : template;
    return src.replace(/\{(\w+)\}/g, (_m, k: string) => {
      const v = extra[k] ?? this.vars[k];
      if (v === undefined) throw new Error(`replica template: no value for {${k}} in "${template}"`);
      return v;
    });
  }

  /** Fills a template as a sentence (first letter upper-case). */
  t(template: string, extra: Record<string, string> = {}): string {
    return ucfirst(this.c(template, extra));
  }

  p(list: readonly string[], extra: Record<string, string> = {}): string {
    return this.t(this.rng.pick(list), extra);
  }

  pc(list: readonly string[], extra: Record<string, string> = {}): string {
    return this.c(this.rng.pick(list), extra);
  }

  /** Deadlines (days) stated by the timed templates used so far. */
  readonly deadlines: number[] = [];

  /** Fills a timed template as a sentence and records the deadline it states. */
  timed(list: readonly P.Timed[], extra: Record<string, string> = {}): string {
    const [template, days] = this.rng.pick(list);
    this.deadlines.push(days);
    return this.t(template, extra);
  }

  money(amount: number): string {
    if (!Number.isInteger(amount)) return formatMoney(amount, this.rng.chance(0.7) ? 'comma' : 'plain');
    const words = amount <= 1000 && amount % 50 === 0 ? 22 : amount <= 9999 && amount % 50 === 0 ? 6 : 0;
    const style = this.rng.weighted<MoneyStyle>([
      ['comma', 45],
      ['plain', 25],
      ['pence', 8],
      ['words', words],
    ]);
    return formatMoney(amount, style);
  }

  length(d: DelayFact): string {
    const n = d.count <= 20 && this.rng.chance(0.45) ? numberWords(d.count) : String(d.count);
    return `${n} ${d.unit}${d.count === 1 ? '' : 's'}`;
  }
}

/** Money in figures (for ranges and rates quoted in figures). */
function figures(w: Writer, amount: number): string {
  return formatMoney(amount, w.rng.chance(0.7) ? 'comma' : 'plain');
}

/** Joins clauses as "a, b and c". */
function andList(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * A block's rendered lines under the parser's sections rule (parser/core.ts): numbered paragraphs
 * keep "N. " (restarting in every block), nested bullets read "- item", report blocks are unnumbered.
 */
function linesOf(block: Block, numbered: boolean, bullets: boolean): string[] {
  const out: string[] = [];
  block.paras.forEach((p, i) => {
    out.push(bullets ? `- ${p.text}` : numbered ? `${i + 1}. ${p.text}` : p.text);
    if (p.items) for (const item of p.items) out.push(`- ${item}`);
  });
  return out;
}

/** Truth sections: the opening section (statements) or "Summary" block (reports), then every block. */
function sectionsOf(
  kind: 'statement' | 'report',
  summary: string,
  blocks: readonly Block[],
  satisfied: string | null,
  layout: Layout,
) {
  // Without the opening heading, the summary paragraph is body text before the first heading.
  const opening = layout.opening ? `The ${layout.plural ? 'Ombudsmen' : 'Ombudsman'}'s final decision` : '';
  const sections =
    kind === 'report'
      ? [{ heading: 'Summary', text: summary }]
      : [{ heading: opening, text: `Summary: ${summary}` }];
  const bullets = kind === 'statement' && layout.numbering === 'ul';
  for (const b of blocks)
    sections.push({ heading: b.heading, text: linesOf(b, kind === 'statement', bullets).join('\n') });
  // A report's closing "Ombudsman satisfied with …" line is ordinary text of the last section.
  const last = sections[sections.length - 1];
  if (satisfied && last) last.text = last.text ? `${last.text}\n${satisfied}` : satisfied;
  return sections;
}

interface Ctx {
  meta: DecisionMeta;
  topic: Topic;
  facts: Facts;
  w: Writer;
  payments: Payment[];
  /** Each payment's total as written (the truth phrase may be a per-period rate). */
  amountText: string[];
  /** Rate as written for per-period payments ("" otherwise). */
  rateText: string[];
  delays: Delay[];
  /** EHC plan delays written as the total time from the request ("34 weeks after the request"). */
  delayTotal: boolean[];
  improvements: string[];
  /** Joint decisions: the other body and its reference. */
  partner: JointPartner | undefined;
  /** Filled topic phrases used throughout. */
  subject: string;
  fault: string;
  noFault: string;
  impact: string;
  d1: string;
  d2: string;
  /** Missed-education sentences, written from their own stream (replica/missed.ts). */
  missed: MissedWriting;
  /** Set when an education-provision delay is written as "went without the provision … for N". */
  wentWithout: { delay: DelayFact; phrase: string } | null;
}

/** Where each missed-education sentence goes. */
interface MissedWriting {
  summary: string | null;
  complaint: string | null;
  happened: string[];
  assess: string[];
  closed: string | null;
  /** The truth's phrase: the length as written, else the first date. */
  phrase: string;
}

/** Writes the missed-education fact (or, without one, sometimes time out of school taught full time). */
function writeMissed(
  mw: Writer,
  fact: MissedFact | null,
  meta: DecisionMeta,
  topic: Topic,
  eventsStart: number,
): MissedWriting {
  const out: MissedWriting = {
    summary: null,
    complaint: null,
    happened: [],
    assess: [],
    closed: null,
    phrase: '',
  };
  const { rng } = mw;
  if (!fact) {
    // Taught at home full time while out of school: a hard negative, not missed education.
    if (topic.child && meta.kind === 'statement' && meta.finding !== 'not_investigated' && rng.chance(0.05)) {
      const start = eventsStart + rng.int(0, 60);
      const end = Math.min(start + rng.int(40, 240), meta.dateDays - 30);
      if (end > start) out.happened.push(mw.p(P.TAUGHT_WHILE_OUT, datesText(rng, start, end)));
    }
    return out;
  }
  const blame = meta.finding !== 'no_fault';
  const fair = (list: readonly string[]) => (blame ? list : list.filter((t) => !t.startsWith('{Body}')));
  const len = fact.length ? lengthText(rng, fact.length.unit, fact.length.count) : '';
  if (fact.end === null) {
    const from = proseDate(fact.start, false);
    out.phrase = from;
    out.happened.push(mw.p(P.MISSED_ONGOING, { from }));
    if (rng.chance(0.4)) out.summary = mw.p(P.MISSED_ONGOING, { from });
    return out;
  }
  const dates = fact.dated ? datesText(rng, fact.start, fact.end) : null;
  out.phrase = len || (dates?.from as string);
  const lengthOnly = () =>
    mw.p(rng.chance(0.5) ? P.MISSED_LENGTH_ANY : P.MISSED_LENGTH[fact.scenario], { len });
  if (meta.kind === 'report') {
    out.summary =
      dates && len
        ? mw.p(P.MISSED_BOTH, { len, ...dates })
        : dates
          ? mw.p(fair(P.MISSED_DATES[fact.scenario]), dates)
          : lengthOnly();
    return out;
  }
  if (meta.finding === 'not_investigated') {
    const what =
      dates && len
        ? mw.c('{len} of education, from {from} to {to}', { len, ...dates })
        : dates
          ? mw.c('education between {from} and {to}', dates)
          : mw.c('{len} of education', { len });
    out.closed = mw.p(P.MISSED_ACCEPTED, { what });
    return out;
  }
  if (dates && len) {
    if (rng.chance(0.4))
      (rng.chance(0.5) ? out.happened : out.assess).push(mw.p(P.MISSED_BOTH, { len, ...dates }));
    else {
      out.happened.push(mw.p(fair(P.MISSED_DATES[fact.scenario]), dates));
      out.assess.push(lengthOnly());
    }
  } else if (dates) out.happened.push(mw.p(fair(P.MISSED_DATES[fact.scenario]), dates));
  else out.assess.push(lengthOnly());
  if (meta.finding === 'fault_injustice' && rng.chance(0.4)) {
    const forms = [
      ...(len ? [P.MISSED_SUMMARY_LENGTH] : []),
      ...(dates ? [P.MISSED_SUMMARY_DATES] : []),
      ...(len && dates ? [P.MISSED_SUMMARY_BOTH] : []),
    ];
    out.summary = mw.p(rng.pick(forms), { len, ...(dates ?? { from: '', to: '' }) });
  }
  if (fact.length && rng.chance(0.3)) {
    const claimed = lengthText(rng, fact.length.unit, fact.length.count + 1);
    out.complaint = mw.p(P.MISSED_CLAIM, { len: claimed });
  }
  return out;
}

function paymentClause(ctx: Ctx, f: PaymentFact, i: number): string | null {
  const { w, facts } = ctx;
  const R = f.toDependent ? facts.dependent.label : facts.person.name;
  if (f.amount === null) return w.pc(P.PAYMENT_NO_AMOUNT, { R });
  if (f.form === 'open_monthly' || f.form === 'offer_adequate') return null; // stated elsewhere
  const amt = ctx.amountText[i] as string;
  if (f.form === 'lump') {
    const rate = ctx.rateText[i + 1] || (ctx.amountText[i + 1] as string);
    return w.pc(P.LUMP_MONTHLY, {
      R,
      amt,
      rate,
      while: w.c(ctx.topic.monthlyWhile ?? 'the situation continues'),
    });
  }
  const rate = ctx.rateText[i] as string;
  if (f.monthly && rate) {
    const n = f.monthly.months;
    const months = n <= 20 && w.rng.chance(0.5) ? numberWords(n) : String(n);
    const bank = f.monthly.unit === 'term' ? P.PAYMENT_TERMLY : P.PAYMENT_MONTHLY;
    // The rate-only forms carry the rate as the truth phrase; the others print the total too.
    const rateOnly = (ctx.payments[i] as Payment).phrase === rate;
    const forms = bank.filter((t) => t.includes('{amt}') !== rateOnly);
    return w.c(w.rng.pick(forms), { R, amt, rate, months });
  }
  return w.pc(P.PAYMENT[f.purpose], { R, amt });
}

function remedyParts(ctx: Ctx, statuses: readonly string[]): { apology: string | null; pays: string[] } {
  const { w, facts } = ctx;
  const apology = facts.apology ? w.pc(P.APOLOGY, { impact: ctx.impact }) : null;
  const pays: string[] = [];
  facts.payments.forEach((f, i) => {
    if (!statuses.includes(f.status)) return;
    const clause = paymentClause(ctx, f, i);
    if (clause) pays.push(clause);
  });
  return { apology, pays };
}

function closedActions(ctx: Ctx, withAmounts: boolean): string {
  const { w, facts } = ctx;
  const acts: string[] = [];
  if (facts.apology)
    acts.push(w.rng.chance(0.5) ? w.c('apologised to {C}') : w.c('agreed to apologise to {C}'));
  facts.payments.forEach((f, i) => {
    if (f.status === 'other') return;
    const amt = withAmounts && f.amount !== null ? (ctx.amountText[i] as string) : '';
    const tail = w.c(P.PAYMENT_TAIL[f.purpose]);
    const who = acts.length === 0 ? '{C}' : '{obj}';
    const what = amt ? `${who} ${amt} ${tail}` : `${who} a payment ${tail}`;
    const verb =
      f.form === 'offer_adequate'
        ? 'offered'
        : f.status === 'agreed'
          ? 'agreed to pay'
          : f.status === 'already_paid'
            ? 'paid'
            : 'offered';
    acts.push(w.c(`${verb} ${what}`));
  });
  for (const imp of ctx.improvements) acts.push(w.c(`agreed to ${imp}`));
  if (acts.length === 0) acts.push(w.c('put right the error'));
  return andList(acts);
}

function reasonClause(ctx: Ctx, withAmounts: boolean): string {
  const { w, meta, topic } = ctx;
  const reason = meta.notInvestigatedReason ?? 'other';
  const extra = {
    appeal: topic.appeal ?? 'a tribunal',
    outside: w.c(topic.outside),
    actions: reason === 'already_remedied' ? closedActions(ctx, withAmounts) : '',
  };
  return w.pc(P.REASON[reason], extra);
}

function remedySummary(ctx: Ctx): string {
  const { w, facts } = ctx;
  const recommended = facts.payments.some((p) => p.status === 'recommended');
  const parts: string[] = [];
  if (facts.apology) parts.push('apologise');
  const live = facts.payments
    .map((f, i) => [f, ctx.amountText[i] as string] as const)
    .filter(([f]) => f.status === (recommended ? 'recommended' : 'agreed'));
  if (live.length > 0) {
    const withAmounts =
      live.every(([f]) => f.amount !== null && f.form !== 'lump' && f.form !== 'open_monthly') &&
      w.rng.chance(0.55);
    if (withAmounts && live.length > 1 && w.rng.chance(0.4)) {
      const total = live.reduce((s, [f]) => s + (f.amount ?? 0), 0);
      parts.push(w.c(`pay {C} a total of ${w.money(total)}`));
    } else if (withAmounts) {
      parts.push(w.c(`pay {C} ${andList(live.map(([, t]) => t))}`));
    } else {
      parts.push(
        w.pc(['make a payment to {C}', 'make a symbolic payment to {C}', 'pay {C} a financial remedy']),
      );
    }
  }
  if (ctx.improvements.length > 0)
    parts.push(w.rng.chance(0.5) ? (ctx.improvements[0] as string) : 'make service improvements');
  if (parts.length === 0) return '';
  return w.p(recommended ? P.SUMMARY_REMEDY_RECOMMENDED : P.SUMMARY_REMEDY_AGREED, { list: andList(parts) });
}

function summaryOf(ctx: Ctx): string {
  const { w, meta } = ctx;
  const v = { subject: ctx.subject, fault: ctx.fault, noFault: ctx.noFault, impact: ctx.impact };
  switch (meta.finding) {
    case 'not_investigated': {
      const reason = reasonClause(ctx, w.rng.chance(0.6));
      const bank = meta.outcome === 'Not upheld' ? P.SUMMARY_DISCONTINUED : P.SUMMARY_NOT_INVESTIGATED;
      return w.p(bank, { ...v, reason });
    }
    case 'fault_injustice':
      return [
        w.p(P.COMPLAINT_OPEN, v),
        w.p(P.SUMMARY_FINDING_FAULT, v),
        ctx.missed.summary ?? '',
        remedySummary(ctx),
      ]
        .filter(Boolean)
        .join(' ');
    case 'fault_no_injustice': {
      const s = [w.p(P.COMPLAINT_OPEN, v), w.p(P.SUMMARY_NO_INJUSTICE, v)];
      if (ctx.improvements[0]) s.push(w.t('{Body} has agreed to {imp}.', { imp: ctx.improvements[0] }));
      return s.join(' ');
    }
    default:
      return [w.p(P.COMPLAINT_OPEN, v), w.p(P.SUMMARY_NO_FAULT, v)].join(' ');
  }
}

function complaintBlock(ctx: Ctx): Block {
  const { w, facts, topic } = ctx;
  const v = { subject: ctx.subject, fault: ctx.fault, impact: ctx.impact };
  const paras: Para[] = [{ text: w.p(P.COMPLAINT_OPEN, v) }];
  if (topic.child && facts.dependent.letter && w.rng.chance(0.5)) {
    paras.push({ text: w.t("{K} is {C}'s {rel}.") });
  }
  paras.push({ text: w.p(P.COMPLAINT_IMPACT, v) });
  if (ctx.missed.complaint) paras.push({ text: ctx.missed.complaint });
  facts.payments.forEach((f, i) => {
    if (f.status !== 'other' || f.otherKind === 'guidance' || f.otherKind === 'waived') return;
    const amt = (ctx.payments[i] as Payment).phrase;
    paras.push({
      text:
        f.otherKind === 'disputed' && topic.disputed
          ? w.t(topic.disputed, { amt })
          : w.p(P.CLAIMED_SUM, { amt }),
    });
  });
  if (!facts.apology && w.rng.chance(0.12)) paras.push({ text: w.p(P.WANTS_APOLOGY) });
  return { heading: 'The complaint', sub: false, paras };
}

function roleBlock(ctx: Ctx, heading: string): Block {
  const { w, meta } = ctx;
  const paras: Para[] = [{ text: w.p(P.ROLE_GENERAL) }];
  if (meta.finding === 'not_investigated') {
    const r = meta.notInvestigatedReason ?? 'other';
    const specific = P.ROLE_REASON[r];
    if (specific) paras.push({ text: w.p(specific) });
    if (!specific || w.rng.chance(0.4)) paras.push({ text: w.p(P.ROLE_ASSESSMENT) });
  } else {
    if (w.rng.chance(0.6)) paras.push({ text: w.p(P.ROLE_MERITS) });
    if (meta.finding === 'fault_injustice' && w.rng.chance(0.6)) paras.push({ text: w.p(P.ROLE_SATISFIED) });
  }
  if (meta.subSlug === 'special-educational-needs' && w.rng.chance(0.5))
    paras.push({ text: w.t(P.ROLE_SHARE.ofsted as string) });
  if (meta.catSlug === 'adult-care-services' && w.rng.chance(0.4))
    paras.push({ text: w.t(P.ROLE_SHARE.cqc as string) });
  if (meta.orgType === 'nhs' || meta.jointWith) paras.push({ text: w.t(P.ROLE_SHARE.joint as string) });
  if (ctx.partner)
    paras.push({
      text: w.p(P.JOINT_PARTNER, {
        org: meta.organisation,
        partner: ctx.partner.organisation,
        pref: ctx.partner.ref,
      }),
    });
  return { heading, sub: false, paras };
}

function howBlock(ctx: Ctx, closed: boolean): Block {
  const { w } = ctx;
  const paras: Para[] = w.rng.sample(P.HOW_CONSIDERED, w.rng.int(1, 2)).map((t) => ({ text: w.t(t) }));
  paras.push({ text: closed ? w.p(P.HOW_CODE) : w.p(P.HOW_DRAFT) });
  return { heading: 'How I considered this complaint', sub: false, paras };
}

function delaySentences(ctx: Ctx): Para[] {
  return ctx.facts.delays.map((d, i) => {
    const len = (ctx.delays[i] as Delay).phrase;
    const act = ctx.w.pc(P.DELAY_ACTS);
    const template = ctx.w.rng.pick(ctx.delayTotal[i] ? P.DELAY_EHC_TOTAL : P.DELAY[d.about]);
    // "went without the provision in her Plan for two terms" also states missed provision.
    if (d.about === 'education_provision' && /\bwent without\b/.test(template))
      ctx.wentWithout = { delay: d, phrase: len };
    return { text: ctx.w.t(template, { len, act }) };
  });
}

function foundBlocks(ctx: Ctx, headingFor: (h: string) => string): Block[] {
  const { w, meta, facts, topic } = ctx;
  const v = { fault: ctx.fault, noFault: ctx.noFault, impact: ctx.impact, d1: ctx.d1, d2: ctx.d2 };
  const happened: Para[] = [{ text: w.p(P.HAPPENED_OPEN, v) }];
  happened.push({ text: w.p(meta.finding === 'no_fault' ? P.HAPPENED_NOFAULT : P.HAPPENED_FAULT, v) });
  happened.push(...delaySentences(ctx));
  happened.push(...ctx.missed.happened.map((text) => ({ text })));
  happened.push({ text: w.p(P.HAPPENED_COMPLAINT, v) });
  facts.payments.forEach((f, i) => {
    if (f.status === 'offered')
      happened.push({
        text: w.p(P.OFFERED, { amt: ctx.amountText[i] as string, tail: w.c(P.PAYMENT_TAIL[f.purpose]) }),
      });
  });

  const assess: Para[] = [];
  if (meta.finding === 'no_fault') assess.push({ text: w.p(P.ASSESS_NO_FAULT, v) });
  else {
    assess.push({ text: w.p(P.ASSESS_FAULT, v) });
    if (meta.finding === 'fault_injustice') assess.push({ text: w.p(P.ASSESS_INJUSTICE, v) });
    else assess.push({ text: w.p(P.ASSESS_NO_INJUSTICE, v) });
  }
  assess.push(...ctx.missed.assess.map((text) => ({ text })));
  facts.payments.forEach((f, i) => {
    const amt = ctx.amountText[i] as string;
    if (f.status === 'already_paid') assess.push({ text: w.p(P.ALREADY_PAID, { amt }) });
    if (f.form === 'offer_adequate')
      assess.push({ text: w.p(P.OFFER_ADEQUATE, { amt, tail: w.c(P.PAYMENT_TAIL[f.purpose]) }) });
    if (f.otherKind === 'guidance')
      assess.push({
        text: w.p(P.GUIDANCE_RANGE, {
          lo: (ctx.payments[i] as Payment).phrase.replace(/^between (.*) and .*$/, '$1'),
          hi: (ctx.payments[i] as Payment).phrase.replace(/^between .* and /, ''),
        }),
      });
  });

  if (!w.rng.chance(0.5)) {
    return [{ heading: 'What I found', sub: false, paras: [...happened, ...assess] }];
  }
  const law = w.rng
    .sample(topic.law, w.rng.int(1, Math.min(2, topic.law.length)))
    .map((t) => ({ text: w.t(t) }));
  return [
    { heading: 'What I found', sub: false, paras: [] },
    {
      heading: headingFor(w.rng.chance(0.7) ? 'Law, guidance and policies' : 'Relevant law and guidance'),
      sub: true,
      paras: law,
    },
    { heading: w.rng.chance(0.85) ? 'What happened' : 'Background', sub: true, paras: happened },
    { heading: w.rng.chance(0.85) ? 'My assessment' : 'Analysis', sub: true, paras: assess },
  ];
}

function actionBlock(ctx: Ctx): Block | null {
  const { w, facts } = ctx;
  const recommended = facts.payments.some((p) => p.status === 'recommended');
  const { apology, pays } = remedyParts(ctx, recommended ? ['recommended'] : ['agreed']);
  const waived = facts.payments
    .map((f, i) => (f.otherKind === 'waived' ? (ctx.payments[i] as Payment).phrase : null))
    .filter((x): x is string => x !== null)
    .map((amt) => w.pc(P.WAIVE, { charge: w.c(ctx.topic.waivable ?? 'the {amt} charge', { amt }) }));
  const clauses = [...(apology ? [apology] : []), ...pays, ...waived];
  if (clauses.length === 0 && ctx.improvements.length === 0) return null;
  const will = recommended ? 'should' : 'will';
  const heading = recommended
    ? w.rng.pick(['Recommended action', 'Recommended action', 'Action'])
    : w.rng.pick(['Agreed action', 'Agreed action', 'Action']);
  const paras: Para[] = [];
  if (clauses.length > 1 || (clauses.length === 1 && w.rng.chance(0.4))) {
    paras.push({
      text: w.timed(recommended ? P.ACTION_LEAD_RECOMMENDED : P.ACTION_LEAD_AGREED),
      items: clauses.map((c, i) => (i === clauses.length - 1 ? `${c}.` : `${c};`)),
    });
  } else if (clauses.length === 1) {
    paras.push({ text: w.timed(P.ACTION_SINGLE, { will, clause: clauses[0] as string }) });
  }
  for (const imp of ctx.improvements) paras.push({ text: w.timed(P.ACTION_IMPROVE, { will, imp }) });
  if (facts.apology && w.rng.chance(0.3)) paras.push({ text: w.p(P.APOLOGY_GUIDANCE) });
  if (w.rng.chance(0.6)) paras.push({ text: w.p(P.ACTION_EVIDENCE) });
  return { heading, sub: false, paras };
}

function finalBlock(ctx: Ctx, heading: string): Block {
  const { w, meta, facts } = ctx;
  let text: string;
  if (meta.finding === 'not_investigated') {
    text = w.p(meta.outcome === 'Not upheld' ? P.FINAL_DISCONTINUED : P.FINAL_CLOSED, {
      reason: reasonClause(ctx, false),
    });
  } else if (meta.finding === 'fault_injustice') {
    text = w.p(
      facts.payments.some((p) => p.status === 'recommended')
        ? P.FINAL_FAULT_RECOMMENDED
        : P.FINAL_FAULT_AGREED,
    );
  } else if (meta.finding === 'fault_no_injustice') text = w.p(P.FINAL_FAULT_ONLY);
  else text = w.p(P.FINAL_NO_FAULT);
  return { heading, sub: false, paras: [{ text }] };
}

function closedAssessment(ctx: Ctx): Block {
  const { w, meta, topic } = ctx;
  const paras: Para[] = [
    { text: w.t("I have considered {C}'s complaint about {subject}.", { subject: ctx.subject }) },
  ];
  const reason = meta.notInvestigatedReason ?? 'other';
  const detail: Record<string, string> = {
    tribunal:
      'It was open to {C} to take the matter to {appeal}. I consider it reasonable to expect {obj} to have done so.',
    late: '{C} knew about the matter by {d1} but did not come to us until much later. I have seen no good reason for the delay.',
    out_of_jurisdiction: 'The complaint is about {outside}. The law does not allow us to investigate this.',
    insufficient_injustice:
      "Although {C} {is} unhappy with {body}'s actions, I have not seen evidence that {sub} {has} suffered a significant injustice that would justify an investigation.",
    already_remedied:
      '{Body} has accepted it got things wrong. It has {actions}. Investigating further would not achieve more for {C}.',
    premature:
      '{C} complained to {body} in {d2}, but {body} has not yet finished dealing with the complaint. {C} can come back to us if {sub} {is} unhappy with the final response.',
    other: 'I consider an investigation would be unlikely to achieve anything more for {C}.',
  };
  paras.push({
    text: w.t(detail[reason] as string, {
      appeal: topic.appeal ?? 'a tribunal',
      outside: w.c(topic.outside),
      d1: ctx.d1,
      d2: ctx.d2,
      actions: reason === 'already_remedied' ? closedActions(ctx, true) : '',
    }),
  });
  if (ctx.missed.closed) paras.push({ text: ctx.missed.closed });
  return { heading: 'My assessment', sub: false, paras };
}

/** The other body of a joint decision, named in the text. */
export interface JointPartner {
  organisation: string;
  ref: string;
}

/**
 * Page layout by era: older pages (to 2018) often number paragraphs in the text and a few lack the
 * opening "The Ombudsman's final decision:" line; newer ones (2022 on) may bullet their paragraphs
 * and list the section headings in a contents <nav>.
 */
function chooseLayout(meta: DecisionMeta, lrng: Rng, vrng: Rng): Layout {
  const year = Number(meta.decisionDate.slice(0, 4));
  const era = year <= 2018 ? 'early' : year <= 2021 ? 'middle' : 'late';
  const heading = lrng.chance(0.15) ? 'h2' : 'h3';
  const numbering: Layout['numbering'] =
    era === 'early'
      ? lrng.chance(0.45)
        ? 'p'
        : 'ol'
      : era === 'late'
        ? lrng.chance(0.3)
          ? 'ul'
          : lrng.chance(0.1)
            ? 'p'
            : 'ol'
        : lrng.chance(0.2)
          ? 'p'
          : 'ol';
  // Drawn in the order they always were, so adding variants left every other page as it was.
  const summaryStrong = lrng.chance(0.2);
  const titleStrong = lrng.chance(0.85);
  const opening = era !== 'early' || lrng.chance(0.85);
  const contents = era === 'late' && lrng.chance(0.5);
  const plural = (meta.jointWith !== null || meta.orgType === 'nhs') && lrng.chance(0.5);
  // Statements only: a bare-reference report without its header would have nothing to name it by.
  const headerLines = meta.kind === 'report' || !vrng.chance(0.03);
  return {
    heading,
    numbering,
    summaryStrong,
    titleStrong,
    opening,
    // A page without header lines often lists the section headings in their place.
    contents: contents || (!headerLines && vrng.chance(0.5)),
    plural,
    headerLines,
    cookieBanner: vrng.chance(0.03),
  };
}

/** Builds the full record of one decision (`partner`: the other body of a joint decision). */
export function composeDecision(
  meta: DecisionMeta,
  seed: number,
  revision: number,
  partner?: JointPartner,
): FullDecision {
  const topic = TOPICS[meta.subSlug];
  if (!topic) throw new Error(`replica: no topic for subcategory ${meta.subSlug}`);
  const facts = chooseFacts(meta, topic, new Rng(deriveSeed(seed, STREAM_FACTS, meta.index)));
  const layout = chooseLayout(
    meta,
    new Rng(deriveSeed(seed, STREAM_LAYOUT, meta.index)),
    new Rng(deriveSeed(seed, STREAM_PAGE_VARIANT, meta.index)),
  );
  const trng = new Rng(deriveSeed(seed, STREAM_TEXT, meta.index, revision));
  const { person, dependent } = facts;
  const bw = bodyWord(meta.orgType);
  const curly = trng.chance(0.5);
  const vars: Record<string, string> = {
    C: person.name,
    sub: person.sub,
    Sub: ucfirst(person.sub),
    obj: person.obj,
    pos: person.pos,
    self: person.self,
    s: person.plural ? '' : 's',
    has: person.plural ? 'have' : 'has',
    was: person.plural ? 'were' : 'was',
    is: person.plural ? 'are' : 'is',
    body: `the ${bw}`,
    Body: `The ${bw}`,
    kid: dependent.label,
    kin: dependent.label,
    rel: dependent.label.split(' ')[1] ?? '',
    K: dependent.letter,
    kpro: dependent.pro,
    kobj: dependent.obj,
    kpos: dependent.pos,
    pref: meta.orgType === 'school' ? 'the School' : `${person.pos} preferred school`,
  };
  const w = new Writer(trng, curly, vars);

  // Money and delay phrases are fixed once so every mention matches the truth.
  const amountText = facts.payments.map((f) => (f.amount === null ? '' : w.money(f.amount)));
  const rateText = facts.payments.map((f) =>
    // Only remedy clauses print rates; closures name the total.
    meta.finding === 'fault_injustice' && f.monthly && f.monthly.months >= 2 && w.rng.chance(0.6)
      ? figures(w, f.monthly.rate)
      : '',
  );
  const payments: Payment[] = facts.payments.map((f, i) => {
    let phrase = amountText[i] as string;
    if (f.otherKind === 'guidance' && f.amount !== null)
      phrase = `between ${figures(w, f.amount)} and ${figures(w, f.hi ?? f.amount)}`;
    else if (f.form === 'open_monthly') phrase = amountText[i] as string;
    // A rate-only wording ("£300 a month for the four months") names the rate, not the total.
    else if (rateText[i] && w.rng.chance(0.6)) phrase = rateText[i] as string;
    return {
      amount: f.amount,
      status: f.status,
      purpose: f.purpose,
      recipient: f.toDependent ? dependent.label : person.name,
      phrase,
    };
  });
  const delayTotal = facts.delays.map(
    (d) => d.about === 'ehc_plan' && d.unit === 'week' && w.rng.chance(0.35),
  );
  const delays: Delay[] = facts.delays.map((d, i) => ({
    days: d.count * DELAY_UNIT_DAYS[d.unit],
    about: d.about,
    phrase: delayTotal[i] ? w.length({ ...d, count: d.count + 20 }) : w.length(d),
  }));
  const improvements = facts.improvements.map((t) => w.c(t));
  const start = meta.dateDays - trng.int(240, 900);
  // Missed education: facts from (seed, index) — the events' start comes from the facts stream too,
  // so a new revision's wording never moves the truth — and wording from (seed, index, revision).
  const mrng = new Rng(deriveSeed(seed, STREAM_MISSED, meta.index));
  const provisionDelay = facts.delays.find((d) => d.about === 'education_provision') ?? null;
  const missedFact = chooseMissed(
    { meta, topicSlug: meta.subSlug, facts, eventsStart: meta.dateDays - mrng.int(240, 900) },
    mrng,
    provisionDelay,
  );
  const mw = new Writer(new Rng(deriveSeed(seed, STREAM_MISSED_TEXT, meta.index, revision)), curly, vars);
  const ctx: Ctx = {
    meta,
    topic,
    facts,
    w,
    payments,
    amountText,
    rateText,
    delays,
    delayTotal,
    improvements,
    partner,
    subject: w.c(topic.subject[facts.faultIndex % topic.subject.length] as string),
    fault: w.c(topic.faults[facts.faultIndex % topic.faults.length] as string),
    noFault: w.c(topic.noFault[facts.faultIndex % topic.noFault.length] as string),
    impact: w.c(topic.impact[facts.faultIndex % topic.impact.length] as string),
    d1: proseDate(start, false),
    d2: proseDate(start + trng.int(60, 200), false),
    missed: writeMissed(mw, missedFact, meta, topic, start),
    wentWithout: null,
  };
  // Headings carry curly apostrophes on pages written that way, as the real site does.
  const roleHeading = w.t("The Ombudsman's role and powers");

  let summary: string;
  const blocks: Block[] = [];
  let satisfiedLine: string | null = null;
  let satisfiedDate: string | null = null;

  if (meta.kind === 'report') {
    summary = [
      w.t('{Org} {fault}.', { fault: ctx.fault, Org: meta.organisation }),
      ...delaySentences(ctx).map((p) => p.text),
      ctx.missed.summary ?? '',
      w.p(P.ASSESS_INJUSTICE, { impact: ctx.impact }),
      remedySummary(ctx),
    ]
      .filter(Boolean)
      .join(' ');
    blocks.push({ heading: 'Finding', sub: false, paras: [{ text: w.p(P.REPORT_FINDING) }] });
    const { apology, pays } = remedyParts(ctx, ['recommended']);
    const items = [...(apology ? [apology] : []), ...pays, ...improvements];
    const recs: Para[] = items.length
      ? [
          {
            text: w.timed([
              ['To remedy the injustice caused, {body} should, within three months of this report:', 90],
            ]),
            items: items.map((c, i) => (i === items.length - 1 ? `${c}.` : `${c};`)),
          },
        ]
      : [{ text: w.t('{Body} should review its procedures in the light of this report.') }];
    blocks.push({ heading: 'Recommendations', sub: false, paras: recs });
    satisfiedDate = isoFromDays(meta.dateDays + facts.satisfiedAfterDays);
    const whose =
      meta.orgType === 'care'
        ? "care provider's"
        : meta.orgType === 'school'
          ? "school's"
          : meta.orgType === 'nhs'
            ? "trust's"
            : "council's";
    const who = trng.chance(0.5) ? whose : `${meta.organisation}'s`;
    satisfiedLine = `Ombudsman satisfied with ${who} response: ${pageDate(satisfiedDate)}`;
  } else if (meta.finding === 'not_investigated') {
    summary = summaryOf(ctx);
    blocks.push(complaintBlock(ctx), roleBlock(ctx, roleHeading));
    if (trng.chance(0.6)) blocks.push(howBlock(ctx, true));
    blocks.push(closedAssessment(ctx), finalBlock(ctx, 'Final decision'));
  } else {
    summary = summaryOf(ctx);
    blocks.push(complaintBlock(ctx));
    const investigated = trng.next();
    if (investigated < 0.2) {
      blocks.push({
        heading: 'What I have investigated',
        sub: false,
        paras: [{ text: w.t('I have investigated {subject}.', { subject: ctx.subject }) }],
      });
    } else if (investigated < 0.3) {
      blocks.push({
        heading: 'What I have and have not investigated',
        sub: false,
        paras: [
          { text: w.t('I have investigated {subject}.', { subject: ctx.subject }) },
          {
            text: w.t('I have not investigated {outside}, as the law does not allow us to.', {
              outside: w.c(topic.outside),
            }),
          },
        ],
      });
    }
    blocks.push(roleBlock(ctx, roleHeading), howBlock(ctx, false));
    blocks.push(...foundBlocks(ctx, (h) => h));
    const action = actionBlock(ctx);
    if (action) blocks.push(action);
    blocks.push(finalBlock(ctx, trng.chance(0.92) ? 'Final decision' : 'Decision'));
  }

  // An offer the body made that we find enough is reported as its offer and counted as the remedy,
  // unless a fault decision's summary goes on to say the body "has agreed to … pay" that sum.
  facts.payments.forEach((f, i) => {
    const p = payments[i] as Payment;
    if (f.form !== 'offer_adequate' || f.status !== 'agreed') return;
    const amt = amountText[i] as string;
    // Another agreed or recommended payment of the same sum may be the one the summary names.
    const sameSumElsewhere = facts.payments.some(
      (g, j) => j !== i && amountText[j] === amt && (g.status === 'agreed' || g.status === 'recommended'),
    );
    if (meta.finding !== 'not_investigated' && !sameSumElsewhere && summary.includes(amt)) return;
    p.status = 'offered';
    p.countedInTotal = true;
  });

  // Ground-truth facts: serviceImprovements/apology as stated on the page; remedyTotal in pounds.
  const remedyTotal =
    Math.round(payments.filter((p) => countedInTotal(p)).reduce((s, p) => s + (p.amount ?? 0), 0) * 100) /
    100;

  return {
    ref: meta.ref,
    refKey: meta.refKey,
    url: `https://www.lgo.org.uk${meta.path}`,
    path: meta.path,
    organisation: meta.organisation,
    category: meta.category,
    subcategory: meta.subcategory,
    outcome: meta.outcome,
    decisionDate: meta.decisionDate,
    headerLines: layout.headerLines,
    kind: meta.kind,
    summary,
    sections: sectionsOf(meta.kind, summary, blocks, satisfiedLine, layout),
    finding: meta.finding,
    notInvestigatedReason: meta.notInvestigatedReason,
    payments,
    remedyTotal,
    apology: facts.apology,
    serviceImprovements: improvements,
    delays,
    missedEducation: missedTruth(missedFact, ctx.wentWithout, ctx.missed.phrase),
    deadlineDays: w.deadlines.length > 0 ? Math.min(...w.deadlines) : null,
    satisfiedDate,
    revision,
    body: { layout, blocks, satisfiedLine },
    jointWith: meta.jointWith,
  };
}
