/**
 * The organisation registry joined to the archive (issue #17): filters by organisationCode,
 * organisationKind and region; groupings by them; registry fields on the organisations list; and
 * decisions per 100,000 residents, checked against figures computed here from the registry.
 */
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../core/record.js';
import { defaultRegistry, populationFor } from '../../registry/index.js';
import { useSeededStore } from '../../test/helpers/stub-api.js';
import { syntheticDecisions } from '../../test/helpers/synthetic.js';
import {
  computeCoverage,
  computeStats,
  DECISION_COLUMNS,
  listOrganisations,
  organisationNamesFor,
  PAYMENT_COLUMNS,
} from './index.js';

// Somerset's history: the county and a district before 2023, the unitary after.
const SOMERSET = ['Somerset County Council', 'Mendip District Council', 'Somerset Council'];
// A council-like name no registry entry has (listed as unmatched, never dropped).
const UNKNOWN = 'Barsetshire County Council';
const decisions: Decision[] = syntheticDecisions(120).map((d, i) =>
  i % 10 === 9
    ? { ...d, organisation: SOMERSET[i % 3]! }
    : i % 40 === 4
      ? { ...d, organisation: UNKNOWN }
      : d,
);
const registry = defaultRegistry();
const seeded = useSeededStore(decisions, 'lgsco-registry-join-');

const about = (names: string[]) => decisions.filter((d) => names.includes(d.organisation));
const latestYear = (ds: Decision[]) => Math.max(...ds.map((d) => Number(d.decisionDate!.slice(0, 4))));
const per100k = (n: number, residents: number) => Math.round((n / residents) * 1_000_000) / 10;

describe('registry filters', () => {
  it('select decisions by ONS code, kind and region', () => {
    expect(computeStats(seeded.store, 'none', { organisationCode: ['E06000015'] }).total.decisions).toBe(
      about(['Derby City Council']).length,
    );
    expect(computeStats(seeded.store, 'none', { organisationKind: ['county'] }).total.decisions).toBe(
      // An unmatched "… County Council" still takes its kind from its words.
      about(['Kent County Council', 'Somerset County Council', UNKNOWN]).length,
    );
    expect(computeStats(seeded.store, 'none', { region: ['london'] }).total.decisions).toBe(
      about(['London Borough of Southwark']).length,
    );
    expect(computeStats(seeded.store, 'none', { organisationKind: ['care_provider'] }).total.decisions).toBe(
      decisions.filter((d) => / Ltd/.test(d.organisation)).length,
    );
  });

  it('joins a council’s predecessors when asked', () => {
    const own = computeStats(seeded.store, 'none', { organisationCode: ['E06000066'] }).total.decisions;
    const joined = computeStats(seeded.store, 'none', {
      organisationCode: ['E06000066'],
      includePredecessors: true,
    }).total.decisions;
    expect(own).toBe(about(['Somerset Council']).length);
    expect(joined).toBe(about(SOMERSET).length);
  });

  it('turns registry filters into the names the search index holds', () => {
    expect(
      organisationNamesFor(seeded.store.db, { organisationKind: ['metropolitan_borough'] }, undefined),
    ).toEqual(['Leeds City Council']);
    expect(organisationNamesFor(seeded.store.db, { organisationCode: ['E09000001'] }, undefined)).toEqual([
      '',
    ]);
  });

  it('groups by kind, region and code', () => {
    const byKind = computeStats(seeded.store, 'organisationKind', {});
    expect(byKind.groups.map((g) => g.key).sort()).toEqual(
      ['care_provider', 'county', 'district', 'london_borough', 'metropolitan_borough', 'unitary'].sort(),
    );
    const byCode = computeStats(seeded.store, 'organisationCode', {});
    expect(byCode.groups.find((g) => g.key === 'E08000035')?.decisions).toBe(
      about(['Leeds City Council']).length,
    );
  });
});

