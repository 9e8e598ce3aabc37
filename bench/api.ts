/**
 * API benchmark on 60,000 replica decisions (`npm run bench:api`).
 *
 * Archive: built once under DATA_DIR (default data/bench-api) by bench/replica-archive.ts, which
 * renders every replica decision page and parses it straight into the archive (storePage →
 * parseDecisionHtml → saveDecision), exactly what a crawl stores minus the HTTP round trip; cached
 * between runs (marker file with seed, count and parser version).
 *
 * Measures:
 * 1. full re-index: DecisionIndex.rebuild (fresh index beside the live one, swapped in);
 * 2. search latency at 20 concurrent clients (autocannon) through the API (`lgsco serve` as a
 *    child process, rate limit off) and against Meilisearch directly with the very same request
 *    (DecisionIndex.searchRequest) and the same search-only key; p50/p99 and the ratio. Rounds
 *    alternate the two paths (--rounds, default 3; each path's figure is the median of its rounds)
 *    and the CPU each process spends per search is reported beside the latencies;
 * 3. fetched-to-searchable: a decision page fetched over HTTP from a replica, stored, parsed,
 *    upserted into the 60k index, then polled through the API until found;
 * 4. CSV export of all rows through the API: time and the server's peak RSS (VmHWM/VmRSS from
 *    /proc), against its RSS before.
 * Beside them, a CPU calibration figure (cpuCalibrationMs: lower is a faster machine), so runs on
 * different machines can be told apart from changes in the code.
 *
 *   npm run bench:api                       # 60k, ~10 min the first time, ~3 min after
 *   npm run bench:api -- --decisions 5000 --duration 5
 * @module
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Archive } from '../archive/index.js';
import { loadConfig } from '../core/config.js';
import { DecisionIndex, ensureMeili, type SearchParams } from '../indexer/index.js';
import { PARSER_VERSION, parseDecisionHtml } from '../parser/index.js';
import { startReplica } from '../replica/index.js';
import { startCli } from '../test/helpers/cli.js';
import { openReplicaArchive } from './replica-archive.js';

const { values: args } = parseArgs({
  options: {
    decisions: { type: 'string', default: '60000' },
    seed: { type: 'string', default: '2024' },
    'data-dir': { type: 'string', default: 'data/bench-api' },
    connections: { type: 'string', default: '20' },
    duration: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '3' },
    'skip-reindex': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

const COUNT = Number(args.decisions);
const SEED = Number(args.seed);
const DATA_DIR = path.resolve(args['data-dir']!);
const CONNECTIONS = Number(args.connections);
const DURATION = Number(args.duration);
const ROUNDS = Math.max(1, Number(args.rounds));
const log = (s: string) => process.stderr.write(`${s}\n`);
const results: Record<string, unknown> = {
  decisions: COUNT,
  seed: SEED,
  connections: CONNECTIONS,
  durationS: DURATION,
  rounds: ROUNDS,
};

// ---- 0. the archive ----------------------------------------------------------------------------

function buildArchive(): void {
  const started = Date.now();
  const { archive, built } = openReplicaArchive(DATA_DIR, {
    seed: SEED,
    count: COUNT,
    brotliQuality: 4,
    onProgress: (n) => {
      if (n % 10_000 === 0) log(`archive: ${n} / ${COUNT}`);
    },
  });
  archive.close();
  if (built) {
    results.archiveBuildS = (Date.now() - started) / 1000;
    log(`archive: built in ${results.archiveBuildS} s`);
  } else log(`archive: cached (${COUNT} decisions, seed ${SEED}, parser ${PARSER_VERSION})`);
}

/**
 * How fast this machine is right now, for comparing runs across machines: the ms one core takes
 * to parse and re-serialise a 26 KB search answer 2,000 times (the API's own kind of work), best of
 * three. Shared cloud cores differ by half from one machine or hour to the next; latency targets
 * read without this figure compare machines, not code.
 */
