/**
 * HTML → rendered text lines, the way a browser shows (and copies) the page: block elements start
 * new lines, inline elements join, whitespace collapses, entities are decoded, list items carry their
 * marker ("1. ", "a. ", "i. ", "- "), and page chrome (script, style, nav, header, footer, form) is
 * dropped. The walk is iterative (no recursion), so deeply nested garbage cannot overflow the stack.
 * @module
 */
import { type Document, DomHandler } from 'domhandler';
import { Parser } from 'htmlparser2';
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

/** Structural view of the domhandler nodes htmlparser2 produces. */
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

const WS = /[\s\u200b]+/g;
const NEEDS_COLLAPSE = /[^\S ]|\u200b| {2}|^ | $/;

function collapse(s: string): string {
  return NEEDS_COLLAPSE.test(s) ? s.replace(WS, ' ').trim() : s;
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

interface SimpleSelector {
  tag?: string;
  id?: string;
  classes: string[];
}

/** "article#article", "main", ".content", "div.a.b": the selector forms the profile uses. */
function parseSimpleSelector(sel: string): SimpleSelector | null {
  const m = /^([a-z][a-z0-9-]*)?((?:[#.][\w-]+)*)$/i.exec(sel.trim());
  if (!m || (m[1] === undefined && m[2] === '')) return null;
  const out: SimpleSelector = { classes: [] };
  if (m[1]) out.tag = m[1].toLowerCase();
  for (const part of m[2]!.match(/[#.][\w-]+/g) ?? []) {
    if (part[0] === '#') out.id = part.slice(1);
    else out.classes.push(part.slice(1));
  }
  return out;
}

function matches(node: DomNode, sel: SimpleSelector): boolean {
  if (sel.tag !== undefined && node.name !== sel.tag) return false;
  if (sel.id !== undefined && node.attribs?.id !== sel.id) return false;
  if (sel.classes.length > 0) {
    const cls = (node.attribs?.class ?? '').split(/\s+/);
    if (!sel.classes.every((c) => cls.includes(c))) return false;
  }
  return true;
}

/**
 * First element (document order) matching each selector, found in one iterative pass. (css-select
 * is quadratic on deeply nested garbage, so simple selectors are matched here.)
 */
function findFirst(root: DomNode, selectors: SimpleSelector[]): (DomNode | undefined)[] {
  const found: (DomNode | undefined)[] = selectors.map(() => undefined);
  let missing = selectors.length;
  const stack: DomNode[] = [root];
  while (stack.length > 0 && missing > 0) {
    const n = stack.pop()!;
    if (n.type === 'tag' || n.type === 'script' || n.type === 'style') {
      for (let i = 0; i < selectors.length; i++) {
        if (found[i] === undefined && matches(n, selectors[i]!)) {
          found[i] = n;
          missing--;
        }
      }
    }
    pushChildrenNodes(stack, n);
  }
  return found;
}

function pushChildrenNodes(stack: DomNode[], node: DomNode): void {
  const ch = node.children;
  if (!ch) return;
  for (let i = ch.length - 1; i >= 0; i--) stack.push(ch[i]!);
}

/**
 * Deepest element nesting kept, as in Chromium's HTML parser (kMaximumHTMLParserDOMTreeDepth).
 * No real page comes near it; a start tag deeper than this is dropped (its text is kept, in the
 * deepest element), so hostile markup cannot make the tree, or the work on it, deep.
 */
export const MAX_DEPTH = 512;

/** htmlparser2's void elements: never on its stack (they cannot nest), so never dropped. */
const VOID = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

/**
 * htmlparser2 keeps its open elements in an array with the innermost first, and `unshift`s and
 * `shift`s it for every start and end tag: each costs the depth, so N unclosed tags cost N²/2
 * (and past ~16k entries V8 moves the whole array on every shift): 128k unclosed `<div><span>`
 * pairs (1.4 MB) took 94 s to load. Capping the depth at MAX_DEPTH bounds each step, so parsing
 * is linear in the page size. Only the public tokenizer callback is overridden; `stack` is read
 * as htmlparser2 10 names it (checked by render.test.ts).
 */
class DepthCappedParser extends Parser {
  override onopentagname(start: number, endIndex: number): void {
    const stack = (this as unknown as { stack: unknown[] }).stack;
    if (stack.length >= MAX_DEPTH) {
      const name = tagName(this, start, endIndex).toLowerCase();
      // Dropped: its attributes, `>` and end tag then find no element of theirs (an end tag that
      // matches an outer open element closes it, as htmlparser2 does for any stray end tag).
      if (!VOID.has(name)) return;
    }
    super.onopentagname(start, endIndex);
  }
}

/** The tag name text htmlparser2 would read for a start tag (its buffers are private; same slice). */
function tagName(parser: Parser, start: number, endIndex: number): string {
  return (parser as unknown as { getSlice(s: number, e: number): string }).getSlice(start, endIndex);
}

/** Parses HTML to a domhandler Document, linear in its length (see DepthCappedParser). */
export function parseHtmlDocument(source: string): Document {
  const handler = new DomHandler();
  // htmlparser2 in HTML mode (not parse5): about ten times faster, and as forgiving of broken markup.
  new DepthCappedParser(handler, { xmlMode: false, decodeEntities: true }).end(source);
  return handler.root;
}

/** Renders a whole HTML document (or fragment). */
export function renderHtml(html: string, options: RenderOptions = {}): RenderResult {
  const selectors = options.containerSelectors ?? sourceProfile.decisionPage.containerSelectors;
  const simple = selectors.map((s) => {
    const parsed = parseSimpleSelector(s);
    // Only the simple forms are matched (css-select is quadratic on deeply nested garbage, and
    // loading cheerio for it cost each parsing thread ~0.15 s of start-up).
    if (!parsed)
      throw new TypeError(`container selector ${JSON.stringify(s)} is not of the form tag#id.class`);
    return parsed;
  });
  const root = parseHtmlDocument(html) as unknown as DomNode;
  const found = findFirst(root, [...simple, { tag: 'title', classes: [] }]);
  const container = found.slice(0, selectors.length).find((n) => n !== undefined) ?? root;
  const titleNode = found[selectors.length];
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
  if (typeof html !== 'string') return [];
  return renderHtml(html).lines.map((l) => l.text);
}
