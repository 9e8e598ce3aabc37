import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { NotFoundError } from '../../core/errors.js';
import { ArchivedDecision } from '../../core/record.js';
import { parseRef } from '../../core/ref.js';
import type { ApiDeps } from '../app.js';
import { ErrorBody, RefParams } from '../schemas.js';

/** GET /api/decisions/:ref: the full record from the archive of record (not the search index). */
export function decisionRoutes({ archive }: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/decisions/:ref',
      {
        schema: {
          summary: 'One decision, in full',
          description: 'Accepts the reference as printed ("24 019 223") or as in URLs ("24-019-223").',
          params: RefParams,
          response: { 200: ArchivedDecision, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (req) => {
        const { key } = parseRef(req.params.ref);
        const decision = archive.getDecision(key);
        if (!decision) throw new NotFoundError(`no decision ${key} in the archive`);
        return decision;
      },
    );
  };
}
