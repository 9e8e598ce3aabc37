/**
 * Filters and groupings by the organisation registry (issue #17): organisationCode (ONS GSS code),
 * organisationKind (the registry's kind) and region. The archive keeps the organisation as printed;
 * the registry is joined at read time — in SQL through functions registered on each read-only
 * connection (org_code, org_kind, org_region), and for the search index by turning the filters into
 * the organisation names that match them.
 * @module
 */
import type BetterSqlite3 from 'better-sqlite3';
import { defaultRegistry, type EntityKind, type Registry } from '../../registry/index.js';

export interface RegistryFilters {
  organisationCode?: string[];
  organisationKind?: EntityKind[];
  region?: string[];
  /** With organisationCode: also the decisions about the councils it replaced (its history, joined). */
  includePredecessors?: boolean;
}

export const REGISTRY_FILTER_KEYS = ['organisationCode', 'organisationKind', 'region'] as const;

/** The codes organisationCode selects: with includePredecessors, each council's whole lineage. */
export function selectedCodes(
  f: RegistryFilters,
  registry: Registry = defaultRegistry(),
): string[] | undefined {
  if (!f.organisationCode?.length) return undefined;
  if (!f.includePredecessors) return f.organisationCode;
  return [...new Set(f.organisationCode.flatMap((c) => [c, ...registry.lineage(c).map((e) => e.code)]))];
}

export function hasRegistryFilters(f: RegistryFilters): boolean {
  return REGISTRY_FILTER_KEYS.some((k) => (f[k]?.length ?? 0) > 0);
}

/** Whether an organisation name passes the registry filters. */
export function matchesRegistry(
  name: string,
  f: RegistryFilters,
  registry: Registry = defaultRegistry(),
): boolean {
  const r = registry.resolve(name);
  const codes = selectedCodes(f, registry);
  if (codes && !(r.code && codes.includes(r.code))) return false;
  if (f.organisationKind?.length && !f.organisationKind.includes(r.kind)) return false;
  if (f.region?.length) {
    const region = r.region?.toLowerCase();
    if (!region || !f.region.some((x) => x.trim().toLowerCase() === region)) return false;
  }
  return true;
}

const registered = new WeakSet<BetterSqlite3.Database>();

/** org_code(name), org_kind(name), org_region(name) on this connection (deterministic: a pure look-up). */
export function registerRegistryFunctions(
  db: BetterSqlite3.Database,
  registry: Registry = defaultRegistry(),
): void {
  if (registered.has(db)) return;
  const opts = { deterministic: true, varargs: false } as const;
  db.function('org_code', opts, (name: unknown) =>
    typeof name === 'string' ? registry.resolve(name).code : null,
  );
  db.function('org_kind', opts, (name: unknown) =>
    typeof name === 'string' ? registry.resolve(name).kind : null,
  );
  db.function('org_region', opts, (name: unknown) =>
    typeof name === 'string' ? registry.resolve(name).region : null,
  );
  registered.add(db);
}

/** The query parameters are in query.ts (filterShape). The SQL conditions (columns of decision_facts aliased f) for the registry filters. */
export function registryWhere(f: RegistryFilters): { parts: string[]; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const codes = selectedCodes(f);
  if (codes) {
    parts.push('org_code(f.organisation) IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(codes));
  }
  if (f.organisationKind?.length) {
    parts.push('org_kind(f.organisation) IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(f.organisationKind));
  }
  if (f.region?.length) {
    parts.push('lower(org_region(f.organisation)) IN (SELECT lower(trim(value)) FROM json_each(?))');
    params.push(JSON.stringify(f.region));
  }
  return { parts, params };
}

/**
 * The organisation names in the archive that pass the registry filters, intersected with
 * `organisation` when given (case-insensitive): what the search index is asked for. No name
 * matching gives [''] — a name no decision has — so the search finds nothing rather than everything.
 */
export function organisationNamesFor(
  db: BetterSqlite3.Database,
  f: RegistryFilters,
  organisation: readonly string[] | undefined,
  registry: Registry = defaultRegistry(),
): string[] {
  const wanted = organisation?.map((o) => o.trim().toLowerCase());
  const names = (
    db.prepare('SELECT DISTINCT organisation FROM decision_facts').pluck().all() as string[]
  ).filter((n) => matchesRegistry(n, f, registry) && (!wanted || wanted.includes(n.trim().toLowerCase())));
  return names.length > 0 ? names : [''];
}
