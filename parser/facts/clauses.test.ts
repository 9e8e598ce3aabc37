import { describe, expect, it } from 'vitest';
import { clauseEnd, clausesOf } from './clauses.js';
import { splitSentences } from './sentences.js';

function one(text: string) {
  const [s] = splitSentences(text);
  if (!s) throw new Error('no sentence');
  return s;
}

describe('clause layer', () => {
  it('cuts a sentence at ; : , but and "and" before a new subject, with offsets into the sentence', () => {
    const s = one(
      'The Council delayed the review; it has apologised, but Mrs X is still unhappy and she wants more.',
    );
    const clauses = clausesOf(s, 'general');
    expect(clauses.map((c) => c.text)).toEqual([
      'The Council delayed the review',
      'it has apologised',
      'Mrs X is still unhappy',
      'she wants more.',
    ]);
    for (const c of clauses) expect(s.text.slice(c.start, c.end)).toBe(c.text);
  });

  it('keeps "and" inside a clause when no new subject follows', () => {
    expect(clausesOf(one('The Council will review and update its policy.'), 'general')).toHaveLength(1);
  });

  it('ends the words about a sum at the next remedy of a list', () => {
    const s = one('The Council will pay Mrs X £150 for her distress and remind staff of the policy.');
    const from = s.text.indexOf('£150') + 4;
    expect(s.text.slice(from, clauseEnd(s, 'remedy-list', from, s.text.length))).toBe(' for her distress ');
  });

  it('splits what the body did into one clause each', () => {
    const s = one('The Council apologised to Mr J, offered him £175 and agreed to review its procedures.');
    expect(clausesOf(s, 'done-list').map((c) => c.text)).toEqual([
      'The Council apologised to Mr J',
      'offered him £175',
      'agreed to review its procedures.',
    ]);
  });

  it('computes the breaks once per sentence and kind', () => {
    const s = one('Pay Mrs X £100; pay Mr Y £50.');
    clausesOf(s, 'remedy-list');
    const cached = s.breaks?.['remedy-list'];
    expect(cached).toHaveLength(1);
    clausesOf(s, 'remedy-list');
    expect(s.breaks?.['remedy-list']).toBe(cached);
  });
});
