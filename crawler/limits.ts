/**
 * The two limits every request to the source passes through: a FIFO semaphore (requests in flight)
 * and a rate gate (request starts spaced evenly, no bursts).
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** Counting semaphore, FIFO: waiters are served in arrival order. */
export class Semaphore {
  private free: number;
  private readonly waiters: Array<() => void> = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`semaphore size must be a whole number ≥ 1 (got ${size})`);
    this.free = size;
  }

  async acquire(): Promise<void> {
    if (this.free > 0 && this.waiters.length === 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.free = Math.min(this.size, this.free + 1);
  }

  get inUse(): number {
    return this.size - this.free;
  }

  get waiting(): number {
    return this.waiters.length;
  }
}

/**
 * Spacing scheduler: each `take()` reserves the next start slot, at least `intervalMs` after the
 * previous reservation, and resolves at that slot. Reservations are made synchronously in call
 * order, so concurrent callers can never share a slot; a caller that wakes late does not let the
 * next one go early (the next slot is computed from the reservation, not from the wake-up), and
 * an idle gate does not bank credit (slot = max(now, next)), so there is never a burst.
 *
 * `pauseUntil(t)` holds every request, including those already waiting for a slot, until `t`
 * (used for Retry-After: the whole funnel backs off, not just the request that was told to).
 */
/**
 * What the HTTP funnel needs from a rate limiter. `RateGate` is the in-process one; a Redis-backed
 * gate shared by several worker processes implements the same contract.
 */
export interface RequestGate {
  /** Resolves when the caller may start its request. */
  take(signal?: AbortSignal): Promise<void>;
  /** Holds every request for `ms` from now (Retry-After). */
  pauseFor(ms: number): void;
  /** Current spacing between request starts, in ms. */
  readonly interval: number;
  /** Widens the spacing, e.g. for a robots.txt Crawl-delay. */
  setInterval(ms: number): void;
}

export class RateGate implements RequestGate {
  private next = 0;
  private pausedUntil = 0;

  constructor(
    private intervalMs: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  static perSecond(rate: number): RateGate {
    if (!(rate > 0))
      throw new RangeError(`rate must be a positive number of requests per second (got ${rate})`);
    return new RateGate(1000 / rate);
  }

  get interval(): number {
    return this.intervalMs;
  }

  /** Changes the spacing, e.g. widened for a robots.txt Crawl-delay. */
  setInterval(ms: number): void {
    this.intervalMs = ms;
  }

  /** Holds all requests for `ms` from now (extends an existing pause, never shortens it). */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock() + ms);
  }

  /** Milliseconds left in the current pause (0 when none). */
  get pausedMs(): number {
    return Math.max(0, this.pausedUntil - this.clock());
  }

  async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.clock();
      const slot = Math.max(now, this.next, this.pausedUntil);
      this.next = slot + this.intervalMs;
      // Timers may fire a fraction of a millisecond early by this clock: never start before the slot.
      for (let t = now; t < slot; t = this.clock()) {
        await sleep(Math.max(1, slot - t), undefined, signal ? { signal } : undefined);
      }
      // A pause that began while we slept applies to us too: reserve again after it.
      if (this.pausedUntil <= this.clock()) return;
    }
  }
}
