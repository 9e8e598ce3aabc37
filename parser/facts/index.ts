/**
 * parser/facts: a decision's summary and sections → Facts (finding, payments, apology, service
 * improvements, deadline, delays, missed education), with the sentence behind each fact.
 * @module
 */

export {
  Delay,
  DelayAbout,
  Evidence,
  Facts,
  FactsInput,
  Finding,
  MissedEducation,
  NotInvestigatedReason,
  Payment,
  PaymentPurpose,
  PaymentStatus,
  ServiceImprovement,
} from '../../core/facts.js';
export {
  type AccuracyReport,
  computeAccuracy,
  ExpectedCase,
  type FieldScore,
  formatAccuracy,
} from './accuracy.js';
export { EHC_LIMIT_DAYS } from './delays.js';
export { extractFacts } from './extract.js';
export { DAYS_PER } from './units.js';
