import { describe, expect, it } from 'vitest';
import type { GridGeometry, Position } from './schema.js';
import { areaOf, bboxOf, GridBucketIndex, pointInGeometry } from './spatial-index.js';

const ring = (x0: number, y0: number, x1: number, y1: number): Position[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const square: GridGeometry = { type: 'Polygon', coordinates: [ring(0, 0, 10, 10)] };
const withHole: GridGeometry = { type: 'Polygon', coordinates: [ring(0, 0, 10, 10), ring(3, 3, 7, 7).reverse()] };
const multi: GridGeometry = {
  type: 'MultiPolygon',
  coordinates: [[ring(0, 0, 2, 2)], [ring(5, 5, 8, 8), ring(6, 6, 7, 7)]],
};
/** An L shape: concave, so a bounding-box test alone would be wrong at (8, 8). */
const ell: GridGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [10, 0],
      [10, 4],
      [4, 4],
      [4, 10],
      [0, 10],
      [0, 0],
    ],
  ],
};

describe('point in polygon (even-odd)', () => {
  it('finds points inside and outside a square', () => {
    expect(pointInGeometry(square, 5, 5)).toBe(true);
    expect(pointInGeometry(square, 0.0001, 9.9999)).toBe(true);
    expect(pointInGeometry(square, -0.0001, 5)).toBe(false);
    expect(pointInGeometry(square, 5, 10.0001)).toBe(false);
  });
  it('leaves holes out', () => {
    expect(pointInGeometry(withHole, 5, 5)).toBe(false);
    expect(pointInGeometry(withHole, 2, 5)).toBe(true);
    expect(pointInGeometry(withHole, 7.5, 7.5)).toBe(true);
  });
  it('handles concave polygons', () => {
    expect(pointInGeometry(ell, 8, 8)).toBe(false);
    expect(pointInGeometry(ell, 8, 2)).toBe(true);
    expect(pointInGeometry(ell, 2, 8)).toBe(true);
  });
  it('treats a MultiPolygon as the union of its parts, each with its holes', () => {
    expect(pointInGeometry(multi, 1, 1)).toBe(true);
    expect(pointInGeometry(multi, 5.5, 5.5)).toBe(true);
    expect(pointInGeometry(multi, 6.5, 6.5)).toBe(false);
    expect(pointInGeometry(multi, 3.5, 3.5)).toBe(false);
  });
  it('does not need the ring to be closed', () => {
    expect(
      pointInGeometry(
        {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [4, 0],
              [4, 4],
              [0, 4],
            ],
          ],
        },
        2,
        2,
      ),
    ).toBe(true);
  });
});

describe('bounding box and area', () => {
  it('computes the box of all outer rings and the area minus holes', () => {
    expect(bboxOf(multi)).toEqual([0, 0, 8, 8]);
    expect(areaOf(square)).toBeCloseTo(100);
    expect(areaOf(withHole)).toBeCloseTo(84);
    expect(areaOf(multi)).toBeCloseTo(4 + 9 - 1);
  });
});

describe('grid-bucket index', () => {
  const items = [
    { id: 1, geometry: square, bbox: bboxOf(square) },
    { id: 2, geometry: withHole, bbox: bboxOf(withHole) },
    { id: 3, geometry: ell, bbox: bboxOf(ell) },
    { id: 4, geometry: multi, bbox: bboxOf(multi) },
  ];
  it('answers the same as testing every polygon, with small, large and default (median) cells', () => {
    for (const cell of [0.5, 3, 100, undefined]) {
      for (const maxCells of [1, 4096]) {
        const index = new GridBucketIndex(items, cell, maxCells);
        for (let x = -1; x <= 11; x += 0.37) {
          for (let y = -1; y <= 11; y += 0.41) {
            const want = items.filter((i) => pointInGeometry(i.geometry, x, y)).map((i) => i.id);
            expect(
              index
                .query(x, y)
                .map((i) => i.id)
                .sort(),
            ).toEqual(want.sort());
          }
        }
      }
    }
  });
  it('tests only the items whose box holds the point', () => {
    const index = new GridBucketIndex(items, 1);
    expect(
      index
        .candidates(9, 9)
        .map((i) => i.id)
        .sort(),
    ).toEqual([1, 2, 3]);
    expect(index.candidates(50, 50)).toEqual([]);
    expect(index.size).toBe(4);
  });
  it('works with negative coordinates and an empty index', () => {
    const neg: GridGeometry = { type: 'Polygon', coordinates: [ring(-5, -5, -1, -1)] };
    const index = new GridBucketIndex([{ id: 9, geometry: neg, bbox: bboxOf(neg) }], 0.7);
    expect(index.query(-3, -3).map((i) => i.id)).toEqual([9]);
    expect(index.query(3, 3)).toEqual([]);
    expect(new GridBucketIndex([]).query(0, 0)).toEqual([]);
  });
});
