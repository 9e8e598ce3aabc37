/**
 * The decisions index: explicit settings, batched upserts with every task awaited, search.
 * @module
 */
import {
  type EnqueuedTaskPromise,
  type Index,
  type Meilisearch,
  MeilisearchApiError,
  type Settings,
  type Task,
} from 'meilisearch';
import { ErrorCode, LgscoError, MeiliTaskError } from '../core/errors.js';
import { type Logger, silentLogger } from '../core/log.js';
import type { Decision } from '../core/record.js';
import { type SearchDocument, toSearchDocument } from './document.js';
import { buildFilter } from './filter.js';
import {
  type SearchHit,
  type SearchParams,
  SearchParamsSchema,
  type SearchResult,
  type SearchSort,
} from './search-types.js';

export const PRIMARY_KEY = 'id';

const DISPLAYED: (keyof SearchDocument)[] = [
  'id',
  'ref',
  'refKey',
  'url',
  'organisation',
  'category',
  'subcategory',
  'outcome',
  'kind',
  'decisionDate',
  'decisionTs',
  'decisionYear',
  'summary',
  'sectionsText',
  'parserVersion',
];

const HIT_FIELDS: (keyof SearchDocument)[] = [
  'ref',
  'refKey',
  'url',
  'organisation',
  'category',
  'subcategory',
  'outcome',
  'decisionDate',
  'summary',
];

const FACETS = ['organisation', 'category', 'subcategory', 'outcome', 'decisionYear'] as const;

/** The settings `ensureSettings` applies; every one explicit, so a server's defaults do not matter. */
export const DECISION_INDEX_SETTINGS = {
  searchableAttributes: ['ref', 'organisation', 'summary', 'sectionsText', 'category', 'subcategory'],
  filterableAttributes: [
    'organisation',
    'category',
    'subcategory',
    'outcome',
    'kind',
    'decisionTs',
    'decisionYear',
    'refKey',
  ],
  sortableAttributes: ['decisionTs', 'organisation'],
  displayedAttributes: DISPLAYED,
  // Meilisearch's default order, stated so it cannot drift.
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
  distinctAttribute: null,
  stopWords: [],
  synonyms: {},
  pagination: { maxTotalHits: 1_000_000 },
  faceting: { maxValuesPerFacet: 1000, sortFacetValuesBy: { '*': 'count' } },
  typoTolerance: {
    enabled: true,
    disableOnAttributes: ['ref', 'refKey'],
    minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
  },
} satisfies Settings;

