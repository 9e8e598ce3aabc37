import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDecisionHtml, parseListingHtml } from '../parser/index.js';
import { workerParser } from './worker-parser.js';

const FIXTURES = path.resolve(import.meta.dirname, '../test/fixtures/pages');
const statement = readFileSync(path.join(FIXTURES, 'modern-statement.html'));
const listing = readFileSync(path.join(FIXTURES, 'listing.html'), 'utf8');
const URL_223 = 'https://www.lgo.org.uk/decisions/education/special-educational-needs/24-019-223';
const LISTING_URL = 'https://www.lgo.org.uk/decisions/search-results?page=1';

const parser = workerParser(1);
afterAll(() => parser.close());

describe('workerParser (parsing in a worker thread)', () => {
  it('gives the same decision record and listing page as parsing here', async () => {
    const out = await parser.parse({
      url: URL_223,
      contentType: 'text/html; charset=utf-8',
      encoding: 'br',
      stored: new Uint8Array(brotliCompressSync(statement)),
    });
    expect(out).toEqual({
      ok: true,
      record: parseDecisionHtml(statement.toString('utf8'), { url: URL_223 }),
    });
    expect(await parser.parseListing(listing, LISTING_URL)).toEqual(parseListingHtml(listing, LISTING_URL));
  });

  it('answers a page that is not a decision with the parse error, in order with other jobs', async () => {
    const garbage = new Uint8Array(brotliCompressSync(Buffer.from(`<div>${'<span>'.repeat(50_000)}`)));
    const [bad, good] = await Promise.all([
      parser.parse({ url: URL_223, contentType: 'text/html', encoding: 'br', stored: garbage }),
      parser.parseListing(listing, LISTING_URL),
    ]);
    expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/not a decision page/) });
    expect(good.items.length).toBeGreaterThan(0);
  });
});
