/**
 * Builds the registry's ONS entities from two published tables (already parsed into records):
 * mySociety's `uk_local_authorities_current.csv` (names, GSS codes, authority types, regions,
 * reorganisations, the mid-2020 population) and ONS's Census 2011/2021 populations per local
 * authority district (ONSvisual census-population-scrolly `poprank.js`). Pure: no IO, so the
 * rebuild (scripts/registry-build.ts) and its test share it.
 * @module
 */
import { type EntityKind, RegistryData, type RegistryEntity } from './schema.js';

/** One row of mySociety's table (only the columns read; the published file has more). */
export interface MySocietyRow {
  'local-authority-code': string;
  'official-name': string;
  'nice-name': string;
  'gss-code': string;
  'start-date': string;
  'end-date': string;
  'replaced-by': string;
  region: string;
  'local-authority-type': string;
  'county-la': string;
  'pop-2020': string;
  nation?: string;
}

/** One row of ONS's census table: LAD code (2021 boundaries), name, Census 2011 and 2021 residents. */
export interface CensusRow {
  LAD: string;
  NAME: string;
  POP11: number | string;
  POP21: number | string;
}

/** One council's residents in one year from an ONS mid-year estimate table. */
export interface MidYearRow {
  code: string;
  year: string;
  residents: number;
}

const CODE_COLUMNS = [
  'code',
  'area code',
  'areacd',
  'ladcode',
  'lad code',
  'geography_code',
  'geography code',
];
const YEAR_COLUMN = /^(?:mid[-_ ]?|population[-_ ]|pop[-_ ]?|estimated population mid-)?((?:19|20)\d\d)$/i;

/**
 * The rows of an ONS mid-year estimate table, read by column name: either wide (a code column —
 * "Code", "areacd", "ladcode", … — and one column a year: "Mid-2019", "population_2019", "2019"),
 * or long (nomis: "GEOGRAPHY_CODE", "DATE", "OBS_VALUE"). Rows whose code is not English (E…) or
 * whose figure is not a whole number are left out; a table with neither shape is an error.
 */
export function midYearRows(records: readonly Record<string, string>[]): MidYearRow[] {
  const first = records[0];
  if (!first) return [];
  const lower = new Map(Object.keys(first).map((k) => [k.trim().toLowerCase(), k]));
  const count = (v: string | undefined) => Number((v ?? '').replace(/,/g, '').trim());
  const out: MidYearRow[] = [];
  const push = (code: string | undefined, year: string, v: string | undefined) => {
    const residents = count(v);
    if (code?.startsWith('E') && Number.isInteger(residents) && residents > 0)
      out.push({ code: code.trim(), year, residents });
  };
  if (lower.has('geography_code') && lower.has('date') && lower.has('obs_value')) {
    for (const r of records)
      push(
        r[lower.get('geography_code')!],
        String(r[lower.get('date')!]).slice(0, 4),
        r[lower.get('obs_value')!],
      );
    return out;
  }
  const codeKey = CODE_COLUMNS.map((c) => lower.get(c)).find(Boolean);
  const years = Object.keys(first)
    .map((k) => [k, YEAR_COLUMN.exec(k.trim())?.[1]] as const)
    .filter((x): x is readonly [string, string] => x[1] !== undefined);
  if (!codeKey || years.length === 0)
    throw new Error(
      `not a mid-year estimate table: no code column (${CODE_COLUMNS.join(', ')}) with year columns (Mid-2019, 2019, …), nor GEOGRAPHY_CODE, DATE, OBS_VALUE`,
    );
  for (const r of records) for (const [k, y] of years) push(r[codeKey], y, r[k]);
  return out;
}

const KIND_BY_TYPE: Record<string, EntityKind> = {
  CTY: 'county',
  UA: 'unitary',
  MD: 'metropolitan_borough',
  LBO: 'london_borough',
  NMD: 'district',
  CC: 'city_of_london',
};
const ISLES_OF_SCILLY = 'E06000053';

/** Mid-year: an estimate for year Y counts for a council that existed on 30 June of Y. */
function existedIn(year: number, created: string | null, abolished: string | null): boolean {
  const mid = `${year}-06-30`;
  return (created === null || created <= mid) && (abolished === null || abolished > mid);
}

/** Census day 2011 (27 March) and 2021 (21 March): a council counts if it existed or its area was whole. */
const CENSUS_YEARS = ['2011', '2021'] as const;

