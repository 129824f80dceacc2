/**
 * Shapes of the grids API as the console reads them: the module's zod contract (../contract.ts) on the wire
 * (dates as ISO strings, decision 034). Only the runtime lists and colours are written here.
 */
import { everyOf, type WireOf } from '../../../web/api/wire';
import type * as C from '../contract';

export type GridKind = WireOf<typeof C.GridKind>;
export const GRID_KINDS = everyOf<GridKind>()(['basic', 'professional', 'responsibilityArea']);

export type GridRow = WireOf<typeof C.Grid>;
export type GridDetail = WireOf<typeof C.GridDetail>;
export type GridWorker = WireOf<typeof C.GridWorker>;
export type Geometry = GridDetail['geometry'];
export type Position = Extract<Geometry, { type: 'Polygon' }>['coordinates'][number][number];
export type BBox = GridRow['bbox'];

export type GridMapData = WireOf<typeof C.GridMap>;
export type GridFeatureProps = GridMapData['grids']['features'][number]['properties'];

/** Seed 002: each grid worker follows 30–50 households (the contract's LIAISON_MIN/MAX). */
export const LIAISON_MIN = 30 satisfies typeof C.LIAISON_MIN;
export const LIAISON_MAX = 50 satisfies typeof C.LIAISON_MAX;

/** Kind colours: blue basic grids, orange professional grids, party red responsibility areas. */
export const KIND_COLORS: Record<GridKind, string> = {
  basic: '#1677ff',
  professional: '#fa8c16',
  responsibilityArea: '#cf1322',
};
