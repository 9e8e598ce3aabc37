import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceProfile } from '../core/source-profile.js';
import { ReplicaDecision, type ReplicaServer, startReplica, writeTruth } from './index.js';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/128.0';
const L = sourceProfile.listing;

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers: { 'User-Agent': BROWSER, ...headers }, redirect: 'manual' });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

interface Page {
  total: number | null;
  items: { href: string; title: string; meta: string }[];
}

function readListing(html: string): Page {
  const $ = load(html);
  const m = L.totalPattern.exec($('body').text());
  return {
    total: m ? Number(m[1]?.replace(/,/g, '')) : null,
    items: $('li.result')
      .toArray()
      .map((el) => ({
        href: $(el).find('h4 > a').attr('href') ?? '',
        title: $(el).find('h4 > a').text(),
        meta: $(el).find('p.meta').text(),
      })),
  };
}

describe('replica server', () => {
  let site: ReplicaServer;
  const listing = (q: Record<string, string>) => `${site.url}${L.path}?${new URLSearchParams(q).toString()}`;

  beforeAll(async () => {
    site = await startReplica({ port: 0, seed: 5, decisions: 1500, maxPages: 20 });
  });
  afterAll(async () => {
    await site.close();
  });

  it('binds to 127.0.0.1 on a free port', () => {
    expect(site.url).toBe(`http://127.0.0.1:${site.port}`);
    expect(site.port).toBeGreaterThan(0);
    expect(site.corpus.count).toBe(1500);
  });

  it('serves a permissive default robots.txt', async () => {
    const r = await get(`${site.url}/robots.txt`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(r.body).toContain('User-agent: *');
    expect(r.body).toContain('Disallow: /admin/');
  });

  it('counts every decision from the start and pages a window completely, ten at a time, without duplicates', async () => {
    const all = readListing((await get(listing({ [L.params.from]: L.openFromDate }))).body);
    expect(all.total).toBe(1500);
    expect(all.items).toHaveLength(10);

    const fd = '2024-01-01';
    const td = '2024-12-31';
    const expected = site.corpus.decisions.filter((d) => d.decisionDate >= fd && d.decisionDate <= td);
    expect(expected.length).toBeLessThan(20 * 10);
    const seen = new Set<string>();
    let total: number | null = null;
    for (let page = 1; ; page++) {
      const p = readListing((await get(listing({ fd, td, page: String(page) }))).body);
      total ??= p.total;
      expect(p.total).toBe(total);
      if (p.items.length === 0) break;
      expect(p.items.length).toBeLessThanOrEqual(10);
      if (page < Math.ceil(expected.length / 10)) expect(p.items).toHaveLength(10);
      for (const it of p.items) {
        expect(seen.has(it.href)).toBe(false);
        seen.add(it.href);
      }
    }
    expect(total).toBe(expected.length);
    expect(seen.size).toBe(expected.length);
    expect([...seen].sort()).toEqual(expected.map((d) => d.path).sort());
  });

  it('sorts newest first by default and oldest first with sortOrder=ascending', async () => {
    const toIso = (meta: string) => {
      const m = L.metaDatePattern.exec(meta);
      const mon = [
        'Jan',
        'Feb',
        'Mar',
        'Apr',
        'May',
        'Jun',
        'Jul',
        'Aug',
        'Sep',
        'Oct',
        'Nov',
        'Dec',
      ].indexOf(m?.[2] ?? '');
      return `${m?.[3]}-${String(mon + 1).padStart(2, '0')}-${m?.[1]}`;
    };
    const desc = readListing((await get(listing({ fd: '2022-01-01', td: '2022-12-31' }))).body).items.map(
      (i) => toIso(i.meta),
    );
    expect(desc).toEqual([...desc].sort().reverse());
    const asc = readListing(
      (await get(listing({ fd: '2022-01-01', td: '2022-12-31', sortOrder: 'ascending' }))).body,
    );
    const ascDates = asc.items.map((i) => toIso(i.meta));
    expect(ascDates).toEqual([...ascDates].sort());
    expect((ascDates[0] ?? '') >= '2022-01-01').toBe(true);
    expect(asc.items[0]?.href).toBe(site.corpus.decisions.find((d) => d.decisionDate >= '2022-01-01')?.path);
  });

  it('filters by a date window, accepting unpadded dates', async () => {
    const padded = readListing((await get(listing({ fd: '2021-03-01', td: '2021-03-31' }))).body);
    const unpadded = readListing((await get(listing({ fd: '2021-3-1', td: '2021-3-31' }))).body);
    const expected = site.corpus.decisions.filter(
      (d) => d.decisionDate >= '2021-03-01' && d.decisionDate <= '2021-03-31',
    );
    expect(padded.total).toBe(expected.length);
    expect(unpadded).toEqual(padded);
    for (const it of padded.items) expect(it.meta).toMatch(/-Mar-2021$/);
  });

  it('filters by exact organisation name, including names with & and apostrophes', async () => {
    const counts = new Map<string, number>();
    for (const d of site.corpus.decisions) counts.set(d.organisation, (counts.get(d.organisation) ?? 0) + 1);
    const tricky = [...counts.keys()].find((n) => n.includes('&')) as string;
    for (const name of [tricky, 'Northmere County Council']) {
      const p = readListing((await get(listing({ aname: name, fd: L.openFromDate }))).body);
      expect(p.total).toBe(counts.get(name));
      for (const it of p.items) expect(it.title.startsWith(`${name} (`)).toBe(true);
    }
    const none = readListing((await get(listing({ aname: 'Northmere County' }))).body);
    expect(none.total).toBe(0);
  });

  it('filters by decision codes sent as %2B or as a raw +', async () => {
    const expected = site.corpus.decisions.filter((d) => d.outcome !== 'Upheld').length;
    const encoded = readListing((await get(listing({ dc: 'c+nu+' }))).body);
    expect(encoded.total).toBe(expected);
    for (const it of encoded.items) expect(it.meta).not.toMatch(/^Statement Upheld |^Report Upheld /);
    const raw = readListing((await get(`${site.url}${L.path}?dc=c+nu+`)).body);
    expect(raw.total).toBe(expected);
    const upheld = readListing((await get(listing({ dc: 'u+' }))).body);
    expect(upheld.total).toBe(1500 - expected);
  });

  it('serves no items past the page ceiling but still prints the total', async () => {
    const beyond = readListing((await get(listing({ fd: L.openFromDate, page: '21' }))).body);
    expect(beyond.total).toBe(1500);
    expect(beyond.items).toHaveLength(0);
    const last = readListing((await get(listing({ fd: L.openFromDate, page: '20' }))).body);
    expect(last.items).toHaveLength(10);
  });

  it('answers 400 to bad parameters and ignores displaypref', async () => {
    const bad: Record<string, string>[] = [
      { fd: '2024-13-01' },
      { td: 'yesterday' },
      { page: '0' },
      { page: 'two' },
      { dc: 'x+' },
      { sortOrder: 'sideways' },
    ];
    for (const q of bad) {
      expect((await get(listing(q))).status, JSON.stringify(q)).toBe(400);
    }
    const withPref = await get(listing({ fd: '2023-05-01', td: '2023-05-31', displaypref: '3' }));
    const without = await get(listing({ fd: '2023-05-01', td: '2023-05-31' }));
    expect(withPref.status).toBe(200);
    expect(readListing(withPref.body).items).toEqual(readListing(without.body).items);
  });

  it('serves decision pages at their exact path and 404 elsewhere', async () => {
    const d = site.corpus.decisions[700];
    if (!d) throw new Error('no decision 700');
    const ok = await get(`${site.url}${d.path}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const $ = load(ok.body);
    expect($('article#article .decision-title').text().trim()).toContain(d.ref);
    const wrongCat = d.path.replace(`/${d.catSlug}/${d.subSlug}/`, '/planning/noise/');
    expect((await get(`${site.url}${wrongCat}`)).status).toBe(404);
    expect((await get(`${site.url}/decisions/housing/homelessness/99-999-999`)).status).toBe(404);
    expect((await get(`${site.url}/nothing-here`)).status).toBe(404);
  });

  it('serves the landing page and category pages with the newest ten items', async () => {
    const landing = await get(`${site.url}/decisions`);
    expect(landing.status).toBe(200);
    expect(landing.body).toContain('/decisions/education/special-educational-needs');
    const cat = await get(`${site.url}/decisions/education/special-educational-needs`);
    expect(cat.status).toBe(200);
    expect(cat.body).toContain('Recent statements in this category are shown below:');
    const items = readListing(cat.body).items;
    const newest = site.corpus.decisions
      .filter((d) => d.subSlug === 'special-educational-needs')
      .slice(-10)
      .reverse()
      .map((d) => d.path);
    expect(items.map((i) => i.href)).toEqual(newest);
  });

  it('sends ETag and Last-Modified and answers 304 to matching conditional requests', async () => {
    const d = site.corpus.decisions[123];
    if (!d) throw new Error('no decision 123');
    const first = await get(`${site.url}${d.path}`);
    const etag = first.headers.get('etag') as string;
    const lastModified = first.headers.get('last-modified') as string;
    expect(etag).toMatch(/^".+"$/);
    expect(Date.parse(lastModified)).toBeGreaterThan(Date.parse(d.decisionDate));
    const again = await get(`${site.url}${d.path}`);
    expect(again.headers.get('etag')).toBe(etag);
    const byTag = await get(`${site.url}${d.path}`, { 'If-None-Match': etag });
    expect(byTag.status).toBe(304);
    expect(byTag.body).toBe('');
    const byDate = await get(`${site.url}${d.path}`, { 'If-Modified-Since': lastModified });
    expect(byDate.status).toBe(304);
    const stale = await get(`${site.url}${d.path}`, { 'If-None-Match': '"other"' });
    expect(stale.status).toBe(200);
  });

  it('changes and removes decisions on request', async () => {
    const d = site.corpus.decisions[200];
    const e = site.corpus.decisions[201];
    if (!d || !e) throw new Error('missing decisions');
    const before = await get(`${site.url}${d.path}`);
    expect(site.changeDecision(d.refKey)).toBe(1);
    const after = await get(`${site.url}${d.path}`, {
      'If-None-Match': before.headers.get('etag') as string,
    });
    expect(after.status).toBe(200);
    expect(after.body).not.toBe(before.body);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect(site.corpus.full(d.index).revision).toBe(1);

    site.removeDecision(e.refKey, 410);
    expect((await get(`${site.url}${e.path}`)).status).toBe(410);
    site.removeDecision(e.refKey, 404);
    expect((await get(`${site.url}${e.path}`)).status).toBe(404);
    expect(() => site.changeDecision('99-999-999')).toThrow(/no decision/);
  });

  it('logs every request with status, query, user agent and bytes', async () => {
    const before = site.requestLog.length;
    const sentAt = Date.now();
    await get(listing({ fd: '2019-01-01', td: '2019-01-31' }));
    const entry = site.requestLog[before];
    expect(entry?.path).toBe(L.path);
    expect(entry?.query).toBe('fd=2019-01-01&td=2019-01-31');
    expect(entry?.status).toBe(200);
    expect(entry?.userAgent).toBe(BROWSER);
    expect(entry?.bytes).toBeGreaterThan(500);
    expect(entry?.method).toBe('GET');
    // A wall-clock timestamp (epoch ms) of when the request came in: between the test's own
    // readings before and after it (ordering only, no bound a loaded machine could break).
    expect(entry?.at).toBeGreaterThanOrEqual(sentAt);
    expect(entry?.at).toBeLessThanOrEqual(Date.now());
  });

  it('redirects the search form post to the listing', async () => {
    const res = await fetch(`${site.url}/decisionsnew/newsearchpost`, {
      method: 'POST',
      body: new URLSearchParams({ fd: '2020-01-01', td: '2020-01-31', keywords: 'x' }),
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`${L.path}?fd=2020-01-01&td=2020-01-31&sortOrder=descending`);
  });

  it('writes the ground truth as one JSON array with url and path', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'replica-truth-'));
    try {
      const file = path.join(dir, 'truth.json');
      await writeTruth(site.corpus, file);
      const truth = JSON.parse(await readFile(file, 'utf8')) as {
        refKey: string;
        url: string;
        path: string;
        sections: unknown[];
        missedEducation: unknown[];
      }[];
      expect(truth).toHaveLength(1500);
      expect(truth.map((t) => t.refKey)).toEqual(site.corpus.decisions.map((d) => d.refKey));
      for (const t of truth.slice(0, 50)) {
        expect(t.url).toBe(`https://www.lgo.org.uk${t.path}`);
        expect(t.sections.length).toBeGreaterThan(0);
        expect(t).not.toHaveProperty('body');
      }
      // Every record validates (missed education included) and equals the corpus's own truth.
      for (const t of truth) expect(ReplicaDecision.safeParse(t).success).toBe(true);
      const missed = truth.filter((t) => t.missedEducation.length > 0);
      expect(missed.length).toBeGreaterThan(10);
      for (const t of missed.slice(0, 20)) {
        const i = site.corpus.indexOf(t.refKey) as number;
        expect(t.missedEducation).toEqual(site.corpus.full(i).missedEducation);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('replica faults and modes', () => {
  it('answers 429 with Retry-After to every page when throttleRate is 1, but never to robots.txt', async () => {
    const site = await startReplica({ seed: 1, decisions: 50, faults: { throttleRate: 1 } });
    try {
      const d = site.corpus.decisions[3];
      for (const url of [`${site.url}${d?.path}`, `${site.url}${L.path}?fd=${L.openFromDate}`]) {
        const r = await get(url);
        expect(r.status).toBe(429);
        expect(r.headers.get('retry-after')).toBe('1');
      }
      expect((await get(`${site.url}/robots.txt`)).status).toBe(200);
      site.setFaults({ throttleRate: 1, retryAfterSeconds: 7 });
      expect((await get(`${site.url}${d?.path}`)).headers.get('retry-after')).toBe('7');
      site.setFaults({});
      expect((await get(`${site.url}${d?.path}`)).status).toBe(200);
    } finally {
      await site.close();
    }
  });

  it('answers 500, 502 or 503 when errorRate is 1, deterministically from the seed', async () => {
    const statuses = async () => {
      const site = await startReplica({ seed: 3, decisions: 50, faults: { errorRate: 1 } });
      try {
        const out: number[] = [];
        for (let k = 0; k < 12; k++) out.push((await get(`${site.url}/decisions`)).status);
        return out;
      } finally {
        await site.close();
      }
    };
    const a = await statuses();
    for (const s of a) expect([500, 502, 503]).toContain(s);
    expect(new Set(a).size).toBeGreaterThan(1);
    expect(await statuses()).toEqual(a);
  });

  it('mixes faults at roughly the configured rates', async () => {
    const site = await startReplica({
      seed: 8,
      decisions: 50,
      faults: { errorRate: 0.3, throttleRate: 0.2 },
    });
    try {
      const out: number[] = [];
      for (let k = 0; k < 200; k++) out.push((await get(`${site.url}/decisions`)).status);
      const errors = out.filter((s) => s >= 500).length;
      const throttled = out.filter((s) => s === 429).length;
      expect(errors).toBeGreaterThan(35);
      expect(errors).toBeLessThan(85);
      expect(throttled).toBeGreaterThan(20);
      expect(throttled).toBeLessThan(60);
    } finally {
      await site.close();
    }
  });

  it('cuts bodies short under the promised Content-Length when truncateRate is 1', async () => {
    const site = await startReplica({ seed: 2, decisions: 50, faults: { truncateRate: 1 } });
    try {
      const d = site.corpus.decisions[10];
      await expect(get(`${site.url}${d?.path}`)).rejects.toThrow();
      const entry = site.requestLog[site.requestLog.length - 1];
      expect(entry?.status).toBe(200);
      expect(entry?.bytes).toBeGreaterThan(0);
    } finally {
      await site.close();
    }
  });

  it('never answers hanging requests, and close() still ends promptly', async () => {
    const site = await startReplica({ seed: 2, decisions: 50, faults: { hangRate: 1 } });
    const d = site.corpus.decisions[10];
    const t0 = Date.now();
    await expect(
      fetch(`${site.url}${d?.path}`, { signal: AbortSignal.timeout(300) }).then((r) => r.text()),
    ).rejects.toThrow();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    // A second hanging request is still open when the server closes.
    const pending = fetch(`${site.url}${d?.path}`).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((r) => setTimeout(r, 50));
    // close() resolves although a request still hangs (left open it would wait for it forever,
    // past the test's timeout); no wall-clock bound.
    await site.close();
    expect(await pending).toBe('failed');
    expect(site.requestLog.filter((e) => e.status === 0).length).toBeGreaterThanOrEqual(1);
    await site.close(); // idempotent
  });

  it('adds latency within the configured range', async () => {
    const site = await startReplica({ seed: 4, decisions: 50, latencyMs: [120, 160] });
    try {
      const t0 = Date.now();
      await get(`${site.url}/decisions`);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(115);
    } finally {
      await site.close();
    }
  });

  it('gives non-browser clients an empty search shell in shell mode, but decision pages as usual', async () => {
    const site = await startReplica({ seed: 6, decisions: 200, shellForNonBrowsers: true });
    try {
      const url = `${site.url}${L.path}?fd=${L.openFromDate}`;
      const bot = await get(url, { 'User-Agent': 'lgsco-archive/0.1 (+https://example.org)' });
      expect(bot.status).toBe(200);
      expect(bot.body).toContain('decisionSearch');
      expect(readListing(bot.body)).toEqual({ total: null, items: [] });
      const browser = readListing((await get(url)).body);
      expect(browser.total).toBe(200);
      expect(browser.items).toHaveLength(10);
      const page = await get(`${site.url}${site.corpus.decisions[0]?.path}`, { 'User-Agent': 'curl/8' });
      expect(page.status).toBe(200);
    } finally {
      await site.close();
    }
  });

  it('serves a configured robots.txt and validates options', async () => {
    const site = await startReplica({ seed: 1, decisions: 10, robotsTxt: 'User-agent: *\nDisallow: /\n' });
    try {
      expect((await get(`${site.url}/robots.txt`)).body).toBe('User-agent: *\nDisallow: /\n');
    } finally {
      await site.close();
    }
    await expect(startReplica({ seed: 1, decisions: 10, faults: { errorRate: 2 } })).rejects.toThrow();
  });
});
