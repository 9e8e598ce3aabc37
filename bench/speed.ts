/**
 * Speed checks that used to be unit tests (parser/perf.test.ts, the "scale" test of
 * replica/corpus.test.ts): wall-clock throughput is a measurement, not something a test suite on a
 * shared, loaded machine can assert. Prints each figure beside its bound and exits 1 if one is
 * missed; run it on a quiet machine.
 *
 *   npm run bench:speed
 * @module
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { parseDecisionHtml, parseDecisionText, parseListingHtml } from '../parser/index.js';
import { generateCorpus, renderDecisionPage } from '../replica/index.js';

const fixture = (p: string) => readFileSync(new URL(`../test/fixtures/${p}`, import.meta.url), 'utf8');
const URL_223 = 'https://www.lgo.org.uk/decisions/education/special-educational-needs/24-019-223';

/** Calls per second of `f` over `n` calls, after 100 warm-up calls. */
function rate(n: number, f: () => unknown): number {
  for (let i = 0; i < 100; i++) f();
  const t = performance.now();
  for (let i = 0; i < n; i++) f();
  return (n / (performance.now() - t)) * 1000;
}

let missed = 0;
function report(what: string, value: number, unit: string, bound?: { min?: number; max?: number }): void {
  const ok =
    !bound ||
    ((bound.min === undefined || value > bound.min) && (bound.max === undefined || value < bound.max));
  if (!ok) missed++;
  const b = bound ? (bound.min !== undefined ? `> ${bound.min}` : `< ${bound.max}`) : '';
  process.stdout.write(
    `${what.padEnd(44)} ${value.toFixed(value < 10 ? 3 : 0).padStart(9)} ${unit.padEnd(8)} ${b ? `(bound ${b}${ok ? '' : ' — MISSED'})` : ''}\n`,
  );
}

// Parser: the modern fixture page, as HTML and as text, the listing page, and a ~100 kB page.
const html = fixture('pages/modern-statement.html');
const text = fixture('parser/modern-statement.txt');
const listing = fixture('pages/listing.html');
report(
  'parser: modern HTML page',
  rate(2000, () => parseDecisionHtml(html, { url: URL_223 })),
  'pages/s',
  {
    min: 300,
  },
);
report(
  'parser: modern page as text',
  rate(2000, () => parseDecisionText(text)),
  'pages/s',
);
report(
  'parser: listing page',
  rate(2000, () => parseListingHtml(listing, URL_223)),
  'pages/s',
);
// The body repeated 50 times, to show the work stays linear.
const body = html.slice(html.indexOf('<h3>The complaint'), html.indexOf('<h3>Final decision'));
const big = html.replace('<h3>Final decision</h3>', `${body.repeat(50)}<h3>Final decision</h3>`);
report(
  `parser: ${(big.length / 1024).toFixed(0)} kB page`,
  rate(100, () => parseDecisionHtml(big, { url: URL_223 })),
  'pages/s',
);

// Replica: generating a 60,000-decision corpus, and rendering pages.
const t0 = performance.now();
const corpus = generateCorpus({ seed: 1, count: 60_000 });
report('replica: generate 60,000 decisions', performance.now() - t0, 'ms', { max: 2000 });
const t1 = performance.now();
const n = 2000;
for (let k = 0; k < n; k++) renderDecisionPage(corpus.full(k * 29));
report('replica: render one decision page', (performance.now() - t1) / n, 'ms', { max: 1 });

process.stdout.write(`load average ${os.loadavg()[0]!.toFixed(2)}\n`);
process.exitCode = missed > 0 ? 1 : 0;
