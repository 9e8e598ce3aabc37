/**
 * The replica's own registry: its invented councils (replica/organisations.ts) as entities, so the
 * demo shows every registry figure. Codes are E99…, a range ONS never assigns; populations are
 * invented but plausible for the kind (Census-like 2011 and 2021, an estimate for 2016 and 2024).
 * One reorganisation, modelled on 2021 Northamptonshire: Barrowden Vale and Millbrook & Esk
 * districts became Marlbeck Council on 2021-04-01 — Marlbeck's history is theirs before that day.
 * @module
 */
import type { EntityKind, RegistryEntity } from './schema.js';

type Row = [
  name: string,
  shortName: string,
  kind: EntityKind,
  region: string,
  county: string | null,
  pop2011: number,
  pop2021: number,
];

const NE = 'North East';
const NW = 'North West';
const YH = 'Yorkshire and The Humber';
const EM = 'East Midlands';
const WM = 'West Midlands';
const EE = 'East of England';
const LN = 'London';
const SE = 'South East';
const SW = 'South West';

// County codes are listed first so districts can name theirs.
const ROWS: Row[] = [
  ['Northmere County Council', 'Northmere', 'county', NW, null, 0, 0],
  ['Westmarch County Council', 'Westmarch', 'county', SW, null, 0, 0],
  ['Eastwold County Council', 'Eastwold', 'county', EE, null, 0, 0],
  ['Mardenshire County Council', 'Mardenshire', 'county', EM, null, 0, 0],
  ['Greywater County Council', 'Greywater', 'county', SE, null, 0, 0],
  ['Hollinshire County Council', 'Hollinshire', 'county', WM, null, 0, 0],
  ['Ashcombe County Council', 'Ashcombe', 'county', SE, null, 0, 0],
  ['Southdown Vale County Council', 'Southdown Vale', 'county', SW, null, 0, 0],
  ['London Borough of Eastford', 'Eastford', 'london_borough', LN, null, 288_400, 331_200],
  ['London Borough of Kelmscott', 'Kelmscott', 'london_borough', LN, null, 254_900, 276_800],
  ['Royal Borough of Ashgrove', 'Ashgrove', 'london_borough', LN, null, 158_600, 164_300],
  ['London Borough of Ravensbury', 'Ravensbury', 'london_borough', LN, null, 312_500, 338_900],
  ['London Borough of Thamesreach', 'Thamesreach', 'london_borough', LN, null, 231_900, 262_100],
  ['London Borough of Hatherley', 'Hatherley', 'london_borough', LN, null, 199_700, 214_600],
  ['Brackwell Metropolitan Borough Council', 'Brackwell', 'metropolitan_borough', NW, null, 317_800, 329_100],
  [
    'Calderstone Metropolitan Borough Council',
    'Calderstone',
    'metropolitan_borough',
    YH,
    null,
    422_500,
    432_700,
  ],
  ['Dunmere Metropolitan Borough Council', 'Dunmere', 'metropolitan_borough', NE, null, 200_800, 208_100],
  ['Irongate Metropolitan Borough Council', 'Irongate', 'metropolitan_borough', WM, null, 269_300, 283_700],
  ['Kingsmere City Council', 'Kingsmere', 'unitary', EM, null, 305_700, 322_400],
  ['Ravenford City Council', 'Ravenford', 'unitary', YH, null, 198_100, 202_200],
  ['Portbury City Council', 'Portbury', 'unitary', SE, null, 205_100, 207_900],
  ['Stonecastle City Council', 'Stonecastle', 'unitary', WM, null, 249_000, 257_900],
  ['Wyvern Valley Council', 'Wyvern Valley', 'unitary', WM, null, 183_500, 186_800],
  ['Brightwater & Downs Council', 'Brightwater & Downs', 'unitary', SE, null, 273_400, 276_800],
  ['Cresthaven Borough Council', 'Cresthaven', 'unitary', EE, null, 173_700, 180_500],
  ['Marlbeck Council', 'Marlbeck', 'unitary', EM, null, 0, 0],
  ['Council of the Isles of Merrow', 'Isles of Merrow', 'unitary', SW, null, 2_200, 2_100],
  ['Harlow Vale District Council', 'Harlow Vale', 'district', EE, 'Eastwold', 81_900, 92_800],
  ['Kingsbridge & Wold District Council', 'Kingsbridge & Wold', 'district', EE, 'Eastwold', 124_700, 134_800],
  ['Amberley Downs District Council', 'Amberley Downs', 'district', SE, 'Greywater', 85_400, 87_400],
  ['Stourfield Borough Council', 'Stourfield', 'district', WM, 'Hollinshire', 97_100, 95_700],
  ['North Fennick District Council', 'North Fennick', 'district', EE, 'Eastwold', 101_500, 103_000],
  ['South Oakwell District Council', 'South Oakwell', 'district', EM, 'Mardenshire', 133_800, 143_200],
  ['Castle Morton Borough Council', 'Castle Morton', 'district', NW, 'Northmere', 107_500, 110_000],
  ['Deanbrook District Council', 'Deanbrook', 'district', SW, 'Westmarch', 83_100, 88_500],
  ['Whitmoor Borough Council', 'Whitmoor', 'district', NW, 'Northmere', 110_700, 117_200],
  ['Elmsworth District Council', 'Elmsworth', 'district', SE, 'Ashcombe', 130_900, 138_500],
  ['Rushcombe District Council', 'Rushcombe', 'district', SW, 'Southdown Vale', 124_200, 134_600],
  ['Heathfield & Ryle District Council', 'Heathfield & Ryle', 'district', SE, 'Greywater', 148_900, 160_100],
  ['Saltmarsh Borough Council', 'Saltmarsh', 'district', EE, 'Eastwold', 97_300, 99_700],
  ['Penhallow District Council', 'Penhallow', 'district', SW, 'Westmarch', 63_800, 68_000],
  ['Lydford Vale Borough Council', 'Lydford Vale', 'district', SW, 'Westmarch', 53_600, 57_100],
  ['Mistley Cross District Council', 'Mistley Cross', 'district', EE, 'Eastwold', 61_600, 66_200],
  ['Borough Council of King’s Wenham', 'King’s Wenham', 'district', EE, 'Eastwold', 147_500, 154_200],
  ['Tarrow Hill District Council', 'Tarrow Hill', 'district', NW, 'Northmere', 57_100, 61_300],
  [
    'Oldcastle & Brent Vale District Council',
    'Oldcastle & Brent Vale',
    'district',
    EM,
    'Mardenshire',
    114_800,
    122_800,
  ],
  [
    'St. Edmund’s Fields Borough Council',
    'St. Edmund’s Fields',
    'district',
    EE,
    'Eastwold',
    111_000,
    117_300,
  ],
  ['West Ashling District Council', 'West Ashling', 'district', SE, 'Ashcombe', 113_800, 123_700],
  ['Copperfield Borough Council', 'Copperfield', 'district', WM, 'Hollinshire', 123_900, 123_200],
  ['Hadleigh Marsh District Council', 'Hadleigh Marsh', 'district', EE, 'Eastwold', 87_700, 91_100],
  ['Upper Thorne District Council', 'Upper Thorne', 'district', NW, 'Northmere', 80_700, 82_100],
  ['Bramblecote District Council', 'Bramblecote', 'district', SW, 'Southdown Vale', 82_900, 90_800],
  ['Netherfold Borough Council', 'Netherfold', 'district', NW, 'Northmere', 89_500, 95_600],
  ['East Carrow District Council', 'East Carrow', 'district', EE, 'Eastwold', 124_000, 141_900],
  ['Wendlebury Downs District Council', 'Wendlebury Downs', 'district', SE, 'Ashcombe', 104_800, 114_200],
  ['Gallowmere Borough Council', 'Gallowmere', 'district', WM, 'Hollinshire', 76_800, 78_600],
  ['Sedgecombe District Council', 'Sedgecombe', 'district', SW, 'Southdown Vale', 114_600, 125_200],
  ['Fairlop Heath District Council', 'Fairlop Heath', 'district', SE, 'Greywater', 86_100, 90_400],
  ['Little Ambridge District Council', 'Little Ambridge', 'district', WM, 'Hollinshire', 74_600, 79_400],
  ['Coldharbour Borough Council', 'Coldharbour', 'district', SE, 'Greywater', 99_200, 103_800],
  ['Redwick District Council', 'Redwick', 'district', WM, 'Hollinshire', 84_200, 87_000],
  ['Hartswood District Council', 'Hartswood', 'district', SE, 'Ashcombe', 91_000, 99_400],
  ['Barrowden Vale District Council', 'Barrowden Vale', 'district', EM, 'Mardenshire', 146_500, 166_800],
  ['Millbrook & Esk District Council', 'Millbrook & Esk', 'district', EM, 'Mardenshire', 170_400, 192_300],
];

