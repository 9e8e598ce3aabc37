/**
 * A small pool of worker threads that parse stored pages (job.ts) in batches. node:worker_threads
 * directly: each worker answers its batches in order, so a FIFO of callbacks per worker is enough.
 * @module
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type ReparseJob, type ReparseResult, reparseOne } from './job.js';
import { type ListingResult, parseListingJob } from './listing-job.js';

interface Slot {
  worker: Worker;
  /** One entry per message sent; the worker answers each message once, in order. */
  waiting: { resolve: (r: never) => void; reject: (e: Error) => void }[];
}

/** Workers to use by default: one per core (the main thread mostly waits on SQLite). */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/**
 * The worker thread's entry: compiled, worker.ts and everything it imports in one file (dist/,
 * `npm run build` bundles it with esbuild, so a thread loads one module instead of ~150); as
 * TypeScript (vitest, tsx), a plain-JavaScript shim that registers tsx in the thread first.
 */
const WORKER_ENTRY = new URL(
  import.meta.url.endsWith('.ts') ? './worker-entry.mjs' : './worker.bundle.js',
  import.meta.url,
);

export class ParsePool {
  private readonly slots: Slot[] = [];
  private closed = false;

  /** `size` 0 parses inline on the calling thread (small jobs, tests). */
  constructor(readonly size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(WORKER_ENTRY);
      const slot: Slot = { worker, waiting: [] };
      worker.on('message', (answer: unknown) => slot.waiting.shift()?.resolve(answer as never));
      worker.on('error', (e) => {
        for (const w of slot.waiting.splice(0)) w.reject(e);
      });
      worker.on('exit', (code) => {
        if (this.closed) return;
        const e = new Error(`parse worker stopped (exit code ${code})`);
        for (const w of slot.waiting.splice(0)) w.reject(e);
      });
      this.slots.push(slot);
    }
  }

  /** Batches in flight across the pool. */
  get pending(): number {
    return this.slots.reduce((n, s) => n + s.waiting.length, 0);
  }

  /** Parses a batch on the least busy worker (inline when the pool has none). */
  run(jobs: ReparseJob[]): Promise<ReparseResult[]> {
    if (this.closed) return Promise.reject(new Error('parse pool is closed'));
    if (this.slots.length === 0) return Promise.resolve(jobs.map(reparseOne));
    const slot = this.slots.reduce((a, b) => (b.waiting.length < a.waiting.length ? b : a));
    return new Promise((resolve, reject) => {
      slot.waiting.push({ resolve, reject });
      // Copies of the stored bytes are transferred, so the sender keeps nothing it must not touch.
      slot.worker.postMessage(
        jobs,
        jobs.map((j) => j.stored.buffer as ArrayBuffer),
      );
    });
  }

  /** Parses one listing page on the least busy worker (inline when the pool has none). */
  runListing(html: string, url: string): Promise<ListingResult> {
    if (this.closed) return Promise.reject(new Error('parse pool is closed'));
    const job = { listing: true as const, html, url };
    if (this.slots.length === 0) return Promise.resolve(parseListingJob(job));
    const slot = this.slots.reduce((a, b) => (b.waiting.length < a.waiting.length ? b : a));
    return new Promise((resolve, reject) => {
      slot.waiting.push({ resolve, reject });
      slot.worker.postMessage(job);
    });
  }

  /** Stops the workers; idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
