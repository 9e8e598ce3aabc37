/**
 * Rebuilds registry/data/ons-entities.json from the published source tables (nothing is fetched):
 *
 *   npx tsx scripts/registry-build.ts --mysociety FILE --census FILE [--out FILE]
 *   npm run registry:build        (the copies kept in registry/sources/)
 *
 * --mysociety  mySociety's uk_local_authorities_current.csv (the whole published file, or the
 *              England extract in registry/sources/ — columns are read by name)
 * --census     ONS Census 2011/2021 residents per district: ONSvisual census-population-scrolly's
 *              src/lib/poprank.js as published, or a CSV with its LAD, NAME, POP11, POP21 fields
 * --mye        (optional) an ONS mid-year population estimate table as CSV, wide (a "Code" column
 *              and "Mid-2019", "Mid-2022", … columns, as in ONS's MYE4 table) or long (nomis:
 *              GEOGRAPHY_CODE, DATE, OBS_VALUE): fills every year the census does not give
 * See registry/README.md for where each comes from, its licence and how to refresh it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { buildRegistryData, type CensusRow, type MySocietyRow, midYearRows } from '../registry/build.js';

const { values } = parseArgs({
  options: {
    mysociety: { type: 'string' },
    census: { type: 'string' },
    mye: { type: 'string' },
    out: { type: 'string', default: 'registry/data/ons-entities.json' },
  },
});
if (!values.mysociety || !values.census) {
  console.error('usage: registry-build --mysociety FILE --census FILE [--mye FILE] [--out FILE]');
  process.exit(2);
}

const mysociety = parse(readFileSync(values.mysociety, 'utf8'), {
  columns: true,
  skip_empty_lines: true,
}) as MySocietyRow[];
for (const col of ['local-authority-code', 'official-name', 'gss-code', 'replaced-by', 'pop-2020'] as const)
  if (!(col in (mysociety[0] ?? {}))) throw new Error(`${values.mysociety}: no column "${col}"`);

const censusText = readFileSync(values.census, 'utf8');
const census: CensusRow[] = values.census.endsWith('.js')
  ? // The published module is `export default [ …JSON… ]`.
    JSON.parse(censusText.replace(/^\s*export\s+default\s+/, '').replace(/;?\s*$/, ''))
  : (parse(censusText, { columns: true, skip_empty_lines: true }) as CensusRow[]);

const midYear = values.mye
  ? midYearRows(
      parse(readFileSync(values.mye, 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as Record<
        string,
        string
      >[],
    )
  : [];
const midYearYears = [...new Set(midYear.map((m) => m.year))].sort();

const data = buildRegistryData({
  mysociety,
  census: census.filter((c) => c.LAD.startsWith('E')),
  midYear,
  provenance: {
    sources: [
      {
        name: 'UK Local Authority Names and Codes (mySociety), uk_la_past_current 1.6.1: uk_local_authorities_current.csv',
        location:
          'github.com/mysociety/uk_local_authority_names_and_codes data/packages/uk_la_past_current/versions/1.6.1/uk_local_authorities_current.csv @ 67ef8b118938678401a452f4f19f669a7221cc73',
        licence:
          'CC BY 4.0 (mySociety, datapackage.yaml); the ONS codes, names and population it carries are Open Government Licence v3.0',
        dataDate:
          "councils and reorganisations to 2023-04-01 (the table's release lists changes to 2025-05); population mid-2020",
      },
      {
        name: 'ONS Census 2011 and 2021 usual residents per local authority district (ONSvisual census-population-scrolly)',
        location:
          'github.com/ONSvisual/census-population-scrolly src/lib/poprank.js @ 54e5f596a589846970842d807a8e3cd30d239297',
        licence:
          'Open Government Licence v3.0 (ONS census figures; the repository carries no licence of its own)',
        dataDate: 'Census day 2011-03-27 and 2021-03-21; 2021 district boundaries',
      },
      ...(values.mye
        ? [
            {
              name: `ONS mid-year population estimates ${midYearYears.join(', ')}`,
              location: values.mye,
              licence: 'Open Government Licence v3.0 (ONS)',
              dataDate: `mid-${midYearYears.at(-1)}`,
            },
          ]
        : []),
    ],
    builtWith: 'scripts/registry-build.ts',
    note: `English councils only. Population years: 2011 and 2021 (Census), ${
      midYearYears.length
        ? `mid-year estimates for ${midYearYears.join(', ')} (${values.mye})`
        : '2020 (mid-year estimate)'
    }.`,
  },
});
writeFileSync(values.out, `${JSON.stringify(data)}\n`);
const councils = data.entities.length;
const current = data.entities.filter((e) => e.abolished === null).length;
console.log(
  `${values.out}: ${councils} councils (${current} current), population years ${Object.keys(data.populationBasis).join(', ')}`,
);
