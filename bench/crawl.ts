/**
 * Crawl benchmark against the replica (50 ms latency by default), in both runner modes:
 *
 * - rate: at a configured rate (default 20 requests/s), the achieved rate measured from the
 *   replica's request log over the steady part of the crawl (first and last 5 s dropped; the
 *   steady span must be ≥ 60 s for the default figures), as a share of the budget;
 * - rss:  peak RSS of the crawl process(es), sampled every 100 ms from /proc, through a large crawl
 *   (default 60,000 decisions at 500 requests/s so it takes minutes, not days).
 *
 * Modes: `in-process` runs `lgsco crawl` as one child process; `bullmq` runs two `lgsco worker`
 * processes plus the `lgsco crawl` producer on Redis (REDIS_URL, default redis://127.0.0.1:6379).
 * The embedded Meilisearch is its own process and is reported separately. The crawl processes run
 * without NODE_OPTIONS, so the figures are those of the product's defaults (`--heap-cap` to compare).
 *
 *   npm run bench:crawl                                   # both phases, both modes (~30 min)
 *   npm run bench:crawl -- --phase rate --mode bullmq     # one cell
 *   npm run bench:crawl -- --phase rss --decisions 5000   # smaller RSS run
 * @module
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../core/config.js';
import { deleteKeys, openRedis } from '../queue/index.js';
import { type ReplicaServer, startReplica } from '../replica/index.js';

const BIN = path.resolve(import.meta.dirname, '../bin/lgsco.js');

const { values: args } = parseArgs({
  options: {
    phase: { type: 'string', default: 'both' }, // rate | rss | both
    mode: { type: 'string', default: 'both' }, // in-process | bullmq | both
    rate: { type: 'string', default: '20' },
    'rate-decisions': { type: 'string', default: '1500' },
    'rate-concurrency': { type: 'string', default: '4' },
    decisions: { type: 'string', default: '60000' },
    'rss-rate': { type: 'string', default: '500' },
    'rss-concurrency': { type: 'string', default: '32' },
    latency: { type: 'string', default: '50' },
    workers: { type: 'string', default: '2' },
    // Crawl processes bound their own heap (cli/heap.ts) and run here without NODE_OPTIONS (an
    // inherited one is dropped). --heap-cap N runs them with NODE_OPTIONS=--max-old-space-size=N
    // instead, for comparison. 0 = no NODE_OPTIONS.
    'heap-cap': { type: 'string', default: '0' },
    'redis-url': { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

const num = (name: keyof typeof args) => {
  const n = Number(args[name]);
  if (!Number.isFinite(n) || n <= 0)
    throw new RangeError(`--${name} must be a positive number (got ${args[name]})`);
  return n;
};

type Mode = 'in-process' | 'bullmq';
type Phase = 'rate' | 'rss';

interface Result {
  phase: Phase;
  mode: Mode;
  decisions: number;
  configuredRate: number;
  concurrency: number;
  requests: number;
  steadySeconds: number;
  achievedRate: number;
  budgetShare: number;
  durationSeconds: number;
  /** Peak RSS of each crawl process, MB. */
  peakRssMb: Record<string, number>;
  /** Peak of the crawl processes' RSS added up, MB. */
  peakRssSumMb: number;
  meiliPeakRssMb: number;
  exitCodes: Array<number | null>;
}

/** Resident set size of a process, bytes (0 once it is gone). */
function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The Meilisearch process serving `dataDir`, found by its command line. */
function meiliPid(dataDir: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmd.includes('meilisearch') && cmd.includes(dataDir)) return Number(entry);
    } catch {
      // The process ended while we looked.
    }
  }
  return undefined;
}

/** Samples RSS of the named processes (and Meilisearch) every 100 ms. */
class RssSampler {
  readonly peak: Record<string, number> = {};
  peakSum = 0;
  meiliPeak = 0;
  private timer: NodeJS.Timeout;

  constructor(
    private readonly procs: Map<string, ChildProcess>,
    private readonly dataDir: string,
  ) {
    this.timer = setInterval(() => this.sample(), 100);
  }

