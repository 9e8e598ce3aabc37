/**
 * archive/: the SQLite archive of record (pages verbatim, decisions, quarantine, failures, frontier).
 * @module
 */
export {
  ARCHIVE_FILE,
  Archive,
  type ArchiveCounts,
  type ArchivedDecision,
  ArchiveError,
  type ArchiveOptions,
  type DecisionVersion,
  type DiscoveredInput,
  type DiscoveredRow,
  type FailureInput,
  type FailureRow,
  type FetchErrorInput,
  type IndexableDecision,
  type PageKind,
  type QuarantineInput,
  type QuarantineRow,
  type RecheckTarget,
  type ReparseSource,
  type StoredDecisionPage,
  type StorePageInput,
  type WindowInput,
  type WindowRow,
} from './archive.js';
export {
  type CrawlKind,
  type CrawlLock,
  CrawlLockedError,
  type CrawlLockHolder,
  type LockEnv,
} from './crawl-lock.js';
export {
  type Column,
  DECISION_COLUMNS,
  DECISION_FACTS_TABLE,
  EXPORTED_DECISION_COLUMNS,
  FACTS_DEFINITION,
  type FactsSource,
  factsRows,
  factsTablesSql,
  type IndexUse,
  ITEM_TABLES,
  type ItemTable,
  PAYMENTS,
} from './facts-table.js';
export { MIGRATIONS, migrate, SCHEMA_VERSION } from './schema.js';
export { MISSING_DECISIONS_SQL, MISSING_STATES, type MissingState } from './totals.js';
