import { describe, expect, it } from 'vitest';
import { parseDecisionHtml, parseDecisionText, parseListingHtml } from './index.js';
import { fixture } from './test-helpers.js';

const URL_223 = 'https://www.lgo.org.uk/decisions/education/special-educational-needs/24-019-223';

function rate(n: number, f: () => unknown): number {
  for (let i = 0; i < 100; i++) f();
  const t = performance.now();
  for (let i = 0; i < n; i++) f();
  return (n / (performance.now() - t)) * 1000;
}

/** Throughput, logged for the record. The bound is loose so a busy CI machine does not fail it. */
describe('parse speed', () => {
  it('parses the modern fixture 2,000 times', () => {
    const html = fixture('pages/modern-statement.html');
    const text = fixture('parser/modern-statement.txt');
    const listing = fixture('pages/listing.html');
    const htmlRate = rate(2000, () => parseDecisionHtml(html, { url: URL_223 }));
    const textRate = rate(2000, () => parseDecisionText(text));
    const listingRate = rate(2000, () => parseListingHtml(listing, URL_223));
    // A long page: the body repeated 50 times (~100 kB), to show the work stays linear.
    const body = html.slice(html.indexOf('<h3>The complaint'), html.indexOf('<h3>Final decision'));
    const big = html.replace('<h3>Final decision</h3>', `${body.repeat(50)}<h3>Final decision</h3>`);
    const bigRate = rate(100, () => parseDecisionHtml(big, { url: URL_223 }));
    console.log(
      `parser speed: modern HTML ${htmlRate.toFixed(0)} pages/s, text ${textRate.toFixed(0)} pages/s, ` +
        `listing ${listingRate.toFixed(0)} pages/s, ${(big.length / 1024).toFixed(0)} kB page ${bigRate.toFixed(0)} pages/s`,
    );
    expect(htmlRate).toBeGreaterThan(300);
  });
});
