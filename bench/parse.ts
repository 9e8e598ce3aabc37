/**
 * Parse benchmark: the re-parse path of `lgsco reparse` (read the stored page from SQLite, brotli
 * decompress, decode, parse, extract facts, compare, save) over an archive of replica pages built
 * once under data/bench/ (default 20,000 decisions). Reports decisions/s, peak RSS (sampled every
 * 50 ms from process.memoryUsage; main thread and workers share one process), the CPU time spent
 * per decision (process.cpuUsage, all threads) and what that CPU cost allows on all cores of an
 * otherwise idle machine, and the load average while it ran (other work on the machine shows there).
 * The re-parse itself runs the compiled modules in dist/ (`npm run build` first), as `lgsco reparse`.
 *
 *   npm run bench:parse                              # 20,000 pages, workers = cores, then 0 workers
 *   npm run bench:parse -- --count 5000 --workers 2  # one setting
 *   npm run bench:parse -- --json
 * @module
 */
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
// @ts-expect-error plain JavaScript without types (bin/ is not compiled)
import { distState } from '../bin/dist-fresh.js';
import type { ReparseSummary } from '../cli/commands/reparse.js';
import { openReplicaArchive } from './replica-archive.js';

// The re-parse runs from dist/ as `lgsco reparse` does: run from the sources, every worker thread
// would first register tsx and compile the parser (~1 s of CPU each), which no user pays.
const root = pathToFileURL(path.resolve(import.meta.dirname, '..') + path.sep);
const state = distState(root);
if (state !== 'fresh') {
  process.stderr.write(`bench:parse: dist/ is ${state}; run \`npm run build\` first\n`);
  process.exit(2);
}
const { formatReparseSummary, reparseArchive } = (await import(
  new URL('dist/cli/commands/reparse.js', root).href
)) as typeof import('../cli/commands/reparse.js');
const { defaultWorkers } = (await import(
  new URL('dist/parser/reparse/pool.js', root).href
)) as typeof import('../parser/reparse/pool.js');
const { Archive } = (await import(
  new URL('dist/archive/index.js', root).href
)) as typeof import('../archive/index.js');

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '20' },
    workers: { type: 'string' },
    dir: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

const count = Number(values.count);
const seed = Number(values.seed);
const dir = values.dir ?? path.resolve(import.meta.dirname, `../data/bench/parse-${seed}-${count}`);
const settings = values.workers !== undefined ? [Number(values.workers)] : [defaultWorkers(), 0];

const log = (s: string) => {
  if (!values.json) process.stdout.write(`${s}\n`);
};

const t0 = performance.now();
const opened = openReplicaArchive(dir, {
  seed,
  count,
  onProgress: (n) => log(`  building the archive: ${n}/${count} pages`),
});
const built = opened.built;
// Opened again through dist/, so the archive and the re-parse are the same (compiled) modules.
opened.archive.close();
const archive = Archive.open(dir);
log(
  `${built ? 'built' : 'reused'} ${dir}: ${count} replica decision pages (seed ${seed})` +
    (built ? ` in ${((performance.now() - t0) / 1000).toFixed(1)} s` : ''),
);

interface Run extends ReparseSummary {
  peakRssMb: number;
  /** CPU ms (user + system, every thread) per decision. */
  cpuMsPerDecision: number;
  /** cores × 1000 / cpuMsPerDecision: the rate the CPU cost allows with every core free. */
  capacityPerSecond: number;
  /** 1-minute load average at the end of the run. */
  loadAverage: number;
}
const runs: Run[] = [];
try {
  for (const workers of settings) {
    let peak = process.memoryUsage().rss;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const cpu0 = process.cpuUsage();
    const summary = await reparseArchive(archive, { all: true, workers });
    const cpu = process.cpuUsage(cpu0);
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    const cpuMs = (cpu.user + cpu.system) / 1000 / Math.max(1, summary.reparsed);
    const cores = Math.max(1, Math.min(os.availableParallelism(), workers === 0 ? 1 : workers + 1));
    const run: Run = {
      ...summary,
      peakRssMb: Math.round(peak / 1024 / 1024),
      cpuMsPerDecision: Math.round(cpuMs * 1000) / 1000,
      capacityPerSecond: Math.round((Math.min(cores, os.availableParallelism()) * 1000) / cpuMs),
      loadAverage: Math.round(os.loadavg()[0]! * 100) / 100,
    };
    runs.push(run);
    log(
      `${formatReparseSummary(summary)}; peak RSS ${run.peakRssMb} MB; ${run.cpuMsPerDecision} CPU ms/decision ` +
        `(${run.capacityPerSecond}/s on ${Math.min(cores, os.availableParallelism())} free core(s)); load average ${run.loadAverage}`,
    );
  }
} finally {
  archive.close();
}
if (values.json) process.stdout.write(`${JSON.stringify({ count, seed, dir, runs }, null, 2)}\n`);
