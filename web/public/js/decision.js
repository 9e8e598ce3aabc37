// The decision page: header facts, every extracted figure with a link to its sentence in the
// decision's text (section + start/end offsets), the archive's versions and a citation line.
import {
  copyWithFeedback,
  count,
  DELAY_LABELS,
  duration,
  el,
  FINDING_LABELS,
  getJson,
  label,
  longDate,
  money,
  monthYear,
  NOT_INVESTIGATED_LABELS,
  organisationHref,
  PAYMENT_PURPOSE_LABELS,
  PAYMENT_STATUS_LABELS,
  reducedMotion,
  showError,
} from './common.js';

/**
 * @typedef {{ section: string, text: string, start: number, end: number }} Evidence
 * @typedef {{ heading: string, text: string }} Section
 */

const main = /** @type {HTMLElement} */ (document.getElementById('main'));

/** The rendered text blocks, by section heading; "Summary" may point into the first section. */
/** @type {{ heading: string, text: string, box: HTMLElement, shift: number }[]} */
const blocks = [];
/** The evidence behind each fact button, by the button's id. */
/** @type {Map<string, Evidence>} */
const evidenceById = new Map();

/**
 * One text block: a paragraph per line, each holding exactly text.slice(start, end) as one text
 * node, so evidence offsets map straight onto the DOM.
 * @param {string} text
 */
function paragraphs(text) {
  const box = el('div', { class: 'section-text' });
  let at = 0;
  for (const line of text.split('\n')) {
    const start = at;
    at += line.length + 1;
    if (!line.trim()) continue;
    box.appendChild(el('p', { 'data-start': start, 'data-end': start + line.length }, line));
  }
  return box;
}

/** @param {any} d */
function renderText(d) {
  /** @type {Section[]} */
  const sections = Array.isArray(d.sections) ? d.sections : [];
  const article = el('article', { class: 'decision-text', 'aria-labelledby': 'text-heading' });
  article.appendChild(el('h2', { id: 'text-heading', text: 'The decision, as published' }));
  const summary = typeof d.summary === 'string' ? d.summary : '';
  const hostIndex = summary ? sections.findIndex((s) => s.text.includes(summary)) : -1;
  if (summary && hostIndex < 0) {
    const box = paragraphs(summary);
    article.appendChild(el('section', {}, el('h3', { text: 'Summary' }), box));
    blocks.push({ heading: 'Summary', text: summary, box, shift: 0 });
  }
  sections.forEach((s, i) => {
    const box = paragraphs(s.text);
    article.appendChild(el('section', {}, el('h3', { text: s.heading }), box));
    blocks.push({ heading: s.heading, text: s.text, box, shift: 0 });
    if (i === hostIndex)
      blocks.push({ heading: 'Summary', text: summary, box, shift: s.text.indexOf(summary) });
  });
  return article;
}

/**
 * Where an evidence sentence is on the page: its block and offsets in that block's paragraphs.
 * Trusts section + offsets when they agree with the text, else looks for the sentence.
 * @param {Evidence} ev
 */
function locate(ev) {
  const same = blocks.filter((b) => b.heading === ev.section);
  for (const b of same)
    if (b.text.slice(ev.start, ev.end) === ev.text)
      return { box: b.box, start: ev.start + b.shift, end: ev.end + b.shift };
  for (const b of [...same, ...blocks]) {
    const at = ev.text ? b.text.indexOf(ev.text) : -1;
    if (at >= 0) return { box: b.box, start: at + b.shift, end: at + b.shift + ev.text.length };
  }
  return null;
}

function clearHighlight() {
  for (const back of main.querySelectorAll('.back-to-fact')) back.remove();
  for (const mark of main.querySelectorAll('mark.evidence-hl')) {
    const p = mark.parentNode;
    mark.replaceWith(document.createTextNode(mark.textContent ?? ''));
    p?.normalize();
  }
  for (const b of main.querySelectorAll('.evidence-link[aria-current]')) b.removeAttribute('aria-current');
}

/**
 * Highlights a fact's sentence, scrolls to it and moves focus there; a "Back to the figure"
 * button after it returns focus to the fact.
 * @param {HTMLElement} button
 * @param {{ updateHash?: boolean }} [opts]
 */
