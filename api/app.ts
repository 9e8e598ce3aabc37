/**
 * The HTTP API: small route modules, zod validation of every parameter, one error handler.
 * @module
 */
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Archive } from '../archive/index.js';
import type { Config } from '../core/config.js';
import { VERSION } from '../core/config.js';
import type { Logger } from '../core/log.js';
import type { DecisionIndex } from '../indexer/index.js';
import { webPages } from '../web/plugin.js';
import { installErrorHandler } from './errors.js';
import { decisionRoutes } from './routes/decisions.js';
import { healthRoutes } from './routes/health.js';
import { searchRoutes } from './routes/search.js';

export interface ApiDeps {
  config: Readonly<Config>;
  archive: Archive;
  index: DecisionIndex;
  log?: Logger;
}

export async function buildApi(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; the cast only widens fastify's generic logger type.
    loggerInstance: deps.log as FastifyBaseLogger | undefined,
    // Per-request access logs would drown the crawl's logs; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    // Repeated parameters (?organisation=A&organisation=B) arrive as arrays.
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'lgsco-archive API',
        description:
          'Search and read the archived decisions of the Local Government and Social Care Ombudsman. ' +
          'Decision texts © Commission for Local Administration in England, re-used under its terms.',
        version: VERSION,
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  await app.register(healthRoutes(deps));
  await app.register(searchRoutes(deps), { prefix: '/api' });
  await app.register(decisionRoutes(deps), { prefix: '/api' });
  await app.register(webPages);
  return app;
}