// Private-use characters as highlight tags, so the snippet can be HTML-escaped before <mark> goes in.
const PRE = '\uE000';
const POST = '\uE001';

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`,
  );
}

function toSnippet(formatted: string): string {
  return escapeHtml(formatted).replaceAll(PRE, '<mark>').replaceAll(POST, '</mark>');
}

export interface DecisionIndexOptions {
  indexUid?: string;
  log?: Logger;
  /** Documents per addDocuments call (default 1,000). */
  batchSize?: number;
  /** Longest wait for one task (default 10 min: a batch may queue behind others). */
  taskTimeoutMs?: number;
}

export interface UpsertReport {
  documents: number;
  tasks: number;
  ms: number;
}

export class DecisionIndex {
  readonly uid: string;
  readonly #client: Meilisearch;
  readonly #index: Index<SearchDocument>;
  readonly #log: Logger;
  readonly #batchSize: number;
  readonly #taskTimeoutMs: number;

  constructor(client: Meilisearch, opts: DecisionIndexOptions = {}) {
    this.uid = opts.indexUid ?? 'decisions';
    this.#client = client;
    this.#index = client.index<SearchDocument>(this.uid);
    this.#log = (opts.log ?? silentLogger).child({ room: 'indexer', index: this.uid });
    this.#batchSize = opts.batchSize ?? 1000;
    this.#taskTimeoutMs = opts.taskTimeoutMs ?? 600_000;
  }

  /** Waits for a task; throws MeiliTaskError unless it succeeded. */
  async #await(enqueued: EnqueuedTaskPromise): Promise<Task> {
    const task = await enqueued.waitTask({ timeout: this.#taskTimeoutMs, interval: 50 });
    return this.#check(task);
  }

  #check(task: Task): Task {
    if (task.status === 'succeeded') return task;
    const detail =
      task.status === 'canceled'
        ? { code: 'task_canceled', message: `canceled by task ${task.canceledBy ?? '?'}` }
        : task.error
          ? { code: task.error.code, message: task.error.message }
          : null;
    throw new MeiliTaskError(task.uid, task.type, detail);
  }

  /** Creates the index (primary key `id`) if needed and applies DECISION_INDEX_SETTINGS. */
  async ensureSettings(): Promise<void> {
    let primaryKey: string | undefined;
    let exists = true;
    try {
      primaryKey = (await this.#client.getRawIndex(this.uid)).primaryKey ?? undefined;
    } catch (e) {
      if (!(e instanceof MeilisearchApiError) || e.cause?.code !== 'index_not_found') throw e;
      exists = false;
    }
    if (!exists) {
      await this.#await(this.#client.createIndex(this.uid, { primaryKey: PRIMARY_KEY }));
    } else if (primaryKey === undefined) {
      await this.#await(this.#client.updateIndex(this.uid, { primaryKey: PRIMARY_KEY }));
    } else if (primaryKey !== PRIMARY_KEY) {
      throw new LgscoError(
        ErrorCode.MEILI_TASK,
        `index ${this.uid} has primary key ${JSON.stringify(primaryKey)}, expected "${PRIMARY_KEY}": delete it and reindex`,
      );
    }
    await this.#await(this.#index.updateSettings(DECISION_INDEX_SETTINGS));
    this.#log.debug('index settings applied');
  }

  /** The settings as the server reports them. */
  getSettings(): Promise<Settings> {
    return this.#index.getSettings();
  }

  /**
   * Adds or replaces decisions (by refKey) in batches; resolves when every batch is indexed.
   * Throws MeiliTaskError for the first batch that failed or was canceled.
   */
  async upsert(decisions: readonly Decision[]): Promise<UpsertReport> {
    const started = Date.now();
    const enqueued: EnqueuedTaskPromise[] = [];
    for (let i = 0; i < decisions.length; i += this.#batchSize) {
      const docs = decisions.slice(i, i + this.#batchSize).map(toSearchDocument);
      const p = this.#index.addDocuments(docs, { primaryKey: PRIMARY_KEY });
      await p; // enqueued (the payload is with the server) before the next one is built
      enqueued.push(p);
    }
    // Every task is awaited, even after a failure, so none is left unobserved.
    const settled = await Promise.allSettled(enqueued.map((p) => this.#await(p)));
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    const report = { documents: decisions.length, tasks: enqueued.length, ms: Date.now() - started };
    this.#log.debug(report, 'decisions upserted');
    return report;
  }

  async deleteByRefKeys(refKeys: readonly string[]): Promise<void> {
    if (refKeys.length === 0) return;
    await this.#await(this.#index.deleteDocuments([...refKeys]));
  }

  /** Number of documents; 0 when the index does not exist. */
  async count(): Promise<number> {
    try {
      return (await this.#index.getStats()).numberOfDocuments;
    } catch (e) {
      if (e instanceof MeilisearchApiError && e.cause?.code === 'index_not_found') return 0;
      throw e;
    }
  }

  /** Removes every document (settings stay). */
  async clear(): Promise<void> {
    await this.#await(this.#index.deleteAllDocuments());
  }

  /**
   * Searches with exact totals and facet counts. Parameters are validated (zod); a bad one
   * throws ZodError. String filters match whole values, case-insensitively (Meilisearch rule).
   */
  async search(input: SearchParams): Promise<SearchResult> {
    const params = SearchParamsSchema.parse(input);
    const q = params.q?.trim() ?? '';
    const sort: SearchSort = params.sort ?? (q ? 'relevance' : 'date:desc');
    const res = await this.#index.search(q, {
      filter: buildFilter(params),
      page: params.page,
      hitsPerPage: params.limit,
      facets: [...FACETS],
      attributesToRetrieve: HIT_FIELDS,
      ...(sort === 'relevance' ? {} : { sort: [`decisionTs:${sort === 'date:asc' ? 'asc' : 'desc'}`] }),
      ...(q
        ? {
            attributesToHighlight: ['summary'],
            attributesToCrop: ['summary'],
            cropLength: 40,
            cropMarker: '…',
            highlightPreTag: PRE,
            highlightPostTag: POST,
          }
        : {}),
    });
    const dist = res.facetDistribution ?? {};
    const hits: SearchHit[] = res.hits.map((h) => ({
      ref: h.ref,
      refKey: h.refKey,
      url: h.url,
      organisation: h.organisation,
      category: h.category,
      subcategory: h.subcategory ?? null,
      outcome: h.outcome,
      decisionDate: h.decisionDate,
      summary: h.summary,
      snippet: q && typeof h._formatted?.summary === 'string' ? toSnippet(h._formatted.summary) : null,
    }));
    return {
      total: res.totalHits,
      page: res.page,
      limit: res.hitsPerPage,
      totalPages: res.totalPages,
      hits,
      facets: {
        organisation: dist.organisation ?? {},
        category: dist.category ?? {},
        subcategory: dist.subcategory ?? {},
        outcome: dist.outcome ?? {},
        decisionYear: dist.decisionYear ?? {},
      },
      processingTimeMs: res.processingTimeMs,
    };
  }
}
