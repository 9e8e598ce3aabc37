import { request } from 'node:http';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { AnalysisStore } from '../../api/analysis/index.js';
import { buildApi } from '../../api/index.js';
import { Archive } from '../../archive/index.js';
import { loadConfig } from '../../core/config.js';
import type { Decision } from '../../core/record.js';
import type { DecisionIndex } from '../../indexer/index.js';
import { syntheticDecisions } from './synthetic.js';
import { tempDir } from './tmp.js';

export interface StubApi {
  app: FastifyInstance;
  archive: Archive;
  /** http://127.0.0.1:PORT */
  base: string;
  decisions: Decision[];
  close(): Promise<void>;
}

/** An organisation name that a spreadsheet would run as a formula (CSV injection). */
export const FORMULA_ORG = '=HYPERLINK("http://evil.example/","click")';

/**
 * 30 synthetic decisions, the first (which has one payment) with every text cell starting a
 * formula: organisation `=…`, summary `+…`, payment recipient `@…`, evidence `-…`.
 */
export function decisionsWithFormulas(): Decision[] {
  const decisions = syntheticDecisions(30);
  const d0 = decisions[0]!;
  decisions[0] = {
    ...d0,
    organisation: FORMULA_ORG,
    summary: '+SUM(1,2) complained about the Council',
    payments: d0.payments.map((p) => ({
      ...p,
      recipient: '@Mr X',
      evidence: { ...p.evidence, text: '-2+3 pay Mr X' },
    })),
  };
  return decisions;
}

/** Opens the archive in `dataDir` and saves `decisions` in it (each with a stand-in page). */
export function seedArchive(
  dataDir: string,
  decisions: Decision[],
  opts: { fetchedAt?: string } = {},
): Archive {
  const archive = Archive.open(dataDir);
  for (const d of decisions) {
    const { hash } = archive.storePage({
      url: d.url,
      kind: 'decision',
      status: 200,
      body: Buffer.from(`<html>${d.refKey}</html>`),
      refKey: d.refKey,
    });
    archive.saveDecision(d, hash, opts);
  }
  return archive;
}

/**
 * The API over a temporary archive of `decisions` (default: 30 synthetic ones) with a stub search
 * index that only counts: every route but /api/search and `q` works, without Meilisearch.
 */
export async function startStubApi(decisions: Decision[] = syntheticDecisions(30)): Promise<StubApi> {
  const tmp = tempDir('lgsco-stub-api-');
  const archive = seedArchive(tmp.dir, decisions);
  const config = loadConfig({ dataDir: tmp.dir, logLevel: 'silent' }, { LGSCO_API_RATE_LIMIT: '0' });
  const index = { count: async () => decisions.length } as unknown as DecisionIndex;
  const app = await buildApi({ config, archive, index, searchIndex: index });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    archive,
    base,
    decisions,
    close: async () => {
      await app.close();
      archive.close();
      tmp.cleanup();
    },
  };
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A GET over a real TCP connection (Node's HTTP parser limits apply; `inject` bypasses them). */
export function rawGet(base: string, path: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * A stub API for the whole test file: started before its tests, closed after them. `get` answers
 * through Fastify's inject (no socket); `api()` is the running stub, for raw requests.
 */
export function useStubApi(): {
  api: () => StubApi;
  get: (url: string) => Promise<LightMyRequestResponse>;
} {
  let api: StubApi | undefined;
  beforeAll(async () => {
    api = await startStubApi();
  });
  afterAll(async () => {
    await api?.close();
  });
  const current = () => {
    if (!api) throw new Error('the stub API is not started yet');
    return api;
  };
  return { api: current, get: (url) => current().app.inject({ method: 'GET', url }) };
}

/**
 * A seeded archive and an AnalysisStore over it for the test file's lifetime (beforeAll/afterAll):
 * read `.store` inside the tests.
 */
export function useSeededStore(decisions: Decision[], prefix: string): { readonly store: AnalysisStore } {
  const tmp = tempDir(prefix);
  let archive: Archive | undefined;
  let store: AnalysisStore | undefined;
  beforeAll(() => {
    archive = seedArchive(tmp.dir, decisions);
    store = new AnalysisStore(archive.file);
  });
  afterAll(() => {
    store?.close();
    archive?.close();
    tmp.cleanup();
  });
  return {
    get store() {
      if (!store) throw new Error('useSeededStore: read .store inside a test');
      return store;
    },
  };
}
