// Shared helpers of the web pages: element building (text only, never HTML), API calls,
// formatting and the labels of extracted facts.
// Every page imports this module, so it also brings the wide tables' scroll cue (scroll-cue.js).
import './scroll-cue.js';

/**
 * @typedef {Record<string, string | number | boolean | null | undefined | EventListener>} Attrs
 */

/**
 * Creates an element. Strings become text nodes, so API strings can never become markup.
 * Attributes: `class`, `text` (textContent), `on<event>` (listener), booleans toggle, others
 * are set with setAttribute.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attrs} [attrs]
 * @param {...unknown} children nodes, strings, numbers, nested arrays; null/undefined/false are skipped
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = String(value);
    else if (key === 'text') node.textContent = String(value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

/**
 * @param {Node} parent
 * @param {unknown[]} children
 */
export function append(parent, children) {
  for (const child of children.flat(Number.POSITIVE_INFINITY)) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * Turns an API snippet (HTML-escaped text with <mark> around matches) into nodes, keeping only
 * text and <mark>: even a malformed snippet cannot add elements, attributes or scripts.
 * @param {string} html
 * @returns {DocumentFragment}
 */
export function snippetNodes(html) {
  const tpl = document.createElement('template');
  tpl.innerHTML = html; // template content is inert: nothing loads or runs
  const out = document.createDocumentFragment();
  for (const node of tpl.content.childNodes) {
    if (node.nodeName === 'MARK') out.appendChild(el('mark', { text: node.textContent ?? '' }));
    else out.appendChild(document.createTextNode(node.textContent ?? ''));
  }
  return out;
}

/** An API answer that was not 2xx; `status` 0 for a network failure. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   * @param {string} [code]
   */
  constructor(status, message, code) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/**
 * GETs JSON from the API; throws ApiError with the API's message, or lets an AbortError through.
 * @param {string} url
 * @param {AbortSignal} [signal]
 * @returns {Promise<any>}
 */
export async function getJson(url, signal) {
  let res;
  try {
    res = await fetch(url, { signal, headers: { accept: 'application/json' } });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'The archive could not be reached. Check your connection and try again.');
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const message = body && typeof body.message === 'string' ? body.message : `HTTP ${res.status}`;
    throw new ApiError(res.status, message, body?.code);
  }
  return body;
}

/** @param {unknown} e */
export const isAbort = (e) => e instanceof DOMException && e.name === 'AbortError';

const gbp0 = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
const gbp2 = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', minimumFractionDigits: 2 });
const int = new Intl.NumberFormat('en-GB');

/** "£1,250", or "£1,250.50" when there are pence. @param {number} n */
export const money = (n) => (Number.isInteger(n) ? gbp0 : gbp2).format(n);
/** @param {number} n */
export const count = (n) => int.format(n);
/** @param {number} n @param {number} [digits] */
export const percent = (n, digits = 0) => `${(n * 100).toFixed(digits)}%`;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "11 August 2023" from "2023-08-11" (or an ISO timestamp); as given when not a date. @param {string | null | undefined} iso */
export function longDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  if (!m) return iso ?? '';
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** "August 2023" from "2023-08". @param {string | null | undefined} ym */
export function monthYear(ym) {
  const m = /^(\d{4})-(\d{2})/.exec(ym ?? '');
  return m ? `${MONTHS[Number(m[2]) - 1]} ${m[1]}` : '';
}

/** "12 weeks (84 days)", "about 10 months (300 days)". @param {number} days */
export function duration(days) {
  const d = Math.round(days);
  if (d < 14) return `${d} day${d === 1 ? '' : 's'}`;
  if (d < 120) return `${Math.round(d / 7)} weeks (${d} days)`;
  const months = Math.round(d / 30.4);
  return `about ${months} months (${d} days)`;
}

/** @param {string} refKey */
export const decisionHref = (refKey) => `/decisions/${encodeURIComponent(refKey)}`;
/** @param {string} name */
export const organisationHref = (name) => `/organisations/${encodeURIComponent(name)}`;

/** @type {Record<string, string>} */
export const FINDING_LABELS = {
  fault_injustice: 'Fault causing injustice',
  fault_no_injustice: 'Fault, no injustice',
  no_fault: 'No fault',
  not_investigated: 'Not investigated',
  unknown: 'Not stated',
};

/** @type {Record<string, string>} */
export const NOT_INVESTIGATED_LABELS = {
  tribunal: 'could go to a tribunal',
  late: 'complaint made too late',
  out_of_jurisdiction: 'outside the Ombudsman’s jurisdiction',
  insufficient_injustice: 'not enough injustice',
  already_remedied: 'already put right',
  premature: 'complaint premature',
  other: 'other reason',
};