function showEvidence(button, { updateHash = true } = {}) {
  const ev = evidenceById.get(button.id);
  if (!ev) return;
  clearHighlight();
  const where = locate(ev);
  const status = /** @type {HTMLElement} */ (document.getElementById('evidence-status'));
  if (!where) {
    status.textContent = `The sentence could not be found in the text: “${ev.text}”`;
    return;
  }
  /** @type {HTMLElement[]} */
  const marks = [];
  for (const p of where.box.querySelectorAll('p[data-start]')) {
    const ps = Number(/** @type {HTMLElement} */ (p).dataset.start);
    const pe = Number(/** @type {HTMLElement} */ (p).dataset.end);
    const s = Math.max(where.start, ps);
    const e = Math.min(where.end, pe);
    if (s >= e || !p.firstChild) continue;
    const range = document.createRange();
    range.setStart(p.firstChild, s - ps);
    range.setEnd(p.firstChild, e - ps);
    const mark = el('mark', { class: 'evidence-hl' });
    range.surroundContents(mark);
    marks.push(mark);
  }
  const first = marks[0];
  const last = marks.at(-1);
  if (!first || !last) return;
  first.id = 'evidence-current';
  first.tabIndex = -1;
  first.setAttribute('aria-label', `Source of ${button.textContent}: ${ev.text}`);
  last.after(
    el('button', {
      type: 'button',
      class: 'link-button back-to-fact',
      text: 'Back to the figure',
      onclick: () => button.focus(),
    }),
  );
  button.setAttribute('aria-current', 'true');
  status.textContent = `Showing the sentence behind ${button.textContent}.`;
  first.scrollIntoView({ block: 'center', behavior: reducedMotion() ? 'auto' : 'smooth' });
  first.focus({ preventScroll: true });
  if (updateHash) history.replaceState(null, '', `#${button.id}`);
}

/**
 * A fact's value as a same-page link to its sentence (wraps like text, Enter follows it), or
 * plain text when there is no evidence.
 * @param {string} id
 * @param {string} text
 * @param {Evidence | undefined | null} evidence
 */
function factLink(id, text, evidence) {
  if (!evidence) return el('span', { text });
  evidenceById.set(id, evidence);
  return el('a', {
    href: `#${id}`,
    class: 'evidence-link',
    id,
    text,
    'aria-describedby': 'evidence-hint',
    onclick: (/** @type {Event} */ e) => {
      e.preventDefault();
      showEvidence(/** @type {HTMLAnchorElement} */ (e.currentTarget));
    },
  });
}

/** @param {any} d */
function findingText(d) {
  if (!d.finding) return null;
  const reason =
    d.finding === 'not_investigated' && d.notInvestigatedReason
      ? `: ${label(NOT_INVESTIGATED_LABELS, d.notInvestigatedReason)}`
      : '';
  return `${label(FINDING_LABELS, d.finding)}${reason}`;
}

/**
 * The Decision line and the summary disagree about the finding: both readings, with the sentence
 * behind the text's, and which one the archive keeps and why. @param {any} d
 */
function renderConflict(d) {
  const c = d.findingConflict;
  if (!c) return null;
  const text = label(FINDING_LABELS, c.textFinding);
  return el(
    'div',
    { class: 'notice finding-conflict', role: 'note' },
    el('strong', { text: 'The Decision line and the summary disagree. ' }),
    `The page says “${c.outcome}”; the summary reads as “${text}”`,
    c.textEvidence ? [' (', factLink('fact-conflict', 'the sentence', c.textEvidence), ')'] : '',
    `. The archive keeps “${label(FINDING_LABELS, c.kept)}” (rule ${c.rule}).`,
  );
}

