// The organisation page: decisions, upheld and fault rates and remedies per year or per quarter
// (charts and the same figures as a table), how it compares with councils of its kind, top
// categories and the largest remedies, each linking onward. The whole page can be narrowed to one
// subject (?category=…&subcategory=…) and shown per quarter (?period=quarter): every figure, the
// comparison and every link then count that subject's decisions only.
import { COLOURS, yearChart } from './charts.js';
import {
  count,
  decisionHref,
  el,
  getJson,
  longDate,
  missingCounts,
  missingTable,
  money,
  organisationHref,
  percent,
  showError,
  statRow,
} from './common.js';

const main = /** @type {HTMLElement} */ (document.getElementById('main'));
const name = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '');
const pageParams = new URLSearchParams(location.search);

/** The subject the page is narrowed to, from its address; null fields narrow nothing. */
const subject = {
  category: pageParams.get('category')?.trim() || null,
  subcategory: pageParams.get('subcategory')?.trim() || null,
};
/** "Education › Special educational needs", or null when the page is not narrowed. */
const subjectText = [subject.category, subject.subcategory].filter(Boolean).join(' › ') || null;
/** The period of the figures, charts and table: ?period=quarter, else year. */
let period = /** @type {'year' | 'quarter'} */ (pageParams.get('period') === 'quarter' ? 'quarter' : 'year');

/** `q` with the page's subject narrowing added (the API's category and subcategory filters). @param {URLSearchParams} q */
function withSubject(q) {
  if (subject.category) q.set('category', subject.category);
  if (subject.subcategory) q.set('subcategory', subject.subcategory);
  return q;
}

/**
 * This page's address for a subject and period, as the subject control and the period switch
 * write it (so the narrowed page can be shared).
 * @param {{ category: string | null, subcategory: string | null }} s @param {'year' | 'quarter'} p
 */
function pageHref(s, p) {
  const q = new URLSearchParams();
  if (s.category) q.set('category', s.category);
  if (s.subcategory) q.set('subcategory', s.subcategory);
  if (p === 'quarter') q.set('period', 'quarter');
  const query = q.toString();
  return `${organisationHref(name)}${query ? `?${query}` : ''}`;
}

/** What the page shows: "<name> — <subject or all subjects>, per <period>". */
const narrowingText = () => `${name} — ${subjectText ?? 'all subjects'}, per ${period}`;

/**
 * One row of figures; fields the API does not give are null.
 * @typedef {{ key: string, decisions: number, upheld: number | null, faultFound: number | null,
 *   payments: number | null, remedyTotal: number | null, remedyMedian: number | null,
 *   remedyMax: number | null, medianDelayDays: number | null, ehcDelayDays: number | null,
 *   perResident: { decisionsPer100k: number, upheldPer100k: number, residents: number, year: number } | null }} Row
 */

/** @param {unknown} v */
const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Reads a /api/stats answer, whatever it names its list and fields.
 * @param {any} body
 * @returns {Row[]}
 */
function statRows(body) {
  /** @type {any[]} */
  const list = Array.isArray(body) ? body : (body?.groups ?? body?.rows ?? body?.data ?? []);
  return list.map((g) => ({
    key: String(g.key ?? g.group ?? g.year ?? g.value ?? g.name ?? ''),
    decisions: num(g.decisions) ?? num(g.count) ?? 0,
    upheld: num(g.upheld),
    faultFound: num(g.faultFound) ?? num(g.fault),
    payments: num(g.withPayment) ?? num(g.payments),
    remedyTotal: num(g.remedyTotal) ?? num(g.remedy?.total),
    remedyMedian: num(g.remedyMedian) ?? num(g.remedy?.median),
    remedyMax: num(g.remedyMax) ?? num(g.remedy?.max),
    medianDelayDays: num(g.medianDelayDays) ?? num(g.delayMedianDays),
    ehcDelayDays: num(g.delaysBySubject?.ehc_plan?.medianDelayDays),
    perResident: g.perResident ?? null,
  }));
}

/** @param {string} key @param {number} decisions @returns {Row} */
const bare = (key, decisions) => ({
  key,
  decisions,
  upheld: null,
  faultFound: null,
  payments: null,
  remedyTotal: null,
  remedyMedian: null,
  remedyMax: null,
  medianDelayDays: null,
  ehcDelayDays: null,
  perResident: null,
});

/** Decisions and upheld per year from search facets, for an API without /api/stats. */
async function yearRowsFromFacets() {
  const org = withSubject(new URLSearchParams({ organisation: name, limit: '1' }));
  const all = await getJson(`/api/search?${org}`);
  const everything = subjectText
    ? await getJson(`/api/search?${new URLSearchParams({ organisation: name, limit: '1' })}`)
    : all;
  org.set('outcome', 'Upheld');
  const upheld = await getJson(`/api/search?${org}`);
  /** @type {Record<string, number>} */
  const years = all.facets?.decisionYear ?? {};
  /** @type {Record<string, number>} */
  const upheldYears = upheld.facets?.decisionYear ?? {};
  const rows = Object.entries(years).map(([y, n]) => ({ ...bare(y, n), upheld: upheldYears[y] ?? 0 }));
  /** @type {Record<string, number>} */
  const categories = everything.facets?.category ?? {};
  /** @type {Record<string, number>} */
  const subcategories = (subject.category ? all : everything).facets?.subcategory ?? {};
  return {
    rows,
    categories: Object.entries(categories).map(([c, n]) => bare(c, n)),
    subcategories: Object.entries(subcategories).map(([c, n]) => bare(c, n)),
    fromStats: false,
    total: null,
  };
}

/**
 * The page's figures per year (narrowed to the subject), and the subjects to choose from: this
 * organisation's categories (all of them) and its subcategories (within the chosen category),
 * each with its count of decisions.
 */
async function loadFigures() {
  const org = new URLSearchParams({ organisation: name });
  try {
    const within = new URLSearchParams({ organisation: name, groupBy: 'subcategory' });
    if (subject.category) within.set('category', subject.category);
    const [byYear, categories, subcategories] = await Promise.all([
      getJson(`/api/stats?${withSubject(new URLSearchParams({ organisation: name, groupBy: 'year' }))}`),
      getJson(`/api/stats?${org}&groupBy=category`).then(statRows),
      getJson(`/api/stats?${within}`).then(statRows),
    ]);
    return {
      rows: statRows(byYear),
      categories,
      subcategories,
      fromStats: true,
      total: byYear.total ?? null,
    };
  } catch (e) {
    if (e && typeof e === 'object' && 'status' in e && e.status === 404) return yearRowsFromFacets();
    throw e;
  }
}

