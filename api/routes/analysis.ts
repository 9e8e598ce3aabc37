import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CoverageSchema,
  computeCoverage,
  computeStats,
  listOrganisations,
  OrganisationSchema,
  resolveSelection,
  StatsResultSchema,
} from '../analysis/index.js';
import type { ApiContext } from '../app.js';
import { CoverageQuery, ErrorBody, FilterOnlyQuery, StatsQuery } from '../schemas.js';

const OrganisationsResult = z.object({
  /** Organisations with at least one matching decision, alphabetically. */
  organisations: z.array(OrganisationSchema),
  total: z.number().int(),
});

/**
 * GET /api/stats and GET /api/organisations: exact figures from the archive (SQLite);
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
            'with a delay), decisions without extracted facts, removed decisions. With `q`, every decision ' +
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
