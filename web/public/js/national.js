// The national view: GET /api/national laid out as figures, tables and charts. Every figure is the
// API's; each links to the search the API names for it (`search` of its row), which lists exactly
// that many decisions.
import { COLOURS, yearChart } from './charts.js';
import { count, el, getJson, money, percent, showError } from './common.js';

/**
 * @typedef {{ decisions: string | null, withPayment: string | null, upheld: string | null,
 *   upheldWithoutPayment: string | null, remedyMax: string | null }} Links
 * @typedef {{ decisions: number, withPayment: number, remedyTotal: number, remedyMedian: number | null,
 *   remedyMean: number | null, remedyMax: number | null, remedyMaxRef: string | null, upheld: number,
 *   upheldWithoutPayment: number, upheldWithoutPaymentShare: number | null, search: Links }} Row
 * @typedef {Row & { category: string, subcategories: (Row & { subcategory: string | null })[] }} CategoryRow
 * @typedef {Row & { year: number | null }} YearRow
 * @typedef {{ rankBy: string, total: Row, categories: CategoryRow[], years: YearRow[] }} National
 */

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** The form's own fields; every other parameter of the address is passed on to the API as it is. */
const FORM_FIELDS = ['from', 'to', 'organisationKind', 'region', 'rankBy'];

const RANK_LABELS = /** @type {Record<string, string>} */ ({
  remedyTotal: 'remedy total',
  remedyMedian: 'median remedy',
  remedyMean: 'mean remedy',
  remedyMax: 'largest single remedy',
});

/** A figure linking to its decisions; plain text when no search expresses the set. @param {string} text @param {string | null} href */
const linked = (text, href) => (href ? el('a', { href, text }) : text);
/** @param {string} text @param {string | null} href */
const cell = (text, href) => el('td', { class: 'num' }, linked(text, href));
/** @param {number | null} v */
const pounds = (v) => (v === null ? '—' : money(v));
/** @param {number | null} v */
const share = (v) => (v === null ? '—' : percent(v, 1));

/** A headline tile whose value links to its decisions. @param {string} value @param {string} what @param {string | null} href */
const tile = (value, what, href) =>
  el(
    'li',
    { class: 'stat' },
    href ? el('a', { class: 'value', href, text: value }) : el('span', { class: 'value', text: value }),
    el('span', { class: 'what', text: what }),
  );

/** @param {Row} t */
function headline(t) {
  return el(
    'ul',
    { class: 'stat-row', id: 'headline' },
    tile(count(t.decisions), 'decisions', t.search.decisions),
    tile(count(t.withPayment), 'with a payment', t.search.withPayment),
    tile(pounds(t.remedyTotal), 'remedies in total', t.search.withPayment),
    tile(pounds(t.remedyMedian), 'median remedy', t.search.withPayment),
    tile(count(t.upheld), 'upheld', t.search.upheld),
    tile(
      count(t.upheldWithoutPayment),
      `upheld without a payment (${share(t.upheldWithoutPaymentShare)} of upheld)`,
      t.search.upheldWithoutPayment,
    ),
  );
}

/** The remedy columns of a row (header, cell). @type {[string, (r: Row) => HTMLElement][]} */
// The remedies first, so that a phone shows them before the table scrolls.
const REMEDY_COLUMNS = [
  ['Remedy total', (r) => cell(pounds(r.remedyTotal), r.search.withPayment)],
  ['Median', (r) => cell(pounds(r.remedyMedian), r.search.withPayment)],
  ['Mean', (r) => cell(pounds(r.remedyMean), r.search.withPayment)],
  ['Largest', (r) => cell(pounds(r.remedyMax), r.search.remedyMax)],
  ['With a payment', (r) => cell(count(r.withPayment), r.search.withPayment)],
  ['Decisions', (r) => cell(count(r.decisions), r.search.decisions)],
];

/**
 * @param {string} id @param {string} caption @param {string[]} headers
 * @param {HTMLTableRowElement[]} rows
 */
function table(id, caption, headers, rows) {
  return el(
    'div',
    { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': `${id}-caption` },
    el(
      'table',
      { id },
      el('caption', { id: `${id}-caption`, text: caption }),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          headers.map((h, i) => el('th', { scope: 'col', class: i ? 'num' : null, text: h })),
        ),
      ),
      el('tbody', {}, rows),
    ),
  );
}

