/**
 * The organisation page's figures per 100,000 residents and its comparison with councils of its
 * kind (issue #17), in Chromium against the real stack (replica → crawl → archive → Meilisearch →
 * API): every figure the page shows is checked against /api/stats with the same parameters; the
 * region switch and the reorganised council's history switch change them as the API does.
 */
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../../crawler/index.js';
import { CHROMIUM, chromiumMissing, requireNothingMissing, skipUnless } from '../helpers/requirements.js';
import { type ServedReplica, serveCrawledReplica } from '../helpers/served-replica.js';
import { tempDir } from '../helpers/tmp.js';

// Enough decisions that Marlbeck Council (the replica's reorganised council) and its predecessors have some.
const DECISIONS = 1500;

interface PerResident {
  decisionsPer100k: number;
  upheldPer100k: number;
  residents: number;
  councils: number;
}
interface StatsJson {
  total: { decisions: number; perResident: PerResident | null };
  groups: { key: string | number; decisions: number; perResident: PerResident | null }[];
}
interface OrgJson {
  organisations: {
    organisation: string;
    decisions: number;
    organisationCode: string | null;
    organisationKind: string;
    region: string | null;
    predecessors: { code: string; name: string }[];
  }[];
}

describe.skipIf(skipUnless(chromiumMissing()))('organisation page: per-resident figures (issue #17)', () => {
  const tmp = tempDir();
  let stack: ServedReplica | undefined;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    requireNothingMissing(chromiumMissing());
    stack = await serveCrawledReplica({
      dataDir: tmp.dir,
      seed: 11,
      decisions: DECISIONS,
      config: { rate: 1000 },
    });
    ({ base } = stack);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    tmp.cleanup();
  });

  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${base}${path}`);
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };
  const org = async (name: string) =>
    (await api<OrgJson>(`/api/organisations?${new URLSearchParams({ organisation: name })}`))
      .organisations[0]!;
  const stats = (params: Record<string, string>) =>
    api<StatsJson>(`/api/stats?${new URLSearchParams(params)}`);

  /** The number a figure shows, once it is `want` (the page re-renders after a switch). */
  async function shown(page: Page, id: string, want: number | undefined): Promise<string | null> {
    const w = want === undefined ? '' : String(want);
    await page
      .waitForFunction(
        `document.getElementById(${JSON.stringify(id)})?.dataset.value === ${JSON.stringify(w)}`,
        null,
        // Generous: three /api/stats calls on a loaded machine (no wall-clock bound is tested here).
        { timeout: 30_000 },
      )
      .catch(() => undefined);
    return page.locator(`#${id}`).getAttribute('data-value');
  }

  async function open(name: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/organisations/${encodeURIComponent(name)}`);
    await page.waitForSelector('#per-decisions', { timeout: 30_000 });
    return page;
  }

  it('shows a council’s and its kind’s decisions per 100,000 residents as /api/stats gives them; the region switch narrows the kind', async () => {
    const name = 'Northmere County Council';
    const reg = await org(name);
    expect(reg).toMatchObject({ organisationKind: 'county' });
    expect(reg.organisationCode).toMatch(/^E99/);
    const own = (await stats({ organisationCode: reg.organisationCode! })).total.perResident!;
    const kind = (await stats({ organisationKind: 'county' })).total.perResident!;
    const kindRegion = (await stats({ organisationKind: 'county', region: reg.region! })).total.perResident!;
    expect(own.decisionsPer100k).toBeGreaterThan(0);
    expect(kindRegion.councils).toBeLessThan(kind.councils);

    const page = await open(name);
    expect(await shown(page, 'per-decisions', own.decisionsPer100k)).toBe(String(own.decisionsPer100k));
    expect(await shown(page, 'per-upheld', own.upheldPer100k)).toBe(String(own.upheldPer100k));
    expect(await shown(page, 'kind-decisions', kind.decisionsPer100k)).toBe(String(kind.decisionsPer100k));
    expect(await shown(page, 'kind-upheld', kind.upheldPer100k)).toBe(String(kind.upheldPer100k));
    await page.locator('#per-region').check();
    expect(await shown(page, 'kind-decisions', kindRegion.decisionsPer100k)).toBe(
      String(kindRegion.decisionsPer100k),
    );

    // The per-year table: one row per year of /api/stats grouped by year, with its per-100,000 figure.
    const years = await stats({ organisationCode: reg.organisationCode!, groupBy: 'year' });
    const cells = await page
      .locator('#per-years tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) =>
          [...(r as unknown as { children: { textContent: string }[] }).children].map((c) => c.textContent),
        ),
      );
    expect(cells.map((c) => c[0])).toEqual(years.groups.map((g) => String(g.key)));
    expect(cells.map((c) => c[2])).toEqual(
      years.groups.map((g) =>
        g.perResident!.decisionsPer100k.toLocaleString('en-GB', { minimumFractionDigits: 1 }),
      ),
    );

    // The comparison with councils of its kind lists exactly the registry's county councils.
    const peers = await stats({ groupBy: 'organisation', organisationKind: 'county' });
    await page.waitForSelector('table.peers tbody tr');
    expect(await page.locator('table.peers tbody tr').count()).toBe(peers.groups.length);
    await page.close();
  });

  it('shows a reorganised council’s predecessors and joins their history when asked', async () => {
    const name = 'Marlbeck Council';
    const reg = await org(name);
    expect(reg.predecessors.map((p) => p.name).sort()).toEqual([
      'Barrowden Vale District Council',
      'Millbrook & Esk District Council',
    ]);
    const own = (await stats({ organisationCode: reg.organisationCode! })).total;
    const joined = (await stats({ organisationCode: reg.organisationCode!, includePredecessors: 'true' }))
      .total;
    expect(joined.decisions).toBeGreaterThan(own.decisions);

    const page = await open(name);
    expect(await page.locator('#predecessors').textContent()).toContain('Barrowden Vale District Council');
    expect(await shown(page, 'per-decisions', own.perResident!.decisionsPer100k)).toBe(
      String(own.perResident!.decisionsPer100k),
    );
    await page.locator('#per-history').check();
    expect(await shown(page, 'per-decisions', joined.perResident!.decisionsPer100k)).toBe(
      String(joined.perResident!.decisionsPer100k),
    );
    // Same residents (one area), more decisions.
    expect(joined.perResident!.residents).toBe(own.perResident!.residents);
    await page.close();
  });
});
