/**
 * The registry: England's councils from registry/data/ons-entities.json (built from the ONS and
 * mySociety tables by scripts/registry-build.ts, read once, nothing fetched) plus the replica's
 * invented councils, one resolver over both, and the per-resident arithmetic.
 * @module
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { replicaEntities } from './replica-entities.js';
import { type Candidate, Resolver } from './resolve.js';
import { COUNCIL_KINDS, type EntityKind, RegistryData, type RegistryEntity } from './schema.js';

// From source (tsx, vitest) the data sits beside this file; from dist/registry/ it is two levels up.
const DATA_FILES = ['./data/ons-entities.json', '../../registry/data/ons-entities.json'];

function readOnsText(): string {
  for (const rel of DATA_FILES) {
    try {
      return readFileSync(new URL(rel, import.meta.url), 'utf8');
    } catch {}
  }
  throw new Error(`registry data not found (looked for ${DATA_FILES.join(', ')} beside ${import.meta.url})`);
}

let onsText: string | undefined;
const onsData = (): string => {
  onsText ??= readOnsText();
  return onsText;
};

function readOnsData(): RegistryData {
  return RegistryData.parse(JSON.parse(onsData()));
}

/**
 * Identifies the registry's data (the ONS file and the replica's entities): what the archive keys its
 * derived organisation_code/organisation_kind columns on, so new reference data re-derives them.
 */
export const REGISTRY_VERSION: string = createHash('sha256')
  .update(onsData())
  .update(JSON.stringify(replicaEntities()))
  .digest('hex')
  .slice(0, 16);

/** What `lgsco organisations resolve` prints and the API carries for one organisation name. */
export interface ResolvedOrganisation {
  name: string;
  code: string | null;
  /** The entity's official name, when matched. */
  registryName: string | null;
  kind: EntityKind;
  region: string | null;
  /** Latest population figure: { year, residents }. */
  population: { year: number; residents: number } | null;
  predecessors: RegistryEntity['predecessors'];
  successors: RegistryEntity['successors'];
  /** Only for a council-like name that matched nothing: the nearest councils. */
  candidates?: Candidate[];
}

/** Population for a year: that year's figure, else the nearest year's (the earlier on a tie). */
export function populationFor(
  entity: Pick<RegistryEntity, 'population'>,
  year: number,
): { year: number; residents: number } | null {
  let best: { year: number; residents: number } | null = null;
  for (const [y, residents] of Object.entries(entity.population)) {
    const yr = Number(y);
    if (best === null || Math.abs(yr - year) < Math.abs(best.year - year)) best = { year: yr, residents };
  }
  return best;
}

/** Per 100,000 residents, to one decimal place; null without a population. */
export function per100k(count: number, residents: number | null | undefined): number | null {
  if (!residents) return null;
  return Math.round((count / residents) * 1_000_000) / 10;
}

export class Registry {
  readonly resolver: Resolver;
  private readonly byCode: Map<string, RegistryEntity>;
  private readonly cache = new Map<string, ResolvedOrganisation>();

  constructor(
    readonly entities: readonly RegistryEntity[],
    readonly populationBasis: Record<string, string>,
    readonly provenance: RegistryData['provenance'] | null,
  ) {
    this.resolver = new Resolver(entities);
    this.byCode = new Map(entities.map((e) => [e.code, e]));
  }

  get(code: string): RegistryEntity | undefined {
    return this.byCode.get(code);
  }

  /** The entity a name resolves to (undefined when none). */
  entityFor(name: string): RegistryEntity | undefined {
    const r = this.resolver.resolve(name);
    return r.matched ? r.entity : undefined;
  }

  /** A name's registry fields (memoised: the archive asks for the same few hundred names again and again). */
  resolve(name: string): ResolvedOrganisation {
    const hit = this.cache.get(name);
    if (hit) return hit;
    const r = this.resolver.resolve(name);
    const out: ResolvedOrganisation = r.matched
      ? {
          name,
          code: r.entity.code,
          registryName: r.entity.name,
          kind: r.entity.kind,
          region: r.entity.region,
          population: latest(r.entity),
          predecessors: r.entity.predecessors,
          successors: r.entity.successors,
        }
      : {
          name,
          code: null,
          registryName: null,
          kind: r.kind,
          region: null,
          population: null,
          predecessors: [],
          successors: [],
          ...(r.councilLike ? { candidates: r.candidates } : {}),
        };
    this.cache.set(name, out);
    return out;
  }

  /** Whether a name is a council the registry does not know (listed on the status page). */
  isUnmatchedCouncil(name: string): boolean {
    const r = this.resolve(name);
    return r.code === null && r.candidates !== undefined;
  }

  /** The entity and every predecessor before it, transitively (Somerset → Somerset West and Taunton → Taunton Deane). */
  lineage(code: string): RegistryEntity[] {
    const out: RegistryEntity[] = [];
    const seen = new Set<string>();
    const walk = (c: string) => {
      const e = this.byCode.get(c);
      if (!e || seen.has(c)) return;
      seen.add(c);
      out.push(e);
      for (const p of e.predecessors) walk(p.code);
    };
    walk(code);
    return out;
  }
}

function latest(e: RegistryEntity): { year: number; residents: number } | null {
  const years = Object.keys(e.population).map(Number);
  if (years.length === 0) return null;
  const year = Math.max(...years);
  return { year, residents: e.population[String(year)]! };
}

export function isCouncilKind(kind: EntityKind): boolean {
  return COUNCIL_KINDS.has(kind);
}

let shared: Registry | undefined;

/** The registry the archive uses: England's councils (ONS) and the replica's invented ones. */
export function defaultRegistry(): Registry {
  if (!shared) {
    const ons = readOnsData();
    shared = new Registry([...ons.entities, ...replicaEntities()], ons.populationBasis, ons.provenance);
  }
  return shared;
}