describe('per 100,000 residents', () => {
  it('gives each council its decisions per resident, population of its latest decision’s year', () => {
    const rows = computeStats(seeded.store, 'organisation', {}).groups;
    const derby = rows.find((r) => r.key === 'Derby City Council')!;
    const ds = about(['Derby City Council']);
    const pop = populationFor(registry.get('E06000015')!, latestYear(ds))!;
    expect(derby.perResident).toEqual({
      year: latestYear(ds),
      populationYears: [pop.year],
      residents: pop.residents,
      councils: 1,
      decisionsPer100k: per100k(ds.length, pop.residents),
      upheldPer100k: per100k(ds.filter((d) => d.outcome === 'Upheld').length, pop.residents),
    });
    expect(rows.find((r) => r.key === 'Sunrise Care Homes Ltd')!.perResident).toBeNull();
  });

  it('gives a kind the residents of all its councils in the archive’s registry, and a year its own population', () => {
    const county = computeStats(seeded.store, 'organisationKind', {}).groups.find((g) => g.key === 'county')!;
    const councils = registry.entities.filter(
      (e) =>
        e.kind === 'county' &&
        e.source === 'ons' &&
        (e.abolished === null || e.abolished > `${county.perResident!.year}-06-30`),
    );
    const residents = councils.reduce((t, e) => t + populationFor(e, county.perResident!.year)!.residents, 0);
    expect(county.perResident).toMatchObject({ councils: councils.length, residents });
    expect(county.perResident!.decisionsPer100k).toBe(per100k(county.decisions, residents));

    const byYear = computeStats(seeded.store, 'year', { organisationCode: ['E10000016'] });
    for (const g of byYear.groups)
      expect(g.perResident!.residents).toBe(
        populationFor(registry.get('E10000016')!, Number(g.key))!.residents,
      );
    // No council set for the whole archive (it holds care providers too).
    expect(computeStats(seeded.store, 'none', {}).total.perResident).toBeNull();
  });
});

describe('organisations list', () => {
  it('carries the registry fields', () => {
    const orgs = listOrganisations(seeded.store, {});
    expect(orgs.find((o) => o.organisation === 'Derby City Council')).toMatchObject({
      organisationCode: 'E06000015',
      organisationKind: 'unitary',
      region: 'East Midlands',
      population: { year: 2021, residents: 261000 },
    });
    expect(
      orgs.find((o) => o.organisation === 'Somerset Council')!.predecessors.map((p) => p.code),
    ).toContain('E10000027');
    expect(orgs.find((o) => o.organisation === 'Sunrise Care Homes Ltd')).toMatchObject({
      organisationCode: null,
      organisationKind: 'care_provider',
      perResident: null,
    });
  });
});

describe('unmatched council names', () => {
  it('are listed by coverage with their decisions and closest councils', () => {
    const { unmatchedOrganisations } = computeCoverage(seeded.store, { limit: 10 });
    expect(unmatchedOrganisations.map(({ name, decisions }) => ({ name, decisions }))).toEqual([
      { name: UNKNOWN, decisions: about([UNKNOWN]).length },
    ]);
    expect(unmatchedOrganisations[0]!.candidates).toHaveLength(3);
    expect(listOrganisations(seeded.store, {}).find((o) => o.organisation === UNKNOWN)).toMatchObject({
      organisationCode: null,
      perResident: null,
    });
  });
});

describe('exports', () => {
  it('carry the organisation’s code and kind on decision and payment rows', () => {
    for (const cols of [DECISION_COLUMNS, PAYMENT_COLUMNS])
      expect(cols).toEqual(
        expect.arrayContaining(['organisation', 'organisation_code', 'organisation_kind']),
      );
    const rows = seeded.store.db
      .prepare(
        'SELECT DISTINCT organisation, organisation_code, organisation_kind FROM decision_facts ORDER BY 1',
      )
      .all();
    expect(rows).toContainEqual({
      organisation: 'Derby City Council',
      organisation_code: 'E06000015',
      organisation_kind: 'unitary',
    });
    expect(rows).toContainEqual({
      organisation: 'Sunrise Care Homes Ltd',
      organisation_code: null,
      organisation_kind: 'care_provider',
    });
  });
});
