/**
 * `lgsco organisations resolve`: one JSON line per name, from the registry the archive uses.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('lgsco organisations resolve', () => {
  it('prints one JSON line per name: code, kind, region, population and reorganisation links', async () => {
    const r = await runCli([
      'organisations',
      'resolve',
      'Cheshire West & Chester Council',
      'Somerset Council',
      'Wokinghem Borough Council',
      'Princess Alexandra Hospital NHS Trust',
      'Marlbeck Council',
    ]);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatchObject({
      name: 'Cheshire West & Chester Council',
      code: 'E06000050',
      kind: 'unitary',
      region: 'North West',
      population: { year: 2021, residents: 357000 },
      predecessors: [],
      successors: [],
    });
    expect(lines[1].code).toBe('E06000066');
    expect(lines[1].predecessors.map((p: { code: string }) => p.code)).toContain('E10000027');
    expect(lines[2]).toMatchObject({ code: null, kind: 'other' });
    expect(lines[2].candidates[0]).toMatchObject({ code: 'E06000041', name: 'Wokingham Borough Council' });
    expect(lines[3]).toMatchObject({ code: null, kind: 'nhs' });
    expect(lines[3].candidates).toBeUndefined();
    expect(lines[4]).toMatchObject({ code: 'E99060008', kind: 'unitary' });
    expect(lines[4].predecessors).toHaveLength(2);
  });

  it('is listed in the help', async () => {
    const r = await runCli(['--help']);
    expect(r.stdout).toContain('organisations');
  });
});
