/**
 * `lgsco parse` reads saved files as a browser does (issue #16, point 10): a text copy or page
 * saved as UTF-16 (LE or BE, with its byte order mark — Windows Notepad's "Unicode") or as UTF-8
 * with a BOM gives the same record as the plain UTF-8 file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus, renderDecisionPage } from '../../replica/index.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const TEXT = path.resolve(import.meta.dirname, '../fixtures/extraction/01-sen-summary-repeats-payment.txt');

const BOMS = {
  'utf8-bom': (s: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')]),
  utf16le: (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]),
  utf16be: (s: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()]),
} as const;

describe('lgsco parse and text encodings', () => {
  const tmp = tempDir('lgsco-parse-enc-');
  afterAll(() => tmp.cleanup());

  it('reads UTF-16LE, UTF-16BE and UTF-8-with-BOM copies (.txt and .html) as the UTF-8 file', async () => {
    const corpus = generateCorpus({ seed: 5, count: 20 });
    const html = renderDecisionPage(corpus.full(3));
    for (const [ext, original] of [
      ['txt', readFileSync(TEXT, 'utf8')],
      ['html', html],
    ] as const) {
      const plain = path.join(tmp.dir, `plain.${ext}`);
      writeFileSync(plain, original);
      const files = Object.entries(BOMS).map(([name, encode]) => {
        const file = path.join(tmp.dir, `${name}.${ext}`);
        writeFileSync(file, encode(original));
        return file;
      });
      const r = await runCli(['parse', plain, ...files]);
      expect(r.stderr, ext).toBe('');
      expect(r.code, ext).toBe(0);
      const [first, ...rest] = r.stdout.trim().split('\n');
      expect(JSON.parse(first!).ref, ext).toMatch(/^\d\d \d\d\d \d\d\d/);
      for (const line of rest) expect(line, ext).toBe(first);
    }
  }, 60_000);
});
