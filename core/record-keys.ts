/**
 * The Decision record's fields in the schema's order (core/record.ts), without the schema: the
 * parser builds records in this order so a record's JSON is the JSON the archive stores, and its
 * worker threads then need not load zod. core/record-keys.test.ts checks it against the schema.
 * @module
 */
import type { Decision } from './record.js';

export const DECISION_KEYS = [
  'ref',
  'refKey',
  'url',
  'organisation',
  'category',
  'subcategory',
  'outcome',
  'decisionDate',
  'headerComplete',
  'kind',
  'summary',
  'sections',
  'parserVersion',
  'parseWarnings',
  'finding',
  'findingRules',
  'findingConflict',
  'findingPoints',
  'notInvestigatedReason',
  'findingEvidence',
  'payments',
  'remedyTotal',
  'apology',
  'apologyEvidence',
  'apologyRules',
  'serviceImprovements',
  'deadlineDays',
  'deadlineRules',
  'delays',
  'missedEducation',
] as const satisfies readonly (keyof Decision)[];
