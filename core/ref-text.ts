/**
 * Reading references out of text, without the schemas: the parser's worker threads load this
 * (zod, which core/ref.ts needs for its schemas, is most of a worker's start-up otherwise).
 * core/ref.ts re-exports everything here.
 * @module
 */
import { BadRefError } from './errors.js';
import type { PrintedRef, RefKey } from './ref.js';

const REF_INPUT = /^\s*(\d{2})[\s\-_]?(\d{3})[\s\-_]?(\d{3})([a-zA-Z])?\s*$/;

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
