/**
 * The decisions index: explicit settings, batched upserts with every task awaited, search.
 * @module
 */
import { createHash } from 'node:crypto';
import {
  type EnqueuedTaskPromise,
  type Index,
  type Key,
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  type SearchParams as SearchParamsMeili,
  type Settings,
  type Task,
} from 'meilisearch';
import { ErrorCode, LgscoError, MeiliTaskError } from '../core/errors.js';
import { type Logger, silentLogger } from '../core/log.js';
import type { Decision } from '../core/record.js';
import { INDEXED_FACTS, type SearchDocument, toSearchDocument } from './document.js';
import { buildFilter } from './filter.js';
import { meiliHttpClient } from './http-client.js';
import { expandQuery } from './query.js';
import {
  DEFAULT_FACETS,
  type DecisionFilters,
  DecisionFiltersSchema,
  type FindingValue,
  type SearchHit,
  type SearchParams,
  SearchParamsSchema,
  type SearchResult,
  type SearchSort,
} from './search-types.js';
import { SYNONYMS } from './synonyms.js';

export const PRIMARY_KEY = 'id';

/** The search document's fact fields, from the facts columns (core/facts-columns.ts `index`). */
const FACT_FIELDS = INDEXED_FACTS.map((c) => c.index.field as keyof SearchDocument);
const factFields = (filter: 'equality' | 'comparison') =>
  INDEXED_FACTS.filter((c) => c.index.filter === filter).map((c) => c.index.field);

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
  'removedFromSource',
  ...FACT_FIELDS,
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
  'removedFromSource',
  ...FACT_FIELDS,
];

const equality = (attributePatterns: string[], facetSearch: boolean) => ({
  attributePatterns,
  features: { facetSearch, filter: { equality: true, comparison: false } },
});
const comparison = (attributePatterns: string[]) => ({
  attributePatterns,
  features: { facetSearch: false, filter: { equality: true, comparison: true } },
});

/**
 * The settings `ensureSettings` applies; every one explicit, so a server's defaults do not matter.
 *
 * - Searchable: the summary first, then the reference and header fields, the decision text last;
 *   with `attribute` ranked before `proximity`, a match in the summary outranks one in the text.
 * - `sort` is the first ranking rule: an explicit sort (date, remedy) orders strictly by that field,
 *   relevance only breaks ties; without a sort parameter it does nothing.
 * - No typos on references (`ref`, `refKey`) nor on numbers (amounts, years, section numbers).
 * - Filterable attributes are granular: facet search only on organisation, category and
 *   subcategory; range comparisons only on the numeric fields.
 */
export const DECISION_INDEX_SETTINGS = {
  searchableAttributes: ['summary', 'ref', 'organisation', 'subcategory', 'category', 'sectionsText'],
  filterableAttributes: [
    equality(['organisation', 'category', 'subcategory'], true),
    equality(['outcome', 'kind', 'refKey', 'removedFromSource', ...factFields('equality')], false),
    comparison(['decisionTs', 'decisionYear', ...factFields('comparison')]),
  ],
  sortableAttributes: [
    'decisionTs',
    ...INDEXED_FACTS.filter((c) => c.index.sortable).map((c) => c.index.field),
  ],
  displayedAttributes: DISPLAYED,
  rankingRules: ['sort', 'words', 'typo', 'attribute', 'proximity', 'exactness'],
  distinctAttribute: null,
  stopWords: [],
  synonyms: SYNONYMS,
  pagination: { maxTotalHits: 1_000_000 },
  faceting: { maxValuesPerFacet: 1000, sortFacetValuesBy: { '*': 'count' } },
  typoTolerance: {
    enabled: true,
    disableOnAttributes: ['ref', 'refKey'],
    disableOnNumbers: true,
    minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
  },
  // A safety net, not a budget: a search cut short would make totals and id lists inexact.
  searchCutoffMs: 1500,
} satisfies Settings;

/**
 * The meilisearch package wraps whatever a custom HTTP client throws in MeilisearchRequestError;
 * an error answer from the server (MeilisearchApiError, see http-client.ts) is given back as itself.
 */