/** The extracted figures, each leading to its sentence. @param {any} d */
function renderFigures(d) {
  const panel = el('section', { class: 'panel figures', 'aria-labelledby': 'figures-heading' });
  panel.appendChild(el('h2', { id: 'figures-heading', text: 'Figures and their sources' }));
  const hasFacts = 'finding' in d || Array.isArray(d.payments);
  if (!hasFacts) {
    panel.appendChild(el('p', { text: 'No figures have been extracted from this decision yet.' }));
    return panel;
  }
  panel.appendChild(
    el('p', {
      class: 'hint',
      id: 'evidence-hint',
      text: 'Select a figure to see the sentence it was read from.',
    }),
  );

  const finding = findingText(d);
  if (finding)
    panel.append(
      el('h3', { text: 'Finding' }),
      el('p', {}, factLink('fact-finding', finding, d.findingEvidence)),
    );

  /** @type {any[]} */
  const payments = Array.isArray(d.payments) ? d.payments : [];
  panel.appendChild(el('h3', { text: 'Payments' }));
  if (payments.length === 0) panel.appendChild(el('p', { text: 'No payment stated.' }));
  else
    panel.appendChild(
      el(
        'div',
        { class: 'table-scroll' },
        el(
          'table',
          { class: 'payments' },
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              ['Amount', 'Status', 'For', 'To'].map((h, i) =>
                el('th', { scope: 'col', class: i === 0 ? 'num' : null, text: h }),
              ),
            ),
          ),
          el(
            'tbody',
            {},
            payments.map((p, i) =>
              el(
                'tr',
                {},
                el('td', { class: 'num' }, factLink(`fact-payment-${i}`, money(p.amount), p.evidence)),
                el('td', {
                  // An offer is in the total when the Ombudsman found it enough (countedInTotal);
                  // records before parser 1.11.0 have no flag and never counted offers.
                  text:
                    label(PAYMENT_STATUS_LABELS, p.status) +
                    (p.status === 'offered'
                      ? p.countedInTotal
                        ? ' — found enough, in the total'
                        : ' — not in the total'
                      : ''),
                  // The rules behind the status and purpose, for a reader who wants to know why.
                  title:
                    Array.isArray(p.rules) && p.rules.length ? `Rules: ${p.rules.join(', ')}` : undefined,
                }),
                el('td', { text: label(PAYMENT_PURPOSE_LABELS, p.purpose) }),
                el('td', { text: p.recipient ?? '—' }),
              ),
            ),
          ),
          typeof d.remedyTotal === 'number'
            ? el(
                'tfoot',
                {},
                el(
                  'tr',
                  {},
                  el('th', { scope: 'row', class: 'num', text: money(d.remedyTotal) }),
                  el('td', { colspan: 3, text: 'Total agreed, recommended or already paid' }),
                ),
              )
            : null,
        ),
      ),
    );

  if ('apology' in d) {
    panel.appendChild(el('h3', { text: 'Apology' }));
    panel.appendChild(
      el(
        'p',
        {},
        d.apology
          ? factLink('fact-apology', 'Apology agreed or recommended', d.apologyEvidence)
          : 'No apology stated.',
      ),
    );
  }

  /** @type {any[]} */
  const delays = Array.isArray(d.delays) ? d.delays : [];
  if (delays.length) {
    panel.appendChild(el('h3', { text: 'Delays' }));
    panel.appendChild(
      el(
        'ul',
        {},
        delays.map((x, i) =>
          el(
            'li',
            {},
            factLink(`fact-delay-${i}`, duration(x.days), x.evidence),
            ` · ${label(DELAY_LABELS, x.about)}: “${x.text}”`,
          ),
        ),
      ),
    );
  }

  /** @type {any[]} */
  const missed = Array.isArray(d.missedEducation) ? d.missedEducation : [];
  if (missed.length) {
    panel.appendChild(el('h3', { text: 'Missed education' }));
    panel.appendChild(
      el(
        'ul',
        {},
        missed.map((m, i) => {
          // Two lengths may disagree (4 terms counted as 364 days, dates 16 months apart): each says which it is.
          const dates = [monthYear(m.from), monthYear(m.to)].filter(Boolean).join(' to ');
          const span = monthSpan(m.from, m.to);
          const period = dates && span ? `${dates} (${span} by the dates)` : dates;
          const written = typeof m.days === 'number' ? statedLength(String(m.text ?? '')) : null;
          const length =
            typeof m.days === 'number'
              ? written
                ? `length stated: ${written} (counted as ${Math.round(m.days)} days)`
                : `length stated: ${duration(m.days)}`
              : '';
          const text = [period, length].filter(Boolean).join(' · ') || m.text;
          return el('li', {}, factLink(`fact-missed-${i}`, text, m.evidence), ` · “${m.text}”`);
        }),
      ),
    );
  }

  /** @type {any[]} */
  const improvements = Array.isArray(d.serviceImprovements) ? d.serviceImprovements : [];
  if (improvements.length) {
    panel.appendChild(el('h3', { text: 'Service improvements' }));
    panel.appendChild(
      el(
        'ul',
        {},
        improvements.map((s, i) => el('li', {}, factLink(`fact-improvement-${i}`, s.text, s.evidence))),
      ),
    );
  }

  if (typeof d.deadlineDays === 'number') {
    panel.append(
      el('h3', { text: 'Deadline for the remedy' }),
      el('p', { text: `Within ${duration(d.deadlineDays)}` }),
    );
  }

  /** @type {string[]} */
  const warnings = Array.isArray(d.parseWarnings) ? d.parseWarnings : [];
  if (warnings.length)
    panel.append(
      el('h3', { text: 'What could not be read' }),
      el(
        'ul',
        { class: 'hint' },
        warnings.map((w) => el('li', { text: w })),
      ),
    );
  panel.appendChild(el('p', { id: 'evidence-status', class: 'visually-hidden', role: 'status' }));
  return panel;
}

