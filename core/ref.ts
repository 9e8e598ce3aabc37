/**
 * Ombudsman references. Printed as "24 019 223" (two-digit year, then the case number), in URLs
 * as "24-019-223"; joint or multi-body cases carry a letter suffix ("17 002 402b").
 * `refKey` is the canonical form used for dedupe, ids and URLs.
 * @module
 */
import { z } from 'zod';
import { BadRefError } from './errors.js';

const REF_INPUT = /^\s*(\d{2})[\s\-_]?(\d{3})[\s\-_]?(\d{3})([a-zA-Z])?\s*$/;

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

export interface ParsedRef {
  ref: PrintedRef;
  key: RefKey;
}

/** Parses any common spelling; returns undefined when the input is not a reference. */
export function tryParseRef(input: string): ParsedRef | undefined {
  const m = REF_INPUT.exec(input);
  if (!m) return undefined;
  const suffix = (m[4] ?? '').toLowerCase();
  return {
    ref: `${m[1]} ${m[2]} ${m[3]}${suffix}` as PrintedRef,
    key: `${m[1]}-${m[2]}-${m[3]}${suffix}` as RefKey,
  };
}

/** Like tryParseRef, but throws BadRefError naming the input. */
export function parseRef(input: string): ParsedRef {
  const parsed = tryParseRef(input);
  if (!parsed) throw new BadRefError(input);
  return parsed;
}

/** Finds a reference in free text such as a title "Derby City Council (24 019 223)". */
export function findRefInText(text: string): ParsedRef | undefined {
  const m = /\b(\d{2})[ -](\d{3})[ -](\d{3})([a-z])?\b/i.exec(text);
  return m ? tryParseRef(m[0]) : undefined;
}
