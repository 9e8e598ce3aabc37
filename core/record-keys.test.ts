import { describe, expect, it } from 'vitest';
import { Decision } from './record.js';
import { DECISION_KEYS } from './record-keys.js';

describe('DECISION_KEYS', () => {
  it('lists every field of the Decision schema, in the schema order', () => {
    expect([...DECISION_KEYS]).toEqual(Object.keys(Decision.shape));
  });
});
