/**
 * `lgsco parse` over many files: worker threads parse batches of files while the main thread
 * writes the results in the order the files were given.
 * @module
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** Below this many files one thread is quicker (a worker costs ~0.3 s of start-up: loading the parser). */
export const PARALLEL_FROM = 200;
/** Files per message to a worker. */
const BATCH = 25;

/** Worker threads for `count` files: none for few files or one core, else one per core (at most 8). */
export function parseWorkers(count: number, cores = availableParallelism()): number {
  if (count < PARALLEL_FROM || cores < 2) return 0;
  return Math.min(cores, 8, Math.ceil(count / PARALLEL_FROM));
}

/**
 * Compiled: parse-worker.ts and everything it imports in one file (`npm run build` bundles it with
 * esbuild: a thread then loads one module instead of ~150, about half its start-up CPU); as
 * TypeScript (vitest, tsx): a shim registering tsx first.
 */
const ENTRY = new URL(
  import.meta.url.endsWith('.ts') ? './parse-worker-entry.mjs' : './parse-worker.bundle.js',
  import.meta.url,
);

/** One batch's result: its records as UTF-8 NDJSON, in the batch's order, and the files refused. */
export interface BatchOutput {
  records: Uint8Array;
  /** `index` within the batch, and why that file is not a decision page (as ParseOutcome's `why`). */
  refused: Array<{ index: number; why: string }>;
}

/** Parses `files` on `workers` threads, handing each batch's output to `emit` in the order of `files`. */
export async function parseInWorkers(
  files: string[],
  url: string | undefined,
  workers: number,
  emit: (batch: string[], out: BatchOutput) => void,
): Promise<void> {
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += BATCH) batches.push(files.slice(i, i + BATCH));
  const done: (BatchOutput | undefined)[] = new Array(batches.length);
  let sent = 0;
  let emitted = 0;
  const pool = Array.from({ length: workers }, () => new Worker(ENTRY, { workerData: { url } }));
  try {
    await new Promise<void>((resolve, reject) => {
      const send = (w: Worker) => {
        if (sent < batches.length) w.postMessage({ id: sent, files: batches[sent++] });
      };
      const flush = () => {
        for (let r = done[emitted]; r !== undefined; r = done[emitted]) {
          const batch = batches[emitted]!;
          done[emitted++] = undefined;
          emit(batch, r);
        }
        if (emitted === batches.length) resolve();
      };
      for (const w of pool) {
        w.on('message', ({ id, out }: { id: number; out: BatchOutput }) => {
          done[id] = out;
          send(w);
          flush();
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (emitted < batches.length) reject(new Error(`parse worker stopped (exit code ${code})`));
        });
        // Two batches in flight per worker, so none waits for the main thread between batches.
        send(w);
        send(w);
      }
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
