import type { GeoComponentOption } from 'echarts/components';
import type { LinesSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart, echarts, type ChartInstance, type ChartOption } from '../../../web/components/EChart';
import { gridLabels, orientSeries, viewSpan } from './orient';
import { KIND_COLORS, type BBox, type Geometry, type GridMapData, type Position } from './types';

/** Region names in the registered map: boundaries by division code, grids by id (names may repeat). */
const gridRegion = (id: number) => `grid:${id}`;
const boundaryRegion = (code: string) => `boundary:${code}`;

interface Props {
  data: GridMapData;
  selectedId?: number | null;
  onSelect?: (id: number) => void;
  /** Points of a polygon being drawn; when set, clicks on the map add points through onMapClick. */
  drawing?: Position[] | null;
  onMapClick?: (p: Position) => void;
  /** Points shown as marks, not edited (an order's place); the view widens to show them. */
  marks?: Position[];
  /** false: no grid names nor compounds on the map (a small map); the tooltip still names the grids. */
  labels?: boolean;
  /** Open on this box (a resident's own compound) instead of the whole map; the user may zoom out. */
  focus?: BBox | null;
  height?: number;
  testId?: string;
  /** `grids`: zoom to the grids; `district`: show the whole district (or city) boundary around them. */
  extent?: 'grids' | 'district';
}

let mapSeq = 0;

/**
 * The grid map: district/city boundaries and the grids of the scope, registered as one GeoJSON map and drawn by
 * an ECharts `geo` component (no tiles: the machines are offline). Grids are coloured by kind; clicking one
 * selects it; in drawing mode a click adds a vertex (pixel → lng/lat with convertFromPixel).
 */
export function GridMapView({
  data,
  selectedId,
  onSelect,
  drawing,
  onMapClick,
  marks,
  labels = true,
  focus,
  height = 560,
  testId = 'grid-map',
  extent = 'grids',
}: Props) {
  const { t } = useTranslation();
  const chart = useRef<ChartInstance | null>(null);
  const handlers = useRef({ onSelect, onMapClick, drawing, marks });
  handlers.current = { onSelect, onMapClick, drawing, marks };
  // A new map name per data set: registerMap caches by name.
  const mapName = useMemo(() => {
    const name = `gz-grids-${++mapSeq}`;
    // Boundaries first, then grids by kind (responsibility areas last, on top).
    const order = { basic: 0, professional: 1, responsibilityArea: 2 };
    const grids = [...data.grids.features].sort((a, b) => order[a.properties.kind] - order[b.properties.kind]);
    echarts.registerMap(name, {
      geoJSON: {
        type: 'FeatureCollection' as const,
        features: [
          ...data.boundaries.features.map((f) => ({
            type: 'Feature' as const,
            properties: { name: boundaryRegion(f.properties.code) },
            geometry: f.geometry,
          })),
          ...grids.map((f) => ({
            type: 'Feature' as const,
            properties: { name: gridRegion(f.properties.id) },
            geometry: f.geometry,
          })),
        ],
      },
      specialAreas: {},
    });
    return name;
  }, [data]);

  // The orientation layers follow the zoom (orient.ts): what they draw and the width the map was framed at.
  const { option, orient } = useMemo(() => {
    const byId = new Map(data.grids.features.map((f) => [f.properties.id, f.properties]));
    const districts = data.boundaries.features.filter((f) => f.properties.level === 'district');
    const framed = focus
      ? grownBox(focus, 0.3)
      : extent === 'district' && districts.length
        ? unionBox(districts.map((f) => geometryBox(f.geometry)))
        : data.bbox;
    const b =
      framed && marks?.length ? unionBox([framed, ...marks.map((p): BBox => [p[0], p[1], p[0], p[1]])]) : framed;
    // A margin around what is framed (less around a resident's compound: it is already grown).
    const minPad = focus ? 0.0002 : 0.002;
    const padX = b ? Math.max((b[2] - b[0]) * (focus ? 0.05 : 0.15), minPad) : 0;
    const padY = b ? Math.max((b[3] - b[1]) * (focus ? 0.05 : 0.15), minPad) : 0;
    const regions: NonNullable<GeoComponentOption['regions']> = [
      ...data.boundaries.features.map((f) => ({
        name: boundaryRegion(f.properties.code),
        silent: true,
        itemStyle:
          f.properties.level === 'city'
            ? { areaColor: 'rgba(0,0,0,0)', borderColor: '#8c8c8c', borderWidth: 1, borderType: 'dashed' as const }
            : { areaColor: '#f6f3ee', borderColor: '#a8071a', borderWidth: 2 },
      })),
      ...data.grids.features.map((f) => {
        const color = KIND_COLORS[f.properties.kind];
        const selected = f.properties.id === selectedId;
        return {
          name: gridRegion(f.properties.id),
          itemStyle: {
            areaColor: hexA(color, f.properties.kind === 'basic' ? 0.18 : 0.35),
            borderColor: color,
            borderWidth: selected ? 3 : f.properties.kind === 'basic' ? 1.5 : 1,
          },
          emphasis: { itemStyle: { areaColor: hexA(color, 0.5) }, label: { show: false } },
          label: { show: false },
        };
      }),
    ];
    // Names of basic grids and compounds as points (orient.ts), declustered and shown by zoom.
    const names = labels
      ? gridLabels(
          data.grids.features
            .filter((f) => f.properties.kind === 'basic')
            .map((f) => ({ id: f.properties.id, name: f.properties.name, geometry: f.geometry })),
        )
      : [];
    const places = labels ? data.places : [];
    const width = b ? b[2] - b[0] + 2 * padX : 1;
    const orient = (c: ChartInstance) => c.setOption({ series: orientSeries(viewSpan(c, width), names, places) });
    // A grid by name, never its internal region key (the same formatter on the geo: a zoom must not lose it).
    const tip = (p: unknown): string => {
      const one: unknown = Array.isArray(p) ? p[0] : p;
      const name = one && typeof one === 'object' && 'name' in one && typeof one.name === 'string' ? one.name : '';
      const g = name.startsWith('grid:') ? byId.get(Number(name.slice(5))) : undefined;
      if (!g) return '';
      const dept = g.department ? `<br/>${t('grids.field.department')}：${escapeHtml(g.department)}` : '';
      return `<b>${escapeHtml(g.name)}</b><br/>${t(`grids.kind.${g.kind}`)} · ${escapeHtml(g.communityName)}${dept}<br/>${t('grids.field.workers')}：${g.workerCount}`;
    };
    const option: ChartOption = {
      animation: false,
      tooltip: { trigger: 'item', formatter: tip },
      geo: {
        map: mapName,
        roam: true,
        aspectScale: Math.cos(((b ? (b[1] + b[3]) / 2 : 36) * Math.PI) / 180),
        ...(b
          ? {
              boundingCoords: [
                [b[0] - padX, b[3] + padY],
                [b[2] + padX, b[1] - padY],
              ],
            }
          : {}),
        itemStyle: { areaColor: '#f6f3ee', borderColor: '#bfbfbf' },
        label: { show: false },
        emphasis: { label: { show: false } },
        selectedMode: false,
        tooltip: { show: true, formatter: tip },
        regions,
      },
      series: [...drawSeries(handlers.current.drawing ?? [], marks), ...orientSeries(width, names, places)],
    };
    return { option, orient };
    // Drawing is not a dependency: a new point only redraws its series (below), keeping the user's zoom.
  }, [data, mapName, selectedId, marks, labels, t, extent, focus]);

  useEffect(() => {
    chart.current?.setOption({ series: drawSeries(drawing ?? [], marks) });
  }, [drawing, marks]);

  return (
    <EChart
      option={option}
      height={height}
      testId={testId}
      cursor={drawing ? 'crosshair' : 'default'}
      onReady={(c) => {
        chart.current = c;
        // A chart drawn anew (language change) shows the polygon being drawn as it is now.
        c.setOption({ series: drawSeries(handlers.current.drawing ?? [], handlers.current.marks) });
        // In drawing mode a click anywhere adds a vertex (pixel → lng/lat).
        c.getZr().on('click', (e) => {
          if (!handlers.current.drawing) return;
          const p = c.convertFromPixel({ geoIndex: 0 }, [e.offsetX, e.offsetY]) as number[] | undefined;
          if (p && Number.isFinite(p[0]) && Number.isFinite(p[1])) {
            handlers.current.onMapClick?.([Math.round(p[0]! * 1e6) / 1e6, Math.round(p[1]! * 1e6) / 1e6]);
          }
        });
      }}
      onEvents={{
        click: (p) => {
          if (handlers.current.drawing) return;
          const name = typeof p.name === 'string' ? p.name : '';
          if (name.startsWith('grid:')) handlers.current.onSelect?.(Number(name.slice(5)));
        },
        georoam: (_, c) => orient(c),
      }}
    />
  );
}