function unwrapError(e: unknown): never {
  if (e instanceof MeilisearchRequestError && e.cause instanceof MeilisearchApiError) throw e.cause;
  throw e;
}

/** The uid of the search-only key of an index: fixed (a UUID from the index uid), so restarts reuse it. */
export function searchKeyUid(indexUid: string): string {
  const h = createHash('sha256').update(`lgsco-search-key:${indexUid}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** "24 019 223", "24-019-223", "24019223" or "17-002-402b" as a refKey; undefined for anything else. */
function queryAsRefKey(q: string): string | undefined {
  const m = /^\s*(\d{2})[\s-]?(\d{3})[\s-]?(\d{3})([a-z])?\s*$/i.exec(q);
  return m ? `${m[1]}-${m[2]}-${m[3]}${m[4] ? m[4].toLowerCase() : ''}` : undefined;
}

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
  /** This index only searches (its client holds a search-only key): writes are refused here. */
  searchOnly?: boolean;
}

export interface UpsertReport {
  documents: number;
  tasks: number;
  ms: number;
}

export class DecisionIndex {
  readonly uid: string;
  #client: Meilisearch;
  #index: Index<SearchDocument>;
  /** Search-only views made from this index (searchOnlyView): repoint() moves them too. */
  readonly #views: DecisionIndex[] = [];
  readonly #log: Logger;
  readonly #batchSize: number;
  readonly #taskTimeoutMs: number;
  readonly #opts: DecisionIndexOptions;
  /** True when this index's client holds a search-only key. */
  readonly searchOnly: boolean;

  constructor(client: Meilisearch, opts: DecisionIndexOptions = {}) {
    this.#opts = opts;
    this.searchOnly = opts.searchOnly ?? false;
    this.uid = opts.indexUid ?? 'decisions';
    this.#client = client;
    this.#index = client.index<SearchDocument>(this.uid);
    this.#log = (opts.log ?? silentLogger).child({ room: 'indexer', index: this.uid });
    this.#batchSize = opts.batchSize ?? 1000;
    this.#taskTimeoutMs = opts.taskTimeoutMs ?? 600_000;
  }

  /**
   * Waits for a task; throws MeiliTaskError unless it succeeded. Polls here rather than with the
   * package's waitTask: that one leaves its timeout timer running when a poll fails (Meilisearch
   * gone), which kept a finished `lgsco crawl` alive for taskTimeoutMs (10 min).
   */
  async #await(enqueued: EnqueuedTaskPromise): Promise<Task> {
    const { taskUid, type } = await enqueued;
    const deadline = Date.now() + this.#taskTimeoutMs;
    for (;;) {
      const task = await this.#client.tasks.getTask(taskUid);
      if (task.status !== 'enqueued' && task.status !== 'processing') return this.#check(task);
      if (Date.now() >= deadline)
        throw new MeiliTaskError(taskUid, type, {
          code: 'task_timeout',
          message: `not finished after ${this.#taskTimeoutMs} ms`,
        });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
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
   * A view of this index whose client holds a key allowed only to search this index, created
   * (or reused: its uid is fixed per index) with this index's master-key client. The API searches
   * through it, so nothing reachable from a request can write to Meilisearch.
   */
  async searchOnlyView(): Promise<DecisionIndex> {
    const view = new DecisionIndex(await this.#searchOnlyClient(), {
      ...this.#opts,
      indexUid: this.uid,
      searchOnly: true,
    });
    this.#views.push(view);
    return view;
  }

  /**
   * Points this index, and every search-only view made from it, at another server (a Meilisearch
   * started again after the last one died, or the same URL back up): objects handed out before
   * (the API's) keep working. The views' key is looked up (or created) on the new server.
   */
  async repoint(client: Meilisearch): Promise<void> {
    if (this.searchOnly)
      throw new LgscoError(ErrorCode.MEILI_TASK, 'repoint the master-key index, not a view');
    this.#setClient(client);
    if (this.#views.length === 0) return;
    const viewClient = await this.#searchOnlyClient();
    for (const v of this.#views) v.#setClient(viewClient);
  }

  #setClient(client: Meilisearch): void {
    this.#client = client;
    this.#index = client.index<SearchDocument>(this.uid);
  }

  /** A client holding this index's search-only key (created or reused with the master key). */
  async #searchOnlyClient(): Promise<Meilisearch> {
    const uid = searchKeyUid(this.uid);
    let key: Key | undefined;
    try {
      key = await this.#client.getKey(uid);
    } catch (e) {
      if (!(e instanceof MeilisearchApiError) || e.cause?.code !== 'api_key_not_found') throw e;
    }
    const fits =
      key &&
      key.actions.length === 1 &&
      key.actions[0] === 'search' &&
      key.indexes.length === 1 &&
      key.indexes[0] === this.uid &&
      key.expiresAt === null;
    if (key && !fits) {
      await this.#client.deleteKey(uid);
      key = undefined;
    }
    key ??= await this.#client.createKey({
      uid,
      name: `lgsco-search-${this.uid}`.slice(0, 100),
      description: `lgsco-archive API: search only, index ${this.uid}`,
      actions: ['search'],
      indexes: [this.uid],
      expiresAt: null,
    });
    return new Meilisearch({
      host: this.#client.config.host,
      apiKey: key.key,
      httpClient: meiliHttpClient,
    });
  }

  /** The API key this index's client sends (tests check a search-only view cannot write). */
  get apiKey(): string | undefined {
    return this.#client.config.apiKey;
  }

  /**
   * Rebuilds the index from `records` without a gap in search: fills `<uid>__rebuild` (settings
   * first), then swaps it with the live index and deletes the old one. Returns the documents sent.
   */
  async rebuild(records: Iterable<Decision> | AsyncIterable<Decision>): Promise<UpsertReport> {
    const started = Date.now();
    await this.ensureSettings();
    const tmpUid = `${this.uid}__rebuild`;
    try {
      await this.#await(this.#client.deleteIndex(tmpUid));
    } catch (e) {
      if (!(e instanceof MeiliTaskError) || e.detail?.code !== 'index_not_found') throw e;
    }
    const tmp = new DecisionIndex(this.#client, { ...this.#opts, indexUid: tmpUid });
    await tmp.ensureSettings();
    let documents = 0;
    let tasks = 0;
    let batch: Decision[] = [];
    const pending: EnqueuedTaskPromise[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const p = tmp.#index.addDocuments(batch.map(toSearchDocument), { primaryKey: PRIMARY_KEY });
      await p;
      pending.push(p);
      documents += batch.length;
      tasks++;
      batch = [];
      // Keep a bounded number of payloads queued in Meilisearch's task queue.
      if (pending.length >= 8) await this.#await(pending.shift()!);
    };
    for await (const r of records) {
      batch.push(r);
      if (batch.length >= this.#batchSize) await flush();
    }
    await flush();
    const settled = await Promise.allSettled(pending.map((p) => this.#await(p)));
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    await this.#await(this.#client.swapIndexes([{ indexes: [this.uid, tmpUid], rename: false }]));
    await this.#await(this.#client.deleteIndex(tmpUid));
    const report = { documents, tasks, ms: Date.now() - started };
    this.#log.info(report, 'index rebuilt');
    return report;
  }

  /**
   * Every refKey matching a query and filters (ids only, relevance order, up to maxTotalHits):
   * statistics and exports with `q` take the set from here and compute in the archive. The set is
   * what query.ts says a query means (every word; phrases; any spelling of a synonym).
   */
  async matchingRefKeys(q: string, filters: DecisionFilters = {}): Promise<string[]> {
    const f = DecisionFiltersSchema.parse(filters);
    const asRef = queryAsRefKey(q);
    if (asRef) return (await this.#ranked([''], buildFilter({ ...f, refKey: [asRef] }))).map((h) => h.id);
    return (await this.#ranked(expandQuery(q), buildFilter(f))).map((h) => h.id);
  }

  /**
   * The union of the matches of `queries` (each with matchingStrategy 'all'), best ranking score
   * first; no query (the text held no word) is a browse: every decision the filter keeps.
   */
  async #ranked(queries: string[], filter: string[] | undefined): Promise<{ id: string; score: number }[]> {
    const qs = queries.length > 0 ? queries : [''];
    const { results } = await this.#client
      .multiSearch({
        queries: qs.map((q) => ({
          indexUid: this.uid,
          q,
          filter,
          matchingStrategy: 'all' as const,
          limit: DECISION_INDEX_SETTINGS.pagination.maxTotalHits,
          offset: 0,
          attributesToRetrieve: ['id'],
          showRankingScore: qs.length > 1,
        })),
      })
      .catch(unwrapError);
    if (results.length === 1) return results[0]!.hits.map((h) => ({ id: String(h.id), score: 0 }));
    const best = new Map<string, number>();
    for (const r of results)
      for (const h of r.hits) {
        const id = String(h.id);
        const score = Number(h._rankingScore ?? 0);
        if (score > (best.get(id) ?? -1)) best.set(id, score);
      }
    return [...best].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
  }

  /**
   * The Meilisearch request `search(input)` sends: query text and options (validated, filters
   * escaped). Public so a benchmark can send the very same request to Meilisearch directly.
   */
  searchRequest(input: SearchParams): {
    q: string;
    options: SearchParamsMeili & { page: number; hitsPerPage: number };
    snippets: boolean;
    facets: string[];
    /** Every Meilisearch query of q (query.ts): more than one when a synonym has several spellings. */
    queries: string[];
  } {
    const params = SearchParamsSchema.parse(input);
    const { q: rawQ, page, limit, sort: sortParam, facets: facetParam, highlight, ...filters } = params;
    let q = rawQ?.trim() ?? '';
    const asRef = q ? queryAsRefKey(q) : undefined;
    if (asRef) {
      filters.refKey = [...(filters.refKey ?? []), asRef];
      q = '';
    }
    const queries = q ? expandQuery(q) : [];
    if (q) q = queries[0] ?? '';
    const sort: SearchSort = sortParam ?? (q ? 'relevance' : 'date:desc');
    const facets = facetParam ?? [...DEFAULT_FACETS];
    const snippets = q !== '' && highlight !== 'none';
    const cropped = highlight === 'all' ? ['summary', 'sectionsText'] : ['summary'];
    const sortField = sort.startsWith('remedy') ? 'remedyTotal' : 'decisionTs';
    const options: SearchParamsMeili & { page: number; hitsPerPage: number } = {
      filter: buildFilter(filters),
      // Every word must match: the list's total is the count /api/stats gives for the same q.
      matchingStrategy: 'all',
      page,
      hitsPerPage: limit,
      ...(facets.length > 0 ? { facets } : {}),
      attributesToRetrieve: HIT_FIELDS,
      ...(sort === 'relevance' ? {} : { sort: [`${sortField}:${sort.endsWith('asc') ? 'asc' : 'desc'}`] }),
      ...(snippets
        ? {
            attributesToHighlight: cropped,
            attributesToCrop: cropped,
            cropLength: 40,
            cropMarker: '…',
            highlightPreTag: PRE,
            highlightPostTag: POST,
          }
        : {}),
    };
    return { q, options, snippets, facets, queries };
  }

  /**
   * A search whose q has several spellings (queries): the matching set is their union (#ranked);
   * facets and a date/remedy sort come from a browse restricted to that set, relevance order from
   * the best ranking score; the page's hits are then read through the queries, for their snippets.
   */
  async #searchUnion(
    queries: string[],
    options: SearchParamsMeili & { page: number; hitsPerPage: number },
    facets: string[],
  ): Promise<{
    hits: (SearchDocument & { _formatted?: Partial<Record<keyof SearchDocument, unknown>> })[];
    totalHits: number;
    page: number;
    hitsPerPage: number;
    totalPages: number;
    facetDistribution?: Record<string, Record<string, number>>;
    processingTimeMs: number;
  }> {
    const started = Date.now();
    const filter = (options.filter as string[] | undefined) ?? [];
    const ranked = await this.#ranked(queries, filter);
    const { page, hitsPerPage } = options;
    const inSet = (ids: readonly string[]) => [
      ...filter,
      `refKey IN [${ids.map((id) => `"${id}"`).join(', ')}]`,
    ];
    let pageIds = ranked.slice((page - 1) * hitsPerPage, page * hitsPerPage).map((h) => h.id);
    let facetDistribution: Record<string, Record<string, number>> | undefined;
    if (ranked.length > 0 && (facets.length > 0 || options.sort)) {
      const browse = await this.#index
        .search('', {
          filter: inSet(ranked.map((h) => h.id)),
          ...(facets.length > 0 ? { facets } : {}),
          ...(options.sort ? { sort: options.sort, page, hitsPerPage } : { limit: 0 }),
          attributesToRetrieve: ['id'],
        })
        .catch(unwrapError);
      facetDistribution = browse.facetDistribution;
      if (options.sort) pageIds = browse.hits.map((h) => h.id);
    }
    const byId = new Map<string, SearchDocument>();
    if (pageIds.length > 0) {
      const { page: _p, hitsPerPage: _h, facets: _f, sort: _s, ...rest } = options;
      const { results } = await this.#client
        .multiSearch({
          queries: queries.map((q) => ({
            ...rest,
            indexUid: this.uid,
            q,
            filter: inSet(pageIds),
            limit: pageIds.length,
          })),
        })
        .catch(unwrapError);
      for (const r of results)
        for (const h of r.hits as SearchDocument[]) if (!byId.has(h.refKey)) byId.set(h.refKey, h);
    }
    return {
      hits: pageIds.flatMap((id) => byId.get(id) ?? []),
      totalHits: ranked.length,
      page,
      hitsPerPage,
      totalPages: Math.ceil(ranked.length / hitsPerPage),
      facetDistribution,
      processingTimeMs: Date.now() - started,
    };
  }

  /**
   * Searches with exact totals and facet counts. Parameters are validated (zod); a bad one
   * throws ZodError. String filters match whole values, case-insensitively (Meilisearch rule).
   * A query that is a reference ("24 019 223", "24-019-223") finds that reference exactly.
   */
  async search(input: SearchParams): Promise<SearchResult> {
    const { q, options, snippets, facets, queries } = this.searchRequest(input);
    const res =
      queries.length > 1
        ? await this.#searchUnion(queries, options, facets)
        : await this.#index.search(q, options).catch(unwrapError);
    const dist = res.facetDistribution ?? {};
    const hits: SearchHit[] = res.hits.map((h) => {
      const text = snippets ? h._formatted?.sectionsText : undefined;
      return {
        ref: h.ref,
        refKey: h.refKey,
        url: h.url,
        organisation: h.organisation,
        category: h.category,
        subcategory: h.subcategory ?? null,
        outcome: h.outcome ?? null,
        decisionDate: h.decisionDate ?? null,
        summary: h.summary,
        finding: (h.finding ?? 'unknown') as FindingValue,
        // Documents indexed before 1.11.0 lack the two flags: their headers were complete.
        headerComplete: h.headerComplete ?? true,
        findingConflict: h.findingConflict ?? false,
        remedyTotal: h.remedyTotal ?? 0,
        hasPayment: h.hasPayment ?? false,
        maxDelayDays: h.maxDelayDays ?? 0,
        removedFromSource: h.removedFromSource ?? false,
        snippet:
          snippets && typeof h._formatted?.summary === 'string' ? toSnippet(h._formatted.summary) : null,
        textSnippet: typeof text === 'string' && text.includes(PRE) ? toSnippet(text) : null,
      };
    });
    return {
      total: res.totalHits,
      page: res.page,
      limit: res.hitsPerPage,
      totalPages: res.totalPages,
      hits,
      facets: Object.fromEntries(facets.map((f) => [f, dist[f] ?? {}])),
      processingTimeMs: res.processingTimeMs,
    };
  }
}
