import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticDecisions } from '../test/helpers/synthetic.js';
import { DecisionIndex } from './decision-index.js';
import { ensureMeili, type MeiliHandle } from './meili-server.js';

// Two embedded servers (two DATA_DIRs) stand for "the server that died" and "the one after it".
const dirs: string[] = [];
let a: MeiliHandle;
let b: MeiliHandle;

beforeAll(async () => {
  for (let i = 0; i < 2; i++) dirs.push(fs.mkdtempSync(path.join(os.tmpdir(), 'lgsco-repoint-')));
  const handles = await Promise.all(dirs.map((dataDir) => ensureMeili({ dataDir })));
  a = handles[0]!;
  b = handles[1]!;
});

afterAll(async () => {
  await Promise.all([a?.release(), b?.release()]);
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('DecisionIndex.repoint', () => {
  it('moves the index and the search-only views made from it to another server', async () => {
    const decisions = syntheticDecisions(30);
    const index = new DecisionIndex(a.client, { indexUid: 'decisions' });
    await index.ensureSettings();
    await index.upsert(decisions.slice(0, 10));
    const view = await index.searchOnlyView();
    expect((await view.search({ limit: 1 })).total).toBe(10);

    await index.repoint(b.client);
    await index.ensureSettings();
    await index.upsert(decisions);
    // The same view object now searches the new server, with a search-only key of that server.
    expect((await view.search({ limit: 1 })).total).toBe(30);
    expect(view.apiKey).not.toBe(b.masterKey);
    await expect(view.upsert(decisions.slice(0, 1))).rejects.toThrow();
    expect(await new DecisionIndex(a.client, { indexUid: 'decisions' }).count()).toBe(10);
  });

  it('an embedded handle stops being current when its server dies', async () => {
    expect(a.isCurrent()).toBe(true);
    process.kill(a.pid!, 'SIGKILL');
    const deadline = Date.now() + 10_000;
    while (a.isCurrent() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(a.isCurrent()).toBe(false);
    expect(b.isCurrent()).toBe(true);
  });
});