const REORGANISED = {
  date: '2021-04-01',
  successor: 'Marlbeck',
  predecessors: ['Barrowden Vale', 'Millbrook & Esk'],
};

/** Estimates between and after the censuses: straight-line from 2011 to 2021, extended to 2024. */
function estimate(p2011: number, p2021: number, year: number): number {
  return Math.round((p2011 + ((p2021 - p2011) * (year - 2011)) / 10) / 100) * 100;
}

function codeFor(kind: EntityKind, n: number): string {
  const prefix: Partial<Record<EntityKind, string>> = {
    county: 'E9910',
    unitary: 'E9906',
    metropolitan_borough: 'E9908',
    london_borough: 'E9909',
    district: 'E9907',
  };
  return `${prefix[kind]}${String(n).padStart(4, '0')}`;
}

/** The replica's councils as registry entities (all source "replica"). */
export function replicaEntities(): RegistryEntity[] {
  const counters = new Map<EntityKind, number>();
  const byShort = new Map<string, RegistryEntity>();
  for (const [name, shortName, kind, region] of ROWS) {
    const n = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, n);
    byShort.set(shortName, {
      code: codeFor(kind, n),
      name,
      shortName,
      kind,
      region,
      county: null,
      created: null,
      abolished: null,
      population: {},
      populationDerived: [],
      predecessors: [],
      successors: [],
      aliases: [],
      source: 'replica',
    });
  }
  for (const [, shortName, , , county, p2011, p2021] of ROWS) {
    const e = byShort.get(shortName)!;
    if (county) e.county = byShort.get(county)!.code;
    if (p2011 > 0)
      e.population = {
        '2011': p2011,
        '2016': estimate(p2011, p2021, 2016),
        '2021': p2021,
        '2024': estimate(p2011, p2021, 2024),
      };
  }
  // The reorganisation: the predecessors exist until the day before; the successor's earlier years
  // are the sum of theirs (same area).
  const succ = byShort.get(REORGANISED.successor)!;
  const preds = REORGANISED.predecessors.map((s) => byShort.get(s)!);
  for (const p of preds) {
    p.abolished = REORGANISED.date;
    p.successors.push({ code: succ.code, name: succ.name, date: REORGANISED.date });
    succ.predecessors.push({ code: p.code, name: p.name, date: REORGANISED.date });
    // A council abolished in 2021 has no figure after it.
    delete p.population['2024'];
  }
  succ.created = REORGANISED.date;
  for (const y of ['2011', '2016', '2021'])
    succ.population[y] = preds.reduce((t, p) => t + p.population[y]!, 0);
  succ.populationDerived = ['2011', '2016', '2021'];
  const [b2011, b2021] = [succ.population['2011']!, succ.population['2021']!];
  succ.population['2024'] = estimate(b2011, b2021, 2024);
  // Counties are the sum of their districts that year (Marlbeck, a unitary, left Mardenshire in 2021).
  for (const c of byShort.values()) {
    if (c.kind !== 'county') continue;
    const districts = [...byShort.values()].filter((d) => d.county === c.code);
    for (const y of ['2011', '2016', '2021', '2024'])
      c.population[y] = districts.reduce((t, d) => t + (d.population[y] ?? 0), 0);
    c.populationDerived = ['2011', '2016', '2021', '2024'];
  }
  return [...byShort.values()];
}
