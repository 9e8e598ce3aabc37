/**
 * The clause layer over the sentences (sentences.ts): where a sentence breaks into clauses, with
 * offsets into the sentence, computed once per sentence and kind of break and shared by the stages.
 * A stage asks for the breaks it needs instead of guessing clause scope from a character window:
 *
 * - `remedy-list`: the next remedy of a list, ";" or "and (to / will / should) <remedy verb>"
 *   ("£150 and remind staff …"): where the words about a sum end (payments).
 * - `done-list`: ", and", ";", "and it / the Council", and ", agreed / offered / paid …" (what the
 *   body has done, one clause each: "apologised to Mr J, offered him £175 and agreed to review its
 *   procedures"): service improvements.
 * - `general`: ";", ":", ",", "but", and "and" before a new subject (a person, the body, a pronoun).
 * @module
 */
import type { Sentence } from './sentences.js';
import { DONE_VERB, PERSON, REMEDY_LIST_VERB } from './vocabulary.js';

export type BreakKind = 'remedy-list' | 'done-list' | 'general';

/** A break between two clauses: the separator's span in the sentence (not part of either clause). */
export interface ClauseBreak {
  start: number;
  end: number;
}

/** A clause: `sentence.text.slice(start, end) === text`. */
export interface Clause {
  text: string;
  start: number;
  end: number;
}

const BREAKS: Record<BreakKind, RegExp> = {
  'remedy-list': new RegExp(String.raw`;|\band\s+(?:to\s+|will\s+|should\s+)?${REMEDY_LIST_VERB}\b`, 'gi'),
  'done-list': new RegExp(
    String.raw`,\s+and\s+|;\s+|\s+and\s+(?=it\s|the\s+council\s)|(?:,|\s+and)\s+(?=(?:has\s+|have\s+)?(?:also\s+|already\s+)?${DONE_VERB}\b)`,
    'gi',
  ),
  general: new RegExp(
    String.raw`\s*[;:,]\s*(?:but\s+)?|\s+but\s+|\s+and\s+(?=(?:${PERSON}|it|she|he|they|we|I|the\s+(?:council|trust|provider|school|organisation))\s)`,
    'gi',
  ),
};

/**
 * The breaks of one kind in a sentence, in order; computed once per sentence and kept on it
 * (`Sentence.breaks`, not a WeakMap: a decision's sentences are garbage soon after, and weak maps
 * make collecting them slow).
 */
export function clauseBreaks(
  s: { text: string; breaks?: Sentence['breaks'] },
  kind: BreakKind,
): ClauseBreak[] {
  let out = s.breaks?.[kind];
  if (!out) {
    out = [];
    const re = BREAKS[kind];
    re.lastIndex = 0;
    for (let m = re.exec(s.text); m; m = re.exec(s.text))
      out.push({ start: m.index, end: m.index + m[0].length });
    s.breaks ??= {};
    s.breaks[kind] = out;
  }
  return out;
}

/** The clauses of a sentence for one kind of break (empty clauses dropped). */
export function clausesOf(s: { text: string; breaks?: Sentence['breaks'] }, kind: BreakKind): Clause[] {
  const out: Clause[] = [];
  let from = 0;
  const push = (to: number) => {
    if (to > from) out.push({ text: s.text.slice(from, to), start: from, end: to });
  };
  for (const b of clauseBreaks(s, kind)) {
    push(b.start);
    from = b.end;
  }
  push(s.text.length);
  return out;
}

/** Where the clause holding `from` ends: the first break of `kind` starting at or after `from` and ending by `limit`. */
export function clauseEnd(
  s: { text: string; breaks?: Sentence['breaks'] },
  kind: BreakKind,
  from: number,
  limit: number,
): number {
  for (const b of clauseBreaks(s, kind)) {
    if (b.start < from) continue;
    if (b.end > limit) break;
    return b.start;
  }
  return limit;
}
