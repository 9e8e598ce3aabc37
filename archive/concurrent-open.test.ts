import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/helpers/tmp.js';

/**
 * Several processes opening the same fresh archive at once (two crawls started together by cron):
 * each migration is applied once, inside an IMMEDIATE transaction that checks its version again, so
 * none fails with "table … already exists" or "database is locked". Worker threads stand in for the
 * processes: each has its own SQLite connection, and all start together on a shared flag.
 */
describe('opening one fresh archive from several connections at once', () => {
  it('migrates it once, and every opener gets a working archive', async () => {
    const tmp = tempDir('lgsco-open-race-');
    try {
      const gate = new Int32Array(new SharedArrayBuffer(4));
      const code = `
        const { workerData, parentPort } = require('node:worker_threads');
        (async () => {
          const { register } = await import('tsx/esm/api');
          register();
          const { Archive } = await import(${JSON.stringify(new URL('./index.ts', import.meta.url).href)});
          const flag = new Int32Array(workerData.gate);
          Atomics.wait(flag, 0, 0);
          try {
            const a = Archive.open(workerData.dir);
            const n = a.counts().decisions;
            a.close();
            parentPort.postMessage({ ok: true, n });
          } catch (e) {
            parentPort.postMessage({ ok: false, error: String(e && e.message) });
          }
        })();`;
      const workers = Array.from(
        { length: 4 },
        () =>
          new Worker(code, {
            eval: true,
            workerData: { dir: tmp.dir, gate: gate.buffer },
            execArgv: ['--import', 'tsx'],
          }),
      );
      const results = workers.map(
        (w) =>
          new Promise<{ ok: boolean; n?: number; error?: string }>((resolve, reject) => {
            w.once('message', resolve);
            w.once('error', reject);
          }),
      );
      // Let every worker load and wait at the gate, then release them together.
      await new Promise((r) => setTimeout(r, 1500));
      Atomics.store(gate, 0, 1);
      Atomics.notify(gate, 0);
      const out = await Promise.all(results);
      await Promise.all(workers.map((w) => w.terminate()));
      expect(out).toEqual(Array(4).fill({ ok: true, n: 0 }));
    } finally {
      tmp.cleanup();
    }
  }, 60_000);
});
