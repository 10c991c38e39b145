import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { layoutVolumes } from '../../../src/group/volumes.js';

describe('layoutVolumes', () => {
  it('keeps a book within its budget as one volume', () => {
    assert.deepEqual(layoutVolumes([[10, 10], [10]], 30), [
      [
        { story: 0, from: 0, to: 2 },
        { story: 1, from: 0, to: 1 },
      ],
    ]);
  });

  it('fills volumes from the start, cutting a story between chapters where it must', () => {
    assert.deepEqual(layoutVolumes([[10, 10, 10], [10]], 25), [
      [{ story: 0, from: 0, to: 2 }],
      [
        { story: 0, from: 2, to: 3 },
        { story: 1, from: 0, to: 1 },
      ],
    ]);
  });

  it('gives a chapter larger than the budget a volume of its own', () => {
    assert.deepEqual(layoutVolumes([[5, 50, 5]], 20), [
      [{ story: 0, from: 0, to: 1 }],
      [{ story: 0, from: 1, to: 2 }],
      [{ story: 0, from: 2, to: 3 }],
    ]);
  });

  it('changes only the last volume when chapters and stories are added at the end', () => {
    const sizes = [
      [7, 9, 4, 8],
      [6, 6, 3],
    ];
    const before = layoutVolumes(sizes, 20);
    const after = layoutVolumes([[...sizes[0]!], [...sizes[1]!, 9, 2], [11, 5]], 20);
    assert.ok(before.length >= 2);
    assert.deepEqual(after.slice(0, before.length - 1), before.slice(0, -1));
  });
});