/**
 * Every period from the first to the last, so quiet ones show as zero rather than vanish. A period
 * is a number in sequence (`index`) written as a key (`key`); rows whose key is not one are left out.
 * @param {Row[]} rows @param {RegExp} pattern @param {(key: string) => number} index
 * @param {(i: number) => string} key
 */
function fillPeriods(rows, pattern, index, key) {
  const byIndex = new Map(rows.filter((r) => pattern.test(r.key)).map((r) => [index(r.key), r]));
  if (byIndex.size === 0) return [];
  const indexes = [...byIndex.keys()];
  const out = [];
  // A quiet period: no decision, so none upheld and no remedy (medians stay unknown).
  const quiet = (/** @type {string} */ k) => ({
    ...bare(k, 0),
    upheld: 0,
    faultFound: 0,
    payments: 0,
    remedyTotal: 0,
  });
  for (let i = Math.min(...indexes); i <= Math.max(...indexes); i++)
    out.push(byIndex.get(i) ?? quiet(key(i)));
  return out;
}

/** Every year from the first to the last. @param {Row[]} rows */
const fillYears = (rows) => fillPeriods(rows, /^\d{4}$/, Number, String);

/** Every quarter ("2024-Q1" …) from the first to the last. @param {Row[]} rows */
const fillQuarters = (rows) =>
  fillPeriods(
    rows,
    /^\d{4}-Q[1-4]$/,
    (k) => Number(k.slice(0, 4)) * 4 + Number(k.slice(6)) - 1,
    (i) => `${Math.floor(i / 4)}-Q${(i % 4) + 1}`,
  );

/** @param {number | null} part @param {number} whole */
const rate = (part, whole) => (part === null || whole === 0 ? null : part / whole);

/** The delay columns' headings, and what each counts (the headings' titles and the note below the tables). */
const ANY_DELAY = 'Median longest delay (any)';
const EHC_DELAY = 'Median EHC plan delay';
/** @type {Record<string, string>} */
const COLUMN_TITLES = {
  [ANY_DELAY]:
    'The median of each decision’s longest delay found, of any kind (an EHC plan, an annual review, an assessment, the reply to the complaint, …), in days, over the decisions with a delay.',
  [EHC_DELAY]:
    'The median of each decision’s longest EHC plan delay, in days beyond the 20-week limit for issuing a plan, over the decisions with an EHC plan delay; a dash when there is none.',
};

/**
 * The search behind each column of the figures tables, as /api/stats counts it: upheld is the
 * Decision line "Upheld", fault found either fault finding, payments and remedies the decisions
 * with a remedy above £0, delays those with a delay of a day or more (of any kind, or about an EHC
 * plan: delaySubject=ehc_plan, the days beyond the 20-week limit).
 * @type {Record<string, [string, string][]>}
 */
const COLUMN_SEARCH = {
  Decisions: [],
  'Per 100,000 residents': [],
  Upheld: [['outcome', 'Upheld']],
  'Upheld per 100,000': [['outcome', 'Upheld']],
  'Fault found': [
    ['finding', 'fault_injustice'],
    ['finding', 'fault_no_injustice'],
  ],
  'With payment': [['minRemedy', '0.01']],
  'Remedy total': [
    ['minRemedy', '0.01'],
    ['sort', 'remedy:desc'],
  ],
  'Median remedy': [
    ['minRemedy', '0.01'],
    ['sort', 'remedy:desc'],
  ],
  [ANY_DELAY]: [['minDelay', '1']],
  [EHC_DELAY]: [['delaySubject', 'ehc_plan']],
};

/**
 * The web search (`/?…`) that produced a table cell: the row's organisation, the page's subject
 * and the row's period, and the column's own condition. @param {string} organisation
 * @param {string} column @param {string | null} period a year ("2024"), a quarter ("2024-Q1") or
 * null for all years
 */
function cellSearch(organisation, column, period) {
  const p = withSubject(new URLSearchParams({ organisation }));
  const quarter = period ? /^(\d{4})-Q([1-4])$/.exec(period) : null;
  if (quarter) {
    const [y, n] = [Number(quarter[1]), Number(quarter[2])];
    const end = new Date(Date.UTC(y, n * 3, 0)).toISOString().slice(0, 10);
    p.set('from', `${y}-${String(n * 3 - 2).padStart(2, '0')}-01`);
    p.set('to', end);
  } else if (period) p.set('year', period);
  for (const [k, v] of COLUMN_SEARCH[column] ?? []) p.append(k, v);
  return `/?${p}`;
}

/** A figure cell that links to its decisions (a dash stays plain text). @param {string} text @param {string} href */
const figureCell = (text, href) => el('td', { class: 'num' }, text === '—' ? text : el('a', { href, text }));

/** @param {string} title @param {string} description */
function chartFigure(title, description) {
  const plot = el('div', { class: 'plot', role: 'img', 'aria-label': description });
  return { figure: el('figure', { class: 'chart' }, el('figcaption', { text: title }), plot), plot };
}

/**
 * The charts of the figures per year or per quarter (quarters drawn as evenly spaced periods
 * named "2024-Q1"). @param {Row[]} rows @param {boolean} fromStats
 * @param {'year' | 'quarter'} [per]
 */
