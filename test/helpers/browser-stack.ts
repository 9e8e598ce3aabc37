/**
 * One crawled, served replica and one Chromium for a browser test file (beforeAll/afterAll in the
 * calling describe): the start, the stop, opening a page at a width and reading the API, instead of
 * the same setup in every test/e2e/web-*.test.ts. Page errors are collected, and the file fails in
 * afterAll when any was seen.
 */
import { mkdirSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { CHROMIUM_ARGS } from '../../crawler/index.js';
import { CHROMIUM, chromiumMissing, requireNothingMissing } from './requirements.js';
import { type ServedReplica, serveCrawledReplica } from './served-replica.js';
import { tempDir } from './tmp.js';

/** Where browser tests leave their screenshots (ignored by git). */
export const ARTIFACTS = 'test-artifacts';

export interface BrowserStack {
  /** The archive's data dir. */
  readonly dir: string;
  /** The API's base URL, e.g. http://127.0.0.1:41234 */
  readonly base: string;
  readonly stack: ServedReplica;
  readonly browser: Browser;
  /** What went wrong on pages (errors thrown, CSP refusals); afterAll expects none. */
  readonly problems: string[];
  /** A new page of `width` × 900 px at `path`, its errors collected. */
  open(path: string, width: number, options?: { acceptDownloads?: boolean }): Promise<Page>;
  /** GET `path` from the API, expecting 200, as JSON. */
  api<T>(path: string): Promise<T>;
}

export function useBrowserStack(
  options: Omit<Parameters<typeof serveCrawledReplica>[0], 'dataDir'> & { tmpPrefix?: string },
): BrowserStack {
  const { tmpPrefix, ...serve } = options;
  const tmp = tempDir(tmpPrefix);
  let stack: ServedReplica | undefined;
  let browser: Browser | undefined;
  const problems: string[] = [];
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`useBrowserStack: ${what} is read before the stack started`);
    return value;
  };

  beforeAll(async () => {
    requireNothingMissing(chromiumMissing());
    mkdirSync(ARTIFACTS, { recursive: true });
    stack = await serveCrawledReplica({ dataDir: tmp.dir, ...serve });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    tmp.cleanup();
    expect(problems).toEqual([]);
  });

  const self: BrowserStack = {
    dir: tmp.dir,
    get base() {
      return started(stack, 'base').base;
    },
    get stack() {
      return started(stack, 'stack');
    },
    get browser() {
      return started(browser, 'browser');
    },
    problems,
    async open(path, width, opts = {}) {
      const page = await self.browser.newPage({
        viewport: { width, height: 900 },
        acceptDownloads: opts.acceptDownloads ?? false,
      });
      page.on('pageerror', (e) => problems.push(`pageerror ${path}: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text()))
          problems.push(`CSP ${path}: ${m.text()}`);
      });
      await page.goto(`${self.base}${path}`);
      return page;
    },
    async api<T>(path: string): Promise<T> {
      const res = await fetch(`${self.base}${path}`);
      expect(res.status, path).toBe(200);
      return (await res.json()) as T;
    },
  };
  return self;
}
