import { describe, expect, it } from 'vitest';
import { matrixWall, median } from './measure.ts';

describe('matrixWall: K shard jobs on R runners', () => {
  it('one runner per shard: the slowest shard', () => expect(matrixWall([3, 9, 5], 20)).toBe(9));
  it('one runner: the sum', () => expect(matrixWall([3, 9, 5], 1)).toBe(17));
  it('two runners: each job to the runner free first, longest first (greedy, as a matrix fills up)', () => expect(matrixWall([5, 4, 3, 3, 3], 2)).toBe(10));
  it('never less than the slowest shard or the total over the runners (seeded)', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let k = 0; k < 200; k++) {
      const times = Array.from({ length: 1 + Math.floor(rand() * 30) }, () => Math.round(rand() * 100));
      const r = 1 + Math.floor(rand() * 25);
      const wall = matrixWall(times, r);
      expect(wall).toBeGreaterThanOrEqual(Math.max(...times));
      expect(wall).toBeGreaterThanOrEqual(times.reduce((a, b) => a + b, 0) / r - 1e-9);
      expect(wall).toBeLessThanOrEqual(times.reduce((a, b) => a + b, 0));
    }
  });
});

describe('median', () => {
  it('odd and even counts', () => { expect(median([3, 1, 2])).toBe(2); expect(median([4, 1, 2, 3])).toBe(2.5); });
});