/** @param {National} n */
function categorySection(n) {
  const rows = n.categories.flatMap((c) => [
    el(
      'tr',
      { class: 'category national-category' },
      el('th', { scope: 'row', text: c.category }),
      REMEDY_COLUMNS.map(([, f]) => f(c)),
    ),
    ...c.subcategories.map((s) =>
      el(
        'tr',
        { class: 'subcategory national-subcategory' },
        el('th', {
          scope: 'row',
          class: 'national-subcategory-name',
          text: s.subcategory ?? '(no subcategory)',
        }),
        REMEDY_COLUMNS.map(([, f]) => f(s)),
      ),
    ),
  ]);
  return el(
    'section',
    { 'aria-labelledby': 'categories-heading' },
    el('h2', { id: 'categories-heading', text: 'Which categories draw the largest remedies' }),
    el('p', {
      class: 'hint',
      text: `Categories ranked by ${RANK_LABELS[n.rankBy] ?? n.rankBy}, largest first; under each, its subcategories ranked the same way. A median or mean over a handful of payments moves a lot with one decision: read it beside “With a payment”.`,
    }),
    table(
      'categories',
      `Remedies by category and subcategory (ranked by ${RANK_LABELS[n.rankBy] ?? n.rankBy}); each figure links to its decisions`,
      ['Category / subcategory', ...REMEDY_COLUMNS.map(([h]) => h)],
      rows,
    ),
  );
}

/** @param {YearRow} y */
const yearLabel = (y) => (y.year === null ? 'No date stated' : String(y.year));

/** @param {string} title @param {string} description */
function chartFigure(title, description) {
  const plot = el('div', { class: 'plot', role: 'img', 'aria-label': description });
  return { figure: el('figure', { class: 'chart' }, el('figcaption', { text: title }), plot), plot };
}

/** @param {National} n */
function yearSection(n) {
  const dated = n.years.filter((y) => y.year !== null);
  const years = dated.map((y) => /** @type {number} */ (y.year));
  const totalChart = chartFigure(
    'Remedy total per year',
    'Bar chart of the sum of remedies per decision year; the figures are in the table below.',
  );
  const typicalChart = chartFigure(
    'Median and mean remedy per year',
    'Line chart of the median and the mean remedy of the decisions with a payment, per decision year; the figures are in the table below.',
  );
  totalChart.figure.id = 'chart-total';
  typicalChart.figure.id = 'chart-typical';
  const axis = { scale: '£', format: (/** @type {number} */ v) => money(v) };
  const draw = () => {
    if (years.length === 0) return;
    yearChart(totalChart.plot, {
      years,
      axes: [axis],
      series: [
        {
          label: 'Remedy total',
          values: dated.map((y) => y.remedyTotal),
          colour: COLOURS.blue,
          kind: 'bars',
          scale: '£',
          format: money,
        },
      ],
    });
    yearChart(typicalChart.plot, {
      years,
      axes: [axis],
      series: [
        {
          label: 'Median',
          values: dated.map((y) => y.remedyMedian),
          colour: COLOURS.green,
          scale: '£',
          format: money,
        },
        {
          label: 'Mean',
          values: dated.map((y) => y.remedyMean),
          colour: COLOURS.orange,
          scale: '£',
          format: money,
        },
      ],
    });
  };
  const section = el(
    'section',
    { 'aria-labelledby': 'years-heading' },
    el('h2', { id: 'years-heading', text: 'How remedy amounts moved over the years' }),
    years.length > 0
      ? el('div', { class: 'charts' }, totalChart.figure, typicalChart.figure)
      : el('p', { text: 'No dated decisions match.' }),
    table(
      'years',
      'Remedies by decision year, oldest first; each figure links to its decisions',
      ['Year', ...REMEDY_COLUMNS.map(([h]) => h)],
      n.years.map((y) =>
        el(
          'tr',
          {},
          el('th', { scope: 'row', text: yearLabel(y) }),
          REMEDY_COLUMNS.map(([, f]) => f(y)),
        ),
      ),
    ),
  );
  return { section, draw };
}

