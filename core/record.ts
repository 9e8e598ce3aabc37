/**
 * The decision record: the one type that flows crawler → parser → archive → indexer → API.
 * Types come from these schemas (z.infer), never from hand-written interfaces.
 * @module
 */
import { z } from 'zod';
import { Facts } from './facts.js';
import { PrintedRef, RefKey } from './ref.js';

/** yyyy-mm-dd, a real calendar date. */
export const IsoDate = z.iso.date();
export type IsoDate = z.infer<typeof IsoDate>;

/** One headed part of a decision statement, e.g. {heading: "What I found", text: "..."}. */
export const Section = z.object({
  heading: z.string(),
  text: z.string(),
});
export type Section = z.infer<typeof Section>;

/** Statement (the usual form) or public report (LGA 1974 s30). */
export const DecisionKind = z.enum(['statement', 'report']);
export type DecisionKind = z.infer<typeof DecisionKind>;

/** What the page header and body give: identity, header fields, summary and sections. */
export const DecisionText = z.object({
  /** Reference as printed on the page, e.g. "24 019 223". */
  ref: PrintedRef,
  /** Canonical reference, e.g. "24-019-223"; the identity of a decision across listings and spellings. */
  refKey: RefKey,
  /** Canonical source URL on the Ombudsman's site (www host, no display parameters). */
  url: z.string().url(),
  /** The body complained about, as printed, e.g. "London Borough of Southwark". */
  organisation: z.string().min(1),
  /** Top-level category, e.g. "Housing". */
  category: z.string().min(1),
  /** Subcategory, e.g. "Homelessness"; null when the page shows none. */
  subcategory: z.string().min(1).nullable(),
  /**
   * Outcome as printed: "Upheld", "Not upheld", "Closed after initial enquiries", ...; null when the
   * page has no "Decision :" line (some copies carry only the title and the summary).
   */
  outcome: z.string().min(1).nullable(),
  /** yyyy-mm-dd; null when the page has no readable "Decision date :" line. */
  decisionDate: IsoDate.nullable(),
  /**
   * Whether the page had all three header lines (Category, Decision, Decision date). When false the
   * category comes from the URL path, outcome and date may be null, and `parseWarnings` says which
   * lines were missing. Records parsed before 1.11.0 always had them (else they were quarantined).
   */
  headerComplete: z.boolean().default(true),
  kind: DecisionKind,
  /** The "Summary:" paragraph, without the label. Empty when the page has none. */
  summary: z.string(),
  /** Body sections in page order. */
  sections: z.array(Section),
  /** Version of the parser that produced this record (see parser/version.ts). */
  parserVersion: z.string().min(1),
  /** What the parser could not read, in plain words (header, sections and facts together). */
  parseWarnings: z.array(z.string()),
});
export type DecisionText = z.infer<typeof DecisionText>;

/**
 * The decision record: header fields, text, and the facts extracted from it (finding, payments,
 * apology, service improvements, deadline, delays, missed education), each fact with its evidence.
 */
export const Decision = DecisionText.extend(Facts.omit({ parseWarnings: true }).shape);

export type Decision = z.infer<typeof Decision>;

/** One stored version of a decision page. */
export const DecisionVersion = z.object({
  pageHash: z.string(),
  fetchedAt: z.string(),
});
export type DecisionVersion = z.infer<typeof DecisionVersion>;

/** A decision as the archive returns it: the record plus where and when it was fetched. */
export const ArchivedDecision = Decision.extend({
  archive: z.object({
    firstFetchedAt: z.string(),
    lastFetchedAt: z.string(),
    /** When the page disappeared from the Ombudsman's site (404/410 on re-check), else null. */
    removedAt: z.string().nullable(),
    /** sha256 of the page version this record was parsed from. */
    pageHash: z.string(),
    versions: z.array(DecisionVersion),
  }),
});
export type ArchivedDecision = z.infer<typeof ArchivedDecision>;
