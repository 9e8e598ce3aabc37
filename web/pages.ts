/**
 * The web pages' one shell: head, skip link, site header with its navigation, and footer, written
 * once here around each page's own `<main>` (web/pages/<name>.html). The plugin builds every page
 * at registration and serves the result from memory.
 * @module
 */

/** The site navigation, in order; a page names the entry it is (aria-current). */
const NAV = [
  { id: 'search', href: '/', label: 'Search' },
  { id: 'organisations', href: '/organisations', label: 'Organisations' },
  { id: 'national', href: '/national', label: 'National' },
  { id: 'status', href: '/status', label: 'Status' },
  { id: 'api', href: '/api/docs', label: 'API' },
] as const;

export interface PageSpec {
  /** The route that serves the page. */
  route: string;
  /** web/pages/<main>.html: the page's `<main>` element; also the module /assets/js/<main>.js. */
  main: string;
  /** Before " · lgsco-archive" (the page's script may refine it once its data is loaded). */
  title: string;
  /** The navigation entry this page is, if any. */
  current?: (typeof NAV)[number]['id'];
  /** Extra lines in <head>, before the site's stylesheet (which overrides them). */
  head?: string[];
  /** Where "Skip to …" goes (default #main, "content"). */
  skip?: { href: string; text: string };
}

export const PAGES: readonly PageSpec[] = [
  {
    route: '/',
    main: 'search',
    title: 'Search decisions',
    current: 'search',
    head: [
      '<meta name="description" content="Search the archived decisions of the Local Government and Social Care Ombudsman">',
      '<link rel="alternate" type="application/atom+xml" title="New decisions matching this search" href="/api/feeds/search.atom" id="feed-link">',
    ],
    skip: { href: '#results', text: 'results' },
  },
  { route: '/decisions/:refKey', main: 'decision', title: 'Decision' },
  { route: '/organisations', main: 'organisations', title: 'Organisations', current: 'organisations' },
  {
    route: '/organisations/:name',
    main: 'organisation',
    title: 'Organisation',
    current: 'organisations',
    head: ['<link rel="stylesheet" href="/assets/vendor/uplot/uPlot.min.css">'],
  },
  {
    route: '/national',
    main: 'national',
    title: 'National view',
    current: 'national',
    head: ['<link rel="stylesheet" href="/assets/vendor/uplot/uPlot.min.css">'],
  },
  { route: '/status', main: 'status', title: 'Status', current: 'status' },
];

/** The whole HTML document of `page` around its `<main>` element (`main`, lines ending in \n). */
export function pageHtml(page: PageSpec, main: string): string {
  const skip = page.skip ?? { href: '#main', text: 'content' };
  const nav = NAV.map(
    (entry) =>
      `      <a href="${entry.href}"${entry.id === page.current ? ' aria-current="page"' : ''}>${entry.label}</a>`,
  );
  // Titles are the fixed texts above; `main` is the project's own file.
  return [
    '<!doctype html>',
    '<html lang="en-GB">',
    '<head>',
    '  <meta charset="utf-8">',
    '  <meta name="viewport" content="width=device-width, initial-scale=1">',
    `  <title>${page.title} · lgsco-archive</title>`,
    // Before the site's stylesheet, so that it overrides a vendor's (uPlot).
    ...(page.head ?? []).map((line) => `  ${line}`),
    '  <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">',
    '  <link rel="stylesheet" href="/assets/css/site.css">',
    `  <script type="module" src="/assets/js/${page.main}.js"></script>`,
    '</head>',
    '<body>',
    `  <a class="skip" href="${skip.href}">Skip to ${skip.text}</a>`,
    '  <header class="site">',
    '    <a class="brand" href="/">lgsco-archive</a>',
    '    <nav aria-label="Site">',
    ...nav,
    '    </nav>',
    '  </header>',
    `${main.trimEnd()}`,
    '  <footer class="site">',
    '    <p>Decision texts © Commission for Local Administration in England, reproduced without amendment',
    `      from <a href="https://www.lgo.org.uk/decisions">the Local Government and Social Care Ombudsman's website</a>.`,
    '      lgsco-archive is independent of the Ombudsman.</p>',
    '  </footer>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
