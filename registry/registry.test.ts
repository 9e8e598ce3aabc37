import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ORGANISATIONS } from '../replica/organisations.js';
import { buildRegistryData, type CensusRow, type MySocietyRow, midYearRows } from './build.js';
import { defaultRegistry, normaliseName, per100k, populationFor } from './index.js';

const registry = defaultRegistry();
const LABELS = new URL('../../shared/real-decisions/labels.json', import.meta.url);

/**
 * Every English council named in ../shared/real-decisions/labels.json, with its GSS code checked by
 * hand against mySociety's uk_local_authorities_current.csv 1.6.1 (gss-code column) and the ONS
 * census table (LAD column) — see registry/sources/.
 */
const EXPECTED_CODES: Record<string, string> = {
  'Blaby District Council': 'E07000129',
  'Cambridge City Council': 'E07000008',
  'Cambridgeshire County Council': 'E10000003',
  'Central Bedfordshire Council': 'E06000056',
  'Cheshire East Council': 'E06000049',
  'Cheshire West & Chester Council': 'E06000050',
  'City of York Council': 'E06000014',
  'Cornwall Council': 'E06000052',
  'Dorset Council': 'E06000059',
  'Durham County Council': 'E06000047',
  'East Riding of Yorkshire Council': 'E06000011',
  'East Staffordshire Borough Council': 'E07000193',
  'Eastbourne Borough Council': 'E07000061',
  'Epping Forest District Council': 'E07000072',
  'Essex County Council': 'E10000012',
  'Gloucester City Council': 'E07000081',
  'Herefordshire Council': 'E06000019',
  'Huntingdonshire District Council': 'E07000011',
  'Kingston Upon Hull City Council': 'E06000010',
  'Lancashire County Council': 'E10000017',
  'Leicester City Council': 'E06000016',
  'Lincolnshire County Council': 'E10000019',
  'London Borough of Brent': 'E09000005',
  'London Borough of Ealing': 'E09000009',
  'London Borough of Enfield': 'E09000010',
  'London Borough of Hammersmith & Fulham': 'E09000013',
  'London Borough of Sutton': 'E09000029',
  'London Borough of Wandsworth': 'E09000032',
  'Luton Borough Council': 'E06000032',
  'New Forest District Council': 'E07000091',
  'North Lincolnshire Council': 'E06000013',
  'North Tyneside Council': 'E08000022',
  'Northumberland County Council': 'E06000057',
  'Portsmouth City Council': 'E06000044',
  'Reading Borough Council': 'E06000038',
  'Salford City Council': 'E08000006',
  'Sandwell Metropolitan Borough Council': 'E08000028',
  'Somerset Council': 'E06000066',
  'Surrey County Council': 'E10000030',
  'Tewkesbury Borough Council': 'E07000083',
  'Walsall Metropolitan Borough Council': 'E08000030',
  'Waverley Borough Council': 'E07000216',
  'West Lindsey District Council': 'E07000142',
  'Westminster City Council': 'E09000033',
  'Wiltshire Council': 'E06000054',
  'Wirral Metropolitan Borough Council': 'E08000015',
  'Wokingham Borough Council': 'E06000041',
};

/** The labelled organisations that are not councils, with the kind their words give. */
const EXPECTED_NON_COUNCILS: Record<string, string> = {
  'Fullhurst Community College': 'school',
  'MOP Healthcare Limited': 'care_provider',
  'My Life (Carewatch) Limited': 'care_provider',
  'Northern, Eastern and Western Devon Clinical Commissiong Group': 'nhs',
  'Princess Alexandra Hospital NHS Trust': 'nhs',
  'The Franklyn Group Limited': 'care_provider',
};

describe.skipIf(!existsSync(LABELS))('real decisions (../shared/real-decisions/labels.json)', () => {
  const names = [
    ...new Set(
      (JSON.parse(readFileSync(LABELS, 'utf8')) as { organisation: string }[]).map((l) => l.organisation),
    ),
  ].sort();

  it('lists every labelled organisation either as a council with its code or as a non-council', () => {
    const listed = new Set([...Object.keys(EXPECTED_CODES), ...Object.keys(EXPECTED_NON_COUNCILS)]);
    expect(names.filter((n) => !listed.has(n))).toEqual([]);
  });

  it('resolves every English council to its ONS code', () => {
    const got = Object.fromEntries(
      names.filter((n) => n in EXPECTED_CODES).map((n) => [n, registry.resolve(n).code]),
    );
    expect(got).toEqual(EXPECTED_CODES);
  });

  it('gives the other organisations a kind by their words and no code', () => {
    for (const [name, kind] of Object.entries(EXPECTED_NON_COUNCILS)) {
      const r = registry.resolve(name);
      expect({ name, code: r.code, kind: r.kind }).toEqual({ name, code: null, kind });
      expect(registry.isUnmatchedCouncil(name)).toBe(false);
    }
  });
});

