/**
 * One error handler: our typed errors and zod validation failures become `{ code, message }`
 * JSON with the right status; nothing leaks a stack trace. The errors Fastify and Node answer
 * before a route runs (a path segment too long, headers too large, a malformed URL, a request
 * during shutdown) get the same body through `frameworkErrors` and `clientErrorHandler`. Every
 * code sent is in core/errors.ts and docs/errors.md.
 * @module
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { MeilisearchApiError, MeilisearchRequestError } from 'meilisearch';
import { ZodError } from 'zod';
import { ErrorCode, isLgscoError } from '../core/errors.js';

const STATUS_BY_CODE: Partial<Record<string, number>> = {
  [ErrorCode.BAD_REF]: 400,
  [ErrorCode.BAD_REQUEST]: 400,
  [ErrorCode.URI_TOO_LONG]: 414,
  [ErrorCode.HEADERS_TOO_LARGE]: 431,
  [ErrorCode.INTERNAL]: 500,
  [ErrorCode.UNAVAILABLE]: 503,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.UNAUTHORIZED]: 401,
  [ErrorCode.BUSY]: 409,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.ARCHIVE]: 503,
  [ErrorCode.MEILI_START]: 503,
  [ErrorCode.MEILI_TASK]: 502,
};

/** The body of every error answer. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
}

/** Sent on every response, errors included (and on the raw answers below). */
export const NOSNIFF = ['x-content-type-options', 'nosniff'] as const;

/** The project's code for an HTTP error status Fastify or Node chose (a 4xx we did not raise). */
export function codeForStatus(status: number): ErrorCode {
  if (status === 414) return ErrorCode.URI_TOO_LONG;
  if (status === 431) return ErrorCode.HEADERS_TOO_LARGE;
  if (status === 429) return ErrorCode.RATE_LIMITED;
  if (status === 404) return ErrorCode.NOT_FOUND;
  if (status === 503) return ErrorCode.UNAVAILABLE;
  return status < 500 ? ErrorCode.BAD_REQUEST : ErrorCode.INTERNAL;
}

/**
 * Fastify's `frameworkErrors`: errors the router raises before any route or hook runs — a path
 * segment longer than `maxParamLength` (414) or a URL that is not valid percent-encoding (400).
 * The message does not echo the (possibly huge) path.
 */
export function frameworkError(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const status = err.statusCode ?? 400;
  const message =
    err.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'the URL is too long: a path segment may be at most 100 characters'
      : err.code === 'FST_ERR_BAD_URL'
        ? 'the URL is not valid (bad percent-encoding)'
        : `the request cannot be routed (${STATUS_CODES[status] ?? status})`;
  reply
    .status(status)
    .header(...NOSNIFF)
    .send({ code: codeForStatus(status), message } satisfies ErrorBody);
}

/** Over this many bytes, the request line is what made the headers too large (414, not 431). */
const URL_LIMIT = 8 * 1024;

/**
 * Node's `clientError` (Fastify's `clientErrorHandler`): a request the HTTP parser refused before
 * Fastify saw it. Headers (the request line included) over Node's limit (16 KiB by default) get
 * 431, or 414 when the request line alone is over 8 KiB; a timeout 408; anything else 400.
 * Written straight to the socket, which is then closed, as Node does.
 */
export function clientError(err: Error & { code?: string; rawPacket?: unknown }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  let status = 400;
  let body: ErrorBody = { code: ErrorCode.BAD_REQUEST, message: 'the request is not valid HTTP' };
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    // What the parser was reading: when its first line (the request line, or a URL still coming)
    // is itself over half the limit, the URL is what is too long.
    const raw = Buffer.isBuffer(err.rawPacket) ? err.rawPacket : undefined;
    const lineEnd = raw ? raw.indexOf('\r\n') : -1;
    const firstLine = raw ? (lineEnd === -1 ? raw.length : lineEnd) : 0;
    if (firstLine > URL_LIMIT) {
      status = 414;
      body = { code: ErrorCode.URI_TOO_LONG, message: 'the URL is too long' };
    } else {
      status = 431;
      body = {
        code: ErrorCode.HEADERS_TOO_LARGE,
        message: 'the request headers (with the URL) are larger than the server accepts',
      };
    }
  } else if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    status = 408;
    body = { code: ErrorCode.BAD_REQUEST, message: 'the request was not received in time' };
  }
  if (socket.writable) {
    const json = JSON.stringify(body);
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(json)}\r\n${NOSNIFF[0]}: ${NOSNIFF[1]}\r\nConnection: close\r\n\r\n${json}`,
    );
  }
  socket.destroy(err);
}

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
      // Fastify's own 4xx (body too large, unsupported media type, malformed JSON …): its status,
      // our code; its message names the problem and never carries a stack.
      return reply
        .status(err.statusCode)
        .send({ code: codeForStatus(err.statusCode), message: err.message } satisfies ErrorBody);
    }
    req.log.error({ err }, 'unexpected error');
    return reply
      .status(500)
      .send({ code: ErrorCode.INTERNAL, message: 'internal error; see the server log' } satisfies ErrorBody);
  });
  app.setNotFoundHandler((req, reply) => {
    reply
      .status(404)
      .send({ code: ErrorCode.NOT_FOUND, message: `no route for ${req.method} ${req.url.split('?')[0]}` });
  });
}