/** The polygon being drawn (or the picked point) and the marks, red over everything (ids kept for merging). */
function drawSeries(draw: Position[], marks: Position[] | undefined): (LinesSeriesOption | ScatterSeriesOption)[] {
  return [
    {
      id: 'draw-line',
      type: 'lines',
      coordinateSystem: 'geo',
      polyline: true,
      silent: true,
      lineStyle: { color: '#cf1322', width: 2, type: 'dashed' },
      data: draw.length > 1 ? [{ coords: draw.length > 2 ? [...draw, draw[0]!] : draw }] : [],
    },
    {
      id: 'draw-points',
      type: 'scatter',
      coordinateSystem: 'geo',
      silent: true,
      symbolSize: 9,
      itemStyle: { color: '#cf1322', borderColor: '#fff', borderWidth: 1 },
      data: [...draw, ...(marks ?? [])],
      z: 5,
    },
  ];
}

function geometryBox(g: Geometry): BBox {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const pts = polys.flatMap((p) => p[0] ?? []);
  return [
    Math.min(...pts.map((p) => p[0])),
    Math.min(...pts.map((p) => p[1])),
    Math.max(...pts.map((p) => p[0])),
    Math.max(...pts.map((p) => p[1])),
  ];
}

/** The box grown by a share of its size on every side (a compound with its neighbours around it). */
function grownBox(b: BBox, share: number): BBox {
  const dx = Math.max((b[2] - b[0]) * share, 0.0005);
  const dy = Math.max((b[3] - b[1]) * share, 0.0005);
  return [b[0] - dx, b[1] - dy, b[2] + dx, b[3] + dy];
}

function unionBox(boxes: BBox[]): BBox {
  return [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ];
}

function hexA(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
