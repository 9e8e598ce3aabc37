/**
 * `lgsco parse FILE...` as a real process: hand-written text copies, saved replica pages and
 * excerpts of them give one NDJSON record each with what they contain; a page without the header
 * fields gives one error line (LGSCO_ERR_PARSE) and exit code 1, never a crash.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Decision } from '../../core/record.js';
import { parseDecisionHtml, parseDecisionText } from '../../parser/index.js';
import { generateCorpus, renderDecisionPage } from '../../replica/index.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/extraction');
const TEXT_CASES = ['01-sen-summary-repeats-payment', '35-excerpt-summary-only', '36-cut-off-mid-sentence'];

describe('lgsco parse', () => {
  const tmp = tempDir('lgsco-parse-');
  afterAll(() => tmp.cleanup());
  const corpus = generateCorpus({ seed: 12, count: 200 });
  const withPayment = corpus.decisions.findIndex((m) => corpus.full(m.index).remedyTotal > 0);
  const d = corpus.full(withPayment);
  const html = renderDecisionPage(d);

  it('prints one record per text copy, as the parser reads it', async () => {
    const files = TEXT_CASES.map((c) => path.join(FIXTURES, `${c}.txt`));
    const r = await runCli(['parse', ...files]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(files.length);
    lines.forEach((line, i) => {
      const got = JSON.parse(line) as Decision;
      expect(got).toEqual(parseDecisionText(readFileSync(files[i]!, 'utf8')));
    });
  });

  it('reads a saved replica page and excerpts of it without crashing', async () => {
    const page = path.join(tmp.dir, 'page.html');
    writeFileSync(page, html);
    // Excerpts: the page cut after the summary, and the rendered text cut mid-way through.
    const cut = html.indexOf('</p>', html.indexOf('Summary:')) + 4;
    const excerptHtml = path.join(tmp.dir, 'excerpt.html');
    writeFileSync(excerptHtml, html.slice(0, cut));
    const text = [
      `URL: ${d.url}`,
      `${d.organisation} (${d.ref})`,
      `Category : ${d.category} > ${d.subcategory}`,
      `Decision : ${d.outcome}`,
      `Decision date : ${d.decisionDate.split('-').reverse().join('/')}`,
      `Summary: ${d.summary}`,
    ].join('\n');
    const excerptTxt = path.join(tmp.dir, 'excerpt.txt');
    writeFileSync(excerptTxt, text);
    const r = await runCli(['parse', page, excerptHtml, excerptTxt]);
    expect(r.code).toBe(0);
    const [full, ex1, ex2] = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Decision);
    expect(full).toEqual(parseDecisionHtml(html));
    expect(full!.remedyTotal).toBe(d.remedyTotal);
    for (const ex of [ex1!, ex2!]) {
      expect(ex.refKey).toBe(d.refKey);
      expect(ex.summary).toBe(d.summary);
      expect(ex.decisionDate).toBe(d.decisionDate);
      expect(ex.parseWarnings.join(' ')).toMatch(/truncated|excerpt/);
      // What the summary states is read; nothing is invented from the missing sections.
      expect(ex.finding).toBe(full!.finding);
    }
    expect(ex1!.sections.map((s) => s.heading)).toEqual(full!.sections.slice(0, 1).map((s) => s.heading));
  });

  it('keeps a page without its header lines when its URL gives the category; refuses the rest with one line each, exit 1', async () => {
    // A text copy with its URL line: the category comes from the URL.
    const headlessText = path.join(tmp.dir, 'headless.txt');
    writeFileSync(
      headlessText,
      [
        `URL: ${d.url}`,
        `${d.organisation} (${d.ref})`,
        "The Ombudsman's final decision:",
        `Summary: ${d.summary}`,
      ].join('\n'),
    );
    // A saved HTML page has no URL: without its Category line there is nothing to read it from.
    const headlessHtml = path.join(tmp.dir, 'headless.html');
    writeFileSync(headlessHtml, html.replace(/<div class="decision-meta">[\s\S]*?<\/div>/, ''));
    const nameless = path.join(tmp.dir, 'nameless.html');
    writeFileSync(
      nameless,
      html
        .replace(/<div class="decision-meta">[\s\S]*?<\/div>/, '')
        .replace(/<div class="decision-title">[\s\S]*?<\/div>/, ''),
    );
    const good = path.join(FIXTURES, `${TEXT_CASES[0]}.txt`);
    const r = await runCli(['parse', headlessText, headlessHtml, nameless, good]);
    expect(r.code).toBe(1);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({
      refKey: d.refKey,
      category: d.category,
      subcategory: d.subcategory,
      headerComplete: false,
      outcome: null,
      decisionDate: null,
    });
    const err = r.stderr.trim().split('\n');
    expect(err).toHaveLength(2);
    expect(err[0]).toMatch(
      /^lgsco parse: .*headless\.html: LGSCO_ERR_PARSE: not a decision page: no Category line and no decision URL/,
    );
    expect(err[1]).toMatch(
      /^lgsco parse: .*nameless\.html: LGSCO_ERR_PARSE: not a decision page: no reference/,
    );
    expect(r.stderr).not.toMatch(/unexpected error|at .*\.ts:\d+/);
  });
});
