/**
 * An organisation filter that names no organisation the archive holds is almost always a
 * mistyped or shortened name ("Northmere" for "Northmere County Council"): answering it with an
 * empty set would look like a real zero. It is refused with the closest names instead.
 * @module
 */
import { distance } from 'fastest-levenshtein';
import { ErrorCode, LgscoError } from '../../core/errors.js';
import type { AnalysisStore } from './store.js';

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * The names of the archive closest to `name`, best first: names containing it as whole words
 * first ("Northmere" → "Northmere County Council"), then by edit distance.
 */
export function closestOrganisations(names: readonly string[], name: string, limit = 3): string[] {
  const q = norm(name);
  const escaped = q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const contains = new RegExp(`(^|\\W)${escaped}($|\\W)`);
  return names
    .map((n) => ({ n, inside: contains.test(norm(n)) ? 0 : 1, d: distance(q, norm(n)) }))
    .sort((a, b) => a.inside - b.inside || a.d - b.d || a.n.localeCompare(b.n))
    .slice(0, limit)
    .map((c) => c.n);
}

/** The archive's organisation names, read again only when the archive changed (its revision). */
const cache = new WeakMap<AnalysisStore, { revision: number; names: string[]; known: Set<string> }>();

function namesOf(store: AnalysisStore): { names: string[]; known: Set<string> } {
  const revision = store.revision();
  const hit = cache.get(store);
  if (hit?.revision === revision) return hit;
  const names = store.db
    .prepare<[], string>('SELECT DISTINCT organisation FROM decision_facts WHERE organisation IS NOT NULL')
    .pluck()
    .all();
  const entry = { revision, names, known: new Set(names.map(norm)) };
  cache.set(store, entry);
  return entry;
}

/**
 * Throws LGSCO_ERR_BAD_REQUEST naming each organisation value that matches no archived decision
 * (compared as the filter compares: whole value, case-insensitive, trimmed) and its closest names.
 */
export function checkOrganisations(
  store: AnalysisStore,
  organisation: readonly string[] | string | undefined,
): void {
  if (organisation === undefined) return;
  const asked = Array.isArray(organisation) ? organisation : [organisation as string];
  if (asked.length === 0) return;
  const { names, known } = namesOf(store);
  const unknown = asked.filter((a) => !known.has(norm(a)));
  if (unknown.length === 0) return;
  const parts = unknown.map((u) => {
    const closest = closestOrganisations(names, u);
    return closest.length > 0
      ? `organisation "${u}" matches no decision in the archive; closest names: ${closest.map((c) => `"${c}"`).join(', ')}`
      : `organisation "${u}" matches no decision in the archive, which holds none yet`;
  });
  throw new LgscoError(ErrorCode.BAD_REQUEST, parts.join('; '));
}
