/**
 * `lgsco export --format csv` writes through the same CSV writer as the API: text cells that
 * would start a spreadsheet formula get a leading quote (issue #16, point 5).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { decisionsWithFormulas, seedArchive } from '../helpers/stub-api.js';
import { tempDir } from '../helpers/tmp.js';

describe('lgsco export --format csv with formula-like text', () => {
  const tmp = tempDir('lgsco-export-csv-');
  const env = () => ({ DATA_DIR: tmp.dir, LOG_LEVEL: 'silent' });

  beforeAll(() => {
    seedArchive(tmp.dir, decisionsWithFormulas()).close();
  });
  afterAll(() => tmp.cleanup());

  it('neutralises them in decision and payment rows', async () => {
    const decisions = await runCli(['export', '--format', 'csv'], env());
    expect(decisions.code, decisions.stderr).toBe(0);
    const row = decisions.stdout.split('\n').find((l) => l.includes('HYPERLINK'))!;
    expect(row).toContain('"\'=HYPERLINK(""http://evil.example/"",""click"")"');
    expect(row).toContain("'+SUM(1,2) complained");
    const payments = await runCli(['export', '--format', 'csv', '--rows', 'payments'], env());
    expect(payments.code, payments.stderr).toBe(0);
    const pay = payments.stdout.split('\n').find((l) => l.includes('HYPERLINK'))!;
    expect(pay).toContain("'@Mr X");
    expect(pay).toContain("'-2+3 pay Mr X");
    for (const line of [row, pay]) expect(line).not.toMatch(/(^|,)"?[=+\-@\t\r]/);
  });
});
