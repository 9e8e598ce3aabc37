/**
 * Deterministic fault injection. The n-th faultable request (robots.txt is never faultable) draws
 * one uniform number from (seed, n) and falls into hang, error, throttle or truncate by the rates
 * in that order; the rest are answered normally. Latency is drawn separately from (seed, n).
 * @module
 */
import { z } from 'zod';
import { hashUnit } from './prng.js';

const rate = z.number().min(0).max(1);
const range = z
  .tuple([z.number().int().min(0), z.number().int().min(0)])
  .refine(([lo, hi]) => lo <= hi, 'latencyMs: min must not exceed max');

export const FaultProfile = z.strictObject({
  /** Fraction answered 500, 502 or 503. @default 0 */
  errorRate: rate.optional(),
  /** Fraction answered 429 with Retry-After. @default 0 */
  throttleRate: rate.optional(),
  /** Seconds in the Retry-After header of a 429. @default 1 */
  retryAfterSeconds: z.number().int().min(0).optional(),
  /** Fraction accepted and never answered (until the client gives up or the server closes). @default 0 */
  hangRate: rate.optional(),
  /** Fraction sent with the full Content-Length but cut off midway (socket destroyed). @default 0 */
  truncateRate: rate.optional(),
  /** Extra delay per faultable request, uniform in [min, max] ms. @default none */
  latencyMs: range.optional(),
});
export type FaultProfile = z.infer<typeof FaultProfile>;

export type FaultAction =
  | { kind: 'none' }
  | { kind: 'hang' }
  | { kind: 'error'; status: 500 | 502 | 503 }
  | { kind: 'throttle'; retryAfterSeconds: number }
  | { kind: 'truncate' };

const STREAM_FAULT = 11;
const STREAM_LATENCY = 12;
const STREAM_STATUS = 13;

/** What to do with faultable request number n. */
export function faultFor(seed: number, n: number, f: FaultProfile): FaultAction {
  const u = hashUnit(seed, STREAM_FAULT, n);
  let edge = f.hangRate ?? 0;
  if (u < edge) return { kind: 'hang' };
  edge += f.errorRate ?? 0;
  if (u < edge) {
    const statuses = [500, 502, 503] as const;
    return { kind: 'error', status: statuses[Math.floor(hashUnit(seed, STREAM_STATUS, n) * 3)] ?? 500 };
  }
  edge += f.throttleRate ?? 0;
  if (u < edge) return { kind: 'throttle', retryAfterSeconds: f.retryAfterSeconds ?? 1 };
  edge += f.truncateRate ?? 0;
  if (u < edge) return { kind: 'truncate' };
  return { kind: 'none' };
}

/** Added latency in ms for request n (0 without a range). */
export function latencyFor(seed: number, n: number, range: readonly [number, number] | undefined): number {
  if (!range) return 0;
  const [lo, hi] = range;
  return Math.round(lo + hashUnit(seed, STREAM_LATENCY, n) * (hi - lo));
}
