// The search page: the whole search lives in the URL (shareable, back/forward work), results
// follow the search box as you type (debounced; a newer request aborts the older one).
import {
  append,
  copyWithFeedback,
  count,
  decisionHref,
  el,
  FINDING_LABELS,
  getJson,
  isAbort,
  label,
  longDate,
  money,
  percent,
  showError,
  snippetNodes,
} from './common.js';

const PAGE_SIZE = 20;
const TYPING_DELAY_MS = 250;
const FACET_PREVIEW = 8;

/** Multi-valued filters (parameter, title, facet in the API's answer), in the order shown. */
const FACETS = /** @type {const} */ ([
  ['outcome', 'Outcome', 'outcome'],
  ['finding', 'Finding', 'finding'],
  ['year', 'Year', 'decisionYear'],
  ['category', 'Category', 'category'],
  ['subcategory', 'Subcategory', 'subcategory'],
  ['organisation', 'Organisation', 'organisation'],
]);
/** Single-valued parameters, read from and written to inputs of the same id. */
const FIELDS = /** @type {const} */ ([
  'q',
  'from',
  'to',
  'minRemedy',
  'maxRemedy',
  'delaySubject',
  'minDelay',
  'maxDelay',
  'minMissedEducation',
  'sort',
]);
/**
 * Flags: checkboxes of the same id; ticked, the parameter takes its value here (the checkbox's
 * `value`), unticked it is absent. A URL with any other value leaves the box unticked.
 */
const FLAG_VALUES = /** @type {const} */ ({
  hasPayment: 'true',
  headerComplete: 'false',
  findingConflict: 'true',
  hasMissedEducation: 'true',
});
const FLAGS = /** @type {Array<keyof typeof FLAG_VALUES>} */ (Object.keys(FLAG_VALUES));

/**
 * Every other parameter of the address (`minDelay=300`, `hasPayment=false`, a filter added to the
 * API later …) is kept as an "extra" filter: shown, removable, sent to the API when the API takes
 * it (its OpenAPI document says which), and reported when it does not — never silently dropped.
 * @typedef {{ fields: Record<string, string>, filters: Record<string, Set<string>>, page: number, extra: Array<[string, string]> }} State
 */

/** Parameters the page sets itself: not filters a person adds. */
const PAGE_OWNED = new Set(['page', 'limit', 'facets', 'highlights', 'groupBy']);
/** Parameters with their own control on the page. */
const OWN_CONTROLS = new Set([...FIELDS, ...FACETS.map(([f]) => f), 'page']);

/** @param {URLSearchParams} params @returns {State} */
function stateFrom(params) {
  /** @type {Record<string, string>} */
  const fields = {};
  for (const f of FIELDS) fields[f] = params.get(f)?.trim() ?? '';
  for (const f of FLAGS) fields[f] = params.get(f) === FLAG_VALUES[f] ? FLAG_VALUES[f] : '';
  /** @type {Record<string, Set<string>>} */
  const filters = {};
  for (const [f] of FACETS) filters[f] = new Set(params.getAll(f).filter(Boolean));
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  /** @type {Array<[string, string]>} */
  const extra = [];
  for (const [k, v] of params) {
    if (OWN_CONTROLS.has(k) || v.trim() === '') continue;
    // A flag's checkbox says one value; any other (hasPayment=false) is an extra filter.
    if (k in FLAG_VALUES && v === FLAG_VALUES[/** @type {keyof typeof FLAG_VALUES} */ (k)]) continue;
    extra.push([k, v.trim()]);
  }
  return { fields, filters, page, extra };
}

/**
 * The API's search parameters (name → description), from its OpenAPI document; null until
 * loaded, or when it cannot be (then every extra goes to the API, which names what it refuses).
 * @type {Map<string, string> | null}
 */
let apiParams = null;

/** @param {string} name */
const unknownToApi = (name) => apiParams !== null && !apiParams.has(name);

