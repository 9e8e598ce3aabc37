import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/tmp.js';
import { parseFile } from './parse-file.js';
import { PARALLEL_FROM, parseInWorkers, parseWorkers } from './parse-pool.js';

const FIXTURE = path.resolve(import.meta.dirname, '../../test/fixtures/pages/modern-statement.html');
const tmp = tempDir('lgsco-parse-pool-');
afterAll(() => tmp.cleanup());

describe('lgsco parse on worker threads', () => {
  it('uses one thread for few files or one core, else one per core', () => {
    expect(parseWorkers(PARALLEL_FROM - 1, 4)).toBe(0);
    expect(parseWorkers(5000, 1)).toBe(0);
    expect(parseWorkers(5000, 2)).toBe(2);
    expect(parseWorkers(PARALLEL_FROM, 4)).toBe(1);
  });

  it('gives every file its outcome, in the order given, as parsing inline does', async () => {
    // 70 files over batches of 25: decision pages, and every seventh not a decision page.
    const files = Array.from({ length: 70 }, (_, i) => {
      const file = path.join(tmp.dir, `${String(i).padStart(3, '0')}.${i % 7 === 3 ? 'txt' : 'html'}`);
      if (i % 7 === 3) writeFileSync(file, `not a decision ${i}`);
      else copyFileSync(FIXTURE, file);
      return file;
    });
    const lines: string[] = [];
    const refused: string[] = [];
    await parseInWorkers(files, undefined, 2, (batch, out) => {
      lines.push(...new TextDecoder().decode(out.records).split('\n').slice(0, -1));
      for (const { index, why } of out.refused) refused.push(`${batch[index]}: ${why}`);
    });
    const inline = files.map((f) => [f, parseFile(f, undefined)] as const);
    expect(lines).toEqual(inline.flatMap(([, o]) => (o.ok ? [o.json] : [])));
    expect(refused).toEqual(inline.flatMap(([f, o]) => (o.ok ? [] : [`${f}: ${o.why}`])));
    expect(refused).toHaveLength(10);
  });
});
