/**
 * What a map draws to orient by (issue 10 item 16, decision 055): grid names and compounds 小区 as named points,
 * as ECharts scatter series over the `geo` (a `geo` region's own label cannot be declustered; a series' label can,
 * with `labelLayout.hideOverlap`). Both layers also follow the zoom: grid names appear from street-district scale
 * down, compounds from community scale down, so a city view is not a carpet of text.
 */
import type { ScatterSeriesOption } from 'echarts/charts';
import type * as echarts from 'echarts/core';
import type { Geometry, GridMapData, Position } from './types';

export type Place = Pick<GridMapData['places'][number], 'name' | 'lng' | 'lat'>;
export interface GridLabel {
  id: number;
  name: string;
  at: Position;
  /** Bigger grids keep their name when names collide (the label's priority is its host's size). */
  weight: number;
}

/** Grid names are drawn when the view is narrower than this (degrees of longitude, ~25 km at Xining). */
export const GRID_LABEL_SPAN = 0.28;
/** Compounds are drawn when the view is narrower than this (~4 km: a community and its neighbours). */
export const PLACE_SPAN = 0.045;

function ringsOf(g: Geometry): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

function inRing(ring: readonly Position[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inside(g: Geometry, x: number, y: number): boolean {
  return ringsOf(g).some((p) => p[0] !== undefined && inRing(p[0], x, y) && !p.slice(1).some((h) => inRing(h, x, y)));
}

/** A point inside the shape to write its name at (box centre, else vertex mean, else a sample), and its box area. */
export function labelAt(g: Geometry): { at: Position; weight: number } {
  const pts = ringsOf(g).flatMap((p) => p[0] ?? []);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const b = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as const;
  const outer = ringsOf(g)[0]?.[0] ?? [];
  const candidates: Position[] = [
    [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2],
    [
      outer.reduce((s, p) => s + p[0], 0) / (outer.length || 1),
      outer.reduce((s, p) => s + p[1], 0) / (outer.length || 1),
    ],
  ];
  for (let i = 1; i < 8; i++)
    for (let j = 1; j < 8; j++) candidates.push([b[0] + ((b[2] - b[0]) * i) / 8, b[1] + ((b[3] - b[1]) * j) / 8]);
  const at = candidates.find((p) => inside(g, p[0], p[1])) ?? outer[0] ?? candidates[0]!;
  return { at, weight: (b[2] - b[0]) * (b[3] - b[1]) };
}

export function gridLabels(features: readonly { id: number; name: string; geometry: Geometry }[]): GridLabel[] {
  return features.map((f) => ({ id: f.id, name: f.name, ...labelAt(f.geometry) }));
}

interface Style {
  dark?: boolean;
}

/** The two series (ids `grid-labels`, `places`), empty when the view is too wide for them. */
export function orientSeries(
  span: number,
  grids: readonly GridLabel[],
  places: readonly Place[],
  { dark = false }: Style = {},
): ScatterSeriesOption[] {
  const maxWeight = grids.reduce((m, g) => Math.max(m, g.weight), 0) || 1;
  return [
    {
      id: 'grid-labels',
      type: 'scatter',
      coordinateSystem: 'geo',
      silent: true,
      // An invisible host whose size orders the names: a bigger grid keeps its name when two collide.
      symbol: 'rect',
      itemStyle: { color: 'rgba(0,0,0,0)' },
      label: {
        show: true,
        formatter: '{b}',
        position: 'inside',
        fontSize: 11,
        color: dark ? '#d6e4ff' : '#262626',
        textBorderColor: dark ? '#0b1e3a' : '#ffffff',
        textBorderWidth: 2,
      },
      labelLayout: { hideOverlap: true },
      z: 3,
      data:
        span <= GRID_LABEL_SPAN
          ? grids.map((g) => ({
              name: g.name,
              value: g.at,
              symbolSize: 4 + 28 * Math.sqrt(g.weight / maxWeight),
            }))
          : [],
    },
    {
      id: 'places',
      type: 'scatter',
      coordinateSystem: 'geo',
      symbol: 'circle',
      symbolSize: 6,
      itemStyle: { color: dark ? '#ffd666' : '#595959', borderColor: dark ? '#0b1e3a' : '#fff', borderWidth: 1 },
      label: {
        show: true,
        formatter: '{b}',
        position: 'right',
        fontSize: 10,
        color: dark ? '#ffe58f' : '#434343',
        textBorderColor: dark ? '#0b1e3a' : '#ffffff',
        textBorderWidth: 2,
      },
      labelLayout: { hideOverlap: true },
      tooltip: { show: false },
      z: 4,
      data: span <= PLACE_SPAN ? places.map((p) => ({ name: p.name, value: [p.lng, p.lat] })) : [],
    },
  ];
}

/** The width in degrees of longitude the geo shows now: the framed width divided by the roam zoom. */
export function viewSpan(chart: echarts.ECharts, framedWidth: number): number {
  const geo = (chart.getOption() as { geo?: { zoom?: number }[] }).geo?.[0];
  return framedWidth / (geo?.zoom ?? 1);
}