/**
 * The search as query parameters, shared by the page URL, the API and the export links. For the
 * API (`forApi`), extras it does not take are left out (they are reported on the page instead).
 * @param {State} s
 */
function paramsOf(s, { withPage = true, forApi = false } = {}) {
  const p = new URLSearchParams();
  for (const f of [...FIELDS, ...FLAGS]) if (s.fields[f]) p.set(f, s.fields[f]);
  for (const [f] of FACETS) for (const v of s.filters[f] ?? []) p.append(f, v);
  for (const [k, v] of s.extra)
    if (!forApi || (!unknownToApi(k) && !PAGE_OWNED.has(k) && !p.has(k))) p.append(k, v);
  if (withPage && s.page > 1) p.set('page', String(s.page));
  return p;
}

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const input = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ ($(id));

let state = stateFrom(new URLSearchParams(location.search));
/** @type {AbortController | null} */
let inFlight = null;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let typingTimer;
/** Facets whose full list the user opened. */
const expanded = new Set();
/** @type {any} */
let lastResult = null;

function fillForm() {
  for (const f of FIELDS) {
    const field = /** @type {HTMLInputElement | HTMLSelectElement} */ ($(f));
    field.value = state.fields[f] ?? '';
  }
  for (const f of FLAGS) input(f).checked = state.fields[f] === FLAG_VALUES[f];
}

/** Number fields as the API takes numbers: plain decimal ("1e3" typed in a number box is 1000). */
const DECIMAL_FIELDS = new Set(['minRemedy', 'maxRemedy', 'minDelay', 'maxDelay', 'minMissedEducation']);

/** What a delay is about (the API's delaySubject), as the summary line says it. */
const DELAY_SUBJECT_WORDS = /** @type {Record<string, string>} */ ({
  ehc_plan: 'EHC plan',
  annual_review: 'annual review',
  assessment: 'assessment',
  complaint_response: 'complaint reply',
  education_provision: 'education provision',
  other: 'other',
});

/** @param {string} f @param {string} v */
function plain(f, v) {
  if (!DECIMAL_FIELDS.has(f) || v === '') return v;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 && n < 1e15 ? String(n) : v;
}

function readFields() {
  for (const f of FIELDS) state.fields[f] = plain(f, /** @type {HTMLInputElement} */ ($(f)).value.trim());
  for (const f of FLAGS) state.fields[f] = input(f).checked ? FLAG_VALUES[f] : '';
}

/**
 * Download and feed links for the search on screen: its filters, and for the exports its order
 * (the page's "Best match" without words is newest first; with words, exports have no ranking and
 * keep their own order). CSV links ask for a byte order mark so Excel reads them as UTF-8.
 */
function updateLinks() {
  const filters = paramsOf(state, { withPage: false, forApi: true });
  filters.delete('sort');
  const sort = state.fields.sort || (state.fields.q ? '' : 'date:desc');
  /** @param {string} path @param {Record<string, string>} more */
  const link = (path, more) => {
    const p = new URLSearchParams(filters);
    for (const [k, v] of Object.entries(more)) if (v) p.set(k, v);
    const qs = p.toString();
    return `${path}${qs ? `?${qs}` : ''}`;
  };
  const a = (/** @type {string} */ id) => /** @type {HTMLAnchorElement} */ ($(id));
  a('csv-link').href = link('/api/export.csv', { sort, bom: 'true' });
  a('payments-csv-link').href = link('/api/export.csv', { rows: 'payments', sort, bom: 'true' });
  a('ndjson-link').href = link('/api/export.ndjson', { sort });
  a('atom-link').href = link('/api/feeds/search.atom', {});
  /** @type {HTMLLinkElement} */ ($('feed-link')).href = link('/api/feeds/search.atom', {});
}