describe('resolver', () => {
  it('matches the Ombudsman’s variants of one council to one entity', () => {
    for (const [variant, code] of [
      ['Cheshire West and Chester Council', 'E06000050'],
      ['cheshire west & chester', 'E06000050'],
      ['Royal Borough of Kingston upon Thames', 'E09000021'],
      ['Royal Borough of Kingston', 'E09000021'],
      ['Kingston upon Thames London Borough Council', 'E09000021'],
      ['Council of the Isles of Scilly', 'E06000053'],
      ['Isles of Scilly Council', 'E06000053'],
      ['Hull City Council', 'E06000010'],
      ['Wirral Council', 'E08000015'],
      ['Wirral Borough Council', 'E08000015'],
      ['St. Helens Metropolitan Borough Council', 'E08000013'],
      ['Saint Helens Council', 'E08000013'],
      ['Kings Lynn & West Norfolk Borough Council', 'E07000146'],
      ["Borough Council of King's Lynn and West Norfolk", 'E07000146'],
      ['City of London Corporation', 'E09000001'],
      ['Bristol City Council', 'E06000023'],
      ['Telford and Wrekin Council', 'E06000020'],
      ['Bournemouth, Christchurch & Poole Council', 'E06000058'],
      ['London Borough of Hammersmith and Fulham', 'E09000013'],
    ] as const)
      expect([variant, registry.resolve(variant).code]).toEqual([variant, code]);
  });

  it('tells a reorganised council from its successor by the words used', () => {
    expect(registry.resolve('Somerset County Council').code).toBe('E10000027');
    expect(registry.resolve('Somerset Council').code).toBe('E06000066');
    expect(registry.resolve('North Yorkshire County Council').code).toBe('E10000023');
    expect(registry.resolve('North Yorkshire Council').code).toBe('E06000065');
    expect(registry.resolve('Dorset County Council').code).toBe('E10000009');
    expect(registry.resolve('Northamptonshire County Council').code).toBe('E10000021');
  });

  it('lists a council-like name that matches nothing with its closest councils', () => {
    const r = registry.resolve('Wokinghem Borough Council');
    expect(r.code).toBeNull();
    expect(r.candidates?.[0]?.code).toBe('E06000041');
    expect(registry.isUnmatchedCouncil('Wokinghem Borough Council')).toBe(true);
    expect(registry.isUnmatchedCouncil('Environment Agency')).toBe(false);
    expect(registry.resolve('Environment Agency')).toMatchObject({ code: null, kind: 'other' });
  });

  it('normalises case, ampersands, apostrophes and punctuation', () => {
    expect(normaliseName('  The King’s Lynn & W. Norfolk, Council ')).toBe(
      'kings lynn and w norfolk council',
    );
  });
});

describe('registry data', () => {
  it('records the 2019–2023 reorganisations with their dates', () => {
    const links = (code: string) =>
      registry
        .get(code)!
        .predecessors.map((p) => `${p.code}@${p.date}`)
        .sort();
    expect(links('E06000061')).toEqual(
      ['E07000150', 'E07000152', 'E07000153', 'E07000156', 'E10000021'].map((c) => `${c}@2021-04-01`),
    );
    expect(links('E06000062')).toEqual(
      ['E07000151', 'E07000154', 'E07000155', 'E10000021'].map((c) => `${c}@2021-04-01`),
    );
    expect(links('E06000060')).toEqual(
      ['E07000004', 'E07000005', 'E07000006', 'E07000007', 'E10000002'].map((c) => `${c}@2020-04-01`),
    );
    expect(links('E06000058')).toEqual(['E06000028', 'E06000029', 'E07000048'].map((c) => `${c}@2019-04-01`));
    expect(links('E07000246')).toEqual(['E07000190', 'E07000191'].map((c) => `${c}@2019-04-01`));
    expect(links('E06000064')).toEqual(
      ['E07000027', 'E07000030', 'E07000031', 'E10000006'].map((c) => `${c}@2023-04-01`),
    );
    expect(
      registry
        .get('E10000006')!
        .successors.map((s) => s.code)
        .sort(),
    ).toEqual(['E06000063', 'E06000064']);
    expect(registry.lineage('E06000066').map((e) => e.code)).toContain('E07000190');
  });

  it('carries kinds, regions and populations for every current English council', () => {
    const ons = registry.entities.filter((e) => e.source === 'ons');
    const current = ons.filter((e) => e.abolished === null);
    expect(current).toHaveLength(317);
    for (const e of current) {
      expect(e.region, e.name).toBeTruthy();
      expect(e.population['2021'], e.name).toBeGreaterThan(2000);
    }
    const kinds = (k: string) => current.filter((e) => e.kind === k).length;
    expect([
      kinds('county'),
      kinds('metropolitan_borough'),
      kinds('london_borough'),
      kinds('district'),
    ]).toEqual([21, 36, 32, 164]);
    expect(registry.get('E06000053')!.kind).toBe('isles_of_scilly');
    expect(registry.get('E09000001')!.kind).toBe('city_of_london');
    // A county is its districts: Derbyshire's is in the East Midlands and sums its eight districts.
    expect(registry.get('E10000007')!.region).toBe('East Midlands');
    expect(registry.get('E10000007')!.population['2021']).toBe(
      [126000, 80200, 103400, 71500, 112800, 90800, 101900, 107000].reduce((a, b) => a + b),
    );
  });

  it('takes a year’s population, else the nearest year’s', () => {
    const e = { population: { '2011': 100, '2020': 200, '2021': 210 } };
    expect(populationFor(e, 2021)).toEqual({ year: 2021, residents: 210 });
    expect(populationFor(e, 2025)).toEqual({ year: 2021, residents: 210 });
    expect(populationFor(e, 2016)).toEqual({ year: 2020, residents: 200 });
    expect(populationFor(e, 2015)).toEqual({ year: 2011, residents: 100 });
    expect(populationFor({ population: {} }, 2020)).toBeNull();
    expect(per100k(3, 150_000)).toBe(2);
    expect(per100k(1, 0)).toBeNull();
  });
});

