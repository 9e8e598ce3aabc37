import { describe, expect, it } from 'vitest';
import { LgscoError } from '../core/errors.js';
import { expandQuery, MAX_QUERY_COMBINATIONS, parseQuery } from './query.js';
import { SYNONYM_GROUPS } from './synonyms.js';

const EHC = SYNONYM_GROUPS.find((g) => g.includes('ehcp'))!;

describe('what a query means (query.ts)', () => {
  it('every word is its own clause; a quoted phrase stays one phrase', () => {
    expect(parseQuery('homelessness  Priority need')).toEqual([['homelessness'], ['priority'], ['need']]);
    expect(parseQuery('"council tax" arrears')).toEqual([['"council tax"'], ['arrears']]);
    // An unclosed quote is plain text.
    expect(parseQuery('"council tax')).toEqual([['council'], ['tax']]);
  });

  it('any spelling of a synonym, whatever its punctuation or case, becomes the whole group', () => {
    const group = parseQuery('EHCP')[0];
    expect(group).toHaveLength(EHC.length);
    for (const q of [
      'EHC plan',
      'ehc  PLAN',
      'Education, Health and Care Plan',
      'education health and care plan',
    ])
      expect(parseQuery(q), q).toEqual([group]);
    // Multi-word spellings are phrases, the comma kept: it is how the text writes them.
    expect(group).toContain('"education, health and care plan"');
    expect(group).toContain('ehcp');
  });

  it('expands to one Meilisearch query per combination of spellings, in the typed order', () => {
    const qs = expandQuery('EHC plan delay');
    expect(qs).toHaveLength(EHC.length);
    expect(qs).toContain('"ehc plan" delay');
    expect(qs).toContain('"education, health and care plan" delay');
    expect(expandQuery('SEND EHCP')).toHaveLength(EHC.length * 4);
    expect(expandQuery('  ,  ')).toEqual([]);
  });

  it('refuses a query with more combinations than it will send, naming q', () => {
    const q = 'EHCP DFG HB CTR HMO PCN ASB';
    expect(() => expandQuery(q)).toThrow(LgscoError);
    expect(() => expandQuery(q)).toThrow(new RegExp(`q has too many synonyms.*${MAX_QUERY_COMBINATIONS}`));
  });
});