/** @type {Record<string, string>} */
export const PAYMENT_STATUS_LABELS = {
  agreed: 'Agreed',
  recommended: 'Recommended',
  already_paid: 'Already paid',
  offered: 'Offered by the body',
  other: 'Unclear',
};

/** @type {Record<string, string>} */
export const PAYMENT_PURPOSE_LABELS = {
  distress: 'Distress',
  time_and_trouble: 'Time and trouble',
  loss_of_education: 'Lost education',
  loss_of_service: 'Lost service',
  reimbursement: 'Reimbursement',
  symbolic: 'Symbolic',
  backdated: 'Backdated payment',
  other: 'Other',
};

/** @type {Record<string, string>} */
export const DELAY_LABELS = {
  ehc_plan: 'EHC plan',
  annual_review: 'Annual review',
  assessment: 'Assessment',
  complaint_response: 'Complaint response',
  education_provision: 'Education provision',
  other: 'Other',
};

/** A row of headline figures: [value, what it counts] pairs as `ul.stat-row`. @param {[string, string][]} stats */
export function statRow(stats) {
  return el(
    'ul',
    { class: 'stat-row' },
    stats.map(([v, w]) =>
      el(
        'li',
        { class: 'stat' },
        el('span', { class: 'value', text: v }),
        el('span', { class: 'what', text: w }),
      ),
    ),
  );
}

/** Why a listed decision is not in the archive (`state` in GET /api/coverage), as a phrase. @type {Record<string, string>} */
export const MISSING_STATE_LABELS = {
  gone: 'page gone from the Ombudsman’s site before it was archived',
  failed: 'could not be fetched (tried again next crawl)',
  unparsed: 'page kept but could not be read (quarantined)',
  pending: 'not fetched yet',
};

/** "1 page gone …; 2 not fetched yet": the counts of a /api/coverage `missing`. @param {any} missing */
export const missingCounts = (missing) =>
  Object.keys(MISSING_STATE_LABELS)
    .filter((k) => missing[k])
    .map((k) => `${count(missing[k])} ${MISSING_STATE_LABELS[k]}`)
    .join('; ');

/**
 * The decisions the archive lacks (items of GET /api/coverage), each linking to its page on the
 * Ombudsman's site, with why it is missing.
 * @param {any[]} items @param {{ organisation?: boolean, caption?: string }} [opts]
 */
export function missingTable(items, opts = {}) {
  const heads = [
    'Decision',
    ...(opts.organisation ? ['Organisation'] : []),
    'Listed as of',
    'Why it is missing',
  ];
  return el(
    'div',
    { class: 'table-scroll' },
    el(
      'table',
      { class: 'missing' },
      opts.caption ? el('caption', { text: opts.caption }) : null,
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          heads.map((h) => el('th', { scope: 'col', text: h })),
        ),
      ),
      el(
        'tbody',
        {},
        items.map((m) =>
          el(
            'tr',
            { 'data-ref-key': m.refKey },
            el('td', {}, el('a', { href: m.url, text: m.refKey.replaceAll('-', ' ') })),
            opts.organisation
              ? el(
                  'td',
                  {},
                  m.organisation
                    ? el('a', { href: organisationHref(m.organisation), text: m.organisation })
                    : el('span', { class: 'hint', text: 'not known' }),
                )
              : null,
            el('td', { text: m.listingDate ? longDate(m.listingDate) : '—' }),
            el('td', {
              text: `${label(MISSING_STATE_LABELS, m.state)}${m.reason ? `: ${m.reason}` : ''}`,
            }),
          ),
        ),
      ),
    ),
  );
}

/** @param {Record<string, string>} labels @param {string | null | undefined} key */
export const label = (labels, key) => (key ? (labels[key] ?? key.replaceAll('_', ' ')) : '');

/**
 * Shows an error in a role=alert element (or hides it with null).
 * @param {HTMLElement | null} box
 * @param {string | null} message
 */
export function showError(box, message) {
  if (!box) return;
  box.hidden = !message;
  box.textContent = message ?? '';
}

/**
 * Copies text to the clipboard and says so in the button for two seconds.
 * @param {HTMLButtonElement} button
 * @param {string} text
 */
export async function copyWithFeedback(button, text) {
  const original = button.textContent;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch {
    button.textContent = 'Copy failed: select and copy by hand';
  }
  setTimeout(() => {
    button.textContent = original;
  }, 2000);
}

/** Whether the user asked for less motion (smooth scrolling off). */
export const reducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;
