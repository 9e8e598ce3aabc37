/**
 * `npm run accuracy [-- --seed N --count N --json --misses N]`: precision and recall per field of
 * the parser + extractor over (a) the replica corpus, each page rendered to HTML and parsed like a
 * crawled page, compared with the replica's truth, and (b) the hand-written cases. Two tables (or
 * one JSON object with `--json`); exit code 0 unless the script itself fails.
 *
 * (c) the real decisions in ../shared/real-decisions (development set, read in place, never copied),
 * scored by that set's own rules; `--real` lists the ones it gets wrong with the rule ids of the
 * finding and of each payment, and the expected sums it read and left out with the rule that did.
 *
 * `--diff [--misses N]`: instead, the replica decisions whose published figures (remedy total,
 * number of remedy payments, longest delay, number of service improvements) differ from the truth:
 * counts per figure, the corpus's remedy pounds parsed vs true, then each decision (up to N; all
 * when N is 0) with the true payments, delays and service improvements as written and the parser's
 * with their evidence sentences and rule ids, the sums and improvement clauses it left out with the
 * rule that left each out, and the apology and deadline (with their rule ids) where they differ too.
 * @module
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { AccuracyReport } from '../parser/facts/accuracy.js';
import { parseDecisionText } from '../parser/index.js';
import {
  type CaseResult,
  DIFF_KINDS,
  type Disagreement,
  excludedSums,
  handwrittenResults,
  REPORT_FIELDS,
  replicaDisagreements,
  replicaResults,
  report,
} from './accuracy-core.js';
import {
  loadRealDecisions,
  pct as pctOf,
  REAL_DECISIONS_DIR,
  type RealReport,
  scoreRealDecisions,
} from './real-decisions.js';

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
    /** List the real decisions (../shared/real-decisions) the parser gets wrong, with the rules that fired. */
    real: { type: 'boolean', default: false },
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
  for (const p of d.parsedPayments)
    lines.push(`  parsed payment ${p.amount} ${p.status} [${(p.rules ?? []).join(' ')}] | ${p.evidence}`);
  for (const [days, about, phrase] of d.trueDelays) lines.push(`  true delay  ${days} ${about} "${phrase}"`);
  for (const x of d.excludedSums) lines.push(`  left out ${x.amount} [${x.rule}] | ${x.evidence}`);
  for (const x of d.parsedDelays)
    lines.push(
      `  parsed delay ${x.days} ${x.about} [${(x.rules ?? []).join(' ')}] "${x.text}" | ${x.evidence}`,
    );
  for (const t of d.trueImprovements) lines.push(`  true improvement  "${t}"`);
  for (const x of d.parsedImprovements)
    lines.push(`  parsed improvement [${x.section}] [${(x.rules ?? []).join(' ')}] ${x.evidence}`);
  for (const x of d.setAsideImprovements) lines.push(`  set aside improvement [${x.rule}] ${x.text}`);
  if (d.apology)
    lines.push(
      `  apology truth ${d.apology.truth}, parsed ${d.apology.parsed} [${d.apology.rules.join(' ')}]`,
    );
  if (d.deadline)
    lines.push(
      `  deadline truth ${d.deadline.truth}, parsed ${d.deadline.parsed} [${d.deadline.rules.join(' ')}]`,
    );
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
const realCases = loadRealDecisions();
const c = realCases ? scoreRealDecisions(realCases, (x) => parseDecisionText(x.text)) : null;

/** The real-decisions table, scored by the set's own rules (../shared/real-decisions/README.md). */
function realTable(r: RealReport): string {
  const row = (name: string, x: { right: number; total: number }) =>
    `${name.padEnd(36)} ${String(x.right).padStart(5)} of ${String(x.total).padEnd(5)} ${pctOf(x).toFixed(1).padStart(6)}%`;
  return [
    `(c) real decisions (${r.texts}, development set in ${path.relative(process.cwd(), REAL_DECISIONS_DIR)}; figures tuned on — the unseen set is the test)`,
    `texts ${r.texts}, refused ${r.refused}`,
    row('header fields (where labelled)', r.header),
    row('finding (fault / no fault / not inv.)', r.finding),
    row('summary payments precision', r.paymentsPrecision),
    row('summary payments recall', r.paymentsRecall),
    row('payment status on matched sums', r.paymentStatus),
  ].join('\n');
}

