/**
 * CLI start-up benchmark: wall time, CPU time and peak RSS of `node bin/lgsco.js --help` (the
 * compiled CLI in dist/; run `npm run build` first), against `node -e 0` on the same machine in
 * the same run. Each is run `--runs` times (default 5) one after another; the median is reported.
 *
 *   npm run bench:cli
 *   npm run bench:cli -- --runs 9 --json
 *   npm run bench:cli -- -- parse --help       # any other arguments after a second `--`
 *   npm run bench:cli -- --bin /tmp/old/bin/lgsco.js   # another tree's CLI (e.g. an older commit), as it is
 * @module
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
// @ts-expect-error plain JavaScript without types (bin/ is not compiled)
import { distState } from '../bin/dist-fresh.js';

const { values, positionals } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    bin: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});

const root = path.resolve(import.meta.dirname, '..');
const BIN = values.bin ? path.resolve(values.bin) : path.join(root, 'bin/lgsco.js');
const args = positionals.length > 0 ? positionals : ['--help'];
const runs = Number(values.runs);

// bin/lgsco.js runs the sources through tsx when dist/ is not up to date: that is not what is measured here.
const state = distState(pathToFileURL(`${root}/`));
if (!values.bin && state !== 'fresh') {
  process.stderr.write(`bench:cli: dist/ is ${state}; run \`npm run build\` first\n`);
  process.exit(2);
}

interface Sample {
  wallMs: number;
  cpuMs: number;
  rssMb: number;
}

/** Preloaded into each child: prints its CPU time and peak RSS on stderr at exit (a few ms more for both commands). */
const REPORT_AT_EXIT =
  'process.on("exit", () => { const u = process.resourceUsage(); ' +
  'process.stderr.write("\\n#bench " + JSON.stringify({ cpu: (u.userCPUTime + u.systemCPUTime) / 1000, rss: u.maxRSS / 1024 }) + "\\n"); });';

/** One run: wall time from spawn to exit, and the child's own CPU time and peak RSS. */
function once(argv: string[]): Sample {
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(REPORT_AT_EXIT)}`, ...argv],
    { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
  );
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  const m = /#bench (\{.*\})/.exec(r.stderr);
  if (!m) throw new Error(`no resource usage from ${argv.join(' ')}: ${r.stderr}`);
  const u = JSON.parse(m[1]!) as { cpu: number; rss: number };
  return { wallMs, cpuMs: u.cpu, rssMb: u.rss };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

function measure(argv: string[]) {
  once(argv); // warm the file cache
  const samples = Array.from({ length: runs }, () => once(argv));
  return {
    command: `node ${argv.map((a) => (path.isAbsolute(a) ? path.relative(root, a) : a)).join(' ')}`,
    wallMs: Math.round(median(samples.map((s) => s.wallMs))),
    cpuMs: Math.round(median(samples.map((s) => s.cpuMs))),
    rssMb: Math.round(median(samples.map((s) => s.rssMb))),
    wallMsEach: samples.map((s) => Math.round(s.wallMs)),
  };
}

const baseline = measure(['-e', '0']);
const cli = measure([BIN, ...args]);
const result = { runs, loadAverage: Math.round(os.loadavg()[0]! * 100) / 100, baseline, cli };
if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
else {
  for (const r of [baseline, cli])
    process.stdout.write(
      `${r.command.padEnd(28)} median of ${runs}: ${r.wallMs} ms wall, ${r.cpuMs} ms CPU, ${r.rssMb} MB peak RSS (each: ${r.wallMsEach.join(', ')} ms)\n`,
    );
  process.stdout.write(`load average ${result.loadAverage}\n`);
}
