/**
 * `npm run accuracy [-- --seed N --count N --json --misses N]`: precision and recall per field of
 * the parser + extractor over (a) the replica corpus, each page rendered to HTML and parsed like a
 * crawled page, compared with the replica's truth, and (b) the hand-written cases. Two tables (or
 * one JSON object with `--json`); exit code 0 unless the script itself fails.
 *
 * `--diff [--misses N]`: instead, the replica decisions whose published figures (remedy total,
 * number of remedy payments, longest delay, number of service improvements) differ from the truth:
 * counts per figure, the corpus's remedy pounds parsed vs true, then each decision (up to N; all
 * when N is 0) with the true payments, delays and service improvements as written and the parser's
 * with their evidence sentences.
 * @module
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { AccuracyReport } from '../parser/facts/accuracy.js';
import {
  type CaseResult,
  DIFF_KINDS,
  type Disagreement,
  handwrittenResults,
  REPORT_FIELDS,
  replicaDisagreements,
  replicaResults,
  report,
} from './accuracy-core.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '2026' },
    count: { type: 'string', default: '3000' },
    json: { type: 'boolean', default: false },
    /** Print up to N replica cases that miss a field (for working on the extractor). */
    misses: { type: 'string', default: '0' },
    field: { type: 'string' },
    /** Print the decisions whose remedy total, remedy-payment count, longest delay or improvement count differ. */
    diff: { type: 'boolean', default: false },
  },
});

const seed = Number(values.seed);
const count = Number(values.count);
if (!Number.isInteger(seed) || !Number.isInteger(count) || count < 0) {
  process.stderr.write('accuracy: --seed and --count must be whole numbers\n');
  process.exit(2);
}

