/**
 * Decisions per 100,000 residents (issue #17). A row's residents are those of the councils it is
 * about: one council (grouped by organisation or code), the councils of a kind or region the
 * registry lists (grouped so, or filtered so), or the councils the filters name. The population is
 * that of the row's year (time groups) or of the year of its latest decision, else the nearest year
 * with a figure (registry/README.md says which years exist). A council and the councils it replaced
 * cover one area: only the latest of a lineage counts.
 * @module
 */
import { z } from 'zod';
import {
  COUNCIL_KINDS,
  defaultRegistry,
  per100k,
  populationFor,
  type Registry,
  type RegistryEntity,
} from '../../registry/index.js';
import { matchesRegistry, type RegistryFilters, selectedCodes } from './registry-filters.js';

export const PerResidentSchema = z
  .object({
    /** The year whose population was asked for, and the year(s) whose figures were used. */
    year: z.number().int(),
    populationYears: z.array(z.number().int()),
    residents: z.number().int(),
    /** How many councils the residents are of. */
    councils: z.number().int(),
    decisionsPer100k: z.number(),
    upheldPer100k: z.number(),
  })
  .nullable();
export type PerResident = z.infer<typeof PerResidentSchema>;

/** The councils (entities) a group is about; undefined when the group is not one set of councils. */
export type CouncilSet = readonly RegistryEntity[] | undefined;

/** Councils that existed in mid-`year` (a council created later, or abolished earlier, is not counted). */
function existedIn(e: RegistryEntity, year: number): boolean {
  const mid = `${year}-06-30`;
  return (e.created === null || e.created <= mid) && (e.abolished === null || e.abolished > mid);
}

export class PerResidentCalc {
  readonly registry: Registry;
  /** Registry sources the archive's organisations come from (the real site's or the replica's). */
  private readonly sources: ReadonlySet<string>;

  constructor(archiveNames: readonly string[], registry: Registry = defaultRegistry()) {
    this.registry = registry;
    this.sources = new Set(
      archiveNames.map((n) => registry.entityFor(n)?.source).filter((s): s is 'ons' | 'replica' => !!s),
    );
  }

  /** The councils of the registry (from the archive's source) that pass the registry filters. */
  councilsMatching(f: RegistryFilters): RegistryEntity[] {
    const codes = selectedCodes({ ...f, includePredecessors: false }, this.registry);
    return this.registry.entities.filter(
      (e) =>
        COUNCIL_KINDS.has(e.kind) &&
        this.sources.has(e.source) &&
        (!codes || codes.includes(e.code)) &&
        matchesRegistry(e.name, { organisationKind: f.organisationKind, region: f.region }, this.registry),
    );
  }

  /** The council set the filters alone select (no grouping by organisation); undefined when none. */
  councilsOfFilters(f: RegistryFilters & { organisation?: readonly string[] }): CouncilSet {
    if (f.organisationCode?.length || f.organisationKind?.length || f.region?.length) {
      if (f.organisationKind?.some((k) => !COUNCIL_KINDS.has(k))) return undefined;
      const councils = this.councilsMatching(f);
      if (!f.organisation?.length) return councils;
      const named = new Set(f.organisation.map((n) => this.registry.entityFor(n)?.code));
      return councils.filter((e) => named.has(e.code));
    }
    if (f.organisation?.length) {
      const entities = f.organisation.map((n) => this.registry.entityFor(n));
      if (entities.some((e) => !e || !COUNCIL_KINDS.has(e.kind))) return undefined;
      return [...new Set(entities as RegistryEntity[])];
    }
    return undefined;
  }

  /** Per 100,000 residents of `councils` in `year` (the latest of each lineage; those existing that year). */
  figures(councils: CouncilSet, year: number, decisions: number, upheld: number): PerResident {
    if (!councils || councils.length === 0) return null;
    const codes = new Set(councils.map((c) => c.code));
    // Drop a council whose successor is in the set: they are one area.
    const latest = councils.filter((c) => !c.successors.some((s) => codes.has(s.code)));
    const living = latest.length > 1 ? latest.filter((c) => existedIn(c, year)) : latest;
    let residents = 0;
    const years = new Set<number>();
    for (const c of living) {
      const p = populationFor(c, year);
      if (!p) continue;
      residents += p.residents;
      years.add(p.year);
    }
    if (residents === 0) return null;
    return {
      year,
      populationYears: [...years].sort(),
      residents,
      councils: living.length,
      decisionsPer100k: per100k(decisions, residents)!,
      upheldPer100k: per100k(upheld, residents)!,
    };
  }
}