/** Says on the (possibly folded) Filters heading how many filters apply, so none is forgotten. */
function showActiveFilters() {
  const p = paramsOf(state, { withPage: false });
  p.delete('q');
  p.delete('sort');
  const n = [...p.keys()].length;
  const summary = /** @type {HTMLElement} */ ($('filters').querySelector('summary'));
  summary.textContent = n ? `Filters (${n} active)` : 'Filters';
}

/**
 * Writes the search to the URL and fetches it.
 * @param {'push' | 'replace' | null} history null when the URL already holds the search (popstate)
 */
async function run(history) {
  clearTimeout(typingTimer);
  const qs = paramsOf(state).toString();
  const url = `${location.pathname}${qs ? `?${qs}` : ''}`;
  if (history && url !== `${location.pathname}${location.search}`) {
    if (history === 'push') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }
  document.title = state.fields.q
    ? `${state.fields.q} · Search decisions · lgsco-archive`
    : 'Search decisions · lgsco-archive';
  updateLinks();
  showActiveFilters();

  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  const results = $('results');
  results.setAttribute('aria-busy', 'true');
  try {
    await apiParamsLoaded;
    if (controller !== inFlight) return;
    renderExtras();
    const api = paramsOf(state, { forApi: true });
    api.set('limit', String(PAGE_SIZE));
    const [result, ownCounts] = await Promise.all([
      getJson(`/api/search?${api}`, controller.signal),
      disjunctiveCounts(controller.signal),
    ]);
    if (controller !== inFlight) return;
    result.facets = { ...(result.facets ?? {}), ...ownCounts };
    lastResult = result;
    showError($('error'), null);
    render(result);
    void summarise(controller);
  } catch (e) {
    if (isAbort(e) || controller !== inFlight) return;
    showError($('error'), `The search failed: ${e instanceof Error ? e.message : String(e)}`);
    $('count').textContent = 'No results';
  } finally {
    if (controller === inFlight) {
      results.removeAttribute('aria-busy');
      inFlight = null;
    }
  }
}

/** Whether /api/stats answered before; a 404 hides the summary for the rest of the visit. */
let statsAvailable = true;

/**
 * The figures of the whole result set (not just this page), from /api/stats: what a reporter
 * quotes ("nine upheld, more than £20,000 in total, one family £6,050").
 * @param {AbortController} controller
 */
async function summarise(controller) {
  const box = $('summary');
  if (!statsAvailable || !lastResult?.total) {
    box.replaceChildren();
    return;
  }
  const q = paramsOf(state, { withPage: false, forApi: true });
  q.delete('sort');
  q.set('groupBy', 'none');
  try {
    const stats = await getJson(`/api/stats?${q}`, controller.signal);
    if (controller.signal.aborted) return;
    const t = stats.total ?? stats.groups?.[0];
    // Figures over a different set than the count above would mislead: show none instead.
    if (!t || t.decisions !== lastResult?.total) return box.replaceChildren();
    const parts = [
      `${count(t.upheld)} upheld (${percent(t.upheldRate ?? 0)})`,
      `fault found in ${count(t.faultFound)}`,
      `${count(t.withPayment)} with a payment`,
    ];
    if (t.remedyTotal > 0) parts.push(`${money(t.remedyTotal)} in total`);
    if (t.remedyMedian) parts.push(`median ${money(t.remedyMedian)}`);
    box.replaceChildren();
    append(box, [
      `Of these: ${parts.join(' · ')}`,
      t.remedyMax && t.remedyMaxRef
        ? [
            ' · largest ',
            el('a', {
              href: decisionHref(String(t.remedyMaxRef).replace(/\s+/g, '-')),
              text: money(t.remedyMax),
            }),
          ]
        : null,
      delayFigure(t),
      missedFigure(t),
      t.withoutFacts ? ` · ${count(t.withoutFacts)} not yet read for figures` : null,
    ]);
  } catch (e) {
    if (isAbort(e)) return;
    if (e && typeof e === 'object' && 'status' in e && e.status === 404) statsAvailable = false;
    box.replaceChildren();
  }
}