function renderCharts(rows, fromStats, per = 'year') {
  const quarterly = per === 'quarter';
  // Years are their own x values; quarters are 0, 1, 2 … with their keys as labels.
  const years = quarterly ? rows.map((_r, i) => i) : rows.map((r) => Number(r.key));
  const labels = quarterly ? rows.map((r) => r.key) : undefined;
  const section = el(
    'section',
    { 'aria-labelledby': 'charts-heading', class: `charts-${per}` },
    el('h2', {
      id: 'charts-heading',
      text: `${quarterly ? 'Quarter by quarter' : 'Year by year'}${subjectText ? `: ${subjectText}` : ''}`,
    }),
  );
  const grid = el('div', { class: 'charts' });
  section.appendChild(grid);
  /** @type {(() => void)[]} */
  const draws = [];

  const a = chartFigure(
    'Decisions and upheld decisions',
    `Bar chart of decisions and upheld decisions per ${per}; the figures are in the table below.`,
  );
  grid.appendChild(a.figure);
  draws.push(() =>
    yearChart(a.plot, {
      years,
      labels,
      series: [
        {
          label: 'Decisions',
          values: rows.map((r) => r.decisions),
          colour: COLOURS.blue,
          kind: 'bars',
          align: -1,
          format: count,
        },
        {
          label: 'Upheld',
          values: rows.map((r) => r.upheld),
          colour: COLOURS.red,
          kind: 'bars',
          align: 1,
          format: count,
        },
      ],
    }),
  );

  const b = chartFigure(
    'Upheld and fault rates',
    `Line chart of the share of decisions upheld and with fault found per ${per}; the figures are in the table below.`,
  );
  grid.appendChild(b.figure);
  const pct = (/** @type {number} */ v) => percent(v);
  draws.push(() =>
    yearChart(b.plot, {
      years,
      labels,
      axes: [{ scale: '%', format: pct }],
      series: [
        {
          label: 'Upheld rate',
          values: rows.map((r) => rate(r.upheld, r.decisions)),
          colour: COLOURS.red,
          scale: '%',
          format: pct,
        },
        ...(fromStats
          ? [
              {
                label: 'Fault rate',
                values: rows.map((r) => rate(r.faultFound, r.decisions)),
                colour: COLOURS.orange,
                scale: '%',
                format: pct,
              },
            ]
          : []),
      ],
    }),
  );

  if (fromStats) {
    const c = chartFigure(
      `Remedies: total per ${per}`,
      `Bar chart of the total of remedy payments per ${per}; the figures are in the table below.`,
    );
    const m = chartFigure(
      'Remedies: median per decision with a payment',
      `Line chart of the median remedy per decision with a payment, per ${per}; the figures are in the table below.`,
    );
    grid.append(c.figure, m.figure);
    const pounds = { scale: '£', format: (/** @type {number} */ v) => money(v) };
    draws.push(() =>
      yearChart(c.plot, {
        years,
        labels,
        axes: [pounds],
        series: [
          {
            label: 'Total',
            values: rows.map((r) => r.remedyTotal),
            colour: COLOURS.blue,
            kind: 'bars',
            scale: '£',
            format: money,
          },
        ],
      }),
    );
    draws.push(() =>
      yearChart(m.plot, {
        years,
        labels,
        axes: [pounds],
        series: [
          {
            label: 'Median',
            values: rows.map((r) => r.remedyMedian),
            colour: COLOURS.green,
            scale: '£',
            format: money,
          },
        ],
      }),
    );
  } else {
    section.appendChild(
      el('p', {
        class: 'hint',
        text: 'Fault rates and remedy figures appear here once the archive’s statistics service is available.',
      }),
    );
  }
  return {
    section,
    draw: () => {
      for (const d of draws) d();
    },
  };
}

/** @param {Row[]} rows @param {boolean} fromStats @param {'year' | 'quarter'} period */
function periodTable(rows, fromStats, period = 'year') {
  const cols = [
    [period === 'year' ? 'Year' : 'Quarter', (/** @type {Row} */ r) => r.key],
    ['Decisions', (/** @type {Row} */ r) => count(r.decisions)],
    [
      'Upheld',
      (/** @type {Row} */ r) =>
        r.upheld === null
          ? '—'
          : `${count(r.upheld)} (${r.decisions ? percent(r.upheld / r.decisions) : '—'})`,
    ],
    ...(fromStats
      ? [
          [
            'Fault found',
            (/** @type {Row} */ r) =>
              r.faultFound === null
                ? '—'
                : `${count(r.faultFound)} (${r.decisions ? percent(r.faultFound / r.decisions) : '—'})`,
          ],
          ['With payment', (/** @type {Row} */ r) => (r.payments === null ? '—' : count(r.payments))],
          ['Remedy total', (/** @type {Row} */ r) => (r.remedyTotal === null ? '—' : money(r.remedyTotal))],
          [
            'Median remedy',
            (/** @type {Row} */ r) => (r.remedyMedian === null ? '—' : money(r.remedyMedian)),
          ],
          [
            ANY_DELAY,
            (/** @type {Row} */ r) =>
              r.medianDelayDays === null ? '—' : `${Math.round(r.medianDelayDays)} days`,
          ],
          [
            EHC_DELAY,
            (/** @type {Row} */ r) => (r.ehcDelayDays === null ? '—' : `${Math.round(r.ehcDelayDays)} days`),
          ],
        ]
      : []),
  ];
  return el(
    'div',
    { class: 'table-scroll' },
    el(
      'table',
      { class: period === 'year' ? 'per-year' : 'per-quarter' },
      el('caption', { text: `Figures per ${period}, newest first; each figure links to its decisions` }),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          cols.map(([h], i) =>
            el('th', {
              scope: 'col',
              class: i ? 'num' : null,
              title: COLUMN_TITLES[/** @type {string} */ (h)] ?? null,
              text: /** @type {string} */ (h),
            }),
          ),
        ),
      ),
      el(
        'tbody',
        {},
        [...rows].reverse().map((r) =>
          el(
            'tr',
            {},
            cols.map(([h, f], i) =>
              i === 0
                ? el('th', { scope: 'row', text: /** @type {(r: Row) => string} */ (f)(r) })
                : figureCell(
                    /** @type {(r: Row) => string} */ (f)(r),
                    cellSearch(name, /** @type {string} */ (h), r.key),
                  ),
            ),
          ),
        ),
      ),
    ),
  );
}

/** What the two delay columns count, under the table (their headings' titles say it too, but a phone shows no title). */
const delayNote = () =>
  el(
    'ul',
    { class: 'hint delay-note' },
    [ANY_DELAY, EHC_DELAY].map((h) => el('li', {}, el('strong', { text: `${h}: ` }), COLUMN_TITLES[h])),
  );

/**
 * The organisation's top categories, or, narrowed to a category, its subcategories; each links to
 * its search. @param {Row[]} rows @param {'category' | 'subcategory'} field
 */
