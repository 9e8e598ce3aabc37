/**
 * The in-process runner's plumbing: a FIFO of decisions with backpressure, and a batcher that
 * hands records to the sink (the indexer) one batch at a time.
 * @module
 */
import type { Logger } from '../core/log.js';
import type { Decision } from '../core/record.js';

/** FIFO of decisions to fetch, with close() and waiting for space (backpressure on discovery). */
export class WorkQueue<T> {
  private items: T[] = [];
  private head = 0;
  private closed = false;
  private waiters: Array<() => void> = [];

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
    this.wake();
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  /** Next item, or undefined once closed and drained. */
  async shift(): Promise<T | undefined> {
    for (;;) {
      if (this.length > 0) {
        const item = this.items[this.head++]!;
        if (this.head > 1024 && this.head * 2 > this.items.length) {
          this.items = this.items.slice(this.head);
          this.head = 0;
        }
        this.wake();
        return item;
      }
      if (this.closed) return undefined;
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  /** Resolves once the queue is shorter than `max` (or closed). */
  async waitBelow(max: number): Promise<void> {
    while (this.length >= max && !this.closed) await new Promise<void>((r) => this.waiters.push(r));
  }

  private wake(): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }
}

/** Collects records and hands them to the sink in batches, one batch at a time. */
export class RecordBatcher {
  private buffer: Decision[] = [];
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  /** Batches handed to the sink and not yet done, oldest first. */
  private readonly queued: Promise<void>[] = [];
  errors = 0;
  /** The last error a batch threw (message), for the summary. */
  lastError: string | undefined;

  /**
   * `maxQueued`: batches that may wait for the sink (the one it is on included) before every
   * `add` waits too. Without it a slow sink (an index busy on a loaded machine) let the crawl's
   * concurrent tasks each queue a batch: thousands of records held in memory at once.
   */
  constructor(
    private readonly sink: ((records: Decision[]) => Promise<void>) | undefined,
    private readonly size: number,
    private readonly intervalMs: number,
    private readonly log: Logger,
    private readonly maxQueued = 2,
  ) {}

  /**
   * Adds a record; resolves at once, or, when the batch it completed must wait or `maxQueued`
   * batches are waiting for the sink, once the sink has caught up (backpressure).
   */
  add(record: Decision): Promise<void> {
    if (!this.sink) return Promise.resolve();
    this.buffer.push(record);
    if (this.buffer.length >= this.size) this.enqueue();
    else this.timer ??= setTimeout(() => this.enqueue(), this.intervalMs);
    return this.caughtUp();
  }

  /** Resolves once fewer than `maxQueued` batches wait for the sink. */
  private caughtUp(): Promise<void> {
    const n = this.queued.length;
    return n < this.maxQueued ? Promise.resolve() : this.queued[n - this.maxQueued]!;
  }

  /** Hands the buffered records over and resolves once the sink has taken every batch. */
  flush(): Promise<void> {
    this.enqueue();
    return this.chain;
  }

  /** Queues the buffered records as a batch for the sink. */
  private enqueue(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const sink = this.sink;
    if (!sink || this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    const done = this.chain.then(async () => {
      try {
        await sink(batch);
      } catch (e) {
        this.errors++;
        this.lastError = e instanceof Error ? e.message : String(e);
        this.log.error(
          { err: e instanceof Error ? e.message : String(e), records: batch.length },
          'onRecords failed; the records stay archived and will be indexed on catch-up',
        );
      } finally {
        this.queued.shift();
      }
    });
    this.queued.push(done);
    this.chain = done;
  }
}
