/**
 * A minimal imitation of the decisions site for the crawler's own tests, built from the fixture
 * pages (test/fixtures/pages): a search listing by date window (10 per page, newest first, with
 * "Your search has N results") and decision pages made from the modern-statement fixture.
 * The full imitation is replica/; this one exists so the crawler can be tested on its own.
 * @module
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sourceProfile } from '../../core/source-profile.js';
import { type Handler, robots, startTestServer, type TestServer } from './test-server.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/pages');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface MiniDecision {
  ref: string;
  refKey: string;
  organisation: string;
  /** yyyy-mm-dd */
  date: string;
  path: string;
}

export interface MiniSite extends TestServer {
  decisions: MiniDecision[];
  decisionRequests(): string[];
  listingRequests(): string[];
}

export interface MiniSiteOptions {
  /** Decision dates, one decision each. */
  dates: string[];
  pageSize?: number;
  robotsTxt?: string;
  /** Per-refKey overrides of the decision page handler. */
  pages?: Record<string, Handler>;
  /** Serve the listing as an empty search shell. */
  shell?: boolean;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export function makeDecisions(dates: string[]): MiniDecision[] {
  return dates.map((date, i) => {
    const yy = date.slice(2, 4);
    const a = pad(100 + (i % 900), 3);
    const b = pad(i, 3);
    return {
      ref: `${yy} ${a} ${b}`,
      refKey: `${yy}-${a}-${b}`,
      organisation:
        i % 3 === 0
          ? 'Northmere County Council'
          : i % 3 === 1
            ? 'London Borough of Eastford'
            : "St. Mary's & All Saints School",
      date,
      path: `/decisions/education/special-educational-needs/${yy}-${a}-${b}`,
    };
  });
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/'/g, '&#39;');

function pageDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d} ${MONTHS[Number(m) - 1]} ${y}`;
}

function listingDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}-${MONTHS[Number(m) - 1]}-${y}`;
}

export function decisionHtml(d: MiniDecision): string {
  const template = readFileSync(path.join(FIXTURES, 'modern-statement.html'), 'utf8');
  return template
    .replaceAll('Northmere County Council (24 019 223)', `${esc(d.organisation)} (${d.ref})`)
    .replaceAll('08 Dec 2025', pageDate(d.date));
}

function listingHtml(items: MiniDecision[], total: number): string {
  const lis = items
    .map(
      (d) => `<li class="result">
<h4><a href="${d.path}?displaypref=1">${esc(d.organisation)} (${d.ref})</a></h4>
<p class="meta">Statement Upheld Special educational needs ${listingDate(d.date)}</p>
<p class="summary">Summary: Mrs B says the Council took far too long to finalise her son's plan.</p>
</li>`,
    )
    .join('\n');
  return `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Decision search results</title></head>
<body><main id="main"><h1>Decisions</h1>
<p class="results-count">Your search has ${total} results</p>
<ul class="search-results">
${lis}
</ul></main></body></html>`;
}

const SHELL = `<!DOCTYPE html><html><head><title>Decisions</title></head><body><main><h1>Decisions</h1>
<form action="/decisionsnew/newsearchpost" method="post"><input name="keywords"></form></main></body></html>`;

export async function startMiniSite(options: MiniSiteOptions): Promise<MiniSite> {
  const decisions = makeDecisions(options.dates);
  const pageSize = options.pageSize ?? 10;
  const byPath = new Map(decisions.map((d) => [d.path, d]));
  const lp = sourceProfile.listing;
  const server = await startTestServer({
    '/robots.txt': robots(options.robotsTxt ?? 'User-agent: *\nDisallow: /search-admin\n'),
    [lp.path]: (req, res) => {
      const q = new URL(req.url ?? '/', 'http://x').searchParams;
      if (options.shell) {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(SHELL);
        return;
      }
      const fd = q.get(lp.params.from) ?? '0001-01-01';
      const td = q.get(lp.params.to) ?? '9999-12-31';
      const org = q.get(lp.params.organisation);
      const page = Number(q.get(lp.params.page) ?? '1');
      const hits = decisions
        .filter((d) => d.date >= fd && d.date <= td && (!org || d.organisation === org))
        .sort((a, b) =>
          a.date === b.date ? b.refKey.localeCompare(a.refKey) : b.date.localeCompare(a.date),
        );
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(listingHtml(hits.slice((page - 1) * pageSize, page * pageSize), hits.length));
    },
    '/decisions/*': async (req, res, hit) => {
      const p = new URL(req.url ?? '/', 'http://x').pathname;
      const d = byPath.get(p);
      const custom = d && options.pages?.[d.refKey];
      if (custom) return custom(req, res, hit);
      if (!d) {
        res.writeHead(404);
        res.end('not found');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ETag: `"${d.refKey}"` });
      res.end(decisionHtml(d));
    },
  });
  return {
    ...server,
    decisions,
    decisionRequests: () => server.log.filter((r) => r.path.startsWith('/decisions/')).map((r) => r.path),
    listingRequests: () => server.log.filter((r) => r.path === lp.path).map((r) => r.url),
  };
}
