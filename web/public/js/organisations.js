// The list of organisations: every body with decisions in the archive, filtered as you type.
import { count, el, getJson, money, organisationHref, showError } from './common.js';

const main = /** @type {HTMLElement} */ (document.getElementById('main'));

/**
 * Organisations with their decision counts: /api/organisations when the API has it, else the
 * organisation facet of an empty search.
 * @returns {Promise<{ name: string, decisions: number, upheld?: number, remedyTotal?: number }[]>}
 */
async function loadOrganisations() {
  try {
    const body = await getJson('/api/organisations');
    /** @type {any[]} */
    const list = Array.isArray(body) ? body : (body?.organisations ?? body?.items ?? []);
    return list.map((o) =>
      typeof o === 'string'
        ? { name: o, decisions: 0 }
        : {
            name: String(o.name ?? o.organisation),
            decisions: Number(o.decisions ?? o.count ?? 0),
            upheld: typeof o.upheld === 'number' ? o.upheld : undefined,
            remedyTotal: typeof o.remedyTotal === 'number' ? o.remedyTotal : undefined,
          },
    );
  } catch (e) {
    if (!(e && typeof e === 'object' && 'status' in e && e.status === 404)) throw e;
    const result = await getJson('/api/search?limit=1');
    /** @type {Record<string, number>} */
    const facet = result.facets?.organisation ?? {};
    return Object.entries(facet).map(([name, decisions]) => ({ name, decisions }));
  }
}

async function load() {
  try {
    const orgs = (await loadOrganisations()).sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
    const filter = el('input', {
      type: 'search',
      id: 'org-filter',
      class: 'org-filter',
      autocomplete: 'off',
      'aria-controls': 'org-rows',
    });
    const status = el('p', { class: 'hint', role: 'status', 'aria-live': 'polite' });
    /** Upheld and remedy columns when /api/organisations gives them. */
    const full = orgs.some((o) => o.upheld !== undefined);
    const rows = orgs.map((o) => ({
      key: o.name.toLowerCase(),
      row: el(
        'tr',
        {},
        el('td', {}, el('a', { href: organisationHref(o.name), text: o.name })),
        el('td', { class: 'num', text: count(o.decisions) }),
        full ? el('td', { class: 'num', text: count(o.upheld ?? 0) }) : null,
        full ? el('td', { class: 'num', text: money(o.remedyTotal ?? 0) }) : null,
      ),
    }));
    const tbody = el(
      'tbody',
      { id: 'org-rows' },
      rows.map((r) => r.row),
    );
    const apply = () => {
      const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
      let shown = 0;
      for (const r of rows) {
        const on = words.every((w) => r.key.includes(w));
        r.row.hidden = !on;
        if (on) shown++;
      }
      status.textContent = `${count(shown)} of ${count(rows.length)} organisations`;
    };
    filter.addEventListener('input', apply);
    main.replaceChildren(
      el('h1', { text: 'Organisations' }),
      el('p', {
        text: 'Councils, care providers and other bodies with decisions in the archive. Open one for its figures year by year.',
      }),
      el('label', { for: 'org-filter', text: 'Filter by name' }),
      el('p', {}, filter),
      status,
      el(
        'div',
        { class: 'table-scroll' },
        el(
          'table',
          { class: 'org-list' },
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              el('th', { scope: 'col', text: 'Organisation' }),
              el('th', { scope: 'col', class: 'num', text: 'Decisions' }),
              full ? el('th', { scope: 'col', class: 'num', text: 'Upheld' }) : null,
              full ? el('th', { scope: 'col', class: 'num', text: 'Remedy total' }) : null,
            ),
          ),
          tbody,
        ),
      ),
    );
    apply();
  } catch (e) {
    document.getElementById('loading')?.remove();
    showError(
      document.getElementById('error'),
      `The organisations could not be loaded: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

void load();
