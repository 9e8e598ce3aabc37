/**
 * Process edge: turns errors into one clear line and an exit code, and runs cleanups on signals.
 * @module
 */
import { ConfigError, ErrorCode, isLgscoError } from '../core/errors.js';

/**
 * Exit codes. 3 and 4 are for cron and scripts: 3 = `lgsco crawl` archived everything it fetched
 * but some decisions are not searchable (the index failed; the next crawl, `serve` or `reindex`
 * indexes them); 4 = another crawl or re-check holds the archive, so nothing was done.
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, notIndexed: 3, busy: 4 } as const;

/** Exit codes: 0 ok, 1 runtime failure, 2 bad configuration or usage (a bad filter too), 4 busy (see EXIT). */
export async function runCommand(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`lgsco: invalid configuration: ${e.message}\n`);
      process.exitCode = 2;
      return;
    }
    if (isLgscoError(e) && e.code === ErrorCode.BUSY) {
      process.stderr.write(`lgsco: ${e.code}: ${e.message}\n`);
      process.exitCode = EXIT.busy;
      return;
    }
    if (isLgscoError(e) && e.code === ErrorCode.BAD_REQUEST) {
      // A filter the archive cannot answer (an organisation it does not hold, …): a usage error.
      process.stderr.write(`lgsco: ${e.message}\n`);
      process.exitCode = EXIT.usage;
      return;
    }
    if (isLgscoError(e)) {
      process.stderr.write(`lgsco: ${e.code}: ${e.message}\n`);
    } else {
      process.stderr.write(
        `lgsco: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
      );
    }
    process.exitCode = 1;
  }
}

/** Runs `cleanup` once on SIGINT/SIGTERM, then exits; a second signal exits at once. */
export function onShutdown(cleanup: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    process.stderr.write(`lgsco: ${signal} received, shutting down\n`);
    cleanup().then(
      () => process.exit(0),
      (e) => {
        process.stderr.write(`lgsco: error during shutdown: ${String(e)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}