export interface BuildInput {
  mysociety: readonly MySocietyRow[];
  census: readonly CensusRow[];
  /** ONS mid-year estimates (midYearRows): fill every year the census does not give. */
  midYear?: readonly MidYearRow[];
  provenance: RegistryData['provenance'];
}

/** The registry data for England's councils, validated against the schema. */
export function buildRegistryData({ mysociety, census, midYear = [], provenance }: BuildInput): RegistryData {
  const rows = mysociety.filter(
    (r) => (r.nation === undefined || r.nation === 'England') && KIND_BY_TYPE[r['local-authority-type']],
  );
  const byLa = new Map(rows.map((r) => [r['local-authority-code'], r]));
  const censusBy = new Map(census.map((c) => [c.LAD, c]));

  // Reorganisation links: a row's replaced-by lists its successors; the change takes effect on the
  // successor's start date (mySociety gives the predecessor's last day in some rows, the first in others).
  const successorsOf = new Map<string, string[]>();
  const predecessorsOf = new Map<string, string[]>();
  for (const r of rows) {
    const next = r['replaced-by']
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (next.length === 0) continue;
    successorsOf.set(r['local-authority-code'], next);
    for (const n of next) {
      if (!byLa.has(n)) throw new Error(`${r['local-authority-code']} is replaced by ${n}, not in the table`);
      predecessorsOf.set(n, [...(predecessorsOf.get(n) ?? []), r['local-authority-code']]);
    }
  }
  const changeDate = (from: MySocietyRow, to: MySocietyRow): string => {
    if (to['start-date'] && predecessorsOf.has(to['local-authority-code'])) return to['start-date'];
    const end = from['end-date'];
    if (!end) throw new Error(`${from['local-authority-code']} has successors but no end date`);
    // "2019-03-31" is the last day; the successor took over the day after.
    const d = new Date(`${end}T00:00:00Z`);
    if (end.endsWith('-03-31')) d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  };
  const districtsOf = new Map<string, MySocietyRow[]>();
  for (const r of rows) {
    if (r['local-authority-type'] !== 'NMD' || !r['county-la']) continue;
    districtsOf.set(r['county-la'], [...(districtsOf.get(r['county-la']) ?? []), r]);
  }

  const entityOf = new Map<string, RegistryEntity>();
  for (const r of rows) {
    const la = r['local-authority-code'];
    const preds = predecessorsOf.get(la) ?? [];
    const succs = successorsOf.get(la) ?? [];
    const predecessors = preds.map((p) => {
      const pr = byLa.get(p)!;
      return { code: pr['gss-code'], name: pr['official-name'], date: changeDate(pr, r) };
    });
    const successors = succs.map((s) => {
      const sr = byLa.get(s)!;
      return { code: sr['gss-code'], name: sr['official-name'], date: changeDate(r, sr) };
    });
    const code = r['gss-code'];
    const kind: EntityKind =
      code === ISLES_OF_SCILLY ? 'isles_of_scilly' : KIND_BY_TYPE[r['local-authority-type']]!;
    const county = r['county-la'] ? (byLa.get(r['county-la'])?.['gss-code'] ?? null) : null;
    entityOf.set(la, {
      code,
      name: r['official-name'].replace(/\s+/g, ' ').trim(),
      shortName: r['nice-name'].trim(),
      kind,
      region: r.region || null,
      county,
      created: predecessors[0]?.date ?? null,
      abolished: successors[0]?.date ?? null,
      population: {},
      populationDerived: [],
      predecessors,
      successors,
      aliases: [],
      source: 'ons',
    });
  }

  // Regions: a county's is its districts' (mySociety files some counties under a combined
  // authority's region); an abolished council without one takes its successor's or its county's.
  for (const [la, e] of entityOf) {
    if (e.kind !== 'county') continue;
    const regions = (districtsOf.get(la) ?? []).map((d) => d.region).filter(Boolean);
    const top = mostCommon(regions);
    if (top) e.region = top;
  }
  for (let pass = 0; pass < 2; pass++)
    for (const [la, e] of entityOf) {
      if (e.region) continue;
      const viaSucc = (successorsOf.get(la) ?? []).map((s) => entityOf.get(s)?.region).find(Boolean);
      const viaCounty = byLa.get(la)?.['county-la']
        ? entityOf.get(byLa.get(la)!['county-la'])?.region
        : undefined;
      e.region = viaSucc ?? viaCounty ?? null;
    }

  // Populations. Census 2011/2021 are on 2021 district boundaries; mid-2020 is mySociety's column.
  for (const [la, e] of entityOf) {
    const r = byLa.get(la)!;
    const pop2020 = Number(r['pop-2020']);
    // A figure for an area counts for a council created later over that area (2021, 2023), not for
    // one abolished before mid-2020 (mySociety's figure for those is not theirs).
    if (r['pop-2020'] && Number.isFinite(pop2020) && existedIn(2020, null, e.abolished))
      e.population['2020'] = Math.round(pop2020);
    const c = censusBy.get(e.code);
    if (c) for (const y of CENSUS_YEARS) e.population[y] = Number(y === '2011' ? c.POP11 : c.POP21);
  }
  // Mid-year estimates by GSS code, for the years the census does not give (the census counts
  // people where the estimates are rolled forward from, so it is kept for its own years).
  const midYearYears = new Set<string>();
  const byCode = new Map([...entityOf.values()].map((e) => [e.code, e]));
  for (const m of midYear) {
    const e = byCode.get(m.code);
    if (!e || (CENSUS_YEARS as readonly string[]).includes(m.year)) continue;
    if (!existedIn(Number(m.year), e.created, e.abolished)) continue;
    e.population[m.year] = m.residents;
    midYearYears.add(m.year);
  }
  const censusOf = (la: string, y: string): number | undefined => entityOf.get(la)?.population[y];
  const sum = (las: readonly string[], y: string): number | undefined => {
    let total = 0;
    for (const l of las) {
      const v = censusOf(l, y);
      if (v === undefined) return undefined;
      total += v;
    }
    return las.length > 0 ? total : undefined;
  };
  for (const y of CENSUS_YEARS) {
    // A council created from whole districts (2023: Cumberland, Westmorland and Furness, North
    // Yorkshire, Somerset) covers exactly their area.
    for (const [la, e] of entityOf) {
      if (e.population[y] !== undefined) continue;
      const lower = (predecessorsOf.get(la) ?? []).filter(
        (p) => byLa.get(p)!['local-authority-type'] !== 'CTY',
      );
      const whole = lower.every((p) => (successorsOf.get(p) ?? []).length === 1);
      const v = whole ? sum(lower, y) : undefined;
      if (v !== undefined) {
        e.population[y] = v;
        e.populationDerived.push(y);
      }
    }
    // A county is the sum of its districts; a county whose districts had gone by 2021 is its
    // successors' sum when they cover exactly its districts (Northamptonshire, Buckinghamshire).
    for (const [la, e] of entityOf) {
      if (e.kind !== 'county' || e.population[y] !== undefined) continue;
      const districts = (districtsOf.get(la) ?? []).map((d) => d['local-authority-code']);
      // The census is on 2021 districts: those abolished earlier (2019 Suffolk and Somerset mergers)
      // lie inside a 2021 district of the same county, so the 2021 districts alone make the county.
      let v = sum(
        districts.filter((d) => censusBy.has(entityOf.get(d)!.code)),
        y,
      );
      if (v === undefined) {
        const succ = successorsOf.get(la) ?? [];
        const covered = districts.every((d) => (successorsOf.get(d) ?? []).every((s) => succ.includes(s)));
        if (covered) v = sum(succ, y);
      }
      if (v !== undefined) {
        e.population[y] = v;
        e.populationDerived.push(y);
      }
    }
  }

  // Names the Ombudsman uses that neither name column has.
  for (const e of entityOf.values()) {
    if (e.shortName.endsWith(' Council')) e.aliases.push(e.shortName.replace(/ Council$/, ''));
    if (/^City of /.test(e.shortName)) e.aliases.push(e.shortName.replace(/^City of /, ''));
  }

  const entities = [...entityOf.values()].sort((a, b) => a.code.localeCompare(b.code));
  return RegistryData.parse({
    provenance,
    populationBasis: {
      ...Object.fromEntries([...midYearYears].map((y) => [y, `Mid-${y} population estimate (ONS)`])),
      '2011': 'Census 2011 usual residents (ONS), on 2021 district boundaries',
      '2020': midYearYears.has('2020')
        ? 'Mid-2020 population estimate (ONS)'
        : 'Mid-2020 population estimate (ONS), as carried in mySociety’s table',
      '2021': 'Census 2021 usual residents (ONS), rounded to the nearest 100',
    },
    entities,
  });
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  let n = 0;
  for (const [v, c] of counts)
    if (c > n) {
      best = v;
      n = c;
    }
  return best;
}