/** @param {any} d */
function citationText(d) {
  // A page printed without its date: "n.d.", as a reference list marks an undated source.
  const year = d.decisionDate ? String(d.decisionDate).slice(0, 4) : 'n.d.';
  const decided = d.decisionDate ? `, ${longDate(d.decisionDate)}` : '';
  const fetched = d.archive?.pageHash ? ` Archived copy fetched ${longDate(d.archive.lastFetchedAt)}.` : '';
  return (
    `Local Government and Social Care Ombudsman (${year}) Decision ${d.ref}: ${d.organisation}${decided}. ` +
    `Available at: ${d.url}. © Commission for Local Administration in England.${fetched}`
  );
}

/** @param {any} d */
function renderCitation(d) {
  const text = citationText(d);
  return el(
    'section',
    { id: 'cite', 'aria-labelledby': 'cite-heading' },
    el('h2', { id: 'cite-heading', text: 'Cite this decision' }),
    el(
      'div',
      { class: 'citation' },
      el('p', { id: 'citation-text', text }),
      el(
        'p',
        { class: 'hint' },
        'Source: ',
        el('a', { href: d.url, text: 'the decision on the Ombudsman’s website' }),
        '. Decision text © Commission for Local Administration in England. The Ombudsman allows free re-use if you credit the source and copyright, reproduce the text without amendment and do not mislead.',
      ),
      el(
        'button',
        {
          type: 'button',
          onclick: (/** @type {Event} */ e) =>
            copyWithFeedback(/** @type {HTMLButtonElement} */ (e.currentTarget), text),
        },
        'Copy citation',
      ),
    ),
  );
}

/** @param {any} d */
function renderArchive(d) {
  const a = d.archive;
  const box = el(
    'section',
    { id: 'archive', 'aria-labelledby': 'archive-heading' },
    el('h2', { id: 'archive-heading', text: 'Archive record' }),
  );
  if (!a) return box;
  box.appendChild(
    el(
      'dl',
      { class: 'facts' },
      el('dt', { text: 'First fetched' }),
      el('dd', { text: longDate(a.firstFetchedAt) }),
      el('dt', { text: 'Last fetched' }),
      el('dd', { text: longDate(a.lastFetchedAt) }),
      el('dt', { text: 'On the Ombudsman’s site' }),
      el('dd', { text: a.removedAt ? `Removed on ${longDate(a.removedAt)}` : 'Yes, when last checked' }),
      el('dt', { text: 'Parser version' }),
      el('dd', { text: d.parserVersion ?? '' }),
      el('dt', { text: 'Page version (SHA-256)' }),
      el('dd', { class: 'hash', text: a.pageHash }),
    ),
  );
  /** @type {any[]} */
  const versions = Array.isArray(a.versions) ? a.versions : [];
  box.appendChild(
    el(
      'div',
      { class: 'table-scroll' },
      el(
        'table',
        { class: 'versions' },
        el('caption', {
          text: `${count(versions.length)} stored version${versions.length === 1 ? '' : 's'} of the page`,
        }),
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            el('th', { scope: 'col', text: 'Fetched' }),
            el('th', { scope: 'col', text: 'Page hash' }),
            el('th', { scope: 'col', text: 'Used for this record' }),
          ),
        ),
        el(
          'tbody',
          {},
          versions.map((v) =>
            el(
              'tr',
              {},
              el('td', { text: `${longDate(v.fetchedAt)} ${String(v.fetchedAt).slice(11, 16)} UTC` }),
              el('td', { class: 'hash', text: String(v.pageHash).slice(0, 16) }),
              el('td', { text: v.pageHash === a.pageHash ? 'Yes' : '' }),
            ),
          ),
        ),
      ),
    ),
  );
  return box;
}

/** What the page did not print: said, never left blank. */
const NOT_STATED = 'not stated on the page';

