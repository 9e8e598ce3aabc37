/**
 * Typed errors with stable codes. Each class is named by what happens next, so callers
 * decide retry / quarantine / exit from the class or `code`, never from message text.
 * The table in docs/errors.md lists every code with its fix.
 * @module
 */

export const ErrorCode = {
  CONFIG: 'LGSCO_ERR_CONFIG',
  BAD_REF: 'LGSCO_ERR_BAD_REF',
  FETCH_RETRYABLE: 'LGSCO_ERR_FETCH_RETRYABLE',
  FETCH_THROTTLED: 'LGSCO_ERR_FETCH_THROTTLED',
  FETCH_PERMANENT: 'LGSCO_ERR_FETCH_PERMANENT',
  ROBOTS_DISALLOWED: 'LGSCO_ERR_ROBOTS_DISALLOWED',
  PARSE: 'LGSCO_ERR_PARSE',
  SEARCH_SHELL: 'LGSCO_ERR_SEARCH_SHELL',
  BROWSER: 'LGSCO_ERR_BROWSER',
  MEILI_START: 'LGSCO_ERR_MEILI_START',
  MEILI_TASK: 'LGSCO_ERR_MEILI_TASK',
  ARCHIVE: 'LGSCO_ERR_ARCHIVE',
  NOT_FOUND: 'LGSCO_ERR_NOT_FOUND',
  BAD_REQUEST: 'LGSCO_ERR_BAD_REQUEST',
  URI_TOO_LONG: 'LGSCO_ERR_URI_TOO_LONG',
  HEADERS_TOO_LARGE: 'LGSCO_ERR_HEADERS_TOO_LARGE',
  INTERNAL: 'LGSCO_ERR_INTERNAL',
  UNAVAILABLE: 'LGSCO_ERR_UNAVAILABLE',
  PORT_IN_USE: 'LGSCO_ERR_PORT_IN_USE',
  UNAUTHORIZED: 'LGSCO_ERR_UNAUTHORIZED',
  RATE_LIMITED: 'LGSCO_ERR_RATE_LIMITED',
  BUSY: 'LGSCO_ERR_BUSY',
  QUEUE_PAYLOAD: 'LGSCO_ERR_QUEUE_PAYLOAD',
  QUEUE_STAGE: 'LGSCO_ERR_QUEUE_STAGE',
  REDIS_UNAVAILABLE: 'LGSCO_ERR_REDIS_UNAVAILABLE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Base class of every error this project throws on purpose. */
export class LgscoError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A setting is missing or invalid. The CLI prints the message on one line and exits 2. */
export class ConfigError extends LgscoError {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(ErrorCode.CONFIG, `${setting}: ${message}`);
  }
}

/** A string that is not an Ombudsman reference such as "24 019 223" or "17-002-402b". */
export class BadRefError extends LgscoError {
  constructor(readonly input: string) {
    super(
      ErrorCode.BAD_REF,
      `not an LGSCO reference: ${JSON.stringify(input)} (expected e.g. "24 019 223" or "24-019-223")`,
    );
  }
}

/** A fetch failed in a way worth retrying (5xx, network error, timeout, truncated body). */
export class RetryableFetchError extends LgscoError {
  constructor(
    readonly url: string,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(ErrorCode.FETCH_RETRYABLE, `${message} (${url})`, options);
  }
}

/** The server asked us to slow down (429, or 503 with Retry-After): wait `retryAfterMs`, then retry. */
export class ThrottledError extends LgscoError {
  constructor(
    readonly url: string,
    readonly status: number,
    readonly retryAfterMs: number | undefined,
  ) {
    super(
      ErrorCode.FETCH_THROTTLED,
      `HTTP ${status}${retryAfterMs === undefined ? '' : `, Retry-After ${retryAfterMs} ms`} (${url})`,
    );
  }
}

/** A fetch that must not be retried: 404/410 and other 4xx. */
export class PermanentFetchError extends LgscoError {
  constructor(
    readonly url: string,
    readonly status: number,
    message?: string,
  ) {
    super(ErrorCode.FETCH_PERMANENT, `${message ?? `HTTP ${status}`} (${url})`);
  }
}

/** robots.txt forbids the URL: it is never requested. */
export class RobotsDisallowedError extends LgscoError {
  constructor(readonly url: string) {
    super(ErrorCode.ROBOTS_DISALLOWED, `disallowed by robots.txt (${url})`);
  }
}

/** A page could not be read as a decision: it is quarantined with this reason, not indexed. */
export class ParseError extends LgscoError {
  constructor(
    message: string,
    readonly url?: string,
  ) {
    super(ErrorCode.PARSE, url ? `${message} (${url})` : message);
  }
}

/** The listing answered with an empty search shell (no count, no decision links). */
export class SearchShellError extends LgscoError {
  constructor(readonly url: string) {
    super(ErrorCode.SEARCH_SHELL, `listing returned a search shell with no result count (${url})`);
  }
}

/** The Chromium browser for the search-shell fallback could not be started or used. */
export class BrowserError extends LgscoError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCode.BROWSER, message, options);
  }
}

/** The embedded Meilisearch could not be started or reached. */
export class MeiliStartError extends LgscoError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCode.MEILI_START, message, options);
  }
}

/** A Meilisearch task finished with status "failed" (or was canceled). */
export class MeiliTaskError extends LgscoError {
  constructor(
    readonly taskUid: number,
    readonly taskType: string,
    readonly detail: { code?: string; message?: string } | null,
  ) {
    super(
      ErrorCode.MEILI_TASK,
      `Meilisearch task ${taskUid} (${taskType}) failed: ${detail?.code ?? 'unknown'}: ${detail?.message ?? 'no message'}`,
    );
  }
}

/** A lookup for something that is not in the archive. */
export class NotFoundError extends LgscoError {
  constructor(message: string) {
    super(ErrorCode.NOT_FOUND, message);
  }
}

/** An admin route was called without the right `Authorization: Bearer <LGSCO_ADMIN_TOKEN>`. */
export class UnauthorizedError extends LgscoError {
  constructor(message: string) {
    super(ErrorCode.UNAUTHORIZED, message);
  }
}

/** The same kind of job (an admin crawl) is already running: wait for it. */
export class BusyError extends LgscoError {
  constructor(message: string) {
    super(ErrorCode.BUSY, message);
  }
}

/** `lgsco serve` (or demo) cannot listen: the address is taken or not allowed. */
export class ListenError extends LgscoError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCode.PORT_IN_USE, message, options);
  }
}

export function isLgscoError(e: unknown): e is LgscoError {
  return e instanceof LgscoError;
}