function cpuCalibrationMs(): number {
  const hit = {
    ref: '24 019 223',
    url: 'https://www.lgo.org.uk/decisions/education/special-educational-needs/24-019-223',
    organisation: 'Northmere County Council',
    summary:
      'Mrs X says the Council did not issue C’s final EHC Plan within the statutory timescale. '.repeat(3),
    remedyTotal: 1250,
    hasPayment: true,
  };
  const text = JSON.stringify({ hits: Array.from({ length: 28 }, () => ({ ...hit, _formatted: hit })) });
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    const t = performance.now();
    for (let i = 0; i < 2000; i++) JSON.stringify(JSON.parse(text));
    best = Math.min(best, performance.now() - t);
  }
  return Math.round(best);
}

// ---- helpers -----------------------------------------------------------------------------------

function rssKb(pid: number): { rss: number; hwm: number } {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** User + system CPU time of a process so far, in ms (/proc/PID/stat, clock ticks of 10 ms). */
function cpuTimeMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Each percentile's median over the rounds; counts summed. */
function medianLatency(rs: Latency[]): Latency {
  const med = (k: keyof Latency) => {
    const v = rs.map((r) => r[k]).sort((a, b) => a - b);
    return v[(v.length - 1) >> 1]!;
  };
  const sum = (k: keyof Latency) => rs.reduce((a, r) => a + r[k], 0);
  return {
    p50: med('p50'),
    p90: med('p90'),
    p99: med('p99'),
    max: Math.max(...rs.map((r) => r.max)),
    rps: med('rps'),
    requests: sum('requests'),
    errors: sum('errors'),
    non2xx: sum('non2xx'),
  };
}

const short = (r: Latency) => `${r.p50}/${r.p90}/${r.p99} ms @ ${r.rps} req/s`;

/** The search mix: full-text with and without filters, fact filters, browsing by date and remedy. */
const QUERIES: SearchParams[] = [
  { q: 'EHC plan' },
  { q: 'homelessness', category: 'Housing' },
  { q: 'council tax reduction' },
  { q: 'delay', outcome: 'Upheld', hasPayment: true },
  { q: 'care home charges', from: '2022-01-01' },
  { q: 'planning application neighbour' },
  { q: 'special educational needs', minRemedy: 1000, sort: 'remedy:desc' },
  { q: 'apologise', finding: 'fault_injustice' },
  { category: 'Education', year: 2025 },
  { hasPayment: true, sort: 'remedy:desc' },
  { q: 'parking' },
  { q: 'blue badge' },
];

function toQueryString(p: SearchParams): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) {
    if (v === undefined) continue;
    for (const x of Array.isArray(v) ? v : [v]) u.append(k, String(x));
  }
  return u.toString();
}

interface Latency {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  rps: number;
  requests: number;
  errors: number;
  non2xx: number;
}

async function cannon(opts: autocannon.Options): Promise<Latency> {
  const r = await autocannon({ ...opts, connections: CONNECTIONS, duration: DURATION });
  return {
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    rps: Math.round(r.requests.average),
    requests: r.requests.total,
    errors: r.errors,
    non2xx: r.non2xx,
  };
}

// ---- main --------------------------------------------------------------------------------------

