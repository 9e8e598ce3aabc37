/**
 * Parse benchmark: the re-parse path of `lgsco reparse` (read the stored page from SQLite, brotli
 * decompress, decode, parse, extract facts, compare, save) over an archive of replica pages built
 * once under data/bench/ (default 20,000 decisions). Reports decisions/s and peak RSS (sampled
 * every 50 ms from process.memoryUsage, main thread + workers share one process).
 *
 *   npm run bench:parse                              # 20,000 pages, workers = cores, then 0 workers
 *   npm run bench:parse -- --count 5000 --workers 2  # one setting
 *   npm run bench:parse -- --json
 * @module
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatReparseSummary, type ReparseSummary, reparseArchive } from '../cli/commands/reparse.js';
import { defaultWorkers } from '../parser/reparse/pool.js';
import { openReplicaArchive } from './replica-archive.js';

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
const { archive, built } = openReplicaArchive(dir, {
  seed,
  count,
  onProgress: (n) => log(`  building the archive: ${n}/${count} pages`),
});
log(
  `${built ? 'built' : 'reused'} ${dir}: ${count} replica decision pages (seed ${seed})` +
    (built ? ` in ${((performance.now() - t0) / 1000).toFixed(1)} s` : ''),
);

interface Run extends ReparseSummary {
  peakRssMb: number;
}
const runs: Run[] = [];
try {
  for (const workers of settings) {
    let peak = process.memoryUsage().rss;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const summary = await reparseArchive(archive, { all: true, workers });
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    const run = { ...summary, peakRssMb: Math.round(peak / 1024 / 1024) };
    runs.push(run);
    log(`${formatReparseSummary(summary)}; peak RSS ${run.peakRssMb} MB`);
  }
} finally {
  archive.close();
}
if (values.json) process.stdout.write(`${JSON.stringify({ count, seed, dir, runs }, null, 2)}\n`);
