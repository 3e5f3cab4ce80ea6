import { expect, it } from 'vitest';
import { fromFrame, toFrame } from '../analyses/frame.js';

it('round-trips rows through a danfojs DataFrame', async () => {
  const rows = [
    { term: 'unity', count: 3, per_10k: 12.5 },
    { term: 'friendship', count: 1, per_10k: 4.25 },
  ];
  const df = await toFrame(rows, ['term', 'count', 'per_10k']);
  expect(df.shape).toEqual([2, 3]);
  expect(await fromFrame(df)).toEqual(rows);
  expect(await fromFrame(await toFrame([], ['term']))).toEqual([]);
});
