import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { SearchResultSchema } from '../../indexer/index.js';
import type { ApiDeps } from '../app.js';
import { ErrorBody, SearchQuery } from '../schemas.js';

/** GET /api/search: full-text search with filters, exact totals and facet counts. */
export function searchRoutes({ index }: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/search',
      {
        schema: {
          summary: 'Search decisions',
          description:
            'Full-text search over summaries and decision text, with filters. `total` is exact; ' +
            '`facets` counts matching decisions by organisation, category, subcategory, outcome and year.',
          querystring: SearchQuery,
          response: { 200: SearchResultSchema, 400: ErrorBody },
        },
      },
      async (req) => {
        const q = req.query;
        return index.search({
          q: q.q,
          organisation: q.organisation,
          category: q.category,
          subcategory: q.subcategory,
          outcome: q.outcome,
          from: q.from,
          to: q.to,
          sort: q.sort,
          page: q.page,
          limit: q.limit,
        });
      },
    );
  };
}