function categoryTable(rows, field = 'category') {
  const top = [...rows]
    .filter((r) => r.key !== '(none)' || field === 'category')
    .sort((x, y) => y.decisions - x.decisions)
    .slice(0, 10);
  const searchLink = (/** @type {string} */ c) =>
    `/?${withSubject(new URLSearchParams({ organisation: name, [field]: c }))}`;
  return el(
    'section',
    { 'aria-labelledby': 'categories-heading' },
    el('h2', {
      id: 'categories-heading',
      text: field === 'category' ? 'Top categories' : `Subcategories of ${subject.category}`,
    }),
    el(
      'div',
      { class: 'table-scroll' },
      el(
        'table',
        {},
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            el('th', { scope: 'col', text: field === 'category' ? 'Category' : 'Subcategory' }),
            el('th', { scope: 'col', class: 'num', text: 'Decisions' }),
            el('th', { scope: 'col', class: 'num', text: 'Upheld' }),
            el('th', { scope: 'col', class: 'num', text: 'Remedy total' }),
          ),
        ),
        el(
          'tbody',
          {},
          top.map((c) =>
            el(
              'tr',
              {},
              el('th', { scope: 'row' }, el('a', { href: searchLink(c.key), text: c.key })),
              el('td', { class: 'num', text: count(c.decisions) }),
              el('td', { class: 'num', text: c.upheld === null ? '—' : count(c.upheld) }),
              el('td', { class: 'num', text: c.remedyTotal === null ? '—' : money(c.remedyTotal) }),
            ),
          ),
        ),
      ),
    ),
  );
}

/**
 * The charts and the table of the figures, per year or per quarter (quarters from /api/stats
 * grouped by quarter, fetched when first asked for): a change within a year, such as after a
 * council took on staff, shows in quarters before it shows in years. `show` switches; only the
 * newest switch draws, so a slow quarterly answer cannot replace the years asked for since.
 * @param {Row[]} years @param {boolean} fromStats
 */
function periodView(years, fromStats) {
  const holder = el('div', { 'aria-live': 'polite', id: 'period-view' });
  /** @type {Partial<Record<'year' | 'quarter', { nodes: HTMLElement[], draw: (() => void) | null }>>} */
  const built = {};
  let shows = 0;
  /** @param {'year' | 'quarter'} per */
  const build = async (per) => {
    const rows =
      per === 'year'
        ? years
        : fillQuarters(
            statRows(
              await getJson(
                `/api/stats?${withSubject(new URLSearchParams({ organisation: name, groupBy: 'quarter' }))}`,
              ),
            ),
          );
    if (rows.length === 0)
      return {
        nodes: [el('p', { text: `No decision here states its date, so none falls in a ${per}.` })],
        draw: null,
      };
    const charts = renderCharts(rows, fromStats, per);
    const table = periodTable(rows, fromStats, per);
    return { nodes: [charts.section, table, ...(fromStats ? [delayNote()] : [])], draw: charts.draw };
  };
  /** @param {'year' | 'quarter'} per */
  const show = async (per) => {
    const mine = ++shows;
    try {
      const view = built[per] ?? (await build(per));
      built[per] = view;
      if (mine !== shows) return;
      holder.replaceChildren(...view.nodes);
      // Drawn once, when in the page (uPlot sizes a chart to its box).
      view.draw?.();
      view.draw = null;
    } catch (e) {
      if (mine !== shows) return;
      holder.replaceChildren(
        el('p', {
          class: 'error',
          text: `The figures per ${per} could not be loaded: ${e instanceof Error ? e.message : e}`,
        }),
      );
    }
  };
  return { holder, show };
}

/**
 * The subject control: a category of this organisation's (with its count of decisions), then
 * optionally one of its subcategories, and the period; choosing a subject opens the page narrowed
 * to it (its address says so, to share), choosing a period switches in place and updates the
 * address. @param {Row[]} categories @param {Row[]} subcategories
 * @param {((per: 'year' | 'quarter') => void) | null} onPeriod null when only years exist
 */
function subjectControl(categories, subcategories, onPeriod) {
  /** @param {Row[]} rows @param {string | null} chosen */
  const options = (rows, chosen) => {
    const list = rows
      .filter((r) => r.key && r.key !== '(none)' && r.key !== 'all')
      .sort((a, b) => b.decisions - a.decisions || a.key.localeCompare(b.key, 'en-GB'));
    // A subject from the address that this organisation has no decision in stays shown, as 0.
    if (chosen && !list.some((r) => r.key === chosen)) list.push(bare(chosen, 0));
    return list.map((r) =>
      el('option', { value: r.key, text: `${r.key} (${count(r.decisions)})`, selected: r.key === chosen }),
    );
  };
  const category = /** @type {HTMLSelectElement} */ (
    el(
      'select',
      { id: 'subject-category', name: 'category' },
      el('option', { value: '', text: 'All categories' }),
      options(categories, subject.category),
    )
  );
  const subcategory = /** @type {HTMLSelectElement} */ (
    el(
      'select',
      { id: 'subject-subcategory', name: 'subcategory' },
      el('option', {
        value: '',
        text: subject.category ? `All of ${subject.category}` : 'All subcategories',
      }),
      options(subcategories, subject.subcategory),
    )
  );
  // A new category starts with all its subcategories.
  category.addEventListener('change', () =>
    location.assign(pageHref({ category: category.value || null, subcategory: null }, period)),
  );
  subcategory.addEventListener('change', () =>
    location.assign(
      pageHref({ category: category.value || null, subcategory: subcategory.value || null }, period),
    ),
  );
  const field = (/** @type {string} */ id, /** @type {string} */ text, /** @type {HTMLElement} */ input) =>
    el('span', { class: 'subject-field' }, el('label', { for: id, text }), input);
  const fields = [
    field('subject-category', 'Category', category),
    field('subject-subcategory', 'Subcategory', subcategory),
  ];
  if (onPeriod) {
    const select = /** @type {HTMLSelectElement} */ (
      el(
        'select',
        { id: 'period', name: 'period' },
        el('option', { value: 'year', text: 'year', selected: period === 'year' }),
        el('option', { value: 'quarter', text: 'quarter', selected: period === 'quarter' }),
      )
    );
    select.addEventListener('change', () => onPeriod(select.value === 'quarter' ? 'quarter' : 'year'));
    fields.push(field('period', 'Figures per', select));
  }
  return el(
    'form',
    {
      class: 'subject-form',
      'aria-label': 'Narrow the figures',
      onsubmit: (/** @type {Event} */ e) => e.preventDefault(),
    },
    fields,
    subjectText
      ? el('a', { href: pageHref({ category: null, subcategory: null }, period), text: 'All subjects' })
      : null,
  );
}

