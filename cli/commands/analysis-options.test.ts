/**
 * `lgsco export` and `lgsco stats` take the API's filters as options: one option per filter of the
 * API's filter query (kebab-case), no more, and a bad value is reported under the option's name.
 */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { filterShape } from '../../api/analysis/index.js';
import { addFilterOptions, filterQueryFrom } from './analysis-options.js';

const kebab = (k: string) => `--${k.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)}`;

describe('the filter options', () => {
  it('are the filters of the API, one option each', () => {
    const options = addFilterOptions(new Command('x')).options.map((o) => o.long);
    expect(options.sort()).toEqual(Object.keys(filterShape).map(kebab).sort());
  });

  it('are validated by the API schema, an error naming the option', () => {
    expect(filterQueryFrom({ minRemedy: '500', year: ['2024'], by: 'year', json: true })).toEqual({
      minRemedy: 500,
      year: [2024],
    });
    expect(() => filterQueryFrom({ minDelay: 'long' })).toThrow(/^--min-delay: /);
  });

  it('read an empty value as the option left out, and refuse numbers not in plain decimal', () => {
    // `--max-remedy ''` used to filter as 0 (only decisions without a payment).
    expect(filterQueryFrom({ maxRemedy: '', minDelay: '', from: '', organisation: [''] })).toEqual({});
    expect(() => filterQueryFrom({ maxRemedy: '0x10' })).toThrow(
      /^--max-remedy: maxRemedy must be a plain decimal number/,
    );
    expect(() => filterQueryFrom({ minRemedy: ' 5 ' })).toThrow(/^--min-remedy: /);
    expect(() => filterQueryFrom({ minDelay: '1e2' })).toThrow(/^--min-delay: /);
    expect(filterQueryFrom({ minRemedy: '99.50' })).toEqual({ minRemedy: 99.5 });
  });
});