/**
 * The median delay of the summary line: with a delay subject chosen, the median of each decision's
 * longest delay about that subject (not the longest delay of any kind).
 * @param {any} t a /api/stats row
 */
function delayFigure(t) {
  const subject = state.fields.delaySubject;
  if (subject) {
    const d = t.delaysBySubject?.[subject];
    if (!d?.medianDelayDays) return null;
    const days = Math.round(d.medianDelayDays);
    // An EHC plan delay is counted from the 20-week limit (the API's rule).
    const beyond = subject === 'ehc_plan' ? ' beyond the 20-week limit' : '';
    return ` · median ${DELAY_SUBJECT_WORDS[subject] ?? subject} delay ${days} days${beyond}`;
  }
  return t.medianDelayDays ? ` · median delay ${Math.round(t.medianDelayDays)} days` : null;
}

/**
 * Missed-education figures, when the search asks about missed education: how many of the
 * decisions found a period, and the median of each one's longest period with a length.
 * @param {any} t a /api/stats row
 */
function missedFigure(t) {
  if (!state.fields.hasMissedEducation && !state.fields.minMissedEducation) return null;
  const n = Number(t.withMissedEducation ?? 0);
  const median = t.medianMissedEducationDays;
  return [
    ` · ${count(n)} with missed education`,
    median ? ` (median longest period ${Math.round(median)} days)` : '',
  ].join('');
}

/**
 * Facets are "any of" (disjunctive): a facet with ticked values counts its values with every
 * filter except its own, so the alternatives stay visible with the number each would add. One
 * extra /api/search per such facet (that facet only, one hit, no highlights).
 * @param {AbortSignal} signal
 * @returns {Promise<Record<string, Record<string, number>>>}
 */
async function disjunctiveCounts(signal) {
  const ticked = FACETS.filter(([name]) => (state.filters[name]?.size ?? 0) > 0);
  const answers = await Promise.all(
    ticked.map(async ([name, , facet]) => {
      const p = paramsOf(state, { withPage: false, forApi: true });
      p.delete(name);
      p.delete('sort');
      p.set('facets', facet);
      p.set('limit', '1');
      p.set('highlights', 'none');
      const r = await getJson(`/api/search?${p}`, signal);
      return /** @type {[string, Record<string, number>]} */ ([facet, r.facets?.[facet] ?? {}]);
    }),
  );
  return Object.fromEntries(answers);
}

/** @param {any} result */
function render(result) {
  const total = Number(result.total ?? 0);
  $('count').textContent =
    total === 0 ? 'No decisions match' : `${count(total)} decision${total === 1 ? '' : 's'}`;
  renderHits(result.hits ?? []);
  renderPager(result);
  renderFacets(result.facets ?? {});
}

