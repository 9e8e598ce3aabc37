/**
 * Memory of the long-running crawl processes (`lgsco crawl`, `lgsco worker`, `lgsco demo`).
 *
 * A crawl's live heap is small (about 50 MB after a full GC, most of it code), but it allocates
 * fast: every page is decoded, parsed into a DOM and a record, compressed and sent on. With V8's
 * defaults on a machine with much memory (heap limit ~4 GB on 24 GB) the old generation is first
 * collected only when it reaches a few hundred MB, and after each full GC it may grow up to 4×
 * the live size before the next one: the process held 450 MB of mostly garbage after 8,000
 * decisions. `--heap-growing-percent` fixes that factor: after each full GC the next one comes
 * once the old generation has grown by that share of what survived. It is a growth rule, not a
 * cap: if a run really keeps more live data the heap grows with it, so it cannot end in
 * "heap out of memory" the way a small `--max-old-space-size` can.
 *
 * It is a V8 flag read at every GC, so `v8.setFlagsFromString` applies it to the running process
 * (unlike `--max-old-space-size`, which is fixed when the heap is created and which a running
 * process cannot change); that works however the CLI is started (`node bin/lgsco.js`, the npm
 * bin link, `npm run demo`, tests that spawn it). A heap setting of the user's own
 * (`--max-old-space-size`, `--max-heap-size` or `--heap-growing-percent`, in NODE_OPTIONS or on
 * node's command line) wins: nothing is changed then.
 * @module
 */
import { constants, PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { destination, pino } from 'pino';

/** Old-generation growth after a full GC, in percent of what survived (V8's own minimum for small devices is 30). */
export const HEAP_GROWING_PERCENT = 30;

const USER_HEAP_FLAG = /--(?:max[-_]old[-_]space[-_]size|max[-_]heap[-_]size|heap[-_]growing[-_]percent)\b/;

/** The user's own heap flag (node's command line or NODE_OPTIONS), if any. */
export function userHeapFlag(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string | undefined = process.env.NODE_OPTIONS,
): string | undefined {
  for (const arg of [...execArgv, ...(nodeOptions ?? '').split(/\s+/)]) {
    if (USER_HEAP_FLAG.test(arg)) return arg;
  }
  return undefined;
}

export interface HeapPolicy {
  /** The growing percent this process set, or null when the user's own heap flag is in charge. */
  heapGrowingPercent: number | null;
  /** The user's flag that won, if any. */
  userFlag?: string;
}

let applied: HeapPolicy | undefined;

/** Applies the heap growth rule to this process (once), unless the user set a heap flag. */
export function boundHeap(): HeapPolicy {
  if (applied) return applied;
  const userFlag = userHeapFlag();
  if (userFlag) applied = { heapGrowingPercent: null, userFlag };
  else {
    v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    // The rule applies from the next full GC on; until then the limit the last one set stands,
    // and GCs during startup (imports) set it at up to 4× what survived them. One full GC now
    // (~50 ms) sets it by the rule. `gc` is exposed to a throw-away context only, then hidden again.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    v8.setFlagsFromString('--no-expose-gc');
    gc();
    applied = { heapGrowingPercent: HEAP_GROWING_PERCENT };
  }
  return applied;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/**
 * Logs at debug level (pino JSON on stderr, as `name`), when the process exits, what its memory
 * did: the heap policy, V8's heap limit, the peak RSS (from the kernel), the peak committed heap
 * (sampled every second) and the number of full GCs. Written synchronously: at 'exit' an
 * asynchronous logger may already have been flushed and ended.
 */
export function reportMemoryAtExit(level: string, name: string, policy: HeapPolicy): void {
  const log = pino({ name, level, base: { pid: process.pid } }, destination({ dest: 2, sync: true }));
  if (!log.isLevelEnabled('debug')) return;
  let peakHeapTotal = 0;
  let majorGcs = 0;
  const sample = () => {
    peakHeapTotal = Math.max(peakHeapTotal, process.memoryUsage().heapTotal);
  };
  const timer = setInterval(sample, 1000);
  timer.unref();
  const gcs = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const detail = (entry as { detail?: { kind?: number } }).detail;
      if (detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majorGcs++;
    }
  });
  gcs.observe({ entryTypes: ['gc'] });
  process.once('exit', () => {
    sample();
    clearInterval(timer);
    gcs.disconnect();
    log.debug(
      {
        ...policy,
        heapSizeLimitMb: mb(v8.getHeapStatistics().heap_size_limit),
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        peakHeapTotalMb: mb(peakHeapTotal),
        majorGcs,
      },
      'process memory',
    );
  });
}
