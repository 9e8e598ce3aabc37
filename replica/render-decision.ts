/**
 * Renders a replica decision page in the structure of test/fixtures/pages/modern-statement.html.
 *
 * ## Sections rule of the ground truth
 * The truth follows the parser's documented rule (parser/core.ts, "Sections rule"), so a correct
 * parser reproduces `summary` and `sections` exactly:
 * - Every heading element starts a section, flat, in page order. Sub-headings (h4 under an h3, or
 *   h3 under an h2) are sections too, so "What I found" directly followed by "Law, guidance and
 *   policies" has text "".
 * - Headings as printed with any trailing colon removed. Statements open with the section
 *   "The Ombudsman's final decision" ("The Ombudsmen's …" in some joint statements) whose text is
 *   the summary paragraph verbatim ("Summary: …"); older pages without that line open with a
 *   section headed "" holding the same text. 2016-era reports open with the section "Summary".
 * - Newer pages may list the section headings in a <nav> before the body: page chrome, not text.
 * - Section text = its lines joined with "\n". Numbering is KEPT as a browser renders it: every
 *   paragraph of a statement reads "1. ", "2. ", … restarting in each section, whether the markup is
 *   <ol><li> or <p>1. …</p>; newer pages that bullet their paragraphs (<ul>) read "- " instead;
 *   nested bullet items follow their parent as "- item". Report paragraphs are unnumbered.
 * - "Back to top" lines are dropped; the body ends before "Investigator's decision on behalf of the
 *   Ombudsman" / "Print this page". A report's "Ombudsman satisfied with … response: DD Mon YYYY"
 *   line is ordinary text of its last section ("Recommendations"); its date is `satisfiedDate`.
 * - `summary` = the summary paragraph without the "Summary:" label (reports: the "Summary" text).
 * - Text is exactly as written, including curly apostrophes (’) that some pages use throughout,
 *   also in headings such as "The Ombudsman’s role and powers".
 * @module
 */
import type { Block, FullDecision, Layout, Para } from './compose.js';
import { escapeHtml as e, pageDate } from './format.js';

const SITE = 'Local Government and Social Care Ombudsman';

/** Shared page shell (header, main, footer). */
export function pageShell(title: string, main: string): string {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>${e(title)} - ${SITE}</title>
</head>
<body>
<header class="site-header"><a href="/">${SITE}</a>
<nav><ul><li><a href="/decisions">Decisions</a></li><li><a href="/make-a-complaint">Make a complaint</a></li></ul></nav>
</header>
<main id="main">
${main}
</main>
<footer><p>© ${SITE}</p></footer>
</body>
</html>
`;
}

function items(list: readonly string[] | undefined): string {
  if (!list || list.length === 0) return '';
  return `\n<ul>\n${list.map((i) => `<li>${e(i)}</li>`).join('\n')}\n</ul>\n`;
}

function paras(ps: readonly Para[], layout: Layout): string {
  if (ps.length === 0) return '';
  if (layout.numbering === 'ol' || layout.numbering === 'ul') {
    const tag = layout.numbering;
    return `<${tag}>\n${ps.map((p) => `<li>${e(p.text)}${items(p.items)}</li>`).join('\n')}\n</${tag}>\n`;
  }
  return ps.map((p, i) => `<p>${i + 1}. ${e(p.text)}</p>${p.items ? items(p.items) : '\n'}`).join('');
}

const BACK = '<p><a href="#top">Back to top</a></p>\n';

/** The site's privacy banner, as some copies of real pages begin with it. */
const COOKIE_BANNER = `<div class="cookie-banner" role="dialog" aria-label="Privacy settings">
<p><strong>Privacy settings</strong></p>
<p>Review your privacy settings</p>
<p>Required cookies enable the website to function properly.</p>
<p>Analytical cookies help us improve the performance of the website.</p>
</div>
`;

function blocksHtml(blocks: readonly Block[], layout: Layout, report: boolean): string {
  const h = layout.heading;
  const sub = h === 'h2' ? 'h3' : 'h4';
  let out = '';
  blocks.forEach((b, i) => {
    const tag = b.sub ? sub : h;
    out += `<${tag}>${e(b.heading)}</${tag}>\n`;
    out += report
      ? b.paras.map((p) => `<p>${e(p.text)}</p>${items(p.items) || '\n'}`).join('')
      : paras(b.paras, layout);
    // "Back to top" closes each main section (after its last sub-section).
    const next = blocks[i + 1];
    const last = next === undefined;
    if (!report && !last && !next.sub) out += BACK;
  });
  return out;
}

/** The HTML of one decision page. */
export function renderDecisionPage(d: FullDecision): string {
  const { layout, blocks, satisfiedLine } = d.body;
  const report = d.kind === 'report';
  const title = report ? d.ref : `${d.organisation} (${d.ref})`;
  const strong = layout.titleStrong ? 'strong' : 'b';
  const catSlug = d.path.split('/')[2] ?? '';
  const subPath = d.path.slice(0, d.path.lastIndexOf('/'));
  const h = layout.heading;
  let body: string;
  if (report) {
    body = `<${h}>Summary</${h}>\n<p>${e(d.summary)}</p>\n${blocksHtml(blocks, layout, true)}<p class="satisfied">${e(satisfiedLine ?? '')}</p>\n`;
  } else {
    const label = layout.summaryStrong ? '<strong>Summary:</strong>' : 'Summary:';
    const who = layout.plural ? 'Ombudsmen' : 'Ombudsman';
    const contents = layout.contents
      ? `<nav class="contents"><ul>\n${blocks
          .filter((b) => !b.sub)
          .map((b) => `<li><a href="#">${e(b.heading)}</a></li>`)
          .join('\n')}\n</ul></nav>\n`
      : '';
    const opening = layout.opening ? `<${h}>The ${who}'s final decision:</${h}>\n` : '';
    body =
      `${contents}${opening}<p>${label} ${e(d.summary)}</p>\n` +
      blocksHtml(blocks, layout, false) +
      `<p>Investigator's decision on behalf of the ${who}</p>\n${BACK}`;
  }
  const meta = `<div class="decision-meta">
<p><span class="label">Category :</span> <span class="value">${e(d.category)} &gt; ${e(d.subcategory)}</span></p>
<p><span class="label">Decision :</span> <span class="value">${e(d.outcome)}</span></p>
<p><span class="label">Decision date :</span> <span class="value">${pageDate(d.decisionDate)}</span></p>
</div>
`;
  const banner = layout.cookieBanner ? COOKIE_BANNER : '';
  const main = `${banner}<div class="breadcrumb"><a href="/">Home</a> &gt; <a href="/decisions">Decisions</a> &gt; <a href="/decisions/${catSlug}">${e(d.category)}</a> &gt; <a href="${subPath}">${e(d.subcategory)}</a></div>
<article id="article">
<div class="decision-title"><p><${strong}>${e(title)}</${strong}></p></div>
${layout.headerLines ? meta : ''}<div class="decision-body">
${body}</div>
<p class="print"><a href="javascript:window.print()">Print this page</a></p>
</article>`;
  // The <title> names the organisation even when the page title is the bare reference.
  return pageShell(`${d.organisation} (${d.ref})`, main);
}
