import { ErrorCode, LgscoError } from '../../core/errors.js';

/** REDIS_URL is set but Redis did not answer in time. */
export class RedisUnavailableError extends LgscoError {
  constructor(
    readonly redisUrl: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(
      ErrorCode.REDIS_UNAVAILABLE,
      `Redis at ${redactUrl(redisUrl)} is not available: ${message}`,
      options,
    );
  }
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.href;
  } catch {
    return '(unreadable REDIS_URL)';
  }
}
