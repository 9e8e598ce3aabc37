import { describe, expect, it } from 'vitest';
import { indexLostDocuments } from './services.js';

describe('indexLostDocuments', () => {
  it('is not fooled by a batch indexed while the count is on its way', async () => {
    let indexed = 100;
    let held = 100;
    // The index counts 100, then a batch of 50 lands in both before the answer is read.
    const count = async () => {
      const answer = held;
      held += 50;
      indexed += 50;
      return answer;
    };
    expect(await indexLostDocuments(count, () => indexed)).toBe(false);
  });

  it('sees an index that holds fewer decisions than the archive marked indexed', async () => {
    expect(
      await indexLostDocuments(
        async () => 40,
        () => 100,
      ),
    ).toBe(true);
  });

  it('takes an index that does not answer for no loss (other checks decide)', async () => {
    expect(
      await indexLostDocuments(
        () => Promise.reject(new Error('ECONNREFUSED')),
        () => 100,
      ),
    ).toBe(false);
  });
});