/** @param {any[]} hits */
function renderHits(hits) {
  const list = $('hits');
  list.replaceChildren(
    ...hits.map((h) => {
      const meta = [
        h.decisionDate ? longDate(h.decisionDate) : 'date not stated',
        [h.category, h.subcategory].filter(Boolean).join(' › '),
      ];
      const remedy = typeof h.remedyTotal === 'number' && h.remedyTotal > 0 ? money(h.remedyTotal) : null;
      return el(
        'li',
        { class: 'hit' },
        el(
          'h3',
          {},
          el(
            'a',
            { href: decisionHref(h.refKey) },
            h.organisation,
            el('span', { class: 'ref', text: ` ${h.ref}` }),
          ),
        ),
        el(
          'p',
          { class: 'meta' },
          meta.filter(Boolean).join(' · '),
          ' · ',
          h.outcome
            ? el('span', { class: `outcome ${outcomeClass(h.outcome)}`, text: h.outcome })
            : el('span', { class: 'outcome outcome-not-stated', text: 'outcome not stated' }),
          h.finding ? ` · ${label(FINDING_LABELS, h.finding)}` : null,
          h.findingConflict
            ? el('span', {
                class: 'conflict-tag',
                title: 'The Decision line and the summary disagree about the finding',
                text: ' (Decision line disagrees)',
              })
            : null,
          remedy ? ' · ' : null,
          remedy ? el('strong', { class: 'remedy', text: `Remedy ${remedy}` }) : null,
          h.removedFromSource ? ' · ' : null,
          h.removedFromSource
            ? el('span', { class: 'removed-tag', text: 'Removed from the Ombudsman’s site' })
            : null,
        ),
        el('p', { class: 'snippet' }, h.snippet ? snippetNodes(h.snippet) : h.summary),
        // Words found only in the decision's text: show where, so the match is not a mystery.
        h.textSnippet && !(h.snippet ?? '').includes('<mark>')
          ? el(
              'p',
              { class: 'snippet text-snippet' },
              el('span', { class: 'hint', text: 'In the text: ' }),
              snippetNodes(h.textSnippet),
            )
          : null,
      );
    }),
  );
}

/** @param {string} outcome */
const outcomeClass = (outcome) => `outcome-${outcome.toLowerCase().replace(/[^a-z]+/g, '-')}`;

/** @param {any} result */
function renderPager(result) {
  const pager = $('pager');
  const page = Number(result.page ?? 1);
  const pages = Number(result.totalPages ?? 1);
  if (pages <= 1) {
    pager.replaceChildren();
    return;
  }
  /** @param {number} to @param {string} text */
  const go = (to, text) =>
    el('button', {
      type: 'button',
      text,
      disabled: to < 1 || to > pages,
      onclick: () => {
        state.page = to;
        void run('push').then(() => $('results').focus());
      },
    });
  pager.replaceChildren(
    go(page - 1, '← Previous'),
    el('span', { text: `Page ${count(page)} of ${count(pages)}` }),
    go(page + 1, 'Next →'),
  );
}

/** A stable key for the focused facet control, so focus survives the re-render. */
function focusedFacetKey() {
  const a = document.activeElement;
  return a instanceof HTMLElement && $('facets').contains(a) ? (a.dataset.key ?? null) : null;
}

/** @param {Record<string, Record<string, number>>} facets */
function renderFacets(facets) {
  const keep = focusedFacetKey();
  const box = $('facets');
  const groups = [];
  for (const [name, title, facet] of FACETS) {
    const counts = facets[facet];
    const selected = state.filters[name] ?? new Set();
    if (!counts && selected.size === 0) continue; // the API does not offer this facet
    groups.push(facetGroup(name, title, counts ?? {}, selected));
  }
  box.replaceChildren(...groups);
  if (keep) {
    const again = [...box.querySelectorAll('[data-key]')].find(
      (n) => /** @type {HTMLElement} */ (n).dataset.key === keep,
    );
    /** @type {HTMLElement | undefined} */ (again)?.focus();
  }
}

/**
 * @param {string} name
 * @param {string} title
 * @param {Record<string, number>} counts
 * @param {Set<string>} selected
 */
