/**
 * The replica site: a deterministic, seeded stand-in for the Ombudsman's decisions website, with
 * ground truth for every field. See docs in each module; the sections rule is in render-decision.ts.
 * @module
 */
export type { FullDecision as ReplicaFullDecision } from './compose.js';
export {
  type DecisionMeta,
  type GenerateCorpusOptions,
  generateCorpus,
  type ReplicaCorpus,
} from './corpus.js';
export type { FaultProfile } from './faults.js';
export { renderDecisionPage } from './render-decision.js';
export { type ListingItem, type ListingPageOptions, renderListingPage } from './render-listing.js';
export {
  DEFAULT_ROBOTS_TXT,
  type ReplicaOptions,
  type ReplicaRequest,
  type ReplicaServer,
  startReplica,
} from './server.js';
export { writeTruth } from './truth.js';
export { DELAY_UNIT_DAYS, ReplicaDecision } from './truth-schema.js';
