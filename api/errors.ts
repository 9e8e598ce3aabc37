/**
 * One error handler: our typed errors and zod validation failures become `{ code, message }`
 * JSON with the right status; nothing leaks a stack trace.
 * @module
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { MeilisearchApiError, MeilisearchRequestError } from 'meilisearch';
import { ZodError } from 'zod';
import { ErrorCode, isLgscoError } from '../core/errors.js';

const STATUS_BY_CODE: Partial<Record<string, number>> = {
  [ErrorCode.BAD_REF]: 400,
  [ErrorCode.BAD_REQUEST]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.UNAUTHORIZED]: 401,
  [ErrorCode.BUSY]: 409,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.ARCHIVE]: 503,
  [ErrorCode.MEILI_START]: 503,
  [ErrorCode.MEILI_TASK]: 502,
};

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const message = err.validation
        .map((v) => {
          const param = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
          // Unrecognised keys have no path: zod names them in the message itself.
          return param ? `${param}: ${v.message}` : v.message;
        })
        .join('; ');
      return reply.status(400).send({
        code: ErrorCode.BAD_REQUEST,
        message: `invalid ${err.validationContext ?? 'request'}: ${message}`,
      });
    }
    if (isLgscoError(err)) {
      const status = STATUS_BY_CODE[err.code] ?? 500;
      if (status >= 500) req.log.error({ err }, 'request failed');
      if (status === 401) reply.header('www-authenticate', 'Bearer realm="lgsco-admin"');
      return reply.status(status).send({ code: err.code, message: err.message });
    }
    if (err instanceof MeilisearchApiError) {
      req.log.error({ err }, 'search index error');
      return reply.status(502).send({
        code: ErrorCode.MEILI_TASK,
        message: `the search index answered with an error: ${err.cause?.code ?? err.response.status}`,
      });
    }
    if (err instanceof MeilisearchRequestError) {
      req.log.error({ err }, 'search unavailable');
      return reply.status(503).send({
        code: ErrorCode.MEILI_START,
        message: 'the search index cannot be reached; try again shortly',
      });
    }
    if (err instanceof ZodError) {
      // A parameter the route schema let through but a lower layer refused.
      const issue = err.issues[0];
      return reply.status(400).send({
        code: ErrorCode.BAD_REQUEST,
        message: `invalid request: ${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'invalid'}`,
      });
    }
    if (typeof err.statusCode === 'number' && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ code: err.code ?? 'HTTP_ERROR', message: err.message });
    }
    req.log.error({ err }, 'unexpected error');
    return reply
      .status(500)
      .send({ code: 'LGSCO_ERR_INTERNAL', message: 'internal error; see the server log' });
  });
  app.setNotFoundHandler((req, reply) => {
    reply
      .status(404)
      .send({ code: ErrorCode.NOT_FOUND, message: `no route for ${req.method} ${req.url.split('?')[0]}` });
  });
}