/**
 * Each real decision the parser gets wrong on some point, with the rules that decided its finding,
 * its payments, and the expected sums it left out.
 */
function realMisses(
  r: RealReport,
  parse: (ref: string) => string,
  leftOut: (ref: string) => ReturnType<typeof excludedSums>,
): string[] {
  const out: string[] = [];
  for (const x of r.cases) {
    const bad: string[] = [];
    if (x.refused) bad.push(`refused: ${x.refused}`);
    for (const h of x.header)
      if (
        (h.actual ?? '').toLowerCase().replace(/\s+/g, ' ').trim() !==
        h.expected.toLowerCase().replace(/\s+/g, ' ').trim()
      )
        bad.push(`${h.field}: expected ${JSON.stringify(h.expected)}, got ${JSON.stringify(h.actual)}`);
    if (x.finding.expected !== x.finding.actual)
      bad.push(`finding: expected ${x.finding.expected}, got ${x.finding.actual} (${parse(x.ref)})`);
    const key = (p: { amount: number; status: string }) => `${p.amount} ${p.status}`;
    const e = x.payments.expected.map(key).sort().join(', ');
    const g = x.payments.actual.map(key).sort().join(', ');
    if (e !== g) {
      bad.push(`payments: expected [${e}], got [${g}]`);
      for (const p of x.payments.actual)
        bad.push(`  parsed ${p.amount} ${p.status} [${(p.rules ?? []).join(' ')}] | ${p.evidence}`);
      // An expected sum the parser read and left out: the rule that left it out.
      const missing = new Set(x.payments.expected.map((p) => p.amount));
      for (const s of leftOut(x.ref).filter((s) => missing.has(s.amount)))
        bad.push(`  left out ${s.amount} [${s.rule}] | ${s.evidence}`);
    }
    if (bad.length) out.push(`${x.ref}\n  ${bad.join('\n  ')}`);
  }
  return out;
}

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
        `  actual   payments ${JSON.stringify(f?.payments.map((p) => [p.amount, p.status, p.purpose, p.rules, p.evidence.text.slice(0, 160)]))} delays ${JSON.stringify(f?.delays.map((d) => [d.days, d.about, d.text, d.rules]))} finding ${f?.finding}/${f?.notInvestigatedReason} deadline ${f?.deadlineDays} [${(f?.deadlineRules ?? []).join(' ')}] apology ${f?.apology} [${(f?.apologyRules ?? []).join(' ')}] total ${f?.remedyTotal}` +
        `\n  expected missed education ${JSON.stringify(r.expected.missedEducation.map((m) => [m.from, m.to, m.days]))}` +
        `\n  actual   missed education ${JSON.stringify(f?.missedEducation.map((m) => [m.from, m.to, m.days, m.rules, m.evidence.text.slice(0, 160)]))}`,
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
        real: c ? { ...c, cases: undefined } : null,
      },
      null,
      2,
    )}\n`,
  );
} else {
  process.stdout.write(
    `${table(`(a) replica corpus: seed ${seed}, ${count} decisions, rendered to HTML and parsed (${(replicaMs / 1000).toFixed(1)} s)`, a)}\n\n` +
      `${table('(b) hand-written cases (test/fixtures/extraction), parsed from their text copies', b)}\n\n` +
      `${c ? realTable(c) : `(c) real decisions: not found at ${REAL_DECISIONS_DIR} (the set lies beside the repository in ../shared)`}\n`,
  );
  const n = Number(values.misses);
  if (n > 0) process.stdout.write(`\n${misses(replica, values.field, n).join('\n')}\n`);
  if (c && realCases && (n > 0 || values.real)) {
    const rules = (ref: string) => {
      const one = realCases.find((x) => x.label.ref === ref)!;
      try {
        const d = parseDecisionText(one.text);
        return `rules ${d.findingRules.join(' → ')}`;
      } catch {
        return 'refused';
      }
    };
    const leftOut = (ref: string) => {
      const one = realCases.find((x) => x.label.ref === ref)!;
      try {
        return excludedSums(parseDecisionText(one.text));
      } catch {
        return [];
      }
    };
    process.stdout.write(
      `\nreal decisions the parser gets wrong:\n${realMisses(c, rules, leftOut).join('\n') || '(none)'}\n`,
    );
  }
}