  private sample(): void {
    let sum = 0;
    for (const [name, child] of this.procs) {
      const rss = child.pid ? rssOf(child.pid) : 0;
      this.peak[name] = Math.max(this.peak[name] ?? 0, rss);
      sum += rss;
    }
    this.peakSum = Math.max(this.peakSum, sum);
    const meili = meiliPid(this.dataDir);
    if (meili) this.meiliPeak = Math.max(this.meiliPeak, rssOf(meili));
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

function lgsco(cmd: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const cap = Number(args['heap-cap']);
  const { NODE_OPTIONS: _inherited, ...parent } = process.env;
  const heap = cap > 0 ? { NODE_OPTIONS: `--max-old-space-size=${cap}` } : {};
  return spawn(process.execPath, [BIN, ...cmd], {
    env: { ...parent, LOG_LEVEL: 'warn', ...heap, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

const exited = (c: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (c.exitCode !== null) resolve(c.exitCode);
    else c.once('close', (code) => resolve(code));
  });

const printed = (c: ChildProcess, pattern: RegExp) =>
  new Promise<void>((resolve, reject) => {
    let out = '';
    c.stdout!.on('data', (d) => {
      out += d;
      if (pattern.test(out)) resolve();
    });
    c.once('close', (code) => reject(new Error(`exited (${code}) before printing ${pattern}: ${out}`)));
  });

/** Requests per second over the steady part of the log: first and last 5 s dropped. */
function steadyRate(
  replica: ReplicaServer,
  fromIndex: number,
): { requests: number; seconds: number; rate: number } {
  const at = replica.requestLog.slice(fromIndex).map((r) => r.at);
  at.sort((a, b) => a - b);
  if (at.length < 2) return { requests: at.length, seconds: 0, rate: 0 };
  const lo = at[0]! + 5_000;
  const hi = at.at(-1)! - 5_000;
  const inside = at.filter((t) => t >= lo && t < hi);
  const seconds = (hi - lo) / 1000;
  return { requests: at.length, seconds, rate: seconds > 0 ? inside.length / seconds : 0 };
}

async function runOne(phase: Phase, mode: Mode, redisUrl: string): Promise<Result> {
  const decisions = phase === 'rate' ? num('rate-decisions') : num('decisions');
  const rate = phase === 'rate' ? num('rate') : num('rss-rate');
  const concurrency = phase === 'rate' ? num('rate-concurrency') : num('rss-concurrency');
  const latency = num('latency');
  const replica = await startReplica({ port: 0, seed: 2026, decisions, latencyMs: [latency, latency] });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lgsco-bench-'));
  const prefix = `bench-${randomUUID()}`;
  const env = {
    DATA_DIR: dataDir,
    LGSCO_BASE_URL: replica.url,
    LGSCO_RATE: String(rate),
    LGSCO_CONCURRENCY: String(concurrency),
  };
  const procs = new Map<string, ChildProcess>();
  const started = performance.now();
  let sampler: RssSampler | undefined;
  const exitCodes: Array<number | null> = [];
  try {
    if (mode === 'in-process') {
      const crawl = lgsco(['crawl'], { ...env, REDIS_URL: '' });
      procs.set('crawl', crawl);
      sampler = new RssSampler(procs, dataDir);
      crawl.stdout!.resume();
      exitCodes.push(await exited(crawl));
    } else {
      const qenv = { ...env, REDIS_URL: redisUrl, LGSCO_QUEUE_PREFIX: prefix };
      const workers = Array.from({ length: num('workers') }, () => lgsco(['worker'], qenv));
      for (const [i, w] of workers.entries()) procs.set(`worker ${i + 1}`, w);
      sampler = new RssSampler(procs, dataDir);
      await Promise.all(workers.map((w) => printed(w, /ready on/)));
      const crawl = lgsco(['crawl'], qenv);
      procs.set('producer', crawl);
      crawl.stdout!.resume();
      exitCodes.push(await exited(crawl));
      for (const w of workers) w.kill('SIGTERM');
      exitCodes.push(...(await Promise.all(workers.map(exited))));
    }
  } finally {
    sampler?.stop();
    for (const c of procs.values()) if (c.exitCode === null) c.kill('SIGKILL');
    await replica.close();
    if (mode === 'bullmq') {
      const redis = await openRedis(redisUrl);
      await deleteKeys(redis, prefix);
      await redis.quit();
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
  const steady = steadyRate(replica, 0);
  const mb = (b: number) => Math.round(b / 1024 / 1024);
  return {
    phase,
    mode,
    decisions,
    configuredRate: rate,
    concurrency,
    requests: steady.requests,
    steadySeconds: Math.round(steady.seconds),
    achievedRate: Math.round(steady.rate * 100) / 100,
    budgetShare: Math.round((steady.rate / rate) * 1000) / 10,
    durationSeconds: Math.round((performance.now() - started) / 1000),
    peakRssMb: Object.fromEntries(Object.entries(sampler?.peak ?? {}).map(([k, v]) => [k, mb(v)])),
    peakRssSumMb: mb(sampler?.peakSum ?? 0),
    meiliPeakRssMb: mb(sampler?.meiliPeak ?? 0),
    exitCodes,
  };
}

function table(results: Result[]): string {
  const head = [
    'phase',
    'mode',
    'decisions',
    'rate cfg',
    'conc',
    'requests',
    'steady s',
    'achieved req/s',
    '% budget',
    'wall s',
    'peak RSS MB (per process)',
    'sum MB',
    'meili MB',
  ];
  const rows = results.map((r) => [
    r.phase,
    r.mode,
    String(r.decisions),
    String(r.configuredRate),
    String(r.concurrency),
    String(r.requests),
    String(r.steadySeconds),
    r.achievedRate.toFixed(2),
    `${r.budgetShare.toFixed(1)} %`,
    String(r.durationSeconds),
    Object.entries(r.peakRssMb)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
    String(r.peakRssSumMb),
    String(r.meiliPeakRssMb),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

const phases: Phase[] = args.phase === 'both' ? ['rate', 'rss'] : [args.phase as Phase];
const modes: Mode[] = args.mode === 'both' ? ['in-process', 'bullmq'] : [args.mode as Mode];
for (const p of phases)
  if (p !== 'rate' && p !== 'rss') throw new RangeError(`--phase: rate, rss or both (got ${p})`);
for (const m of modes)
  if (m !== 'in-process' && m !== 'bullmq')
    throw new RangeError(`--mode: in-process, bullmq or both (got ${m})`);
const redisUrl = args['redis-url'] ?? loadConfig({}).redisUrl ?? 'redis://127.0.0.1:6379';

const results: Result[] = [];
for (const phase of phases) {
  for (const mode of modes) {
    process.stderr.write(`bench:crawl ${phase} / ${mode} …\n`);
    const r = await runOne(phase, mode, redisUrl);
    results.push(r);
    process.stderr.write(`${JSON.stringify(r)}\n`);
  }
}
process.stdout.write(`${args.json ? JSON.stringify(results, null, 2) : table(results)}\n`);
process.stdout.write(
  `node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), replica latency ${num('latency')} ms, ` +
    `crawl processes ${Number(args['heap-cap']) > 0 ? `NODE_OPTIONS=--max-old-space-size=${args['heap-cap']}` : 'without NODE_OPTIONS (their default heap policy)'}\n`,
);
if (results.some((r) => r.exitCodes.some((c) => c !== 0))) process.exitCode = 1;
