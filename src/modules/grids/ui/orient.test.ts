import { describe, expect, it } from 'vitest';
import { GRID_LABEL_SPAN, gridLabels, labelAt, orientSeries, PLACE_SPAN } from './orient';
import type { Geometry } from './types';

/** Decision 055: names on the map never overlap (declustered) and follow the zoom (issue 10 item 16). */
const rect = (x0: number, y0: number, x1: number, y1: number): Geometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ],
});
const grids = gridLabels([
  { id: 1, name: '第1网格', geometry: rect(101.7, 36.6, 101.71, 36.61) },
  { id: 2, name: '第2网格', geometry: rect(101.71, 36.6, 101.712, 36.602) },
]);
const places = [{ name: '锦绣花园', lng: 101.705, lat: 36.605 }];
const data = (span: number) => orientSeries(span, grids, places).map((s) => (s.data as unknown[]).length);

describe('what the map names, by zoom', () => {
  it('a city view draws no names; a district view the grids; a street or community view the compounds too', () => {
    expect(data(1.2)).toEqual([0, 0]);
    expect(data(GRID_LABEL_SPAN - 0.01)).toEqual([2, 0]);
    expect(data(PLACE_SPAN - 0.001)).toEqual([2, 1]);
  });

  it('declusters both layers, a bigger grid keeping its name when two collide', () => {
    const [names, compounds] = orientSeries(0.01, grids, places);
    expect(names!.labelLayout).toEqual({ hideOverlap: true });
    expect(compounds!.labelLayout).toEqual({ hideOverlap: true });
    const sizes = (names!.data as { name: string; symbolSize: number }[]).map((d) => [d.name, d.symbolSize]);
    expect(sizes[0]![1]).toBeGreaterThan(sizes[1]![1] as number);
  });

  it('writes a name inside its shape, an L-shaped one too', () => {
    const l: Geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [3, 1],
          [1, 1],
          [1, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    };
    const [x, y] = labelAt(l).at;
    expect((x < 3 && y < 1) || (x < 1 && y < 3)).toBe(true);
  });
});