function facetGroup(name, title, counts, selected) {
  const values = Object.entries(counts).sort((a, b) =>
    name === 'year' ? Number(b[0]) - Number(a[0]) : b[1] - a[1] || a[0].localeCompare(b[0]),
  );
  for (const v of selected) if (!(v in counts)) values.unshift([v, 0]);
  const open = expanded.has(name);
  const shown = open ? values : values.slice(0, Math.max(FACET_PREVIEW, selected.size));
  const id = `facet-${name}`;
  const display = (/** @type {string} */ v) => (name === 'finding' ? label(FINDING_LABELS, v) : v);
  const list = el(
    'ul',
    { class: 'facet-values', id: `${id}-values` },
    shown.map(([value, n], i) =>
      el(
        'li',
        {},
        el('input', {
          type: 'checkbox',
          id: `${id}-${i}`,
          name,
          value,
          checked: selected.has(value),
          'data-key': `${name}\u0000${value}`,
          onchange: (/** @type {Event} */ ev) => {
            const on = /** @type {HTMLInputElement} */ (ev.currentTarget).checked;
            if (on) selected.add(value);
            else selected.delete(value);
            state.filters[name] = selected;
            state.page = 1;
            void run('push');
          },
        }),
        el(
          'label',
          { for: `${id}-${i}` },
          el('span', { class: 'facet-name', text: display(value) }),
          ' ',
          el('span', { class: 'facet-count', text: count(n) }),
        ),
      ),
    ),
  );
  const more =
    values.length > FACET_PREVIEW
      ? el('button', {
          type: 'button',
          class: 'link-button',
          'aria-expanded': String(open),
          'aria-controls': `${id}-values`,
          'data-key': `more\u0000${name}`,
          text: open ? `Show fewer` : `Show all ${count(values.length)}`,
          onclick: () => {
            if (open) expanded.delete(name);
            else expanded.add(name);
            if (lastResult) renderFacets(lastResult.facets ?? {});
          },
        })
      : null;
  return el(
    'fieldset',
    { class: 'facet', id },
    el('legend', { text: title }),
    values.length ? list : el('p', { class: 'hint', text: 'None' }),
    more,
  );
}

function wire() {
  const q = input('q');
  q.addEventListener('input', () => {
    state.fields.q = q.value.trim();
    state.page = 1;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => void run('replace'), TYPING_DELAY_MS);
  });
  // Every filter input but the query (searched as it is typed) and the sort (below).
  for (const f of [...FIELDS.filter((name) => name !== 'q' && name !== 'sort'), ...FLAGS]) {
    const field = input(f);
    field.addEventListener('change', () => {
      if (!field.checkValidity()) return;
      readFields();
      state.page = 1;
      void run('push');
    });
  }
  $('sort').addEventListener('change', () => {
    readFields();
    state.page = 1;
    void run('push');
  });
  $('search-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    readFields();
    state.page = 1;
    void run('push');
  });
  $('clear-filters').addEventListener('click', () => {
    const q = state.fields.q;
    state = stateFrom(new URLSearchParams());
    state.fields.q = q ?? '';
    fillForm();
    void run('push');
  });
  $('copy-link').addEventListener('click', (ev) =>
    copyWithFeedback(/** @type {HTMLButtonElement} */ (ev.currentTarget), location.href),
  );
  window.addEventListener('popstate', () => {
    state = stateFrom(new URLSearchParams(location.search));
    fillForm();
    void run(null);
  });
  // Filters start folded on a phone, so the results come first.
  if (window.matchMedia('(max-width: 760px)').matches)
    /** @type {HTMLDetailsElement} */ ($('filters')).open = false;
}

/** Loads the API's search parameters (apiParams) from its OpenAPI document. */
async function loadApiParams() {
  try {
    const doc = await getJson('/api/docs/json');
    const list = doc?.paths?.['/api/search']?.get?.parameters;
    if (!Array.isArray(list)) return;
    apiParams = new Map(
      list
        .filter((/** @type {any} */ x) => x?.in === 'query' && typeof x.name === 'string')
        .map((/** @type {any} */ x) => [x.name, String(x.description ?? '')]),
    );
    fillMoreFilters();
  } catch {
    apiParams = null; // the API names what it refuses
  }
}