function pounds(x: number): string {
  return `£${x.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function describe(d: Disagreement): string {
  const lines = [
    `${d.refKey}: ${d.kinds.join(', ')}${d.error ? ` — error: ${d.error}` : ''}`,
    `  truth  total ${d.truth.remedyTotal}, payments ${d.truth.remedyPaymentCount}, longest delay ${d.truth.longestDelay}, improvements ${d.truth.serviceImprovementCount}`,
    `  parsed total ${d.parsed?.remedyTotal}, payments ${d.parsed?.remedyPaymentCount}, longest delay ${d.parsed?.longestDelay}, improvements ${d.parsed?.serviceImprovementCount}`,
  ];
  for (const [amount, status, phrase] of d.truePayments)
    lines.push(`  true payment  ${amount} ${status} "${phrase}"`);
  for (const p of d.parsedPayments) lines.push(`  parsed payment ${p.amount} ${p.status} | ${p.evidence}`);
  for (const [days, about, phrase] of d.trueDelays) lines.push(`  true delay  ${days} ${about} "${phrase}"`);
  for (const x of d.parsedDelays)
    lines.push(`  parsed delay ${x.days} ${x.about} "${x.text}" | ${x.evidence}`);
  for (const t of d.trueImprovements) lines.push(`  true improvement  "${t}"`);
  for (const x of d.parsedImprovements) lines.push(`  parsed improvement [${x.section}] ${x.evidence}`);
  return lines.join('\n');
}

if (values.diff) {
  const t = performance.now();
  const r = replicaDisagreements(seed, count);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
  } else {
    const pct = (n: number) => `${((n / Math.max(1, r.count)) * 100).toFixed(2)} %`;
    const out = [
      `replica corpus: seed ${seed}, ${r.count} decisions (${((performance.now() - t) / 1000).toFixed(1)} s)`,
      ...DIFF_KINDS.map((k) => `${k.padEnd(24)} differs on ${r.differ[k]} (${pct(r.differ[k])})`),
      `${'remedy pounds'.padEnd(24)} parsed ${pounds(r.remedyPounds.parsed)} vs true ${pounds(r.remedyPounds.truth)} (${(((r.remedyPounds.parsed - r.remedyPounds.truth) / Math.max(1, r.remedyPounds.truth)) * 100).toFixed(2)} %)`,
      '',
    ];
    const n = Number(values.misses);
    const shown = n > 0 ? r.disagreements.slice(0, n) : r.disagreements;
    process.stdout.write(`${out.join('\n')}${shown.map(describe).join('\n\n')}\n`);
  }
  process.exit(0);
}

const t0 = performance.now();
const replica = replicaResults(seed, count);
const replicaMs = performance.now() - t0;
const handwritten = handwrittenResults(path.join(root, 'test/fixtures/extraction'));
const a = report(replica);
const b = report(handwritten);

function table(title: string, r: AccuracyReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  const lines = [
    title,
    `cases ${r.cases}, crashes ${r.crashes}`,
    `${'field'.padEnd(26)} ${'correct'.padStart(7)} ${'produced'.padStart(8)} ${'expected'.padStart(8)} ${'precision'.padStart(9)} ${'recall'.padStart(7)}`,
  ];
  for (const f of REPORT_FIELDS) {
    const s = r.fields[f];
    if (!s) continue;
    lines.push(
      `${f.padEnd(26)} ${String(s.correct).padStart(7)} ${String(s.produced).padStart(8)} ${String(s.expected).padStart(8)} ${pct(s.precision).padStart(9)} ${pct(s.recall)}`,
    );
  }
  return lines.join('\n');
}

/** Replica cases where `field` disagrees, for a quick look at what the extractor misses. */
function misses(results: readonly CaseResult[], field: string | undefined, n: number): string[] {
  const out: string[] = [];
  for (const r of results) {
    if (out.length >= n) break;
    const one = report([r]);
    const bad = Object.entries(one.fields).filter(
      ([k, s]) =>
        (field === undefined || k === field) && (s.correct !== s.expected || s.correct !== s.produced),
    );
    if (bad.length === 0) continue;
    const f = r.actual.facts;
    out.push(
      `${r.name}: ${bad.map(([k]) => k).join(', ')}${r.actual.error ? ` — error: ${r.actual.error}` : ''}\n` +
        `  expected payments ${JSON.stringify(r.expected.payments.map((p) => [p.amount, p.status, p.purpose]))} delays ${JSON.stringify(r.expected.delays)} finding ${r.expected.finding}/${r.expected.notInvestigatedReason} deadline ${r.expected.deadlineDays} apology ${r.expected.apology} total ${r.expected.remedyTotal}\n` +
        `  actual   payments ${JSON.stringify(f?.payments.map((p) => [p.amount, p.status, p.purpose, p.evidence.text.slice(0, 160)]))} delays ${JSON.stringify(f?.delays.map((d) => [d.days, d.about, d.text]))} finding ${f?.finding}/${f?.notInvestigatedReason} deadline ${f?.deadlineDays} apology ${f?.apology} total ${f?.remedyTotal}` +
        `\n  expected missed education ${JSON.stringify(r.expected.missedEducation.map((m) => [m.from, m.to, m.days]))}` +
        `\n  actual   missed education ${JSON.stringify(f?.missedEducation.map((m) => [m.from, m.to, m.days, m.evidence.text.slice(0, 160)]))}`,
    );
  }
  return out;
}

if (values.json) {
  process.stdout.write(
    `${JSON.stringify(
      {
        replica: { seed, count, ms: Math.round(replicaMs), ...a },
        handwritten: b,
      },
      null,
      2,
    )}\n`,
  );
} else {
  process.stdout.write(
    `${table(`(a) replica corpus: seed ${seed}, ${count} decisions, rendered to HTML and parsed (${(replicaMs / 1000).toFixed(1)} s)`, a)}\n\n` +
      `${table('(b) hand-written cases (test/fixtures/extraction), parsed from their text copies', b)}\n`,
  );
  const n = Number(values.misses);
  if (n > 0) process.stdout.write(`\n${misses(replica, values.field, n).join('\n')}\n`);
}
