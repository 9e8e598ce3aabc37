/**
 * HTML → rendered text lines, the way a browser shows (and copies) the page: block elements start
 * new lines, inline elements join, whitespace collapses, entities are decoded, list items carry their
 * marker ("1. ", "a. ", "i. ", "- "), and page chrome (script, style, nav, header, footer, form) is
 * dropped. The walk is iterative (no recursion), so deeply nested garbage cannot overflow the stack.
 * @module
 */
import { load } from 'cheerio';
import { sourceProfile } from '../core/source-profile.js';
import { canonicalDecisionUrl } from './url.js';

/** One rendered line plus what the markup said about it. */
export interface RenderedLine {
  text: string;
  /** 1–6 when the line came from an h1–h6 element. */
  headingLevel?: number;
  /** Canonical decision URLs linked from this line (only when requested), with each link's text. */
  links?: { url: string; text: string }[];
}

export interface RenderOptions {
  /** Render this element (first match of each selector in turn); default: the decision container. */
  containerSelectors?: readonly string[];
  /** Collect links to decision pages, resolved against this URL. */
  linkBase?: string;
}

export interface RenderResult {
  lines: RenderedLine[];
  /** Text of the document's <title>, whitespace collapsed ("" when absent). */
  title: string;
}

/** Structural view of the domhandler nodes cheerio produces (avoids depending on domhandler directly). */
interface DomNode {
  type: string;
  data?: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
}

/**
 * Never rendered. <header>/<footer> are removed only as page chrome (outside <article>/<main>); a
 * <form> only when it holds no content blocks (a search box), since some sites wrap whole pages in one.
 */
const REMOVED = new Set([
  'script',
  'style',
  'nav',
  'noscript',
  'template',
  'head',
  'iframe',
  'svg',
  'button',
  'select',
  'textarea',
  'object',
]);

const BLOCK = new Set([
  'p',
  'div',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'br',
  'dt',
  'dd',
  'dl',
  'section',
  'article',
  'main',
  'aside',
  'ul',
  'ol',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'caption',
  'blockquote',
  'pre',
  'address',
  'figure',
  'figcaption',
  'hr',
  'fieldset',
  'details',
  'summary',
  'center',
  'body',
  'html',
]);

const CELL = new Set(['td', 'th']);
const CHROME = new Set(['header', 'footer']);
const CONTENT_ROOTS = new Set(['article', 'main']);
const FORM_CONTENT = new Set([
  'p',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'article',
  'main',
  'table',
  'section',
]);

/** True when a <form> wraps real content (p, li, headings, article …) rather than being a search box. */
function formHasContent(form: DomNode): boolean {
  const stack: DomNode[] = [...(form.children ?? [])];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type !== 'tag') continue;
    if (n.name && FORM_CONTENT.has(n.name)) return true;
    if (n.children) for (const c of n.children) stack.push(c);
  }
  return false;
}

interface ListFrame {
  ordered: boolean;
  counter: number;
  style: string;
}

const WS = /[\s\u00a0\u200b\ufeff]+/g;

function collapse(s: string): string {
  return s.replace(WS, ' ').trim();
}

function toAlpha(n: number): string {
  let s = '';
  let k = n;
  while (k > 0) {
    k -= 1;
    s = String.fromCharCode(97 + (k % 26)) + s;
    k = Math.floor(k / 26);
  }
  return s || 'a';
}

const ROMAN: [number, string][] = [
  [1000, 'm'],
  [900, 'cm'],
  [500, 'd'],
  [400, 'cd'],
  [100, 'c'],
  [90, 'xc'],
  [50, 'l'],
  [40, 'xl'],
  [10, 'x'],
  [9, 'ix'],
  [5, 'v'],
  [4, 'iv'],
  [1, 'i'],
];

function toRoman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  let s = '';
  let k = n;
  for (const [v, r] of ROMAN) {
    while (k >= v) {
      s += r;
      k -= v;
    }
  }
  return s;
}

function listMarker(frame: ListFrame): string {
  if (!frame.ordered) return '- ';
  const n = frame.counter;
  switch (frame.style) {
    case 'a':
      return `${toAlpha(n)}. `;
    case 'A':
      return `${toAlpha(n).toUpperCase()}. `;
    case 'i':
      return `${toRoman(n)}. `;
    case 'I':
      return `${toRoman(n).toUpperCase()}. `;
    default:
      return `${n}. `;
  }
}

/** Marker style of an <ol> at list depth `depth` (1 = outermost), unless its type attribute says otherwise. */
function olStyle(typeAttr: string | undefined, depth: number): string {
  if (typeAttr && /^[1aAiI]$/.test(typeAttr)) return typeAttr;
  if (depth <= 1) return '1';
  if (depth === 2) return 'a';
  return 'i';
}

const EXIT = Symbol('exit');
type StackItem = DomNode | { [EXIT]: DomNode };

class LineBuilder {
  readonly lines: RenderedLine[] = [];
  private parts: string[] = [];
  private prefix = '';
  private headingLevel = 0;
  private links: { url: string; text: string }[] = [];

  append(text: string): void {
    this.parts.push(text);
  }

