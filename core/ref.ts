/**
 * Ombudsman references. Printed as "24 019 223" (two-digit year, then the case number), in URLs
 * as "24-019-223"; joint or multi-body cases carry a letter suffix ("17 002 402b").
 * `refKey` is the canonical form used for dedupe, ids and URLs.
 * @module
 */
import { z } from 'zod';

/** Canonical key, e.g. "24-019-223" or "17-002-402b". Safe as a Meilisearch id and in URLs. */
export const RefKey = z
  .string()
  .regex(/^\d{2}-\d{3}-\d{3}[a-z]?$/, 'a reference key such as 24-019-223')
  .brand<'RefKey'>();
export type RefKey = z.infer<typeof RefKey>;

/** Printed reference, e.g. "24 019 223". */
export const PrintedRef = z
  .string()
  .regex(/^\d{2} \d{3} \d{3}[a-z]?$/, 'a reference such as 24 019 223')
  .brand<'PrintedRef'>();
export type PrintedRef = z.infer<typeof PrintedRef>;

export { findRefInText, type ParsedRef, parseRef, tryParseRef } from './ref-text.js';
