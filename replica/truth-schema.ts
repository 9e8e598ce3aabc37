/**
 * The replica's ground-truth record: what a perfect crawler + parser should recover from each
 * decision page, plus the structured facts the page text was written from. Facts are chosen
 * first and the text rendered from them, so the truth is right by construction.
 * @module
 */
import { z } from 'zod';
import * as facts from '../core/facts.js';
import { IsoDate, Section } from '../core/record.js';

export const Outcome = z.enum(['Upheld', 'Not upheld', 'Closed after initial enquiries']);
export type Outcome = z.infer<typeof Outcome>;

/** What the Ombudsman found (the record's values less "unknown": the truth always knows). `not_investigated` = closed at assessment. */
export const Finding = facts.Finding.exclude(['unknown']);
export type Finding = z.infer<typeof Finding>;

/**
 * Why a complaint was not investigated. `tribunal` covers any right of appeal to a tribunal or a
 * court that it was reasonable to use (LGA 1974 s26(6)); `other` covers "an investigation would
 * achieve nothing more", "another body is better placed" and discontinued investigations.
 */
export const NotInvestigatedReason = facts.NotInvestigatedReason;
export type NotInvestigatedReason = z.infer<typeof NotInvestigatedReason>;

/**
 * agreed: the body agreed to pay · recommended: the Ombudsman recommends it (not yet agreed) ·
 * already_paid: paid before the decision and accepted as (part of) the remedy · offered: the body
 * offered it itself — turned down (not counted as remedy) or found suitable by the Ombudsman
 * (`countedInTotal`, in the remedy total) · other: a sum named in the text that is not a remedy, e.g. the
 * charge disputed, a charge waived, a guidance range or the amount the complainant claimed.
 * A sum now plus a further sum each month while a situation lasts is two payments, the monthly
 * one counted once (the part certain to be paid).
 */
export const PaymentStatus = facts.PaymentStatus;
export type PaymentStatus = z.infer<typeof PaymentStatus>;

export const PaymentPurpose = facts.PaymentPurpose;
export type PaymentPurpose = z.infer<typeof PaymentPurpose>;

export const Payment = z.object({
  /** Pounds (pence as decimals, e.g. 509.81); null for "a symbolic payment" whose sum no page names. */
  amount: z.number().nonnegative().nullable(),
  status: PaymentStatus,
  purpose: PaymentPurpose,
  /** Set on an offer the Ombudsman found enough: reported as offered, counted in the remedy total. */
  countedInTotal: z.boolean().optional(),
  /** Who is paid, as the text names them: "Mrs X", "Y", "Mr and Mrs D". */
  recipient: z.string(),
  /**
   * The amount exactly as written on the page ("£1,200", "£1200", "five hundred pounds"); "" when
   * none. Per-period sums multiplied out: the rate as written ("£300"). Guidance ranges (status
   * `other`, amount = the lower end): the range ("between £100 and £300").
   */
  phrase: z.string(),
});
export type Payment = z.infer<typeof Payment>;

export const DelayAbout = facts.DelayAbout;
export type DelayAbout = z.infer<typeof DelayAbout>;

/**
 * A delay the text attributes to the body. `days` converts the written length with
 * DELAY_UNIT_DAYS (day 1, week 7, month 30, term 91, year 365); `phrase` is the length as written.
 * An EHC plan issued "34 weeks after the request" is 14 weeks (98 days) late: the 20-week limit
 * is taken off, and `phrase` is the total as written.
 */
export const Delay = z.object({
  days: z.number().int().positive(),
  about: DelayAbout,
  phrase: z.string(),
});
export type Delay = z.infer<typeof Delay>;

/** Days per unit used to turn "eight weeks", "4 months", "two terms" into `Delay.days`. */
export const DELAY_UNIT_DAYS = { day: 1, week: 7, month: 30, term: 91, year: 365 } as const;

/**
 * A period a child missed education or the provision in an EHC plan, as the findings state it
 * (core/facts.ts `MissedEducation` less the evidence): `from`/`to` the months of the dates given
 * (null when none; `to` null for a period still going on, "since April 2024"), `days` the stated
 * length with DELAY_UNIT_DAYS ("four terms" 364; null when only dates are given). One entry per
 * distinct period: mentions of the same period (dates in one sentence, the length in another) are
 * one entry. What the complainant claims, and time out of school taught full time, are not missed
 * education. `phrase` is the length as written (else the first date).
 */
export const MissedEducation = z.object({
  from: facts.YearMonth.nullable(),
  to: facts.YearMonth.nullable(),
  days: z.number().int().positive().nullable(),
  phrase: z.string(),
});
export type MissedEducation = z.infer<typeof MissedEducation>;

export const ReplicaDecision = z.object({
  ref: z.string(),
  refKey: z.string(),
  /** https://www.lgo.org.uk + path */
  url: z.string(),
  /** /decisions/<cat-slug>/<subcat-slug>/<refKey> */
  path: z.string(),
  organisation: z.string(),
  category: z.string(),
  subcategory: z.string(),
  outcome: Outcome,
  decisionDate: IsoDate,
  /**
   * Whether the page prints its Category / Decision / Decision date lines. When false a parser can
   * read only the category (from the URL): outcome and date are the truth but not on the page.
   */
  headerLines: z.boolean(),
  kind: z.enum(['statement', 'report']),
  /** The "Summary:" paragraph without its label (reports: the text of the "Summary" block). */
  summary: z.string(),
  /** Body sections after the summary, as defined at the top of replica/render-decision.ts. */
  sections: z.array(Section),
  finding: Finding,
  notInvestigatedReason: NotInvestigatedReason.nullable(),
  payments: z.array(Payment),
  /** Sum of agreed + recommended + already_paid amounts (null amounts count as 0), in pounds. */
  remedyTotal: z.number(),
  apology: z.boolean(),
  /** Service improvements the body agreed to or was asked to make, exactly as written in the text. */
  serviceImprovements: z.array(z.string()),
  delays: z.array(Delay),
  missedEducation: z.array(MissedEducation),
  /**
   * Days the body was given for the remedy: the shortest "within N days/weeks/months" of the
   * remedy text (week 7, month 30); null when no remedy has a stated deadline.
   */
  deadlineDays: z.number().int().positive().nullable(),
  /** 2016-era reports only: the date in "Ombudsman satisfied with council's response: <date>". */
  satisfiedDate: IsoDate.nullable(),
  /** Joint cases: refKey of the partner decision (same base reference, other letter). */
  jointWith: z.string().nullable(),
  /** 0 as generated; bumped by changeDecision(). */
  revision: z.number().int().nonnegative(),
});
export type ReplicaDecision = z.infer<typeof ReplicaDecision>;
