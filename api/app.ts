/**
 * The HTTP API: small route modules, zod validation of every parameter, one error handler.
 *
 * Security: searches go through a Meilisearch key that can only search (created or reused at
 * start with the master key); per-IP rate limit (LGSCO_API_RATE_LIMIT per minute, 0 = off);
 * CORS only for LGSCO_CORS_ORIGINS; admin routes exist only with LGSCO_ADMIN_TOKEN and need it
 * as a Bearer token. Every response carries `X-Content-Type-Options: nosniff`; the OpenAPI page
 * (/api/docs) has its own Content-Security-Policy (DOCS_CSP) with `frame-ancestors 'none'`.
 * @module
 */
import path from 'node:path';
import fastifyCors from '@fastify/cors';
import fastifyRateLimit from '@fastify/rate-limit';
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
import { ErrorCode, LgscoError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { DecisionIndex } from '../indexer/index.js';
import { webPages } from '../web/index.js';
import { AnalysisStore } from './analysis/index.js';
import { clientError, frameworkError, installErrorHandler, NOSNIFF } from './errors.js';
import { adminRoutes } from './routes/admin.js';
import { analysisRoutes } from './routes/analysis.js';
import { decisionRoutes } from './routes/decisions.js';
import { exportRoutes } from './routes/export.js';
import { healthRoutes } from './routes/health.js';
import { searchRoutes } from './routes/search.js';

export interface ApiDeps {
  config: Readonly<Config>;
  archive: Archive;
  /** The index with the master-key client: health counts and admin reindex only. */
  index: DecisionIndex;
  /** The index every request searches; default: `index.searchOnlyView()` (a search-only key). */
  searchIndex?: DecisionIndex;
  log?: Logger;
}

/** What route modules get: the dependencies plus the search-only index and the analysis store. */
export interface ApiContext extends ApiDeps {
  searchIndex: DecisionIndex;
  store: AnalysisStore;
  /** Where derived downloads (the SQLite export) are cached. */
  cacheDir: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The index the API searches with (its client holds a search-only key). */
    lgscoSearchIndex: DecisionIndex;
  }
}

/** config.corsOrigins → @fastify/cors `origin`; undefined = CORS off (same-origin only). */
export function corsOrigin(setting: string | undefined): true | string[] | undefined {
  if (!setting) return undefined;
  const list = setting
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (list.includes('*')) return true;
  return list.length > 0 ? list : undefined;
}

/**
 * The CSP of the OpenAPI page and its assets (Swagger UI, served from this origin; it has no
 * inline script, but sets style attributes and injects a few <style> elements, hence
 * 'unsafe-inline' for styles only). Not framable anywhere.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export async function buildApi(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    // Errors raised before a route runs get the project's { code, message } body too.
    frameworkErrors: frameworkError,
    clientErrorHandler: clientError,
    // A request arriving while the server closes gets LGSCO_ERR_UNAVAILABLE (hook below), not
    // Fastify's own 503 body.
    return503OnClosing: false,
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
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_req, reply) => {
    // Before anything can fail, so error answers carry it too.
    reply.header(...NOSNIFF);
    if (closing) {
      reply.header('connection', 'close');
      throw new LgscoError(ErrorCode.UNAVAILABLE, 'the server is shutting down; try again shortly');
    }
  });

  const searchIndex = deps.searchIndex ?? (await deps.index.searchOnlyView());
  const store = new AnalysisStore(deps.archive.file);
  const ctx: ApiContext = {
    ...deps,
    searchIndex,
    store,
    cacheDir: path.join(path.dirname(deps.archive.file), 'exports'),
  };
  app.decorate('lgscoSearchIndex', searchIndex);
  app.addHook('onClose', async () => store.close());

  const origin = corsOrigin(deps.config.corsOrigins);
  if (origin !== undefined) {
    await app.register(fastifyCors, { origin, methods: ['GET', 'HEAD', 'POST'], maxAge: 600 });
  }
  if (deps.config.apiRateLimit > 0) {
    await app.register(fastifyRateLimit, {
      global: true,
      max: deps.config.apiRateLimit,
      timeWindow: 60_000,
      errorResponseBuilder: (_req, context) =>
        Object.assign(
          new Error(
            `rate limit exceeded: at most ${context.max} requests per minute per client; retry in ${Math.ceil(context.ttl / 1000)} s`,
          ),
          { statusCode: 429, code: ErrorCode.RATE_LIMITED },
        ),
    });
  }

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'lgsco-archive API',
        description:
          'Search and read the archived decisions of the Local Government and Social Care Ombudsman. ' +
          'Decision texts © Commission for Local Administration in England, re-used under its terms. ' +
          'Query parameters: an empty value (`?maxRemedy=`) is the parameter left out; numbers are plain ' +
          'decimal (`250`, `99.50`; no hex, exponent or spaces); a parameter that takes one value may be ' +
          'given only once. Every error is JSON `{ code, message }` with a stable LGSCO_ERR_* code — 400 ' +
          'LGSCO_ERR_BAD_REQUEST naming the parameter, 401, 404, 409, 414 LGSCO_ERR_URI_TOO_LONG, 429, ' +
          '431 LGSCO_ERR_HEADERS_TOO_LARGE, 500 LGSCO_ERR_INTERNAL, 502, 503 (docs/errors.md). Every ' +
          "response carries X-Content-Type-Options: nosniff. CSV exports prefix a text cell starting with =, +, -, @, tab or CR with '.",
        version: VERSION,
      },
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description: 'LGSCO_ADMIN_TOKEN (admin routes only; they exist only when it is set)',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: DOCS_CSP });

  await app.register(healthRoutes(deps));
  await app.register(searchRoutes(ctx), { prefix: '/api' });
  await app.register(decisionRoutes(ctx), { prefix: '/api' });
  await app.register(analysisRoutes(ctx), { prefix: '/api' });
  await app.register(exportRoutes(ctx), { prefix: '/api' });
  if (deps.config.adminToken)
    await app.register(adminRoutes(ctx, deps.config.adminToken), { prefix: '/api/admin' });
  await app.register(webPages);
  return app;
}
