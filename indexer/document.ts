/**
 * The search document: what one Decision looks like inside Meilisearch.
 * @module
 */

import { ErrorCode, LgscoError } from '../core/errors.js';
import { type Column, DECISION_COLUMNS, type FactsSource, type IndexUse } from '../core/facts-columns.js';
import type { Decision } from '../core/record.js';

export interface SearchDocument {
  /** Primary key: the refKey (only [a-z0-9-], a valid Meilisearch id). */
  id: string;
  ref: string;
  refKey: string;
  url: string;
  organisation: string;
  category: string;
  subcategory: string | null;
  /** null when the page has no Decision line. */
  outcome: string | null;
  kind: Decision['kind'];
  /** yyyy-mm-dd; null when the page has no readable Decision date line. */
  decisionDate: string | null;
  /**
   * Unix seconds at 00:00 UTC of decisionDate: the field date filters and sorting use. null with the
   * date: such a decision matches no date filter and sorts last.
   */
  decisionTs: number | null;
  decisionYear: number | null;
  /** All three header lines were on the page. */
  headerComplete: boolean;
  /** The Decision line and the text disagree about the finding (see findingConflict in the record). */
  findingConflict: boolean;
  summary: string;
  /** Sections as "heading\ntext", separated by blank lines. */
  sectionsText: string;
  parserVersion: string;
  /** The Ombudsman's site no longer serves the page (404/410 on re-check); the decision is kept. */
  removedFromSource: boolean;
  /** Extracted finding; "unknown" for records parsed before the facts existed. */
  finding: string;
  /** Sum of the payments counted in the total (agreed, recommended, already paid, offers found enough), pounds (0 when none). */
  remedyTotal: number;
  /** remedyTotal > 0. */
  hasPayment: boolean;
  /** Longest delay found, days (0 when none). */
  maxDelayDays: number;
  /** Longest delay about one subject, days (0 when none): maxDelayDaysEhcPlan, … (facts-columns.ts delaySubjectField). */
  [subjectDelay: `maxDelayDays${Capitalize<string>}`]: number;
  /** Periods of missed education found. */
  missedEducationCount: number;
  /** Longest missed-education period with a length, days; null when none. */
  missedEducationDays: number | null;
}

/** The search document's fact fields and the facts-table columns they come from (archive/facts-table.ts). */
export const INDEXED_FACTS = DECISION_COLUMNS.filter(
  (c): c is Column<FactsSource> & { index: IndexUse } => c.index !== undefined,
);

type FactField =
  | 'finding'
  | 'remedyTotal'
  | 'hasPayment'
  | 'maxDelayDays'
  | 'missedEducationCount'
  | 'missedEducationDays'
  | 'headerComplete'
  | 'findingConflict';

/**
 * The indexed facts of a record, computed by the same columns as the archive's facts table:
 * missing facts count as finding "unknown", no payment, no delay.
 */
export function factsOf(decision: Decision): Pick<SearchDocument, FactField> {
  const source: FactsSource = {
    record: decision,
    row: {
      ref_key: decision.refKey,
      ref: decision.ref,
      url: decision.url,
      organisation: decision.organisation,
      category: decision.category,
      subcategory: decision.subcategory,
      outcome: decision.outcome,
      decision_date: decision.decisionDate,
      kind: decision.kind,
      parser_version: decision.parserVersion,
      page_hash: '',
      first_fetched_at: '',
      last_fetched_at: '',
      removed_at: null,
    },
  };
  const out: Record<string, unknown> = {};
  for (const c of INDEXED_FACTS) {
    const v = c.value(source);
    out[c.index.field] = c.index.boolean ? v === 1 : v;
  }
  return out as Pick<SearchDocument, FactField>;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Unix seconds at 00:00 UTC of a yyyy-mm-dd date. Throws (LGSCO_ERR_BAD_REQUEST) for anything
 * that is not a real calendar date, so no raw string ever reaches a filter.
 */
export function isoDateToTs(date: string): number {
  const m = typeof date === 'string' ? ISO_DATE.exec(date) : null;
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const ms = Date.UTC(y, mo - 1, d);
    const back = new Date(ms);
    if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d)
      return ms / 1000;
  }
  throw new LgscoError(ErrorCode.BAD_REQUEST, `not a date (yyyy-mm-dd): ${JSON.stringify(date)}`);
}

export function toSearchDocument(decision: Decision & { removedFromSource?: boolean }): SearchDocument {
  const date = decision.decisionDate;
  const decisionTs = date === null ? null : isoDateToTs(date);
  return {
    id: decision.refKey,
    ref: decision.ref,
    refKey: decision.refKey,
    url: decision.url,
    organisation: decision.organisation,
    category: decision.category,
    subcategory: decision.subcategory,
    outcome: decision.outcome,
    kind: decision.kind,
    decisionDate: date,
    decisionTs,
    decisionYear: date === null ? null : Number(date.slice(0, 4)),
    summary: decision.summary,
    sectionsText: decision.sections.map((s) => `${s.heading}\n${s.text}`).join('\n\n'),
    parserVersion: decision.parserVersion,
    removedFromSource: decision.removedFromSource === true,
    ...factsOf(decision),
  };
}
