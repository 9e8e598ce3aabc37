/**
 * The organisation registry (issue #17): councils as entities with ONS GSS codes, kinds, regions,
 * populations by year and reorganisations; the name resolver the archive, API and CLI share.
 * @module
 */
export { buildRegistryData, type CensusRow, type MySocietyRow } from './build.js';
export {
  defaultRegistry,
  isCouncilKind,
  per100k,
  populationFor,
  REGISTRY_VERSION,
  Registry,
  type ResolvedOrganisation,
} from './registry.js';
export { replicaEntities } from './replica-entities.js';
export {
  type Candidate,
  coreName,
  kindByWords,
  normaliseName,
  type Resolution,
  Resolver,
} from './resolve.js';
export {
  COUNCIL_KINDS,
  ENTITY_KINDS,
  EntityKind,
  EntityLink,
  RegistryData,
  RegistryEntity,
} from './schema.js';
