/**
 * What a full-text query means, written once: every word must match, a quoted phrase matches as
 * a phrase, and a synonym (any spelling of a group in synonyms.ts, whatever its punctuation) matches
 * any spelling of its group. The index answers one Meilisearch query per combination of spellings
 * (matchingStrategy 'all') and takes the union: Meilisearch's own synonyms cannot do this, as a
 * synonym key of more than three words is never recognised in a query and a spelling with a comma
 * ("Education, Health and Care Plan") only matches the text as a phrase that keeps the comma.
 * @module
 */
import { ErrorCode, LgscoError } from '../core/errors.js';
import { SYNONYM_GROUPS } from './synonyms.js';

/** More combinations than this and the query is refused (each is one Meilisearch search). */
export const MAX_QUERY_COMBINATIONS = 64;

/** A query's parts, in order: each is matched by any one of its alternatives (Meilisearch syntax). */
export type QueryClause = readonly string[];

/** Lowercase words of a spelling, punctuation dropped ("Education, Health" → education health). */
const words = (s: string): string[] =>
  s
    .toLowerCase()
    .split(/[\s,;:!?()[\]{}"“”]+/)
    .map((w) => w.replace(/^[.'’]+|[.'’]+$/g, ''))
    .filter((w) => w !== '');

/** A spelling as Meilisearch syntax: one word as itself, several as a phrase (keeping the comma). */
const asMeili = (spelling: string): string => (spelling.includes(' ') ? `"${spelling}"` : spelling);

interface Group {
  /** Every spelling, as Meilisearch syntax. */
  alternatives: string[];
  /** Each spelling's words, longest first (for matching the query). */
  forms: string[][];
}

const GROUPS: Group[] = SYNONYM_GROUPS.map((g) => ({
  alternatives: g.map(asMeili),
  forms: g.map(words).sort((a, b) => b.length - a.length),
}));

/** The longest synonym spelling starting at words[i]: its group and length, or undefined. */
function synonymAt(ws: readonly string[], i: number): { group: Group; length: number } | undefined {
  let best: { group: Group; length: number } | undefined;
  for (const group of GROUPS)
    for (const form of group.forms)
      if (
        form.length > (best?.length ?? 0) &&
        i + form.length <= ws.length &&
        form.every((w, k) => ws[i + k] === w)
      )
        best = { group, length: form.length };
  return best;
}

/**
 * The clauses of a query: a quoted phrase as typed; outside quotes, each synonym spelling (the
 * longest found, punctuation ignored) becomes every spelling of its group, each other word itself.
 */
export function parseQuery(q: string): QueryClause[] {
  const clauses: QueryClause[] = [];
  const parts = q.split(/["“”]/);
  for (const [n, part] of parts.entries()) {
    const quoted = n % 2 === 1 && n < parts.length - 1; // an unclosed quote is plain text
    if (quoted) {
      const phrase = part.trim().replace(/\s+/g, ' ');
      if (phrase) clauses.push([`"${phrase}"`]);
      continue;
    }
    const ws = words(part);
    for (let i = 0; i < ws.length; ) {
      const syn = synonymAt(ws, i);
      if (syn) {
        clauses.push(syn.group.alternatives);
        i += syn.length;
      } else {
        clauses.push([ws[i]!]);
        i++;
      }
    }
  }
  return clauses;
}

/**
 * The Meilisearch queries whose union is the query's matching set (each sent with
 * matchingStrategy 'all'): one per combination of the clauses' alternatives, in the typed order.
 * Throws LGSCO_ERR_BAD_REQUEST past MAX_QUERY_COMBINATIONS.
 */
export function expandQuery(q: string): string[] {
  let out: string[][] = [[]];
  for (const clause of parseQuery(q)) {
    if (out.length * clause.length > MAX_QUERY_COMBINATIONS)
      throw new LgscoError(
        ErrorCode.BAD_REQUEST,
        `q has too many synonyms to combine (more than ${MAX_QUERY_COMBINATIONS} spellings together): quote some of them or use fewer`,
      );
    out = out.flatMap((prefix) => clause.map((alt) => [...prefix, alt]));
  }
  return out.map((parts) => parts.join(' ')).filter((s) => s !== '');
}
