import { describe, expect, it } from '@jest/globals';
import { Batcher, ItemResult } from './batcher';

const tick = () => new Promise((r) => setImmediate(r));

describe('Batcher', () => {
  it('groups the calls of one tick into one batch and answers each its own result', async () => {
    const batches: number[][] = [];
    const batcher = new Batcher<number, number>(async (items) => {
      batches.push(items);
      return items.map((n): ItemResult<number> => (n === 3 ? { ok: false, error: new Error('three') } : { ok: true, value: n * 10 }));
    }, 10, 1);
    const results = await Promise.allSettled([1, 2, 3, 4].map((n) => batcher.submit(n)));
    expect(batches).toEqual([[1, 2, 3, 4]]);
    expect(results).toEqual([
      { status: 'fulfilled', value: 10 },
      { status: 'fulfilled', value: 20 },
      { status: 'rejected', reason: new Error('three') },
      { status: 'fulfilled', value: 40 },
    ]);
  });

  it('holds back calls while the batches in flight are at the limit, then sends them together, at most maxSize each', async () => {
    const batches: number[][] = [];
    const release: Array<() => void> = [];
    const batcher = new Batcher<number, number>(async (items) => {
      batches.push(items);
      await new Promise<void>((r) => release.push(r));
      return items.map((n) => ({ ok: true, value: n }));
    }, 3, 1);
    const all = [batcher.submit(1)];
    await tick();
    expect(batches).toEqual([[1]]);
    for (const n of [2, 3, 4, 5, 6, 7]) all.push(batcher.submit(n));
    await tick();
    expect(batches).toEqual([[1]]); // one in flight: the others wait
    release.shift()!();
    await tick();
    await tick();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    release.shift()!();
    await tick();
    await tick();
    expect(batches).toEqual([[1], [2, 3, 4], [5, 6, 7]]);
    release.shift()!();
    expect(await Promise.all(all)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('fails every call of a batch whose run throws, and keeps serving later calls', async () => {
    let fail = true;
    const batcher = new Batcher<number, number>(async (items) => {
      if (fail) throw new Error('database down');
      return items.map((n) => ({ ok: true, value: n }));
    }, 10, 2);
    const failed = await Promise.allSettled([batcher.submit(1), batcher.submit(2)]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await batcher.submit(3)).toBe(3);
  });
});