describe('replica registry', () => {
  it('resolves every invented council to an E99 code, and gives the others their kind', () => {
    for (const o of ORGANISATIONS) {
      const r = registry.resolve(o.name);
      if (['care', 'school', 'nhs'].includes(o.type)) {
        expect([o.name, r.code, r.kind]).toEqual([
          o.name,
          null,
          { care: 'care_provider', school: 'school', nhs: 'nhs' }[o.type as 'care' | 'school' | 'nhs'],
        ]);
        continue;
      }
      expect([o.name, r.code?.slice(0, 3)]).toEqual([o.name, 'E99']);
      expect(r.population?.residents, o.name).toBeGreaterThan(1000);
      expect(r.region, o.name).toBeTruthy();
    }
  });

  it('has one reorganisation whose successor’s earlier years are its predecessors’', () => {
    const marlbeck = registry.entityFor('Marlbeck Council')!;
    expect(marlbeck.predecessors.map((p) => p.name).sort()).toEqual([
      'Barrowden Vale District Council',
      'Millbrook & Esk District Council',
    ]);
    const preds = marlbeck.predecessors.map((p) => registry.get(p.code)!);
    expect(marlbeck.population['2016']).toBe(preds[0]!.population['2016']! + preds[1]!.population['2016']!);
    expect(preds.every((p) => p.abolished === '2021-04-01')).toBe(true);
  });
});

describe('registry build: ONS mid-year estimates', () => {
  const sources = (f: string) => readFileSync(new URL(`./sources/${f}`, import.meta.url), 'utf8');
  const mysociety = parse(sources('mysociety-uk_local_authorities_current-1.6.1.england.csv'), {
    columns: true,
  }) as MySocietyRow[];
  const census = parse(sources('onsvisual-census-population-scrolly-poprank.england.csv'), {
    columns: true,
  }) as CensusRow[];
  const shipped = JSON.parse(sources('../data/ons-entities.json')) as ReturnType<typeof buildRegistryData>;
  const { provenance } = shipped;

  it('reads a wide table (Code, Mid-YYYY …) and a long one (nomis), English rows only', () => {
    expect(
      midYearRows([
        { Code: 'E06000001', Name: 'Hartlepool', 'Mid-2019': '93,663', 'Mid-2018': '93242' },
        { Code: 'W06000001', Name: 'Isle of Anglesey', 'Mid-2019': '70043', 'Mid-2018': '69961' },
      ]),
    ).toEqual([
      { code: 'E06000001', year: '2019', residents: 93663 },
      { code: 'E06000001', year: '2018', residents: 93242 },
    ]);
    expect(midYearRows([{ GEOGRAPHY_CODE: 'E07000223', DATE: '2017', OBS_VALUE: '135107' }])).toEqual([
      { code: 'E07000223', year: '2017', residents: 135107 },
    ]);
    expect(() => midYearRows([{ Name: 'Hartlepool', Total: '1' }])).toThrow(/not a mid-year estimate table/);
  });

  it('fills the years the census does not give, for councils that existed that year, and says so', () => {
    const data = buildRegistryData({
      mysociety,
      census,
      provenance,
      midYear: [
        { code: 'E06000001', year: '2019', residents: 93663 },
        // The census year keeps the census figure.
        { code: 'E06000001', year: '2021', residents: 1 },
        // North Northamptonshire was created in 2021: no figure of its own for mid-2017.
        { code: 'E06000061', year: '2017', residents: 340000 },
      ],
    });
    const hartlepool = data.entities.find((e) => e.code === 'E06000001')!;
    expect(hartlepool.population['2019']).toBe(93663);
    expect(hartlepool.population['2021']).toBe(
      shipped.entities.find((e) => e.code === 'E06000001')!.population['2021'],
    );
    expect(data.entities.find((e) => e.code === 'E06000061')!.population['2017']).toBeUndefined();
    expect(data.populationBasis['2019']).toBe('Mid-2019 population estimate (ONS)');
    // Without the table the build gives what the project ships.
    expect(buildRegistryData({ mysociety, census, provenance }).entities).toEqual(shipped.entities);
  });
});
