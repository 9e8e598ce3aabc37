/**
 * The facts extracted from one decision (summary + sections): finding, payments, apology, service
 * improvements, deadline, delays and missed education. Types come from these schemas (z.infer).
 * Field names are read by outside checks: keep them as they are.
 * @module
 */
import { z } from 'zod';

/** What the Ombudsman decided about fault and injustice. */
export const Finding = z.enum([
  'fault_injustice',
  'fault_no_injustice',
  'no_fault',
  'not_investigated',
  'unknown',
]);
export type Finding = z.infer<typeof Finding>;

/** Why a complaint was not investigated (null unless `finding` is "not_investigated"). */
export const NotInvestigatedReason = z.enum([
  'tribunal',
  'late',
  'out_of_jurisdiction',
  'insufficient_injustice',
  'already_remedied',
  'premature',
  'other',
]);
export type NotInvestigatedReason = z.infer<typeof NotInvestigatedReason>;

/**
 * The sentence behind a fact. `section` is the heading of the section ("Summary" for the summary);
 * `start`/`end` are offsets of the sentence in that section's text, so `text.slice(start, end) === text`.
 */
export const Evidence = z.object({
  section: z.string(),
  text: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Evidence = z.infer<typeof Evidence>;

/**
 * agreed: the body agreed / will; recommended: we recommend / should, no agreement stated;
 * already_paid: paid or refunded before the decision; offered: the body offered it itself, before or
 * outside the Ombudsman's recommendations — taken as the remedy when the Ombudsman found it enough
 * (then `countedInTotal`), else only mentioned (declined, not enough); other: status unclear.
 */
export const PaymentStatus = z.enum(['agreed', 'recommended', 'already_paid', 'offered', 'other']);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

export const PaymentPurpose = z.enum([
  'distress',
  'time_and_trouble',
  'loss_of_education',
  'loss_of_service',
  'reimbursement',
  'symbolic',
  'backdated',
  'other',
]);
export type PaymentPurpose = z.infer<typeof PaymentPurpose>;

/** One distinct remedy payment (mentions in the summary and the remedy section are merged). */
export const Payment = z.object({
  /** GBP, pence allowed; a per-period sum with a stated count is multiplied out. */
  amount: z.number().nonnegative(),
  status: PaymentStatus,
  purpose: PaymentPurpose,
  /** As printed: "Mrs X", "Y", "Mr and Mrs B", "each neighbour"; null when not named (or only a pronoun). */
  recipient: z.string().nullable(),
  evidence: Evidence,
  /**
   * Whether the sum is in `remedyTotal`: agreed, recommended and already-paid sums are, and an offer
   * the Ombudsman found enough; a declined or insufficient offer is not. Absent on records parsed
   * before 1.11.0, where it follows the status (offers then were never counted).
   */
  countedInTotal: z.boolean().optional(),
  /**
   * Ids of the rules that decided it (parser/facts/README.md, Payment rule ids): why the sum is a
   * remedy, its status, purpose and recipient, e.g. ["P-SUM-REMEDY-CUE", "P-STATUS-CUE-BEFORE",
   * "P-PURPOSE-AFTER", "P-RECIPIENT-PAY-BEFORE"]: why a sum counted as agreed. Absent before 1.11.0;
   * the remedy and recipient ids from 1.12.0.
   */
  rules: z.array(z.string()).optional(),
});
export type Payment = z.infer<typeof Payment>;

export { countedInTotal, REMEDY_STATUSES } from './counted.js';

export const ServiceImprovement = z.object({
  text: z.string(),
  evidence: Evidence,
  /** Ids of the rules that read it: where, what it does, for whom (parser/facts/README.md, Service improvements). Absent before 1.12.0. */
  rules: z.array(z.string()).optional(),
});
export type ServiceImprovement = z.infer<typeof ServiceImprovement>;

export const DelayAbout = z.enum([
  'ehc_plan',
  'annual_review',
  'assessment',
  'complaint_response',
  'education_provision',
  'other',
]);
export type DelayAbout = z.infer<typeof DelayAbout>;

/** A delay, normalised to days (see DAYS_PER in delays.ts: week 7, month 30, term 91, year 365). */
export const Delay = z.object({
  days: z.number().nonnegative(),
  about: DelayAbout,
  /** The phrase that states the delay, e.g. "eight weeks outside the statutory timescales". */
  text: z.string(),
  evidence: Evidence,
  /** Ids of the rules that read it: its form and its subject (parser/facts/README.md, Delays). Absent before 1.12.0. */
  rules: z.array(z.string()).optional(),
});
export type Delay = z.infer<typeof Delay>;

/** yyyy-mm */
export const YearMonth = z.string().regex(/^\d{4}-(?:0[1-9]|1[0-2])$/);

/** A period a child missed education or provision, as dates and/or a stated length. */
export const MissedEducation = z.object({
  from: YearMonth.nullable(),
  to: YearMonth.nullable(),
  /** The stated length in days (term 91, month 30, ...); null when only dates are given. */
  days: z.number().nonnegative().nullable(),
  text: z.string(),
  evidence: Evidence,
  /** Ids of the rules that read its dates and length (parser/facts/README.md, Missed education). Absent before 1.12.0. */
  rules: z.array(z.string()).optional(),
});
export type MissedEducation = z.infer<typeof MissedEducation>;

/** What the page's "Decision :" line says about fault, by the Ombudsman's own definitions. */
export const OutcomeReading = z.enum(['fault', 'no_fault_or_discontinued', 'not_investigated', 'unknown']);
export type OutcomeReading = z.infer<typeof OutcomeReading>;

/**
 * The "Decision :" line and the text disagree about the finding: both readings, the evidence for
 * the text's, which one the record keeps and the rule that chose it (see parser/facts/README.md).
 */
export const FindingConflict = z.object({
  /** The outcome as printed ("Upheld", "Not upheld", "Closed after initial enquiries"). */
  outcome: z.string(),
  outcomeReading: OutcomeReading,
  /** What the summary (or the sections) alone say. */
  textFinding: Finding,
  textEvidence: Evidence.nullable(),
  /** The finding the record carries. */
  kept: Finding,
  /** Id of the rule that decided (parser/facts/finding.ts). */
  rule: z.string(),
});
export type FindingConflict = z.infer<typeof FindingConflict>;

/** One point of a summary the Ombudsman decided on separately (mixed findings). */
export const FindingPoint = z.object({
  finding: z.enum(['fault', 'no_fault', 'not_investigated']),
  evidence: Evidence,
});
export type FindingPoint = z.infer<typeof FindingPoint>;

export const Facts = z.object({
  finding: Finding,
  /**
   * Ids of the rules that decided the finding, in order (e.g. "F-TEXT-FAULT", "F-OUTCOME-CLOSED"):
   * why the record says what it says. Empty on records parsed before 1.11.0.
   */
  findingRules: z.array(z.string()).default([]),
  /** Set when the Decision line and the text disagree; null when they agree or there is no line. */
  findingConflict: FindingConflict.nullable().default(null),
  /** The summary's separate findings, point by point, where it states more than one. */
  findingPoints: z.array(FindingPoint).default([]),
  notInvestigatedReason: NotInvestigatedReason.nullable(),
  /** The sentence the finding was read from, when there was one. */
  findingEvidence: Evidence.optional(),
  payments: z.array(Payment),
  /** Sum of the payments counted in the total (agreed, recommended, already paid, offers found enough), to the penny. */
  remedyTotal: z.number().nonnegative(),
  apology: z.boolean(),
  apologyEvidence: Evidence.optional(),
  /**
   * Ids of the rules that decided the apology (parser/facts/README.md, Apology): the rule that
   * accepted it, or with no apology those that set apology sentences aside. Absent before 1.12.0.
   */
  apologyRules: z.array(z.string()).optional(),
  serviceImprovements: z.array(ServiceImprovement),
  /** Days allowed for the agreed action: the shortest stated ("within one month" = 30); null when none. */
  deadlineDays: z.number().nonnegative().nullable(),
  /**
   * Ids of the rules that decided the deadline (parser/facts/README.md, Deadline): the rule that
   * kept it, or with none those that set a "within N" aside. Absent before 1.12.0.
   */
  deadlineRules: z.array(z.string()).optional(),
  delays: z.array(Delay),
  missedEducation: z.array(MissedEducation),
  /** What could not be read, in plain words. */
  parseWarnings: z.array(z.string()),
});
export type Facts = z.infer<typeof Facts>;

/** The input: the decision's summary and its sections (a Decision record fits). */
export const FactsInput = z.object({
  summary: z.string(),
  /** The "Decision :" line as printed, when the page has one: evidence for the finding. */
  outcome: z.string().nullable().optional(),
  sections: z.array(z.object({ heading: z.string(), text: z.string() })),
});
export type FactsInput = z.infer<typeof FactsInput>;