/**
 * Kinds of council, told apart by their names: the Ombudsman's pages give no council type, and
 * English councils' names carry it ("… County Council", "London Borough of …"). A council is
 * compared with the others of its kind; a name that says no kind ("Wiltshire Council", care
 * providers) gets no comparison rather than a guessed one.
 * @type {[string, (n: string) => boolean][]}
 */
const COUNCIL_KINDS = [
  ['metropolitan borough councils', (n) => / Metropolitan Borough Council$/.test(n)],
  ['county councils', (n) => / County Council$/.test(n)],
  ['London borough councils', (n) => /^London Borough of /.test(n)],
  ['city councils', (n) => / City Council$/.test(n)],
  ['district councils', (n) => / District Council$/.test(n)],
  ['borough councils', (n) => / Borough Council$/.test(n) && !/ Metropolitan Borough Council$/.test(n)],
];

/** @param {Row} r @param {number | null} part */
const share = (r, part) => (part === null || r.decisions === 0 ? null : part / r.decisions);

/** The comparison's columns: heading, cell text, and the value ranked (higher first). */
const PEER_COLUMNS = /** @type {const} */ ([
  ['Decisions', (/** @type {Row} */ r) => count(r.decisions), (/** @type {Row} */ r) => r.decisions],
  [
    'Upheld',
    (/** @type {Row} */ r) => (share(r, r.upheld) === null ? '—' : percent(share(r, r.upheld) ?? 0)),
    (/** @type {Row} */ r) => share(r, r.upheld),
  ],
  [
    'Fault found',
    (/** @type {Row} */ r) => (share(r, r.faultFound) === null ? '—' : percent(share(r, r.faultFound) ?? 0)),
    (/** @type {Row} */ r) => share(r, r.faultFound),
  ],
  [
    'With payment',
    (/** @type {Row} */ r) => (r.payments === null ? '—' : count(r.payments)),
    (/** @type {Row} */ r) => r.payments,
  ],
  [
    'Remedy total',
    (/** @type {Row} */ r) => (r.remedyTotal === null ? '—' : money(r.remedyTotal)),
    (/** @type {Row} */ r) => r.remedyTotal,
  ],
  [
    'Median remedy',
    (/** @type {Row} */ r) => (r.remedyMedian === null ? '—' : money(r.remedyMedian)),
    (/** @type {Row} */ r) => r.remedyMedian,
  ],
  [
    ANY_DELAY,
    (/** @type {Row} */ r) => (r.medianDelayDays === null ? '—' : `${Math.round(r.medianDelayDays)} days`),
    (/** @type {Row} */ r) => r.medianDelayDays,
  ],
  [
    'Per 100,000 residents',
    (/** @type {Row} */ r) => rate100k(r.perResident?.decisionsPer100k),
    (/** @type {Row} */ r) => r.perResident?.decisionsPer100k ?? null,
  ],
  [
    'Upheld per 100,000',
    (/** @type {Row} */ r) => rate100k(r.perResident?.upheldPer100k),
    (/** @type {Row} */ r) => r.perResident?.upheldPer100k ?? null,
  ],
]);

/** A figure per 100,000 residents, one decimal place; a dash without one. @param {number | null | undefined} v */
function rate100k(v) {
  return typeof v === 'number'
    ? v.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
    : '—';
}

/** The registry's kinds of council, as the page names them (registry/schema.ts). */
const KIND_NAMES = /** @type {Record<string, string>} */ ({
  county: 'county councils',
  unitary: 'unitary councils',
  metropolitan_borough: 'metropolitan borough councils',
  london_borough: 'London borough councils',
  district: 'district councils',
  city_of_london: 'City of London',
  isles_of_scilly: 'Isles of Scilly',
});

/**
 * The organisation registry's entry for this name (ONS code, kind, region, population,
 * predecessors), from /api/organisations; null when the API has none or the name is no council.
 * @returns {Promise<any>}
 */
async function loadRegistry() {
  try {
    const body = await getJson(`/api/organisations?${new URLSearchParams({ organisation: name })}`);
    const own = (body?.organisations ?? []).find((/** @type {any} */ o) => o.organisation === name);
    return own?.organisationCode ? own : null;
  } catch {
    return null;
  }
}

/**
 * Decisions and upheld decisions per 100,000 residents: this council (its own decisions, or with
 * the councils it replaced joined), councils of its kind (all, or in its region), and each year.
 * Every figure is /api/stats's; the page only lays them out.
 * @param {any} reg the registry entry (loadRegistry)
 */