/** @param {National} n */
function unpaidSection(n) {
  const t = n.total;
  const dated = n.years.filter((y) => y.year !== null && y.upheld > 0);
  const chart = chartFigure(
    'Share of upheld decisions without a payment, per year',
    'Line chart of the share of upheld decisions that carry no payment, per decision year; the figures are in the table below.',
  );
  chart.figure.id = 'chart-unpaid';
  const draw = () => {
    if (dated.length === 0) return;
    const pct = (/** @type {number} */ v) => percent(v);
    yearChart(chart.plot, {
      years: dated.map((y) => /** @type {number} */ (y.year)),
      axes: [{ scale: '%', format: pct }],
      series: [
        {
          label: 'Without a payment',
          values: dated.map((y) => y.upheldWithoutPaymentShare),
          colour: COLOURS.red,
          scale: '%',
          format: (v) => percent(v, 1),
        },
      ],
    });
  };
  const section = el(
    'section',
    { 'aria-labelledby': 'unpaid-heading' },
    el('h2', { id: 'unpaid-heading', text: 'How often upheld decisions carry no payment' }),
    el(
      'p',
      { id: 'unpaid-summary' },
      t.upheld === 0
        ? 'No upheld decisions match.'
        : [
            linked(count(t.upheldWithoutPayment), t.search.upheldWithoutPayment),
            ` of `,
            linked(count(t.upheld), t.search.upheld),
            ` upheld decisions (${share(t.upheldWithoutPaymentShare)}) carry no payment: no sum counted in their remedy total. Their remedy may be an apology, a service improvement or other action; a declined or insufficient offer is not a payment.`,
          ],
    ),
    dated.length > 0 ? el('div', { class: 'charts' }, chart.figure) : null,
    table(
      'unpaid',
      'Upheld decisions without a payment by decision year; each figure links to its decisions',
      ['Year', 'Upheld', 'No payment', 'Share of upheld'],
      n.years.map((y) =>
        el(
          'tr',
          {},
          el('th', { scope: 'row', text: yearLabel(y) }),
          cell(count(y.upheld), y.search.upheld),
          cell(count(y.upheldWithoutPayment), y.search.upheldWithoutPayment),
          el('td', { class: 'num', text: share(y.upheldWithoutPaymentShare) }),
        ),
      ),
    ),
    table(
      'unpaid-categories',
      'Upheld decisions without a payment by category, highest share first; each figure links to its decisions',
      ['Category', 'Upheld', 'No payment', 'Share of upheld'],
      n.categories
        .filter((c) => c.upheld > 0)
        .sort(
          (a, b) =>
            (b.upheldWithoutPaymentShare ?? 0) - (a.upheldWithoutPaymentShare ?? 0) ||
            b.upheld - a.upheld ||
            a.category.localeCompare(b.category),
        )
        .map((c) =>
          el(
            'tr',
            {},
            el('th', { scope: 'row', text: c.category }),
            cell(count(c.upheld), c.search.upheld),
            cell(count(c.upheldWithoutPayment), c.search.upheldWithoutPayment),
            el('td', { class: 'num', text: share(c.upheldWithoutPaymentShare) }),
          ),
        ),
    ),
  );
  return { section, draw };
}

/** Fills the form from the address and keeps the other parameters (shown, and sent on with it). */
function fillForm(/** @type {URLSearchParams} */ params) {
  const form = /** @type {HTMLFormElement} */ ($('national-form'));
  for (const name of FORM_FIELDS) {
    const field = /** @type {HTMLInputElement | HTMLSelectElement | null} */ (form.elements.namedItem(name));
    const v = params.get(name);
    if (field && v !== null) field.value = v;
  }
  const others = [...params].filter(([k, v]) => !FORM_FIELDS.includes(k) && v !== '');
  for (const [k, v] of others) form.appendChild(el('input', { type: 'hidden', name: k, value: v }));
  if (others.length > 0) {
    const box = $('other-filters');
    box.hidden = false;
    box.textContent = `Also narrowed by: ${others.map(([k, v]) => `${k} = ${v}`).join('; ')} (from the address; Clear removes them).`;
  }
}

async function main() {
  const params = new URLSearchParams(location.search);
  fillForm(params);
  // Empty fields are the parameter left out.
  const query = new URLSearchParams([...params].filter(([, v]) => v.trim() !== ''));
  try {
    /** @type {National} */
    const n = await getJson(`/api/national?${query}`);
    $('loading').remove();
    if (n.total.decisions === 0) {
      $('figures').replaceChildren(el('p', { text: 'No decisions match these filters.' }));
      return;
    }
    const years = yearSection(n);
    const unpaid = unpaidSection(n);
    $('figures').replaceChildren(headline(n.total), categorySection(n), years.section, unpaid.section);
    years.draw();
    unpaid.draw();
  } catch (e) {
    $('loading').remove();
    showError($('error'), e instanceof Error ? e.message : String(e));
  }
}

main();
