/**
 * CSV formula injection (OWASP): a text cell a spreadsheet would run as a formula is written with
 * a leading single quote; numbers, negative ones included, stay numbers.
 */
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { csvStringifier, csvText } from './csv.js';

describe('csvText', () => {
  it('neutralises text starting with = + - @ tab or carriage return', () => {
    expect(csvText('=HYPERLINK("http://evil.example/","click")')).toBe(
      '\'=HYPERLINK("http://evil.example/","click")',
    );
    for (const lead of ['=', '+', '-', '@', '\t', '\r'])
      expect(csvText(`${lead}1+1`), JSON.stringify(lead)).toBe(`'${lead}1+1`);
  });

  it('leaves other text alone', () => {
    for (const s of ['Kent County Council', '24 019 223', '2024-05-01', '', ' =not first', "'quoted"])
      expect(csvText(s)).toBe(s);
  });
});

describe('csvStringifier', () => {
  it('neutralises text cells only, and quotes what CSV needs quoted', async () => {
    const csv = csvStringifier(['name', 'n', 's', 'flag']);
    csv.end({ name: '=cmd|"/c calc"!A1', n: -5, s: '-5', flag: false });
    expect(await text(csv)).toBe('name,n,s,flag\n"\'=cmd|""/c calc""!A1",-5,\'-5,false\n');
  });
});