async function perResidentSection(reg) {
  const kindName = KIND_NAMES[reg.organisationKind] ?? reg.organisationKind;
  const section = el(
    'section',
    { 'aria-labelledby': 'per-heading', class: 'per-resident' },
    el('h2', {
      id: 'per-heading',
      text: `Per 100,000 residents${subjectText ? `: ${subjectText}` : ''}`,
    }),
    el('p', {
      id: 'registry-line',
      text: `${reg.registryName ?? name}: ONS code ${reg.organisationCode}, ${kindName.replace(/s$/, '')}${reg.region ? `, ${reg.region}` : ''}${reg.population ? `; ${count(reg.population.residents)} residents (${reg.population.year})` : ''}.`,
    }),
  );
  const regionBox = el('input', { type: 'checkbox', id: 'per-region' });
  const historyBox = el('input', { type: 'checkbox', id: 'per-history' });
  const controls = el('p', { class: 'hint' });
  if (reg.region)
    controls.append(
      regionBox,
      el('label', { for: 'per-region', text: ` Only ${kindName} in ${reg.region}` }),
      ' ',
    );
  if (reg.predecessors.length > 0) {
    section.append(
      el(
        'p',
        { id: 'predecessors' },
        `It replaced, on ${longDate(reg.predecessors[0].date)}: `,
        ...reg.predecessors.flatMap(
          (/** @type {{ code: string, name: string }} */ p, /** @type {number} */ i) => [
            i > 0 ? ', ' : '',
            el('a', { href: organisationHref(p.name), text: p.name }),
            ` (${p.code})`,
          ],
        ),
        '.',
      ),
    );
    controls.append(
      historyBox,
      el('label', { for: 'per-history', text: ' Join their decisions (its history)' }),
    );
  }
  const body = el('div', { 'aria-live': 'polite' });
  const value = (/** @type {string} */ id, /** @type {number | undefined} */ v) =>
    el('strong', { id, 'data-value': v === undefined ? '' : String(v), text: rate100k(v) });
  // Each switch starts a render; only the newest may draw, so a slow earlier answer never
  // overwrites the figures of the switch the reader made last.
  let renders = 0;
  const render = async () => {
    const mine_ = ++renders;
    const own = withSubject(new URLSearchParams({ organisationCode: reg.organisationCode }));
    if (/** @type {HTMLInputElement} */ (historyBox).checked) own.set('includePredecessors', 'true');
    const kindQ = withSubject(new URLSearchParams({ organisationKind: reg.organisationKind }));
    if (/** @type {HTMLInputElement} */ (regionBox).checked && reg.region) kindQ.set('region', reg.region);
    const [mine, kind, years] = await Promise.all([
      getJson(`/api/stats?${own}`),
      getJson(`/api/stats?${kindQ}`),
      getJson(`/api/stats?${own}&groupBy=year`),
    ]);
    if (mine_ !== renders) return;
    const m = mine.total.perResident;
    const k = kind.total.perResident;
    const kindLabel = `${kindName}${kindQ.has('region') ? ` in ${reg.region}` : ''}`;
    body.replaceChildren(
      el(
        'p',
        { id: 'per-own' },
        `${own.has('includePredecessors') ? `${name} with the councils it replaced` : name}: `,
        value('per-decisions', m?.decisionsPer100k),
        ' decisions and ',
        value('per-upheld', m?.upheldPer100k),
        ` upheld decisions per 100,000 residents (${count(mine.total.decisions)} decisions; ${m ? `${count(m.residents)} residents, ${m.populationYears.join(', ')} figure` : 'no population figure'}).`,
      ),
      el(
        'p',
        { id: 'per-kind' },
        `All ${kindLabel} in the archive (${count(k?.councils ?? 0)}): `,
        value('kind-decisions', k?.decisionsPer100k),
        ' decisions and ',
        value('kind-upheld', k?.upheldPer100k),
        ` upheld per 100,000 residents (${count(kind.total.decisions)} decisions).`,
      ),
      el(
        'div',
        { class: 'table-scroll' },
        el(
          'table',
          { id: 'per-years' },
          el('caption', {
            text: `Per 100,000 residents, by year${subjectText ? `, decisions about ${subjectText}` : ''} (the population of that year, or the nearest year with a figure)`,
          }),
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              [
                'Year',
                'Decisions',
                'Per 100,000',
                'Upheld',
                'Upheld per 100,000',
                'Residents (figure of)',
              ].map((h) => el('th', { scope: 'col', text: h })),
            ),
          ),
          el(
            'tbody',
            {},
            (years.groups ?? []).map((/** @type {any} */ g) =>
              el(
                'tr',
                {},
                el('th', { scope: 'row', text: String(g.key) }),
                el('td', { class: 'num', text: count(g.decisions) }),
                el('td', { class: 'num', text: rate100k(g.perResident?.decisionsPer100k) }),
                el('td', { class: 'num', text: count(g.upheld) }),
                el('td', { class: 'num', text: rate100k(g.perResident?.upheldPer100k) }),
                el('td', {
                  class: 'num',
                  text: g.perResident
                    ? `${count(g.perResident.residents)} (${g.perResident.populationYears.join(', ')})`
                    : '—',
                }),
              ),
            ),
          ),
        ),
      ),
      el('p', {
        class: 'hint',
        text: 'Complaints depend on more than population: what a council does (a county runs social care and education, a district does not), how many people use its services, how it handles complaints and how readily people complain. A figure per resident makes councils of different sizes comparable; it does not rank their services.',
      }),
    );
  };
  const rerender = () =>
    render().catch((e) =>
      body.replaceChildren(
        el('p', {
          class: 'error',
          text: `The figures could not be loaded: ${e instanceof Error ? e.message : e}`,
        }),
      ),
    );
  regionBox.addEventListener('change', rerender);
  historyBox.addEventListener('change', rerender);
  await render();
  section.append(controls, body);
  return section;
}

/**
 * Where this council stands among its kind on one measure: "3rd of 12" (1st = highest), or null
 * when it has no value.
 * @param {Row[]} rows @param {Row} self @param {(r: Row) => number | null} value
 */
function rankOf(rows, self, value) {
  const v = value(self);
  if (v === null) return null;
  const above = rows.filter((r) => (value(r) ?? Number.NEGATIVE_INFINITY) > v).length;
  return { rank: above + 1, of: rows.filter((r) => value(r) !== null).length };
}

