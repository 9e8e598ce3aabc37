/**
 * Listing-shaped pages of the replica (test/fixtures/pages/listing.html): search results, the
 * empty search shell, category pages, the /decisions landing page and error pages.
 * Result links are root-relative ("/decisions/…"), as on the real site.
 * @module
 */
import { sourceProfile } from '../core/source-profile.js';
import { escapeHtml as e, listingDate } from './format.js';
import { pageShell } from './render-decision.js';
import { CATEGORIES, SUBCATEGORIES } from './taxonomy.js';

/** What a result item shows. A FullDecision satisfies it. */
export interface ListingItem {
  path: string;
  organisation: string;
  ref: string;
  kind: 'statement' | 'report';
  outcome: string;
  subcategory: string;
  decisionDate: string;
  summary: string;
}

export interface ListingPageOptions {
  /** Total matching results (printed even when the page itself is past the ceiling). */
  total: number;
  /** This page's items (at most pageSize). */
  items: readonly ListingItem[];
  /** 1-based page number. */
  page: number;
  /** Query of this page without `page`, used for pagination links. */
  query: URLSearchParams;
  /** Deepest page the listing serves. @default sourceProfile.listing.maxPages */
  maxPages?: number;
}

const FORM = `<form action="/decisionsnew/newsearchpost" method="post" id="decisionSearch">
<label for="keywords">Keywords</label> <input type="text" id="keywords" name="keywords">
<label for="fd">From</label> <input type="date" id="fd" name="fd">
<label for="td">To</label> <input type="date" id="td" name="td">
<label for="aname">Organisation</label> <input type="text" id="aname" name="aname">
<button type="submit">Search</button>
</form>`;

function resultItem(d: ListingItem): string {
  const kind = d.kind === 'report' ? 'Report' : 'Statement';
  return `<li class="result">
<h4><a href="${e(d.path)}">${e(d.organisation)} (${e(d.ref)})</a></h4>
<p class="meta">${kind} ${e(d.outcome)} ${e(d.subcategory)} ${listingDate(d.decisionDate)}</p>
<p class="summary">Summary: ${e(d.summary)}</p>
</li>`;
}

function pageLink(query: URLSearchParams, page: number, text: string): string {
  const q = new URLSearchParams(query);
  q.set(sourceProfile.listing.params.page, String(page));
  return `<a href="${e(`${sourceProfile.listing.path}?${q.toString()}`)}">${text}</a>`;
}

/** A search-results page: count line, up to ten items, pagination. */
export function renderListingPage(o: ListingPageOptions): string {
  const maxPages = o.maxPages ?? sourceProfile.listing.maxPages;
  const lastPage = Math.min(maxPages, Math.ceil(o.total / sourceProfile.listing.pageSize));
  const nav: string[] = [];
  if (o.page > 1 && o.page <= lastPage + 1) nav.push(pageLink(o.query, o.page - 1, 'Previous'));
  for (let p = Math.max(1, o.page - 2); p <= Math.min(lastPage, o.page + 2); p++) {
    nav.push(p === o.page ? `<span class="current">${p}</span>` : pageLink(o.query, p, String(p)));
  }
  if (o.page < lastPage) nav.push(pageLink(o.query, o.page + 1, 'Next'));
  const list = o.items.length
    ? `<ul class="search-results">\n${o.items.map(resultItem).join('\n')}\n</ul>`
    : '';
  const main = `<h1>Decisions</h1>
${FORM}
<p class="results-count">Your search has ${o.total} results</p>
${list}
<div class="pagination">${nav.join(' ')}</div>`;
  return pageShell('Decision search results', main);
}

/** The empty "search shell" some clients get instead of results: the form, no count, no items. */
export function renderSearchShell(): string {
  return pageShell(
    'Decision search results',
    `<h1>Decisions</h1>\n${FORM}\n<div class="search-results" data-loading="true"></div>`,
  );
}

/** /decisions/<cat>/<subcat>: the newest items of one subcategory. */
export function renderCategoryPage(
  category: string,
  subcategory: string,
  items: readonly ListingItem[],
): string {
  const main = `<h1>${e(subcategory)}</h1>
<p>${e(category)} &gt; ${e(subcategory)}</p>
<p>Recent statements in this category are shown below:</p>
<ul class="search-results">
${items.map(resultItem).join('\n')}
</ul>`;
  return pageShell(subcategory, main);
}

/** /decisions/<cat>: links to its subcategories. */
export function renderCategoryIndex(category: string): string {
  const subs = SUBCATEGORIES.filter((s) => s.category === category);
  const main = `<h1>${e(category)}</h1>
<ul>
${subs.map((s) => `<li><a href="/decisions/${s.catSlug}/${s.slug}">${e(s.name)}</a></li>`).join('\n')}
</ul>`;
  return pageShell(category, main);
}

/** /decisions: the landing page with the search form and category links. */
export function renderLandingPage(): string {
  const cats = CATEGORIES.map((c) => {
    const subs = SUBCATEGORIES.filter((s) => s.category === c);
    return `<li><a href="/decisions/${subs[0]?.catSlug}">${e(c)}</a>
<ul>${subs.map((s) => `<li><a href="/decisions/${s.catSlug}/${s.slug}">${e(s.name)}</a></li>`).join('')}</ul></li>`;
  }).join('\n');
  const main = `<h1>Decisions</h1>
<p>Search our decisions on complaints about councils, care providers and some other organisations.</p>
${FORM}
<p><a href="${sourceProfile.listing.path}?${sourceProfile.listing.params.from}=${sourceProfile.listing.openFromDate}&amp;${sourceProfile.listing.params.sortOrder}=${sourceProfile.listing.sortOrder}">Browse all decisions</a></p>
<ul class="categories">
${cats}
</ul>`;
  return pageShell('Decisions', main);
}

/** A plain error page (400, 404, 410, 500, …). */
export function renderErrorPage(status: number, message: string): string {
  const titles: Record<number, string> = {
    400: 'Bad request',
    404: 'Page not found',
    410: 'Page removed',
    429: 'Too many requests',
    500: 'Server error',
    502: 'Bad gateway',
    503: 'Service unavailable',
  };
  const title = titles[status] ?? 'Error';
  return pageShell(title, `<h1>${e(title)}</h1>\n<p>${e(message)}</p>`);
}