/** @param {any} d */
function renderHeader(d) {
  const finding = findingText(d);
  const missing = d.headerComplete === false;
  const rows = [
    ['Reference', d.ref],
    ['Organisation', el('a', { href: organisationHref(d.organisation), text: d.organisation })],
    ['Decided', d.decisionDate ? longDate(d.decisionDate) : missing ? NOT_STATED : null],
    [
      'Category',
      [d.category, d.subcategory].filter(Boolean).join(' › ') +
        ((d.parseWarnings ?? []).some((/** @type {string} */ w) =>
          w.startsWith('category and subcategory taken from the URL'),
        )
          ? ' (read from the page address)'
          : ''),
    ],
    ['Outcome', d.outcome ?? (missing ? NOT_STATED : null)],
    ['Finding', finding ? factLink('fact-finding-header', finding, d.findingEvidence) : null],
    ['Remedy total', typeof d.remedyTotal === 'number' ? money(d.remedyTotal) : null],
    ['Type', d.kind === 'report' ? 'Public report' : 'Decision statement'],
  ].filter(([, v]) => v !== null && v !== '');
  return el(
    'header',
    { class: 'decision-header' },
    el('p', { class: 'eyebrow', text: `Decision ${d.ref}` }),
    el('h1', { text: d.organisation }),
    el('p', { class: 'lead', text: d.summary }),
    el(
      'dl',
      { class: 'facts' },
      rows.map(([k, v]) => [el('dt', { text: /** @type {string} */ (k) }), el('dd', {}, v)]),
    ),
    missing
      ? el('p', {
          class: 'notice header-incomplete',
          text:
            'This copy of the page lacks some of its header lines (category, outcome, decision date). ' +
            'The category was read from the page address; what the page does not state is shown as such, ' +
            'and the decision counts in no year and no outcome until a fuller copy is archived.',
        })
      : null,
    renderConflict(d),
    el(
      'p',
      {},
      el('a', { href: d.url, text: 'Read it on the Ombudsman’s website' }),
      d.archive?.removedAt ? ' (no longer available there)' : '',
      ' · ',
      el('a', { href: '#cite', text: 'Cite' }),
      ' · ',
      el('a', { href: '#archive', text: 'Archive record' }),
    ),
  );
}

/** @param {any} d */
function render(d) {
  document.title = `${d.ref} · ${d.organisation} · lgsco-archive`;
  const parts = [];
  if (d.archive?.removedAt)
    parts.push(
      el(
        'div',
        { class: 'notice removed-banner', role: 'note' },
        el('strong', { text: `Removed from the Ombudsman’s site on ${longDate(d.archive.removedAt)}.` }),
        `This is the copy the archive fetched on ${longDate(d.archive.lastFetchedAt)}, kept unchanged.`,
      ),
    );
  parts.push(renderHeader(d));
  const text = renderText(d);
  text.append(renderCitation(d), renderArchive(d));
  parts.push(
    el(
      'div',
      { class: 'decision-body' },
      el('aside', { class: 'facts-panel', 'aria-label': 'Figures' }, renderFigures(d)),
      text,
    ),
  );
  main.replaceChildren(...parts);
}

async function load() {
  const refKey = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '');
  try {
    const d = await getJson(`/api/decisions/${encodeURIComponent(refKey)}`);
    render(d);
    const target = location.hash.slice(1);
    const button = target ? document.getElementById(target) : null;
    if (button && evidenceById.has(button.id)) showEvidence(button, { updateHash: false });
  } catch (e) {
    document.getElementById('loading')?.remove();
    const status = e && typeof e === 'object' && 'status' in e ? e.status : 0;
    showError(
      document.getElementById('error'),
      status === 404
        ? `There is no decision ${refKey} in the archive.`
        : `The decision could not be loaded: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

void load();

/** Whole months from one yyyy-mm to a later one ("16 months"); null without both or when not later. */
function monthSpan(/** @type {unknown} */ from, /** @type {unknown} */ to) {
  const ym = (/** @type {unknown} */ v) => /^(\d{4})-(\d{2})/.exec(typeof v === 'string' ? v : '');
  const a = ym(from);
  const b = ym(to);
  if (!a || !b) return null;
  const n = (Number(b[1]) - Number(a[1])) * 12 + Number(b[2]) - Number(a[2]);
  return n > 0 ? `${n} month${n === 1 ? '' : 's'}` : null;
}

const STATED_LENGTH =
  /\b(?:\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|half an?)\s+(?:(?:full|whole|school|academic|calendar)\s+)?(?:terms?|weeks?|months?|years?|days?|fortnights?)\b/i;

/** The length as the decision writes it ("4 terms", "two school terms"); null when the phrase has none. */
function statedLength(/** @type {string} */ text) {
  return STATED_LENGTH.exec(text)?.[0] ?? null;
}
