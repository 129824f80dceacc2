/** Shapes of the grids API (src/modules/grids/contract.ts), as the console reads them. */
export type GridKind = 'basic' | 'professional' | 'responsibilityArea';
export const GRID_KINDS: readonly GridKind[] = ['basic', 'professional', 'responsibilityArea'];
export type Position = [number, number];
export type Geometry =
  { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };
export type BBox = [number, number, number, number];

export interface GridRow {
  id: number;
  name: string;
  kind: GridKind;
  department: string | null;
  community: { id: number; name: string };
  bbox: BBox;
  workerCount: number;
  flaggedWorkerCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface GridWorker {
  id: number;
  gridId: number;
  gridName: string;
  name: string;
  kind: 'fullTime' | 'partTime';
  partyMemberId: number | null;
  accountId: number | null;
  phone: string | null;
  liaisonCount: number;
  liaisonFlag: 'under' | 'over' | null;
}

export interface GridDetail extends GridRow {
  geometry: Geometry;
  workers: GridWorker[];
}

export interface GridFeatureProps {
  id: number;
  name: string;
  kind: GridKind;
  department: string | null;
  communityId: number;
  communityName: string;
  workerCount: number;
}

export interface GridMapData {
  boundaries: {
    type: 'FeatureCollection';
    features: { type: 'Feature'; properties: { code: string; name: string; level: string }; geometry: Geometry }[];
  };
  grids: {
    type: 'FeatureCollection';
    features: { type: 'Feature'; properties: GridFeatureProps; geometry: Geometry }[];
  };
  bbox: BBox | null;
}

export const LIAISON_MIN = 30;
export const LIAISON_MAX = 50;

/** Kind colours: blue basic grids, orange professional grids, party red responsibility areas. */
export const KIND_COLORS: Record<GridKind, string> = {
  basic: '#1677ff',
  professional: '#fa8c16',
  responsibilityArea: '#cf1322',
};
