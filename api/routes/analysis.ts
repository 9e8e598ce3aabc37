import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CoverageSchema,
  computeCoverage,
  computeNational,
  computeStats,
  listOrganisations,
  NationalResultSchema,
  OrganisationSchema,
  resolveSelection,
  StatsResultSchema,
} from '../analysis/index.js';
import type { ApiContext } from '../app.js';
import { CoverageQuery, ErrorBody, FilterOnlyQuery, NationalQuery, StatsQuery } from '../schemas.js';

const OrganisationsResult = z.object({
  /** Organisations with at least one matching decision, alphabetically. */
  organisations: z.array(OrganisationSchema),
  total: z.number().int(),
});

/**
 * GET /api/stats, GET /api/national and GET /api/organisations: exact figures from the archive (SQLite);
 * GET /api/coverage: what the archive is missing, so no gap is silent.
 */
export function analysisRoutes({ store, searchIndex }: ApiContext): FastifyPluginAsync {
  return async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    api.get(
      '/stats',
      {
        schema: {
          summary: 'Figures for the matching decisions, optionally grouped',
          description:
            'Exact counts and sums computed in the archive of record (not the search index): decisions, ' +
            'upheld (outcome "Upheld") and rate, fault found (finding fault_injustice or fault_no_injustice) ' +
            'and rate, decisions with a payment, remedy payments, remedy total / median (over decisions ' +
            'with a payment) / max with its reference, median of the longest delay (days, over decisions ' +
            'with a delay) and, in `delaysBySubject`, per subject of delay (ehc_plan, annual_review, …) the ' +
            'decisions with one and the median of their longest delay about it (an EHC plan delay counts the ' +
            'days beyond the 20-week limit), missed education, decisions without extracted facts, removed ' +
            'decisions. Each group (e.g. groupBy=year or quarter) carries every one of these figures over ' +
            'its own decisions, beside the `total`. With `q`, every decision ' +
            'the search index matches is taken (ids only; every word must match, as /api/search counts) ' +
            'and the figures computed over those in the archive.',
          querystring: StatsQuery,
          response: { 200: StatsResultSchema, 400: ErrorBody },
        },
        serializerCompiler: () => (data) => JSON.stringify(data),
      },
      async (req) => {
        const { groupBy, ...query } = req.query;
        const sel = await resolveSelection(query, searchIndex, store);
        return computeStats(store, groupBy, sel.filters, sel.refKeys);
      },
    );
    api.get(
      '/national',
      {
        schema: {
          summary: 'The national view: remedies by category and by year, upheld decisions without a payment',
          description:
            'Three answers for the matching decisions (all of them by default; narrow with the usual ' +
            'filters, e.g. from/to, organisationKind, region), exact, from the archive of record. ' +
            '`categories`: which categories (and, inside each, subcategories) draw the largest remedies — ' +
            'decisions, decisions with a payment, remedy total, median, mean (both over the decisions with ' +
            'a payment) and largest with its reference — ranked by `rankBy` (default the remedy total; ' +
            'ties: more decisions first). `years`: how remedies moved, the same figures per decision ' +
            'year, oldest first (undated decisions last, year null). `total` and each year: upheld ' +
            'decisions (outcome "Upheld") with no payment, and their share of the upheld. "A payment" is ' +
            'what the remedy total counts (agreed, recommended, already paid, or an offer found enough; ' +
            'not a declined or insufficient offer): remedy total > 0, the rule of the hasPayment filter ' +
            'and of /api/stats withPayment. Every row carries `search`: the web search addresses (`/?…`) ' +
            'listing its decisions, its decisions with a payment, its upheld decisions, its upheld ' +
            'decisions without a payment (outcome=Upheld&hasPayment=false), and the page of its largest ' +
            'remedy; each lists exactly the row’s count. A link is null when no search expresses the set ' +
            '(a subcategory of null, undated decisions, or a row outside the query’s own filters). The ' +
            'web page /national shows these figures; `lgsco national` prints them. For other groupings ' +
            'use /api/stats?groupBy=….',
          querystring: NationalQuery,
          response: { 200: NationalResultSchema, 400: ErrorBody },
        },
        serializerCompiler: () => (data) => JSON.stringify(data),
      },
      async (req) => {
        const { rankBy, ...query } = req.query;
        const sel = await resolveSelection(query, searchIndex, store);
        return computeNational(store, query, sel.filters, sel.refKeys, rankBy);
      },
    );
    api.get(
      '/organisations',
      {
        schema: {
          summary: 'Every organisation with its decision counts',
          description:
            'Organisations with at least one decision matching the (optional) filters, alphabetically: ' +
            'decisions, upheld, fault found, with a payment, remedy total, first and latest decision date, ' +
            'removed decisions, decisions without extracted facts. From the archive of record.',
          querystring: FilterOnlyQuery,
          response: { 200: OrganisationsResult, 400: ErrorBody },
        },
      },
      async (req) => {
        const sel = await resolveSelection(req.query, searchIndex, store);
        const organisations = listOrganisations(store, sel.filters, sel.refKeys);
        return { organisations, total: organisations.length };
      },
    );
    api.get(
      '/coverage',
      {
        schema: {
          summary: 'What the archive is missing',
          description:
            'Decisions the Ombudsman listed (or whose page was fetched) that are not in the archive, each ' +
            'with its state — pending (not fetched yet), failed (fetching failed; tried again next crawl), ' +
            'gone (404/410), unparsed (page kept verbatim but quarantined, with the reason) — and the ' +
            'listing date ranges no crawl has walked to the end. With `organisation`, only the decisions ' +
            'listed under that name; the listing walks are always the whole site’s.',
          querystring: CoverageQuery,
          response: { 200: CoverageSchema, 400: ErrorBody },
        },
      },
      async (req) => computeCoverage(store, req.query),
    );
  };
}
