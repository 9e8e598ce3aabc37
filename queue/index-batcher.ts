/**
 * IndexBatcher: store jobs run many at once and each waits until its record is in the search
 * index; the batcher gathers their records and sends one Meilisearch batch instead of one task per
 * decision. A batch goes when it is full or `maxWaitMs` after its first record. A failed batch
 * rejects every waiter, so their jobs fail and are retried (the records stay archived meanwhile,
 * and `decisionsNeedingIndex` still lists them).
 * @module
 */
import type { Decision } from '../core/record.js';

interface Waiter {
  resolve: () => void;
  reject: (e: unknown) => void;
}

export class IndexBatcher {
  private records: Decision[] = [];
  private waiters: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly sink: (records: Decision[]) => Promise<void>,
    /** @default 100 */
    private readonly maxSize = 100,
    /** @default 250 */
    private readonly maxWaitMs = 250,
  ) {}

  /** Resolves once the batch holding `record` is indexed. */
  add(record: Decision): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.records.push(record);
      this.waiters.push({ resolve, reject });
      if (this.records.length >= this.maxSize) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.maxWaitMs);
    });
  }

  /** Sends what is gathered now; batches go one after another. Resolves when all sent so far are done. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.records.length > 0) {
      const records = this.records;
      const waiters = this.waiters;
      this.records = [];
      this.waiters = [];
      this.chain = this.chain.then(async () => {
        try {
          await this.sink(records);
          for (const w of waiters) w.resolve();
        } catch (e) {
          for (const w of waiters) w.reject(e);
        }
      });
    }
    return this.chain;
  }
}
