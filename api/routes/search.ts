import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type FacetName, SearchResultSchema } from '../../indexer/index.js';
import {
  checkOrganisations,
  filtersOf,
  hasRegistryFilters,
  organisationNamesFor,
} from '../analysis/index.js';
import type { ApiContext } from '../app.js';
import { ErrorBody, SearchQuery } from '../schemas.js';

/** GET /api/search: full-text search with filters, exact totals and facet counts. */
export function searchRoutes({ searchIndex, store }: ApiContext): FastifyPluginAsync {
  return async (app) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/search',
      {
        schema: {
          summary: 'Search decisions',
          description:
            'Full-text search over summaries and decision text (a match in the summary ranks higher), with ' +
            'filters on the header fields and on the extracted facts. `total` is exact and counts the same set ' +
            '/api/stats and the exports count (every word of `q` must match; see `q`); `facets` counts all ' +
            'matching decisions. With `q`, `snippet` (summary) and `textSnippet` (decision text) are cropped ' +
            'around the matches, HTML-escaped, matches in <mark>. Filters may be repeated to match any of ' +
            'several values. Figures for a whole result set: /api/stats with the same parameters.',
          querystring: SearchQuery,
          response: { 200: SearchResultSchema, 400: ErrorBody },
        },
        // The hits are built field by field from typed values: plain JSON.stringify, not a zod
        // re-validation of every response (the schema still documents it in OpenAPI).
        serializerCompiler: () => (data) => JSON.stringify(data),
      },
      async (req) => {
        const {
          q,
          sort,
          page,
          limit,
          facets,
          highlights,
          organisationCode,
          organisationKind,
          region,
          includePredecessors,
          ...rest
        } = req.query;
        // An organisation the archive does not hold: 400 with the closest names, not an empty list.
        checkOrganisations(store, rest.organisation);
        const facetList = facets?.includes('none') ? [] : (facets as FacetName[] | undefined);
        // The index holds names as printed: registry filters become the names that pass them.
        const registry = { organisationCode, organisationKind, region, includePredecessors };
        const organisation = hasRegistryFilters(registry)
          ? organisationNamesFor(store.db, registry, rest.organisation)
          : rest.organisation;
        return searchIndex.search({
          ...filtersOf({ ...rest, organisation }),
          q,
          sort,
          page,
          limit,
          facets: facetList,
          highlight: highlights,
        });
      },
    );
  };
}
