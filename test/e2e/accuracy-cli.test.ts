/**
 * `npm run accuracy -- --json` as a real process (tsx on scripts/accuracy.ts): moved here from
 * scripts/accuracy.test.ts, which checks the same scoring in-process, because it spawns a process.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('npm run accuracy (process)', () => {
  it('prints both tables as JSON and exits 0', () => {
    const script = path.resolve(import.meta.dirname, '../../scripts/accuracy.ts');
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
    expect(Object.keys(out.replica.fields)).toContain('missedEducation');
  }, 60_000);
});