/** @param {number} n */
const ordinal = (n) => {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${count(n)}${suffix}`;
};

/**
 * This council beside the other councils of its kind, on the per-year measures, for all years or
 * one (from /api/stats grouped by organisation, so every figure is exact); null when the name
 * says no kind or the archive holds no other council of the kind.
 * @param {string[]} years the years this council has decisions in, newest first
 * @param {any} reg the registry entry (loadRegistry), or null: the kind then comes from the name
 */
async function peerComparison(years, reg) {
  // The registry's kind when it knows the council; else the kind the name's last words say.
  const kind = reg
    ? /** @type {[string, (n: string) => boolean]} */ ([
        KIND_NAMES[reg.organisationKind] ?? reg.organisationKind,
        () => true,
      ])
    : COUNCIL_KINDS.find(([, test]) => test(name));
  if (!kind) return null;
  const [kindName, isKind] = kind;
  const peerRegion = el('input', { type: 'checkbox', id: 'peers-region' });
  const section = el('section', { 'aria-labelledby': 'peers-heading', class: 'peers' });
  const heading = el('h2', {
    id: 'peers-heading',
    text: `Compared with other ${kindName}${subjectText ? `: ${subjectText}` : ''}`,
  });
  const yearSelect = el(
    'select',
    { id: 'peers-year' },
    el('option', { value: '', text: 'All years' }),
    years.map((y) => el('option', { value: y, text: y })),
  );
  const body = el('div', { 'aria-live': 'polite' });
  const render = async () => {
    const q = withSubject(new URLSearchParams({ groupBy: 'organisation' }));
    if (reg) q.set('organisationKind', reg.organisationKind);
    if (reg?.region && /** @type {HTMLInputElement} */ (peerRegion).checked) q.set('region', reg.region);
    const year = /** @type {HTMLSelectElement} */ (yearSelect).value;
    if (year) q.set('year', year);
    const rows = statRows(await getJson(`/api/stats?${q}`))
      .filter((r) => isKind(r.key))
      .sort((a, b) => b.decisions - a.decisions || a.key.localeCompare(b.key, 'en-GB'));
    const self = rows.find((r) => r.key === name);
    if (rows.length < 2) {
      body.replaceChildren(
        el('p', {
          text: `The archive holds no other ${kindName} with decisions${subjectText ? ` about ${subjectText}` : ''}${year ? ` in ${year}` : ''}.`,
        }),
      );
      return;
    }
    const standing = self
      ? [
          ['decisions', PEER_COLUMNS[0][2]],
          ['upheld rate', PEER_COLUMNS[1][2]],
          ['remedy total', PEER_COLUMNS[4][2]],
        ]
          .map(([what, value]) => {
            const r = rankOf(rows, self, /** @type {(r: Row) => number | null} */ (value));
            return r ? `${ordinal(r.rank)} of ${count(r.of)} on ${what}` : null;
          })
          .filter(Boolean)
          .join(', ')
      : '';
    body.replaceChildren(
      el('p', {
        id: 'peers-standing',
        text: self
          ? `${name}, ${subjectText ? `${subjectText}, ` : ''}${year ? `decisions of ${year}` : 'all years'}: ${standing} (1st is the highest). Rates are shares of each council’s decisions, so a council with few decisions can swing widely.`
          : `${name} has no decision${subjectText ? ` about ${subjectText}` : ''}${year ? ` in ${year}` : ''}.`,
      }),
      el(
        'div',
        { class: 'table-scroll' },
        el(
          'table',
          { class: 'peers' },
          el('caption', {
            text: `${count(rows.length)} ${kindName}, ${subjectText ? `${subjectText}, ` : ''}${year ? `decisions of ${year}` : 'all years'}, most decisions first`,
          }),
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              el('th', { scope: 'col', text: 'Council' }),
              PEER_COLUMNS.map(([h]) =>
                el('th', { scope: 'col', class: 'num', title: COLUMN_TITLES[h] ?? null, text: h }),
              ),
            ),
          ),
          el(
            'tbody',
            {},
            rows.map((r) =>
              el(
                'tr',
                r.key === name ? { class: 'this', 'aria-current': 'true' } : {},
                el('th', { scope: 'row' }, el('a', { href: organisationHref(r.key), text: r.key })),
                PEER_COLUMNS.map(([h, cell]) => figureCell(cell(r), cellSearch(r.key, h, year || null))),
              ),
            ),
          ),
        ),
      ),
    );
  };
  peerRegion.addEventListener('change', () => yearSelect.dispatchEvent(new Event('change')));
  yearSelect.addEventListener('change', () => {
    render().catch((e) =>
      body.replaceChildren(
        el('p', {
          class: 'error',
          text: `The comparison could not be loaded: ${e instanceof Error ? e.message : e}`,
        }),
      ),
    );
  });
  await render();
  section.append(
    heading,
    el(
      'p',
      { class: 'hint' },
      el('label', { for: 'peers-year', text: 'Decisions of ' }),
      yearSelect,
      ...(reg?.region
        ? [' ', peerRegion, el('label', { for: 'peers-region', text: ` only in ${reg.region}` })]
        : []),
    ),
    body,
  );
  return section;
}

/** The largest remedies, from a search sorted by remedy; hidden when the API cannot sort so. */
async function largestRemedies() {
  const section = el(
    'section',
    { 'aria-labelledby': 'largest-heading' },
    el('h2', { id: 'largest-heading', text: 'Largest remedies' }),
  );
  try {
    const q = withSubject(new URLSearchParams({ organisation: name, sort: 'remedy:desc', limit: '10' }));
    const result = await getJson(`/api/search?${q}`);
    /** @type {any[]} */
    const hits = (result.hits ?? []).filter(
      (/** @type {any} */ h) => typeof h.remedyTotal === 'number' && h.remedyTotal > 0,
    );
    if (hits.length === 0) {
      section.appendChild(
        el('p', {
          text: `No decision about this organisation${subjectText ? ` and ${subjectText}` : ''} records a remedy payment.`,
        }),
      );
      return section;
    }
    section.appendChild(
      el(
        'div',
        { class: 'table-scroll' },
        el(
          'table',
          { class: 'largest' },
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              el('th', { scope: 'col', class: 'num', text: 'Remedy' }),
              el('th', { scope: 'col', text: 'Decision' }),
              el('th', { scope: 'col', text: 'Date' }),
              el('th', { scope: 'col', text: 'Category' }),
            ),
          ),
          el(
            'tbody',
            {},
            hits.map((h) =>
              el(
                'tr',
                {},
                el('td', { class: 'num', text: money(h.remedyTotal) }),
                el('td', {}, el('a', { href: decisionHref(h.refKey), text: h.ref })),
                el('td', { text: longDate(h.decisionDate) }),
                el('td', { text: [h.category, h.subcategory].filter(Boolean).join(' › ') }),
              ),
            ),
          ),
        ),
      ),
    );
  } catch {
    section.appendChild(
      el('p', { class: 'hint', text: 'Sorting by remedy is not available from this archive yet.' }),
    );
  }
  return section;
}

/**
 * The organisation's totals: from the stats total when there is one (it counts decisions whose page
 * states no date, which no year row holds), else the sum of the year rows.
 * @param {Row[]} rows @param {boolean} fromStats @param {any} total
 */
function headline(rows, fromStats, total) {
  const totalRow = total ? statRows({ groups: [total] })[0] : undefined;
  const sum = (/** @type {(r: Row) => number | null} */ f) =>
    totalRow ? (f(totalRow) ?? 0) : rows.reduce((t, r) => t + (f(r) ?? 0), 0);
  const decisions = sum((r) => r.decisions);
  const upheld = sum((r) => r.upheld);
  const stats = [
    [count(decisions), 'decisions'],
    [`${count(upheld)} (${decisions ? percent(upheld / decisions) : '—'})`, 'upheld'],
  ];
  if (fromStats) {
    const fault = sum((r) => r.faultFound);
    stats.push([decisions ? percent(fault / decisions) : '—', 'with fault found']);
    stats.push([money(sum((r) => r.remedyTotal)), 'remedies in total']);
  }
  return statRow(/** @type {[string, string][]} */ (stats));
}

/**
 * What the figures rest on, and their gaps: decisions not yet read for figures, decisions removed
 * from the Ombudsman's site, decisions listed under this name that the archive lacks (with why),
 * and listing dates no crawl has finished: counted and named, never silently dropped.
 * @param {any} total the stats total row, or null without /api/stats
 * @param {any} gaps the /api/coverage answer for this organisation, or null without it
 * @param {number} [undated] decisions whose page states no decision date
 */
function coverage(total, gaps, undated = 0) {
  const notes = [
    'Figures count the decisions in this archive, by decision date; each table links to the decisions behind it.',
  ];
  if (subjectText)
    notes.push(
      `Every figure above counts only the decisions about ${subjectText}, the Ombudsman’s own category${subject.subcategory ? ' and subcategory' : ''} on each decision; the gaps below are the organisation’s, of any subject (its listings name no subject).`,
    );
  if (total?.firstDecisionDate && total?.lastDecisionDate)
    notes.push(`Decisions from ${longDate(total.firstDecisionDate)} to ${longDate(total.lastDecisionDate)}.`);
  if (undated > 0)
    notes.push(
      `${count(undated)} decision${undated === 1 ? '’s page states' : 's’ pages state'} no decision date (the copy lacks its header lines): counted in the totals, in no year or quarter.`,
    );
  if (total?.withoutFacts)
    notes.push(
      `${count(total.withoutFacts)} decision${total.withoutFacts === 1 ? ' was' : 's were'} archived before figures were extracted: their finding counts as not stated and they add nothing to the remedy figures.`,
    );
  if (total?.removed)
    notes.push(
      `${count(total.removed)} decision${total.removed === 1 ? ' has' : 's have'} since been removed from the Ombudsman’s site; the archive keeps ${total.removed === 1 ? 'it' : 'them'} and ${total.removed === 1 ? 'it is' : 'they are'} counted here.`,
    );
  if (gaps?.staleVersions)
    notes.push(
      `${count(gaps.staleVersions)} decision${gaps.staleVersions === 1 ? ' is' : 's are'} counted as an earlier version: the latest page could not be read.`,
    );
  for (const g of gaps?.listings?.gaps ?? [])
    notes.push(
      `The Ombudsman’s listings from ${longDate(g.from)} to ${longDate(g.to)} have not been walked to the end: decisions of those dates may be missing here.`,
    );
  const section = el(
    'section',
    { 'aria-labelledby': 'coverage-heading' },
    el('h2', { id: 'coverage-heading', text: 'About these figures' }),
    el(
      'ul',
      { class: 'hint' },
      notes.map((n) => el('li', { text: n })),
    ),
  );
  const missing = gaps?.missing;
  if (missing?.total) {
    section.append(
      el('p', {
        id: 'missing-summary',
        text: `${count(missing.total)} decision${missing.total === 1 ? '' : 's'} listed under this name on the Ombudsman’s site ${missing.total === 1 ? 'is' : 'are'} not in this archive and not counted above: ${missingCounts(missing)}.`,
      }),
      missingTable(missing.items),
    );
    if (missing.total > missing.items.length)
      section.append(
        el('p', {
          class: 'hint',
          text: `The newest ${count(missing.items.length)} are listed; the API has them all: /api/coverage.`,
        }),
      );
  }
  return section;
}

/** This organisation's gaps from /api/coverage; null when the API does not answer it. */
async function loadGaps() {
  try {
    return await getJson(`/api/coverage?${new URLSearchParams({ organisation: name, limit: '50' })}`);
  } catch {
    return null;
  }
}

async function load() {
  document.title = `${subjectText ? `${name} — ${subjectText}` : name} · lgsco-archive`;
  try {
    const { rows, categories, subcategories, fromStats, total } = await loadFigures();
    const years = fillYears(rows);
    // Decisions whose page states no date are in the totals but in no year.
    const undated = total ? total.decisions - years.reduce((t, r) => t + r.decisions, 0) : 0;
    const filter = withSubject(new URLSearchParams({ organisation: name }));
    if (!fromStats) period = 'year';
    const narrowing = el('p', { id: 'narrowing', class: 'narrowing', text: narrowingText() });
    const view = periodView(years, fromStats);
    const onPeriod = fromStats
      ? (/** @type {'year' | 'quarter'} */ per) => {
          period = per;
          history.replaceState(null, '', pageHref(subject, per));
          narrowing.textContent = narrowingText();
          void view.show(per);
        }
      : null;
    const header = el(
      'header',
      {},
      el('p', { class: 'eyebrow', text: 'Organisation' }),
      el('h1', { text: name }),
      narrowing,
      subjectControl(categories, subcategories, onPeriod),
      el(
        'p',
        { class: 'downloads' },
        el('a', { href: `/?${filter}`, text: 'Search its decisions' }),
        el('a', { href: `/api/export.csv?${filter}&bom=true`, download: true, text: 'Download CSV' }),
        el('a', {
          href: `/api/feeds/search.atom?${filter}`,
          type: 'application/atom+xml',
          text: 'Follow (Atom feed)',
        }),
      ),
    );
    if (years.length === 0 && !total?.decisions) {
      const gaps = subjectText ? null : await loadGaps();
      main.replaceChildren(
        header,
        el('p', {
          id: 'no-decisions',
          text: subjectText
            ? `The archive holds no decision about this organisation and ${subjectText}.`
            : 'The archive holds no decision about this organisation.',
        }),
        ...(gaps?.missing?.total ? [coverage(null, gaps)] : []),
      );
      return;
    }
    const reg = fromStats ? await loadRegistry() : null;
    const peers = fromStats
      ? await peerComparison(
          years
            .filter((r) => r.decisions > 0)
            .map((r) => r.key)
            .reverse(),
          reg,
        )
      : null;
    const perResident = reg ? await perResidentSection(reg) : null;
    // Not narrowed: its top categories; narrowed to a category: its subcategories; to a
    // subcategory: nothing more to break down.
    const breakdown = subject.subcategory
      ? null
      : subject.category
        ? categoryTable(subcategories, 'subcategory')
        : categoryTable(categories);
    main.replaceChildren(
      header,
      headline(years, fromStats, total),
      view.holder,
      ...(perResident ? [perResident] : []),
      ...(peers ? [peers] : []),
      ...(breakdown ? [breakdown] : []),
      await largestRemedies(),
      coverage(total, await loadGaps(), undated),
    );
    await view.show(period);
  } catch (e) {
    document.getElementById('loading')?.remove();
    showError(
      document.getElementById('error'),
      `The figures could not be loaded: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

void load();
