/**
 * `lgsco parse` end to end on saved replica pages, against a BeautifulSoup baseline timed in the
 * same run (bench/parse_bs4.py: title, header fields and sections, no facts). Writes `--count`
 * (default 2,000) replica decision pages once under data/bench/parse-files-SEED-COUNT/, then runs
 * `node bin/lgsco.js parse FILE...` (the compiled CLI; run `npm run build` first) and
 * `python3 bench/parse_bs4.py FILE...` alternately, `--runs` times each (default 3), and reports
 * the medians: decisions/s from process start to exit (start-up included), CPU ms per decision
 * (the child's user + system time), peak RSS, and the ratio.
 *
 *   npm run bench:parse-cli
 *   npm run bench:parse-cli -- --count 5000 --runs 5 --json
 * @module
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
// @ts-expect-error plain JavaScript without types (bin/ is not compiled)
import { distState } from '../bin/dist-fresh.js';
import { generateCorpus, renderDecisionPage } from '../replica/index.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '20' },
    runs: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
  },
});
const count = Number(values.count);
const seed = Number(values.seed);
const runs = Number(values.runs);
const root = path.resolve(import.meta.dirname, '..');
const log = (s: string) => {
  if (!values.json) process.stdout.write(`${s}\n`);
};

const state = distState(pathToFileURL(`${root}/`));
if (state !== 'fresh') {
  process.stderr.write(`bench:parse-cli: dist/ is ${state}; run \`npm run build\` first\n`);
  process.exit(2);
}

// The pages, as a crawl saves them (the replica's HTML), written once.
const dir = path.join(root, `data/bench/parse-files-${seed}-${count}`);
if (!existsSync(dir) || readdirSync(dir).length !== count) {
  mkdirSync(dir, { recursive: true });
  const corpus = generateCorpus({ seed, count });
  for (let i = 0; i < count; i++)
    writeFileSync(path.join(dir, `${String(i).padStart(6, '0')}.html`), renderDecisionPage(corpus.full(i)));
  log(`wrote ${count} replica decision pages (seed ${seed}) to ${dir}`);
}
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.html'))
  .sort()
  .map((f) => path.join(dir, f));

/** A Python 3 with bs4: `python3` on PATH, else the system's. */
function findPython(): string | undefined {
  for (const py of ['python3', '/usr/bin/python3']) {
    if (spawnSync(py, ['-c', 'import bs4'], { stdio: 'ignore' }).status === 0) return py;
  }
  return undefined;
}

/** Preloaded into node: prints its CPU time and peak RSS on stderr at exit (as parse_bs4.py does). */
const REPORT_AT_EXIT =
  'process.on("exit", () => { const u = process.resourceUsage(); ' +
  'process.stderr.write("\\n#bench " + JSON.stringify({ cpu: (u.userCPUTime + u.systemCPUTime) / 1000, rss: u.maxRSS / 1024 }) + "\\n"); });';

interface Run {
  wallMs: number;
  cpuMs: number;
  rssMb: number;
  records: number;
  /** Files refused with one `lgsco parse: FILE: …` line on stderr (not decision pages to the parser). */
  refused: number;
  builder?: string;
}

/**
 * Runs `cmd args`, counting stdout lines (records) without keeping them. Exit code 1 with one
 * stderr line per refused file is `lgsco parse` saying some files are not decision pages to it
 * (e.g. a page without header lines, whose category only its URL gives): counted, not an error.
 */
function run(cmd: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let records = 0;
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      for (const b of d) if (b === 10) records++;
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      const m = /#bench (\{.*\})/.exec(stderr);
      const refused = (stderr.match(/^lgsco parse: .*: LGSCO_ERR_PARSE: /gm) ?? []).length;
      if (!m || (code !== 0 && !(code === 1 && refused > 0)))
        return reject(new Error(`${cmd} exited ${code}: ${stderr.slice(0, 2000)}`));
      const u = JSON.parse(m[1]!) as { cpu: number; rss: number; builder?: string };
      resolve({
        wallMs,
        cpuMs: u.cpu,
        rssMb: u.rss,
        records,
        refused,
        ...(u.builder ? { builder: u.builder } : {}),
      });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function summary(rs: Run[]) {
  const wallMs = median(rs.map((r) => r.wallMs));
  const cpuMs = median(rs.map((r) => r.cpuMs));
  // Every file is read and parsed, refused or not: rates are per file.
  const files = rs[0]!.records + rs[0]!.refused;
  return {
    records: rs[0]!.records,
    refused: rs[0]!.refused,
    wallMs: Math.round(wallMs),
    decisionsPerSecond: Math.round((files / wallMs) * 1000),
    cpuMsPerDecision: Math.round((cpuMs / files) * 1000) / 1000,
    peakRssMb: Math.round(median(rs.map((r) => r.rssMb))),
    wallMsEach: rs.map((r) => Math.round(r.wallMs)),
    ...(rs[0]!.builder ? { builder: rs[0]!.builder } : {}),
  };
}

const python = findPython();
if (!python)
  log(
    'BeautifulSoup baseline skipped: no python3 with bs4 (apt-get install -y python3-bs4 python3-lxml, or pip install beautifulsoup4 lxml)',
  );
const lgscoRuns: Run[] = [];
const bs4Runs: Run[] = [];
const lgscoArgs = [
  '--import',
  `data:text/javascript,${encodeURIComponent(REPORT_AT_EXIT)}`,
  'bin/lgsco.js',
  'parse',
  ...files,
];
for (let i = 0; i < runs; i++) {
  lgscoRuns.push(await run(process.execPath, lgscoArgs));
  // A source edited during the run makes bin/lgsco.js run the TypeScript through tsx instead
  // (~1 s more CPU): such a run measures tsx, not the product.
  if (distState(pathToFileURL(`${root}/`)) !== 'fresh') {
    process.stderr.write(
      'bench:parse-cli: a source changed during the run (dist/ is stale now); build and run again\n',
    );
    process.exit(2);
  }
  if (python) bs4Runs.push(await run(python, ['bench/parse_bs4.py', ...files]));
}
const lgsco = summary(lgscoRuns);
if (lgsco.records + lgsco.refused !== files.length)
  throw new Error(
    `lgsco parse printed ${lgsco.records} records and refused ${lgsco.refused} of ${files.length} files`,
  );
const bs4 = python ? summary(bs4Runs) : undefined;
const result = {
  files: files.length,
  seed,
  runs,
  lgsco,
  ...(bs4 ? { bs4, ratio: Math.round((lgsco.decisionsPerSecond / bs4.decisionsPerSecond) * 100) / 100 } : {}),
  loadAverage: Math.round(os.loadavg()[0]! * 100) / 100,
};
if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
else {
  const line = (name: string, s: ReturnType<typeof summary>) =>
    `${name.padEnd(34)} ${s.decisionsPerSecond} decisions/s (${s.wallMs} ms for ${s.records + s.refused} files` +
    `${s.refused ? `, ${s.refused} refused` : ''}, start-up included), ` +
    `${s.cpuMsPerDecision} CPU ms/decision, peak RSS ${s.peakRssMb} MB (each: ${s.wallMsEach.join(', ')} ms)`;
  log(`median of ${runs} runs over ${files.length} saved replica pages (seed ${seed}):`);
  log(line('lgsco parse', lgsco));
  if (bs4) {
    log(line(`BeautifulSoup (${bs4.builder})`, bs4));
    log(`lgsco parse / BeautifulSoup: ${result.ratio}×`);
  }
  log(`load average ${result.loadAverage}`);
}
