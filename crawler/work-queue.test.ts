import { describe, expect, it } from 'vitest';
import { silentLogger } from '../core/log.js';
import type { Decision } from '../core/record.js';
import { RecordBatcher } from './work-queue.js';

/** A sink whose batches finish when the test says so. */
function controlledSink() {
  const batches: string[][] = [];
  const finish: (() => void)[] = [];
  const sink = (records: Decision[]) => {
    batches.push(records.map((r) => r.refKey));
    return new Promise<void>((resolve) => finish.push(resolve));
  };
  return { sink, batches, finish };
}

const rec = (refKey: string) => ({ refKey }) as Decision;
const settled = async (p: Promise<void>) => {
  let done = false;
  void p.then(() => (done = true));
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return done;
};

describe('RecordBatcher', () => {
  it('lets producers run on while one batch is at the sink, and holds them back when two wait', async () => {
    const { sink, batches, finish } = controlledSink();
    const b = new RecordBatcher(sink, 2, 60_000, silentLogger, 2);
    expect(await settled(b.add(rec('a')))).toBe(true);
    // The first full batch goes to the sink; producers do not wait for it.
    expect(await settled(b.add(rec('b')))).toBe(true);
    expect(batches).toEqual([['a', 'b']]);
    expect(await settled(b.add(rec('c')))).toBe(true);
    // A second batch queued behind the first: now every add waits for the sink.
    const d = b.add(rec('d'));
    const e = b.add(rec('e'));
    expect(await settled(d)).toBe(false);
    expect(await settled(e)).toBe(false);
    finish[0]!();
    expect(await settled(d)).toBe(true);
    expect(await settled(e)).toBe(true);
    expect(batches).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    // flush hands over the rest and resolves only once the sink has taken every batch.
    const flushed = b.flush();
    expect(await settled(flushed)).toBe(false);
    finish[1]!();
    expect(await settled(flushed)).toBe(false);
    finish[2]!();
    expect(await settled(flushed)).toBe(true);
    expect(batches.at(-1)).toEqual(['e']);
  });

  it('counts a batch the sink refused and goes on with the next', async () => {
    let calls = 0;
    const b = new RecordBatcher(
      async () => {
        calls++;
        if (calls === 1) throw new Error('index down');
      },
      1,
      60_000,
      silentLogger,
    );
    await b.add(rec('a'));
    await b.add(rec('b'));
    await b.flush();
    expect(calls).toBe(2);
    expect(b.errors).toBe(1);
    expect(b.lastError).toBe('index down');
  });
});
