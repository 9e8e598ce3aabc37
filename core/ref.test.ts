import { describe, expect, it } from 'vitest';
import { BadRefError } from './errors.js';
import { findRefInText, parseRef, tryParseRef } from './ref.js';

describe('references', () => {
  it('gives one canonical key for every common spelling', () => {
    for (const s of ['24 019 223', '24-019-223', '24019223', ' 24 019-223 ', '24_019_223']) {
      expect(parseRef(s)).toEqual({ ref: '24 019 223', key: '24-019-223' });
    }
  });

  it('keeps the letter suffix of joint cases, lower-cased', () => {
    expect(parseRef('17 002 402b')).toEqual({ ref: '17 002 402b', key: '17-002-402b' });
    expect(parseRef('17-002-402B').key).toBe('17-002-402b');
  });

  it('rejects what is not a reference, naming the input', () => {
    expect(tryParseRef('2401922')).toBeUndefined();
    expect(tryParseRef('24 019 223 1')).toBeUndefined();
    expect(() => parseRef('abc')).toThrow(BadRefError);
    expect(() => parseRef('abc')).toThrow(/"abc"/);
  });

  it('finds the reference in a title line', () => {
    expect(findRefInText('Derby City Council (24 019 223)')?.key).toBe('24-019-223');
    expect(findRefInText('Ashvale Hospitals NHS Foundation Trust (17 002 402b)')?.key).toBe('17-002-402b');
    expect(findRefInText('no reference here')).toBeUndefined();
  });
});
