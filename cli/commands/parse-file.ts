/**
 * One saved page read and parsed into its NDJSON line, synchronously: the same inline or in a
 * parse worker thread (parse-pool.ts).
 * @module
 */
import { readFileSync } from 'node:fs';
import { isLgscoError } from '../../core/errors.js';
import { parseDecisionHtml, parseDecisionText } from '../../parser/decision.js';
import { decodeFile } from '../../parser/decode.js';

/** One file's outcome: its record as one JSON line, or why it is not a decision page. */
export type ParseOutcome = { ok: true; json: string } | { ok: false; why: string };

export function parseFile(file: string, url: string | undefined): ParseOutcome {
  try {
    // As a browser reads a saved file: a BOM names UTF-8 or UTF-16 (LE/BE), else UTF-8.
    const content = decodeFile(readFileSync(file));
    const isHtml = /\.html?$/i.test(file) || /^\s*<(!doctype|html)/i.test(content);
    const record = isHtml ? parseDecisionHtml(content, { url }) : parseDecisionText(content, { url });
    return { ok: true, json: JSON.stringify(record) };
  } catch (e) {
    const why = isLgscoError(e) ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e);
    return { ok: false, why };
  }
}