/** The "More filters" box: every filter of the API without a control of its own, and the extras set. */
function buildMoreFilters() {
  const box = el(
    'fieldset',
    { class: 'checks more-filters', id: 'more-filters' },
    el('legend', { text: 'More filters' }),
    el('ul', { id: 'extra-list', class: 'extra-list' }),
    el(
      'p',
      { class: 'extra-add' },
      el('label', { for: 'extra-name', text: 'Filter' }),
      ' ',
      el('select', { id: 'extra-name' }),
      ' ',
      el('label', { for: 'extra-value', text: 'Value' }),
      ' ',
      el('input', { id: 'extra-value', type: 'text', autocomplete: 'off', spellcheck: 'false' }),
      ' ',
      el('button', { type: 'button', id: 'extra-add', text: 'Add' }),
    ),
    el('p', { class: 'hint', id: 'extra-hint' }),
  );
  $('facets').before(box);
  const select = /** @type {HTMLSelectElement} */ ($('extra-name'));
  select.addEventListener('change', () => {
    $('extra-hint').textContent = apiParams?.get(select.value) ?? '';
  });
  const add = () => {
    const name = select.value;
    const value = input('extra-value').value.trim();
    if (!name || !value) return;
    if (FACETS.some(([f]) => f === name)) state.filters[name]?.add(value);
    else if (FIELDS.some((f) => f === name)) {
      state.fields[name] = plain(name, value);
      fillForm();
    } else if (name in FLAG_VALUES && value === FLAG_VALUES[/** @type {keyof typeof FLAG_VALUES} */ (name)]) {
      state.fields[name] = value;
      fillForm();
    } else state.extra.push([name, value]);
    input('extra-value').value = '';
    state.page = 1;
    void run('push');
  };
  $('extra-add').addEventListener('click', add);
  input('extra-value').addEventListener('keydown', (ev) => {
    if (/** @type {KeyboardEvent} */ (ev).key === 'Enter') {
      ev.preventDefault();
      add();
    }
  });
  const notice = el('p', { id: 'param-notice', class: 'error', role: 'alert', hidden: true });
  $('error').before(notice);
}

/** Fills the filter list of "More filters" once the API's parameters are known. */
function fillMoreFilters() {
  if (!apiParams) return;
  const select = /** @type {HTMLSelectElement} */ ($('extra-name'));
  const own = new Set(['q', 'sort', 'from', 'to', 'minRemedy', 'maxRemedy']);
  select.replaceChildren(
    ...[...apiParams.keys()]
      .filter((n) => !own.has(n) && !PAGE_OWNED.has(n))
      .map((n) => el('option', { value: n, text: n })),
  );
  $('extra-hint').textContent = apiParams.get(select.value) ?? '';
}

/** The extras as removable items, and a notice for those the search does not know. */
function renderExtras() {
  const list = $('extra-list');
  list.replaceChildren(
    ...state.extra.map(([k, v], i) =>
      el(
        'li',
        { class: unknownToApi(k) ? 'extra unknown' : 'extra' },
        el('code', { text: `${k}=${v}` }),
        unknownToApi(k) ? ' (not a search filter)' : null,
        ' ',
        el('button', {
          type: 'button',
          class: 'link-button',
          'aria-label': `Remove ${k}=${v}`,
          text: 'Remove',
          onclick: () => {
            state.extra.splice(i, 1);
            state.page = 1;
            void run('push');
          },
        }),
      ),
    ),
  );
  const unknown = state.extra.filter(([k]) => unknownToApi(k));
  const ownedHere = state.extra.filter(([k]) => PAGE_OWNED.has(k));
  const notice = $('param-notice');
  const said = [
    unknown.length
      ? `Not a search filter, so left out of this search: ${unknown.map(([k, v]) => `${k}=${v}`).join(', ')}. Check the spelling, or remove it under More filters.`
      : null,
    ownedHere.length
      ? `Set by the page itself, so left out: ${ownedHere.map(([k, v]) => `${k}=${v}`).join(', ')}.`
      : null,
  ].filter(Boolean);
  notice.textContent = said.join(' ');
  notice.hidden = said.length === 0;
}

const apiParamsLoaded = loadApiParams();
buildMoreFilters();
wire();
fillForm();
void run(null);
