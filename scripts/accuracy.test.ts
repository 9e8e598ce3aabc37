import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../replica/index.js';
import { expectedFromTruth, replicaResults, report } from './accuracy-core.js';

describe('npm run accuracy', () => {
  it('leaves claims, charges, guidance ranges and sums never named out of the expected payments', () => {
    const corpus = generateCorpus({ seed: 3, count: 1500 });
    let left = 0;
    for (let i = 0; i < corpus.count; i++) {
      const t = corpus.full(i);
      const e = expectedFromTruth(t);
      left += t.payments.length - e.payments.length;
      expect(e.payments.every((p) => p.status !== 'other')).toBe(true);
      expect(e.payments).toHaveLength(
        t.payments.filter((p) => p.status !== 'other' && p.amount !== null).length,
      );
    }
    expect(left).toBeGreaterThan(0);
  });

  it('parses replica pages without a crash and reads their header fields exactly', () => {
    const r = report(replicaResults(5, 300));
    expect(r.crashes).toBe(0);
    for (const f of ['ref', 'organisation', 'category', 'subcategory', 'outcome', 'decisionDate'])
      expect(r.fields[f]?.recall, f).toBe(1);
  });

  it('prints both tables as JSON and exits 0', () => {
    const script = path.resolve(import.meta.dirname, 'accuracy.ts');
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', script, '--count', '150', '--seed', '9', '--json'],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      replica: { cases: number; fields: object };
      handwritten: { cases: number };
    };
    expect(out.replica.cases).toBe(150);
    expect(out.handwritten.cases).toBeGreaterThanOrEqual(56);
    expect(Object.keys(out.replica.fields)).toContain('paymentAmount');
  }, 60_000);
});