  setPrefix(prefix: string): void {
    this.prefix = prefix;
  }

  setHeading(level: number): void {
    this.headingLevel = level;
  }

  addLink(url: string, text: string): void {
    this.links.push({ url, text });
  }

  /** Ends the current line (if it has text). */
  flush(): void {
    if (this.parts.length === 0) {
      if (this.links.length > 0) this.links = [];
      return;
    }
    const text = collapse(this.parts.join(''));
    this.parts = [];
    if (text === '') {
      this.links = [];
      return;
    }
    const line: RenderedLine = { text: this.prefix + text };
    this.prefix = '';
    if (this.headingLevel > 0) line.headingLevel = this.headingLevel;
    if (this.links.length > 0) {
      line.links = this.links;
      this.links = [];
    }
    this.lines.push(line);
  }
}

function textOf(node: DomNode): string {
  const out: string[] = [];
  const stack: DomNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'text') out.push(n.data ?? '');
    else if (n.children && !(n.name && REMOVED.has(n.name))) {
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
  }
  return collapse(out.join(''));
}

function walk(root: DomNode, options: RenderOptions): RenderedLine[] {
  const b = new LineBuilder();
  const lists: ListFrame[] = [];
  const stack: StackItem[] = [root];
  const linkBase = options.linkBase;
  let contentDepth = 0; // number of open <article>/<main> elements
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (EXIT in item) {
      const el = item[EXIT];
      const name = el.name!;
      if (name === 'ul' || name === 'ol') lists.pop();
      if (CONTENT_ROOTS.has(name)) contentDepth -= 1;
      if (/^h[1-6]$/.test(name)) {
        b.flush();
        b.setHeading(0);
      } else if (BLOCK.has(name)) b.flush();
      else if (CELL.has(name)) b.append(' ');
      continue;
    }
    const node = item;
    if (node.type === 'text') {
      b.append(node.data ?? '');
      continue;
    }
    if (node.type === 'root') {
      pushChildren(stack, node);
      continue;
    }
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    const name = (node.name ?? '').toLowerCase();
    if (REMOVED.has(name)) continue;
    if (contentDepth === 0 && CHROME.has(name)) continue;
    if (name === 'form' && !formHasContent(node)) continue;
    if (CONTENT_ROOTS.has(name)) contentDepth += 1;
    if (name === 'br') {
      b.flush();
      continue;
    }
    if (BLOCK.has(name)) b.flush();
    if (name === 'ul' || name === 'ol') {
      const ordered = name === 'ol';
      const startAttr = ordered ? Number.parseInt(node.attribs?.start ?? '', 10) : Number.NaN;
      lists.push({
        ordered,
        counter: Number.isFinite(startAttr) ? startAttr - 1 : 0,
        style: ordered ? olStyle(node.attribs?.type, lists.length + 1) : '-',
      });
    } else if (name === 'li') {
      const frame = lists[lists.length - 1];
      if (frame) {
        frame.counter += 1;
        const value = frame.ordered ? Number.parseInt(node.attribs?.value ?? '', 10) : Number.NaN;
        if (Number.isFinite(value)) frame.counter = value;
        b.setPrefix(listMarker(frame));
      } else b.setPrefix('- ');
    } else if (/^h[1-6]$/.test(name)) {
      b.setHeading(Number(name[1]));
    } else if (name === 'a' && linkBase !== undefined) {
      const href = node.attribs?.href;
      if (href) {
        const url = decisionUrlOrNull(href, linkBase);
        if (url) b.addLink(url, textOf(node));
      }
    }
    stack.push({ [EXIT]: node });
    pushChildren(stack, node);
  }
  b.flush();
  return b.lines;
}

function pushChildren(stack: StackItem[], node: DomNode): void {
  const ch = node.children;
  if (!ch) return;
  for (let i = ch.length - 1; i >= 0; i--) stack.push(ch[i]!);
}

/** Canonical URL of a link if its path is a decision page, else null. */
function decisionUrlOrNull(href: string, base: string): string | null {
  let u: URL;
  try {
    u = new URL(href, base);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  if (!sourceProfile.decisionPage.pathPattern.test(u.pathname)) return null;
  try {
    return canonicalDecisionUrl(u.href);
  } catch {
    return null;
  }
}

/** Renders a whole HTML document (or fragment). */
export function renderHtml(html: string, options: RenderOptions = {}): RenderResult {
  const $ = load(html);
  const selectors = options.containerSelectors ?? sourceProfile.decisionPage.containerSelectors;
  let container: DomNode | undefined;
  for (const sel of selectors) {
    const found = $(sel).first()[0] as unknown as DomNode | undefined;
    if (found) {
      container = found;
      break;
    }
  }
  container ??= $.root()[0] as unknown as DomNode;
  const titleNode = $('title').first()[0] as unknown as DomNode | undefined;
  return {
    lines: walk(container, options),
    title: titleNode ? textOf(titleNode) : '',
  };
}

/**
 * Renders the decision container (first match of sourceProfile.decisionPage.containerSelectors,
 * falling back to the whole document) to text lines as a browser shows them.
 */
export function htmlToLines(html: string): string[] {
  return renderHtml(html).lines.map((l) => l.text);
}