buildArchive();
const config = loadConfig({ dataDir: DATA_DIR, logLevel: 'warn' }, {});
const meili = await ensureMeili(config);
const archive = Archive.open(DATA_DIR);
const index = new DecisionIndex(meili.client, { batchSize: 2000 });
let serve: Awaited<ReturnType<typeof startCli>> | undefined;
try {
  await index.ensureSettings();

  // 1. full re-index
  if (!args['skip-reindex'] || (await index.count()) !== COUNT) {
    log('re-index: rebuilding the whole index from the archive…');
    const started = Date.now();
    const keys: string[] = [];
    const report = await index.rebuild(
      (function* () {
        for (const d of archive.iterateDecisions()) {
          keys.push(d.refKey);
          yield d;
        }
      })(),
    );
    archive.markIndexed(keys);
    results.reindex = { documents: report.documents, seconds: (Date.now() - started) / 1000 };
    log(`re-index: ${report.documents} documents in ${(results.reindex as { seconds: number }).seconds} s`);
  }

  // 2. search latency: API (child process) and Meilisearch direct
  serve = await startCli(['serve', '--port', '0'], /API listening on (\S+) /, {
    DATA_DIR,
    LGSCO_API_RATE_LIMIT: '0',
    LOG_LEVEL: 'warn',
  });
  const api = serve.match[1]!;
  const servePid = serve.child.pid!;
  const searchIndex = await index.searchOnlyView();
  const apiRequests = QUERIES.map((q) => ({
    method: 'GET' as const,
    path: `/api/search?${toQueryString(q)}`,
  }));
  const direct = QUERIES.map((p) => {
    const { q, options } = searchIndex.searchRequest(p);
    return {
      method: 'POST' as const,
      path: `/indexes/${index.uid}/search`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${searchIndex.apiKey}` },
      body: JSON.stringify({ q, ...options }),
    };
  });
  // Warm both paths (caches, JIT) before measuring.
  for (const r of apiRequests) await fetch(`${api}${r.path}`).then((x) => x.arrayBuffer());
  // Rounds alternate API and direct, so a change in the machine's other load hits both paths
  // alike; each path's figure is the median over its rounds. CPU per search is read from /proc
  // for the API and Meilisearch processes and from process.cpuUsage for autocannon (this process):
  // unlike latency, it hardly depends on what else the machine is doing.
  const rounds: Record<'api' | 'direct', Latency[]> = { api: [], direct: [] };
  const cpuMs: Record<
    'api' | 'direct',
    { api: number; meili: number; autocannon: number; requests: number }
  > = {
    api: { api: 0, meili: 0, autocannon: 0, requests: 0 },
    direct: { api: 0, meili: 0, autocannon: 0, requests: 0 },
  };
  results.cpuCalibrationMs = cpuCalibrationMs();
  log(`cpu calibration: ${results.cpuCalibrationMs} ms (2,000 JSON round trips of 26 KB, one core)`);
  results.loadAverageBeforeSearch = os.loadavg().map((x) => Math.round(x * 100) / 100);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const path of ['api', 'direct'] as const) {
      log(
        `search round ${round}/${ROUNDS}: ${CONNECTIONS} clients × ${DURATION} s, ${path === 'api' ? 'through the API' : 'against Meilisearch directly'}…`,
      );
      const before = {
        api: cpuTimeMs(servePid),
        meili: meili.pid ? cpuTimeMs(meili.pid) : 0,
        self: process.cpuUsage(),
      };
      const r = await cannon(
        path === 'api' ? { url: api, requests: apiRequests } : { url: meili.url, requests: direct },
      );
      const self = process.cpuUsage(before.self);
      const c = cpuMs[path];
      c.api += cpuTimeMs(servePid) - before.api;
      c.meili += meili.pid ? cpuTimeMs(meili.pid) - before.meili : 0;
      c.autocannon += (self.user + self.system) / 1000;
      c.requests += r.requests;
      rounds[path].push(r);
    }
  }
  const viaApi = medianLatency(rounds.api);
  const viaMeili = medianLatency(rounds.direct);
  const perSearch = (c: (typeof cpuMs)['api']) => ({
    api: round3(c.api / c.requests),
    meilisearch: round3(c.meili / c.requests),
    autocannon: round3(c.autocannon / c.requests),
  });
  results.search = {
    api: viaApi,
    meilisearch: viaMeili,
    ratioP50: Math.round((viaApi.p50 / Math.max(viaMeili.p50, 0.01)) * 100) / 100,
    ratioP99: Math.round((viaApi.p99 / Math.max(viaMeili.p99, 0.01)) * 100) / 100,
    rounds: { api: rounds.api.map(short), direct: rounds.direct.map(short) },
    cpuMsPerSearch: { throughApi: perSearch(cpuMs.api), direct: perSearch(cpuMs.direct) },
    loadAverageAfter: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
  log(`search: ${JSON.stringify(results.search)}`);

  // stats latency (exact, SQLite) for the record
  const statsTimes: number[] = [];
  for (const q of [
    'groupBy=year',
    'groupBy=organisation',
    'groupBy=month&category=Education',
    'q=EHC%20plan&groupBy=year',
  ]) {
    const t = performance.now();
    const res = await fetch(`${api}/api/stats?${q}`);
    await res.arrayBuffer();
    statsTimes.push(Math.round(performance.now() - t));
  }
  results.statsMs = statsTimes;

  // 3. fetched-to-searchable
  const replica = await startReplica({ port: 0, seed: SEED + 1, decisions: 50 });
  const scratchDir = mkdtempSync(path.join(os.tmpdir(), 'lgsco-bench-fresh-'));
  const scratch = Archive.open(scratchDir);
  const lags: number[] = [];
  const added: string[] = [];
  try {
    for (let i = 0; i < 20; i++) {
      const meta = replica.corpus.decisions[i * 2]!;
      const t0 = performance.now();
      const res = await fetch(`${replica.url}${meta.path}`);
      const html = await res.text();
      // A reference no 60k decision has: suffix z.
      const record = parseDecisionHtml(html, { url: `https://www.lgo.org.uk${meta.path}` });
      const fresh = {
        ...record,
        refKey: `${record.refKey}z` as typeof record.refKey,
        ref: `${record.ref}z` as typeof record.ref,
      };
      const { hash } = scratch.storePage({
        url: `${replica.url}${meta.path}`,
        kind: 'decision',
        status: 200,
        body: Buffer.from(html),
        contentType: 'text/html',
        refKey: fresh.refKey,
      });
      scratch.saveDecision(fresh, hash);
      await index.upsert([fresh]);
      added.push(fresh.refKey);
      for (;;) {
        const res = await fetch(`${api}/api/search?q=${encodeURIComponent(fresh.ref)}&facets=none`);
        const r = (await res.json()) as { total: number };
        if (r.total === 1) break;
        await new Promise((x) => setTimeout(x, 10));
      }
      lags.push(Math.round(performance.now() - t0));
    }
  } finally {
    await replica.close();
    await index.deleteByRefKeys(added);
    scratch.close();
    rmSync(scratchDir, { recursive: true, force: true });
  }
  lags.sort((a, b) => a - b);
  results.fetchedToSearchableMs = { p50: lags[lags.length >> 1], max: lags.at(-1), samples: lags.length };
  log(`fetched→searchable: ${JSON.stringify(results.fetchedToSearchableMs)}`);

  // 4. CSV export of everything through the API
  for (const [name, url] of [
    ['csvDecisions', '/api/export.csv'],
    ['csvPayments', '/api/export.csv?rows=payments'],
    ['ndjsonDecisions', '/api/export.ndjson'],
  ] as const) {
    const before = rssKb(servePid);
    let peak = before.rss;
    const timer = setInterval(() => {
      peak = Math.max(peak, rssKb(servePid).rss);
    }, 20);
    const t = performance.now();
    const res = await fetch(`${api}${url}`);
    let bytes = 0;
    let lines = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (const b of chunk) if (b === 10) lines++;
    }
    clearInterval(timer);
    results[name] = {
      seconds: Math.round(performance.now() - t) / 1000,
      bytes,
      lines,
      serverRssBeforeMb: Math.round(before.rss / 1024),
      serverRssPeakMb: Math.round(peak / 1024),
    };
    log(`${name}: ${JSON.stringify(results[name])}`);
  }
} finally {
  await serve?.stop();
  archive.close();
  await meili.release();
}

if (args.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
else process.stdout.write(`${JSON.stringify(results)}\n`);
