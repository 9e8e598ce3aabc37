import { describe, expect, it } from 'vitest';
import { findAmounts } from './money.js';
import { parseNumber } from './numbers-in-words.js';

const amounts = (s: string) => findAmounts(s).map((a) => a.amount);

describe('parseNumber', () => {
  it('reads digits with and without thousands commas', () => {
    expect(parseNumber('1,200')).toBe(1200);
    expect(parseNumber('17')).toBe(17);
  });
  it('reads number words, hyphenated tens and "and"', () => {
    expect(parseNumber('seven')).toBe(7);
    expect(parseNumber('seventeen')).toBe(17);
    expect(parseNumber('twenty-eight')).toBe(28);
    expect(parseNumber('one hundred and fifty')).toBe(150);
    expect(parseNumber('five hundred')).toBe(500);
    expect(parseNumber('two thousand five hundred')).toBe(2500);
    expect(parseNumber('a')).toBe(1);
    expect(parseNumber('two and a half')).toBe(2.5);
  });
  it('returns null for words that are not numbers', () => {
    expect(parseNumber('several')).toBeNull();
    expect(parseNumber('')).toBeNull();
  });
});

describe('findAmounts', () => {
  it('reads £ sums with commas, without commas, with pence and with k', () => {
    expect(amounts('pay £1,200 and £1200, then £509.81 and £2k')).toEqual([1200, 1200, 509.81, 2000]);
  });
  it('reads sums in words and "pounds"', () => {
    expect(amounts('pay him five hundred pounds')).toEqual([500]);
    expect(amounts('a payment of 300 pounds')).toEqual([300]);
  });
  it('multiplies out a per-month sum when the count is stated', () => {
    expect(amounts('£150 a month for 7 months')).toEqual([1050]);
    expect(amounts('£200 a month for the nine months she spent there')).toEqual([1800]);
    expect(amounts('seven months at £150 a month')).toEqual([1050]);
  });
  it('keeps an open-ended per-month sum as one period and says so', () => {
    const [a] = findAmounts('a further £350 for every month she remains in unsuitable accommodation');
    expect(a?.amount).toBe(350);
    expect(a?.per).toEqual({ unit: 'month', count: null });
  });
  it('flags ranges, which are guidance, not payments', () => {
    expect(findAmounts('between £100 and £300').map((a) => a.range)).toEqual([true, true]);
    expect(findAmounts('£150 to £350 a month').map((a) => a.range)).toEqual([true, true]);
    expect(findAmounts('£100-£300').map((a) => a.range)).toEqual([true, true]);
    expect(findAmounts('£1,200 and £300').map((a) => a.range)).toEqual([false, false]);
  });
  it('marks a per-period sum that only explains the sum before it', () => {
    const found = findAmounts('pay Miss T £1,800, which is £200 for each of the nine months she spent there');
    expect(found.map((a) => [a.amount, a.restates])).toEqual([
      [1800, false],
      [1800, true],
    ]);
  });
  it('does not read a sum cut off at a thousands comma as a small sum', () => {
    expect(amounts('pay Mrs T £1,2')).toEqual([]);
  });
  it('gives offsets of the printed sum', () => {
    const s = 'The Council will pay £1,350 now.';
    const [a] = findAmounts(s);
    expect(s.slice(a!.start, a!.end)).toBe('£1,350');
  });
});
