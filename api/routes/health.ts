import type { FastifyPluginAsync } from 'fastify';
import { VERSION } from '../../core/config.js';
import type { ApiDeps } from '../app.js';

/** GET /health: liveness plus what the archive holds and whether search answers. */
export function healthRoutes({ archive, index }: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/health',
      { schema: { summary: 'Health and archive totals' }, config: { rateLimit: false } },
      async (_req, reply) => {
        const counts = archive.counts();
        let search: 'ok' | 'unavailable' = 'ok';
        let indexed: number | null = null;
        try {
          indexed = await index.count();
        } catch {
          search = 'unavailable';
        }
        reply.status(search === 'ok' ? 200 : 503);
        return {
          status: search === 'ok' ? 'ok' : 'degraded',
          version: VERSION,
          archive: counts,
          search,
          indexed,
        };
      },
    );
  };
}
