/**
 * The organisation registry's one schema: an entity the Ombudsman's decisions name — a council with
 * its ONS GSS code, kind, region, population by year and reorganisation links — and the kinds a
 * name that is not a council gets from its words.
 * @module
 */
import { z } from 'zod';

/** Council kinds (from the ONS/mySociety authority type) and the kinds of other bodies. */
export const ENTITY_KINDS = [
  'county',
  'unitary',
  'metropolitan_borough',
  'london_borough',
  'district',
  'city_of_london',
  'isles_of_scilly',
  'care_provider',
  'school',
  'nhs',
  'other',
] as const;
export const EntityKind = z.enum(ENTITY_KINDS);
export type EntityKind = z.infer<typeof EntityKind>;

export const COUNCIL_KINDS: ReadonlySet<EntityKind> = new Set([
  'county',
  'unitary',
  'metropolitan_borough',
  'london_borough',
  'district',
  'city_of_london',
  'isles_of_scilly',
]);

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

/** A reorganisation link: the other council and the day the change took effect. */
export const EntityLink = z.object({ code: z.string(), name: z.string(), date: IsoDay });
export type EntityLink = z.infer<typeof EntityLink>;

export const RegistryEntity = z.object({
  /** ONS GSS code (E06/E07/E08/E09/E10…); the replica's invented councils use E99…, a range ONS never assigns. */
  code: z.string().regex(/^E\d{8}$/, 'a GSS code E + 8 digits'),
  /** The council's official name. */
  name: z.string().min(1),
  /** The place name without "Council", "Borough of" and the like. */
  shortName: z.string().min(1),
  kind: EntityKind,
  /** English region (ONS RGN name); null only where the source gives none. */
  region: z.string().nullable(),
  /** For a district: the code of its county council. */
  county: z.string().nullable(),
  /** Day the council came into being through a reorganisation listed here (null when older). */
  created: IsoDay.nullable(),
  /** Day its successors took over (null while it exists). */
  abolished: IsoDay.nullable(),
  /** Residents by year ("2021": 130400): census or mid-year estimate, see populationBasis. */
  population: z.record(z.string().regex(/^\d{4}$/), z.number().int().positive()),
  /** Years whose figure is a sum of the component areas' figures (counties, merged councils). */
  populationDerived: z.array(z.string()),
  predecessors: z.array(EntityLink),
  successors: z.array(EntityLink),
  /** Further names the Ombudsman or the source use for it. */
  aliases: z.array(z.string()),
  source: z.enum(['ons', 'replica']),
});
export type RegistryEntity = z.infer<typeof RegistryEntity>;

/** Where a population year's figures come from. */
export const PopulationBasis = z.record(z.string(), z.string());

export const RegistryData = z.object({
  /** What the data is, where it came from, its licence and how current it is. */
  provenance: z.object({
    sources: z.array(
      z.object({ name: z.string(), location: z.string(), licence: z.string(), dataDate: z.string() }),
    ),
    builtWith: z.string(),
    note: z.string(),
  }),
  populationBasis: PopulationBasis,
  entities: z.array(RegistryEntity),
});
export type RegistryData = z.infer<typeof RegistryData>;
