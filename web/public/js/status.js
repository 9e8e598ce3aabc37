// The archive's status: what it holds, whether search answers, and what it is missing — listing
// dates no crawl has walked to the end and listed decisions that are not archived, each with why.
import { count, el, getJson, longDate, missingCounts, missingTable, showError, statRow } from './common.js';

const main = /** @type {HTMLElement} */ (document.getElementById('main'));

/** /health answers 503 with the same body when search is down: read it either way. */
async function loadHealth() {
  const res = await fetch('/health', { headers: { accept: 'application/json' } });
  return res.json();
}

/** @param {any} listings */
function listingSection(listings) {
  const items = [];
  if (!listings.from) items.push('No crawl has walked the Ombudsman’s listings to the end yet.');
  else
    items.push(
      `The Ombudsman’s listings have been walked for decisions dated ${longDate(listings.from)} to ${longDate(listings.to)}.`,
    );
  for (const g of listings.gaps)
    items.push(
      `Not walked to the end: ${longDate(g.from)} to ${longDate(g.to)}. Decisions of those dates may be missing.`,
    );
  for (const w of listings.incomplete)
    items.push(
      `${longDate(w.from)} to ${longDate(w.to)}: the listing announced ${w.total === null ? 'more decisions' : count(w.total)} than the crawl could page through; it is walked again by the next crawl.`,
    );
  if (listings.from && listings.gaps.length === 0) items.push('No gap inside that span.');
  return el(
    'section',
    { 'aria-labelledby': 'listings-heading' },
    el('h2', { id: 'listings-heading', text: 'Listings walked' }),
    el(
      'ul',
      { id: 'listings' },
      items.map((t) => el('li', { text: t })),
    ),
  );
}

/** @param {any} missing @param {number} staleVersions */
function missingSection(missing, staleVersions) {
  const section = el(
    'section',
    { 'aria-labelledby': 'missing-heading' },
    el('h2', { id: 'missing-heading', text: 'Decisions not in the archive' }),
  );
  if (missing.total === 0) {
    section.append(
      el('p', { id: 'missing-summary', text: 'Every decision the listings showed is archived.' }),
    );
  } else {
    section.append(
      el('p', {
        id: 'missing-summary',
        text: `${count(missing.total)} decision${missing.total === 1 ? '' : 's'} listed by the Ombudsman (or fetched) ${missing.total === 1 ? 'is' : 'are'} not in the archive: ${missingCounts(missing)}.`,
      }),
      missingTable(missing.items, {
        organisation: true,
        caption:
          missing.total > missing.items.length
            ? `The newest ${count(missing.items.length)} by listing date; /api/coverage lists them all`
            : 'Newest listing date first',
      }),
    );
  }
  if (staleVersions)
    section.append(
      el('p', {
        class: 'hint',
        text: `${count(staleVersions)} archived decision${staleVersions === 1 ? ' is' : 's are'} kept at an earlier version: the newest page could not be read (quarantined) and is parsed again when the parser changes.`,
      }),
    );
  return section;
}

/**
 * Decisions kept with less than a whole page: header lines missing (outcome or date not stated) and
 * findings where the Decision line and the summary disagree; each count links to those decisions.
 * @param {any} total the /api/stats total row
 */
function qualitySection(total) {
  const section = el(
    'section',
    { 'aria-labelledby': 'quality-heading' },
    el('h2', { id: 'quality-heading', text: 'Decisions to read with care' }),
  );
  const incomplete = total?.headerIncomplete ?? 0;
  const conflicts = total?.findingConflicts ?? 0;
  section.append(
    el(
      'p',
      {},
      el('a', {
        href: '/?headerComplete=false',
        text: `${count(incomplete)} decision${incomplete === 1 ? '' : 's'} without all header lines`,
      }),
      ': the page copy lacked the Category, Decision or Decision date line, so the category was read from the address and the outcome or date may be missing (they count in no year and no outcome).',
    ),
    el(
      'p',
      {},
      el('a', {
        href: '/?findingConflict=true',
        text: `${count(conflicts)} finding conflict${conflicts === 1 ? '' : 's'}`,
      }),
      ': the Decision line and the summary disagree about fault; each decision page shows both readings and which one is kept.',
    ),
  );
  return section;
}

/**
 * Council names the organisation registry does not know: no ONS code, kind or population for them
 * until it learns the name (registry/README.md). Never dropped: listed with the closest councils.
 * @param {{ name: string, decisions: number, candidates: { code: string, name: string }[] }[]} unmatched
 */
function unmatchedSection(unmatched) {
  const section = el(
    'section',
    { 'aria-labelledby': 'unmatched-heading' },
    el('h2', { id: 'unmatched-heading', text: 'Council names without an ONS code' }),
  );
  if (unmatched.length === 0) {
    section.append(
      el('p', {
        id: 'unmatched-summary',
        text: 'Every council named in the archive is in the organisation registry, with its ONS code, kind and population.',
      }),
    );
    return section;
  }
  section.append(
    el('p', {
      id: 'unmatched-summary',
      text: `${count(unmatched.length)} council name${unmatched.length === 1 ? ' is' : 's are'} not in the organisation registry: their decisions count in every figure but in no per-resident figure or comparison by kind.`,
    }),
    el(
      'ul',
      { id: 'unmatched' },
      unmatched.map((o) =>
        el('li', {
          text: `${o.name} (${count(o.decisions)} decision${o.decisions === 1 ? '' : 's'}) — closest: ${o.candidates.map((c) => `${c.name} (${c.code})`).join(', ') || 'none'}`,
        }),
      ),
    ),
  );
  return section;
}

async function load() {
  try {
    const [health, coverage, stats] = await Promise.all([
      loadHealth(),
      getJson('/api/coverage?limit=200'),
      getJson('/api/stats'),
    ]);
    const a = health.archive ?? {};
    main.replaceChildren(
      el(
        'header',
        {},
        el('p', { class: 'eyebrow', text: 'Status' }),
        el('h1', { text: 'What the archive holds, and what it is missing' }),
      ),
      statRow([
        [count(a.decisions ?? 0), 'decisions archived'],
        [count(a.pages ?? 0), 'pages kept verbatim'],
        [health.search === 'ok' ? count(health.indexed ?? 0) : 'down', 'searchable'],
        [count(a.removed ?? 0), 'removed from the Ombudsman’s site (kept)'],
      ]),
      qualitySection(stats.total),
      listingSection(coverage.listings),
      missingSection(coverage.missing, coverage.staleVersions),
      unmatchedSection(coverage.unmatchedOrganisations ?? []),
      el('p', {
        class: 'hint',
        text: `lgsco-archive ${health.version ?? '?'}; ${count(a.needingIndex ?? 0)} decision record${a.needingIndex === 1 ? '' : 's'} waiting for the search index. The same figures: lgsco status, GET /api/coverage, GET /health.`,
      }),
    );
  } catch (e) {
    document.getElementById('loading')?.remove();
    showError(
      document.getElementById('error'),
      `The status could not be loaded: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

void load();
