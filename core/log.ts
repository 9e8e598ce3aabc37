/**
 * Logging: pino, structured JSON to stderr so stdout stays free for command output (NDJSON, tables).
 * @module
 */
import { destination, type Logger, pino } from 'pino';

export type { Logger };

export function createLogger(level: string = 'info', name = 'lgsco'): Logger {
  return pino({ name, level, base: { pid: process.pid } }, destination(2));
}

/** A logger that drops everything, for tests and library callers that pass none. */
export const silentLogger: Logger = pino({ level: 'silent' });
