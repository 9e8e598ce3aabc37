import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { fixture } from '../test/helpers/fixtures.js';
import { htmlToLines } from './index.js';
import { MAX_DEPTH, parseHtmlDocument, renderHtml } from './render.js';

describe('htmlToLines', () => {
  it('renders the reference page container as a browser shows it', () => {
    const lines = htmlToLines(fixture('pages/modern-statement.html'));
    expect(lines.slice(0, 6)).toEqual([
      'Northmere County Council (24 019 223)',
      'Category : Education > Special educational needs',
      'Decision : Upheld',
      'Decision date : 08 Dec 2025',
      "The Ombudsman's final decision:",
      expect.stringMatching(/^Summary: Mrs B says the Council took far too long/),
    ]);
    // site chrome outside the container is gone
    expect(lines.join('\n')).not.toMatch(/Make a complaint|Home|©/);
    // nested list inside an ordered list item
    const i = lines.indexOf('Agreed action');
    expect(lines.slice(i + 1, i + 5)).toEqual([
      '1. Within one month of my final decision the Council will:',
      '- apologise to Mrs B for the distress its delay caused;',
      '- pay Mrs B £1,200 to recognise the provision C lost and her distress.',
      '2. Within three months the Council will remind its casework officers of the 20-week limit.',
    ]);
  });

  it('numbers ordered lists by nesting, restarts every list, honours start/type, keeps text after a nested list', () => {
    const html = `<body><ol><li>one<ol><li>sub a</li><li>sub b<ol><li>deep</li></ol></li></ol>after</li><li>two</li></ol>
      <ol start="4"><li>four</li></ol><ol type="A"><li>cap</li></ol><ol><li>again</li></ol><li>stray</li></body>`;
    expect(htmlToLines(html)).toEqual([
      '1. one',
      'a. sub a',
      'b. sub b',
      'i. deep',
      'after',
      '2. two',
      '4. four',
      'A. cap',
      '1. again',
      '- stray',
    ]);
  });

  it('joins inline elements, collapses whitespace, decodes entities, breaks on br/blocks, drops chrome', () => {
    const html = `<html><head><title>x</title><style>p{}</style></head><body>
      <nav>Menu</nav><header>Site</header><script>var a = "<p>";</script>
      <p>Tom &amp; Jerry&rsquo;s   <b>bold</b><i>italic</i>&nbsp;end</p>
      <div>line one<br>line two</div><table><tr><td>a</td><td>b</td></tr></table>
      <dl><dt>Term</dt><dd>Value</dd></dl><form><input name="q"><label>Search</label></form>
      <footer>Foot</footer></body></html>`;
    expect(htmlToLines(html)).toEqual([
      'Tom & Jerry’s bolditalic end',
      'line one',
      'line two',
      'a b',
      'Term',
      'Value',
    ]);
  });

  it('keeps a <header> inside the article and a form that wraps the whole page', () => {
    const html = `<body><form id="f"><article><header><h1>Title (24 019 223)</h1></header><p>Body</p></article></form></body>`;
    expect(htmlToLines(html)).toEqual(['Title (24 019 223)', 'Body']);
  });

  it('marks heading elements', () => {
    const { lines } = renderHtml('<article><h2>The complaint</h2><p>x</p></article>');
    expect(lines).toEqual([{ text: 'The complaint', headingLevel: 2 }, { text: 'x' }]);
  });

  it('survives deep nesting and garbage', () => {
    const deep = `${'<div>'.repeat(20000)}text${'</div>'.repeat(5)}`;
    expect(htmlToLines(deep)).toEqual(['text']);
    expect(htmlToLines('')).toEqual([]);
    expect(htmlToLines('<<<>>> &&& <p')).toEqual(expect.any(Array));
  });
});

describe('hostile nesting', () => {
  /** Greatest element depth of a domhandler tree (iterative). */
  function maxDepth(root: { children?: unknown[] }): number {
    let max = 0;
    const stack: [{ children?: unknown[]; type?: string }, number][] = [[root, 0]];
    while (stack.length > 0) {
      const [n, d] = stack.pop()!;
      if (d > max) max = d;
      for (const c of (n.children ?? []) as { children?: unknown[]; type?: string }[])
        if (c.type === 'tag') stack.push([c, d + 1]);
    }
    return max;
  }

  it('caps element depth at MAX_DEPTH, so each tag costs at most MAX_DEPTH steps (linear parse)', () => {
    // The crafted page of issue #16: unclosed <div><span> pairs. Depth uncapped would be 2 × 20,000;
    // htmlparser2's per-tag cost is the depth of its open-element stack.
    const html = `<html><body><article>${'<div><span>'.repeat(20_000)}deep text</article></body></html>`;
    const doc = parseHtmlDocument(html);
    expect(maxDepth(doc)).toBeLessThanOrEqual(MAX_DEPTH);
    expect(maxDepth(doc)).toBeGreaterThan(MAX_DEPTH - 5);
    // The text is kept (in the deepest element kept).
    expect(renderHtml(html).lines.map((l) => l.text)).toContain('deep text');
  });

  it('keeps void elements and stray end tags harmless beyond the cap', () => {
    const html = `<body><main>${'<b>'.repeat(MAX_DEPTH + 10)}a<br>b${'</i>'.repeat(1000)}</main><p>after</p></body>`;
    const lines = renderHtml(html, { containerSelectors: ['body'] }).lines.map((l) => l.text);
    // <br> still breaks the line past the cap; </main> closes every <b>, so <p> is back in <body>.
    expect(lines).toEqual(['a', 'b', 'after']);
  });

  it('builds the same tree as cheerio for real pages (no change below the cap)', () => {
    for (const name of ['pages/modern-statement.html', 'pages/listing.html']) {
      const html = fixture(name);
      const options = { xml: { xmlMode: false, decodeEntities: true } };
      const ours = load(parseHtmlDocument(html), options).root().html();
      const theirs = load(html, options).root().html();
      expect(ours!.length, name).toBeGreaterThan(1000);
      expect(ours, name).toBe(theirs);
    }
  });
});
