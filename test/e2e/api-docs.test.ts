/**
 * The OpenAPI page under its Content-Security-Policy, in Chromium: Swagger UI still renders every
 * operation with no CSP violation, and the page refuses to be framed (frame-ancestors 'none').
 */
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../../crawler/index.js';
import { type StubApi, startStubApi } from '../helpers/stub-api.js';

describe('/api/docs in a browser', () => {
  let api: StubApi;
  let browser: Browser;

  beforeAll(async () => {
    api = await startStubApi();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('renders the operations with no CSP violation', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    const res = await page.goto(`${api.base}/api/docs`);
    expect(res?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.waitForSelector('.opblock-summary-path', { timeout: 20_000 });
    const paths = await page.locator('.opblock-summary-path').allTextContents();
    expect(paths.map((p) => p.replace(/\u200b/g, ''))).toEqual(
      expect.arrayContaining(['/api/search', '/api/stats', '/api/export.csv', '/api/coverage']),
    );
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('cannot be framed by another page', async () => {
    const page = await browser.newPage();
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/frame-ancestors/.test(m.text())) refused.push(m.text());
    });
    await page.setContent(`<iframe src="${api.base}/api/docs"></iframe>`);
    await expect.poll(() => refused.length, { timeout: 10_000 }).toBeGreaterThan(0);
    await page.close();
  }, 60_000);
});
