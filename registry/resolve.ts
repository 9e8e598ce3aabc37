/**
 * Name → entity. The Ombudsman names one council many ways ("Cheshire West & Chester Council",
 * "London Borough of Hammersmith & Fulham", "Kingston Upon Hull City Council", "Wirral Metropolitan
 * Borough Council"): names are normalised (case, "&"/"and", punctuation, "Saint"/"St") and matched
 * first whole against every official name and alias, then by the place name left once the council
 * words are taken off. A name that is not a council gets a kind from its words; a council-like name
 * that matches nothing is reported unmatched with its closest candidates, never dropped.
 * @module
 */
import { distance } from 'fastest-levenshtein';
import { COUNCIL_KINDS, type EntityKind, type RegistryEntity } from './schema.js';

/** Lower case, "&" → "and", apostrophes and full stops dropped, other punctuation → space, "the" dropped. */
export function normaliseName(name: string): string {
  return ` ${name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’‘`.]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')} `
    .replace(/ saint /g, ' st ')
    .replace(/ the /g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// Council words, longest first, taken off the ends to leave the place name.
const PREFIXES = [
  'london borough of',
  'royal borough of',
  'borough council of',
  'council of the',
  'council of',
  'city and county of',
  'city of',
  'borough of',
  'county of',
];
const SUFFIXES = [
  'metropolitan borough council',
  'london borough council',
  'metropolitan district council',
  'city and district council',
  'county borough council',
  'borough council',
  'district council',
  'county council',
  'city council',
  'london borough',
  'corporation',
  'council',
  'mbc',
  'cc',
  'dc',
  'bc',
];

/** The place name: council words off both ends ("Wirral Metropolitan Borough Council" → "wirral"). */
export function coreName(normalised: string): string {
  let s = normalised;
  for (let changed = true; changed; ) {
    changed = false;
    for (const p of PREFIXES)
      if (s.startsWith(`${p} `)) {
        s = s.slice(p.length + 1);
        changed = true;
      }
    for (const x of SUFFIXES)
      if (s.endsWith(` ${x}`)) {
        s = s.slice(0, -(x.length + 1));
        changed = true;
      }
  }
  return s;
}

/** The council kind a name's words point to, if any ("… County Council" → county). */
function kindHint(normalised: string): EntityKind | null {
  if (/^(london|royal) borough of /.test(normalised)) return 'london_borough';
  if (/ metropolitan (borough|district) council$/.test(normalised)) return 'metropolitan_borough';
  if (/ county council$/.test(normalised)) return 'county';
  if (/ district council$/.test(normalised)) return 'district';
  return null;
}

const COUNCIL_WORDS = /\b(council|borough|corporation)\b/;

/** Kind of a body that is not a council, from its words. */
export function kindByWords(name: string): EntityKind {
  const n = normaliseName(name);
  if (/\b(nhs|ccg|icb|clinical commission\w*|integrated care board|hospitals?|health)\b/.test(n))
    return 'nhs';
  if (/\b(school|academy|academies|college|multi academy trust|federation)\b/.test(n)) return 'school';
  if (/\b(care|homecare|nursing|residential|domiciliary|limited|ltd|plc|llp|cic)\b/.test(n))
    return 'care_provider';
  if (/\btrust\b/.test(n)) return 'nhs';
  return 'other';
}

export interface Candidate {
  code: string;
  name: string;
  /** Edit distance between the place names (0 = same). */
  distance: number;
}

export type Resolution =
  | { matched: true; entity: RegistryEntity; via: 'name' | 'place' }
  | { matched: false; kind: EntityKind; councilLike: boolean; candidates: Candidate[] };

/** Matches names against a fixed set of entities (built once; resolving is a few map look-ups). */
export class Resolver {
  private readonly byName = new Map<string, RegistryEntity[]>();
  private readonly byPlace = new Map<string, RegistryEntity[]>();
  private readonly places: { place: string; entity: RegistryEntity }[] = [];

  constructor(readonly entities: readonly RegistryEntity[]) {
    const add = (m: Map<string, RegistryEntity[]>, k: string, e: RegistryEntity) => {
      if (!k) return;
      const list = m.get(k) ?? [];
      if (!list.includes(e)) list.push(e);
      m.set(k, list);
    };
    for (const e of entities) {
      for (const n of [e.name, ...e.aliases]) add(this.byName, normaliseName(n), e);
      for (const n of [e.name, e.shortName, ...e.aliases]) {
        const place = coreName(normaliseName(n));
        add(this.byPlace, place, e);
        // "Kingston upon Hull" is also "Hull"; "County Durham" is also "Durham".
        add(this.byPlace, place.replace(/^county /, ''), e);
      }
      this.places.push({ place: coreName(normaliseName(e.shortName)), entity: e });
    }
  }

  resolve(name: string): Resolution {
    const n = normaliseName(name);
    const hint = kindHint(n);
    const whole = this.byName.get(n);
    if (whole?.length) return { matched: true, entity: pick(whole, hint), via: 'name' };
    const councilLike = COUNCIL_WORDS.test(n) || /^city of /.test(n);
    if (!councilLike) {
      const kind = kindByWords(name);
      if (kind !== 'other') return { matched: false, kind, councilLike: false, candidates: [] };
    }
    const place = coreName(n);
    const byPlace = this.byPlace.get(place) ?? this.byPlace.get(place.replace(/^kingston upon /, ''));
    if (byPlace?.length) return { matched: true, entity: pick(byPlace, hint), via: 'place' };
    // "Royal Borough of Kingston" names "Kingston upon Thames": a place that begins one council's
    // place name only (of the kind the words point to) is that council.
    if (councilLike && place.length >= 4) {
      const starts = this.places.filter(
        ({ place: p, entity }) => p.startsWith(`${place} `) && (hint === null || entity.kind === hint),
      );
      const codes = new Set(starts.map((s) => s.entity.code));
      if (codes.size === 1) return { matched: true, entity: starts[0]!.entity, via: 'place' };
    }
    return {
      matched: false,
      kind: councilLike ? (hint ?? 'other') : 'other',
      councilLike,
      candidates: councilLike ? this.closest(place) : [],
    };
  }

  /** The three councils whose place names are nearest (edit distance) to `place`. */
  closest(place: string, limit = 3): Candidate[] {
    const seen = new Set<string>();
    return this.places
      .map(({ place: p, entity }) => ({ code: entity.code, name: entity.name, distance: distance(place, p) }))
      .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
      .filter((c) => {
        if (seen.has(c.code)) return false;
        seen.add(c.code);
        return true;
      })
      .slice(0, limit);
  }
}

/** Several entities share the name: the kind the words point to, then the one that still exists. */
function pick(list: readonly RegistryEntity[], hint: EntityKind | null): RegistryEntity {
  const ranked = [...list].sort(
    (a, b) =>
      Number(hint !== null && b.kind === hint) - Number(hint !== null && a.kind === hint) ||
      Number(a.abolished !== null) - Number(b.abolished !== null) ||
      Number(COUNCIL_KINDS.has(b.kind)) - Number(COUNCIL_KINDS.has(a.kind)),
  );
  return ranked[0]!;
}
