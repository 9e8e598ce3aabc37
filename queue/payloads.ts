/**
 * One payload schema per queue. Every processor parses `job.data` with its queue's schema before
 * doing anything, so a job written by another version (or by hand) fails at once with the issue,
 * instead of half-running.
 * @module
 */
import { z } from 'zod';
import { IsoDate } from '../core/record.js';
import { sourceProfile } from '../core/source-profile.js';
import { categorySlugs } from '../crawler/index.js';
import { JournalOp } from './archive-journal.js';

/** Names one crawl run (its plan job, its counters). Safe inside a BullMQ job id. */
export const RunId = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, dot, dash and underscore only');
export type RunId = z.infer<typeof RunId>;

const RefKey = z.string().regex(/^\d{2}-\d{3}-\d{3}[a-z]?$/, 'a canonical refKey such as 24-019-223');
const HttpUrl = z.url({ protocol: /^https?$/ });

/** A category filter as `lgsco crawl --category` takes it (crawler/filters.ts categorySlugs). */
const Category = z
  .string()
  .min(1)
  .refine(
    (v) => {
      try {
        categorySlugs(v);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'a category, or "category/subcategory"' },
  );
/** Outcomes as the listing names them (canonical spelling; crawler/filters.ts canonicalOutcome). */
const Outcomes = z
  .array(z.enum(Object.keys(sourceProfile.listing.decisionCodes) as [string, ...string[]]))
  .min(1);

/** The crawl's filters beyond the organisation, as the in-process crawl takes them (CrawlFilter). */
const FilterFields = {
  /** Only this category or "category/subcategory" (matched on the decision URL). */
  category: Category.optional(),
  /** Only these outcomes (the listing's `dc`; checked on the listing items too). */
  outcomes: Outcomes.optional(),
};

/** Starts a crawl run: resume the frontier, then one window job per month. */
export const PlanPayload = z.strictObject({
  kind: z.literal('plan'),
  runId: RunId,
  baseUrl: HttpUrl,
  /** Default 2016-01-01; ignored when `incremental`. */
  from: IsoDate.optional(),
  /** Default: today when the plan runs. */
  to: IsoDate.optional(),
  /** Start from the newest archived decision date minus the crawler's overlap (the daily crawl); windows walked even when complete. */
  incremental: z.boolean().optional(),
  /** At most this many decision pages queued by this run. */
  limit: z.number().int().positive().optional(),
  organisation: z.string().min(1).optional(),
  ...FilterFields,
  /** Walk windows even when the archive has them complete. */
  refresh: z.boolean().optional(),
});
export type PlanPayload = z.infer<typeof PlanPayload>;

/** Walks one listing date window (splitting it when too large) and queues its decisions. */
export const WindowPayload = z.strictObject({
  kind: z.literal('window'),
  runId: RunId,
  baseUrl: HttpUrl,
  window: z.strictObject({ key: z.string().min(1), from: IsoDate, to: IsoDate }),
  organisation: z.string().min(1).optional(),
  ...FilterFields,
  refresh: z.boolean().optional(),
  limit: z.number().int().positive().optional(),
});
export type WindowPayload = z.infer<typeof WindowPayload>;

/** The discovery queue carries two kinds of job, told apart by `kind`. */
export const DiscoveryPayload = z.discriminatedUnion('kind', [PlanPayload, WindowPayload]);
export type DiscoveryPayload = z.infer<typeof DiscoveryPayload>;

/** One decision page to fetch. */
export const FetchPayload = z.strictObject({
  runId: RunId,
  refKey: RefKey,
  url: HttpUrl,
});
export type FetchPayload = z.infer<typeof FetchPayload>;

/** What `fetchDecisionPage` returned, as data. */
export const FetchOutcomePayload = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('stored'),
    pageHash: z.string(),
    url: z.string(),
    contentType: z.string().nullable(),
    fetchedAt: z.string(),
  }),
  z.strictObject({ status: z.literal('gone'), httpStatus: z.number().int(), error: z.string() }),
  z.strictObject({ status: z.literal('failed'), error: z.string() }),
]);
export type FetchOutcomePayload = z.infer<typeof FetchOutcomePayload>;

/** A fetched page (or a failure) on its way to the archive: the outcome plus the journaled writes. */
export const StorePayload = z.strictObject({
  runId: RunId,
  refKey: RefKey,
  url: HttpUrl,
  outcome: FetchOutcomePayload,
  journal: z.array(JournalOp),
});
export type StorePayload = z.infer<typeof StorePayload>;

/** Starts a re-check run: one `decision` job per archived decision last checked before the cut-off. */
export const RecheckPlanPayload = z.strictObject({
  kind: z.literal('plan'),
  runId: RunId,
  baseUrl: HttpUrl,
  /** Decisions last checked longer ago than this (ms) when the plan runs. */
  olderThanMs: z.number().int().nonnegative(),
  /** At most this many decisions (least recently checked first). */
  limit: z.number().int().positive().optional(),
});
export type RecheckPlanPayload = z.infer<typeof RecheckPlanPayload>;

/** Re-checks one archived decision (conditional GET); `pageHash` is its current page when planned. */
export const RecheckDecisionPayload = z.strictObject({
  kind: z.literal('decision'),
  runId: RunId,
  refKey: RefKey,
  url: HttpUrl,
  pageHash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type RecheckDecisionPayload = z.infer<typeof RecheckDecisionPayload>;

/** The recheck queue carries two kinds of job, told apart by `kind`. */
export const RecheckPayload = z.discriminatedUnion('kind', [RecheckPlanPayload, RecheckDecisionPayload]);
export type RecheckPayload = z.infer<typeof RecheckPayload>;

/** The daily scheduler's job template. */
export const SchedulePayload = z.strictObject({
  kind: z.literal('daily-incremental'),
  baseUrl: HttpUrl,
  organisation: z.string().min(1).optional(),
});
export type SchedulePayload = z.infer<typeof SchedulePayload>;
