import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentences.js';

function texts(s: string) {
  const out = splitSentences(s);
  for (const x of out) expect(s.slice(x.start, x.end)).toBe(x.text);
  return out.map((x) => x.text);
}

describe('splitSentences', () => {
  it('does not split after titles, e.g., s. and inside sums', () => {
    expect(
      texts('Mr. Y paid £1,200.50 under s.19 and s. 19 of the Act, e.g. for tuition. Then it ended.'),
    ).toEqual(['Mr. Y paid £1,200.50 under s.19 and s. 19 of the Act, e.g. for tuition.', 'Then it ended.']);
  });
  it('ends a sentence after an anonymised letter', () => {
    expect(texts('The Council wrote to Mrs X. She replied in May.')).toEqual([
      'The Council wrote to Mrs X.',
      'She replied in May.',
    ]);
  });
  it('leaves paragraph numbers and bullets out of the sentence', () => {
    const out = splitSentences('1. First point. Second point.\n- a bullet;\na. a lettered item');
    expect(out.map((x) => [x.text, x.marker])).toEqual([
      ['First point.', 'number'],
      ['Second point.', 'number'],
      ['a bullet;', 'bullet'],
      ['a lettered item', 'letter'],
    ]);
  });
  it('gives list items the lead-in that ends with a colon', () => {
    const out = splitSentences(
      '1. Within one month the Council will:\n- apologise;\n- pay Mrs B £300.\n2. Next paragraph.',
    );
    expect(out.map((x) => x.leadIn)).toEqual([
      null,
      'Within one month the Council will:',
      'Within one month the Council will:',
      null,
    ]);
  });
  it('keeps closing quotes and brackets with the sentence', () => {
    expect(texts('He said it was "unacceptable." The Council (in May.) Agreed.')).toEqual([
      'He said it was "unacceptable."',
      'The Council (in May.)',
      'Agreed.',
    ]);
  });
  it('returns offsets for every sentence of a long section', () => {
    const s = Array.from(
      { length: 200 },
      (_, i) => `${i + 1}. Paragraph ${i} says Mrs X. paid £${i},000.50 (s.${i}).`,
    ).join('\n');
    expect(texts(s).length).toBeGreaterThanOrEqual(200);
  });
  it('never throws on empty or odd input', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences('\n\n\n')).toEqual([]);
    expect(splitSentences(undefined as unknown as string)).toEqual([]);
  });
});
