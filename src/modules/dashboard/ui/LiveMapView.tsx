import { useMemo } from 'react';
import { EChart, echarts, type ChartInstance, type ChartOption } from '../../../web/components/EChart';
import { gridLabels, orientSeries, viewSpan, type GridGeometry } from '../../grids/ui';
import type { LiveMapData } from './types';

const gridRegion = (id: number) => `grid:${id}`;
const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** White → deep red by the share of the busiest grid's open orders. */
function heatColor(n: number, max: number, dark: boolean): string {
  if (n === 0) return dark ? 'rgba(64,128,255,0.12)' : 'rgba(24,144,255,0.08)';
  const a = 0.25 + 0.6 * (max ? n / max : 0);
  return `rgba(207,19,34,${a.toFixed(2)})`;
}

interface Props {
  data: LiveMapData;
  height?: number | string;
  dark?: boolean;
  selectedId?: number | null;
  onSelect?: (gridId: number) => void;
  labels: { open: string; overdue: string };
  testId?: string;
}

/**
 * The map of live work, drawn offline (no tiles) from the grids' GeoJSON with an ECharts `geo`: grids coloured by
 * unfinished orders, overdue orders as red points, reports of the period as the heat. The map is registered once
 * per set of shapes (same name again on a refresh: nothing accumulates on a big screen running for days); a
 * refresh only recolours.
 */
export function LiveMapView({
  data,
  height = 560,
  dark = false,
  selectedId,
  onSelect,
  labels,
  testId = 'live-map',
}: Props) {
  const shapeKey = `${data.territory.id}:${data.grids.length}:${data.grids.reduce((h, g) => (h * 31 + g.id) | 0, 7)}:${data.boundaries.features.length}`;
  const mapName = useMemo(() => {
    const name = `gz-live-${shapeKey}`;
    echarts.registerMap(name, {
      geoJSON: {
        type: 'FeatureCollection',
        features: [
          ...data.boundaries.features.map((f) => ({
            type: 'Feature' as const,
            properties: { name: `boundary:${f.properties.code}` },
            geometry: f.geometry,
          })),
          ...data.grids.map((g) => ({
            type: 'Feature' as const,
            properties: { name: gridRegion(g.id) },
            geometry: g.geometry,
          })),
        ],
      } as never,
      specialAreas: {},
    });
    return name;
    // Shapes change only with shapeKey.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shapeKey]);

  // Grid names and compounds (grids' orient.ts) follow the zoom: what they draw and the width framed.
  const { option, orient } = useMemo(() => {
    const byId = new Map(data.grids.map((g) => [g.id, g]));
    const b = data.bbox;
    const padX = b ? Math.max((b[2]! - b[0]!) * 0.08, 0.002) : 0;
    const padY = b ? Math.max((b[3]! - b[1]!) * 0.08, 0.002) : 0;
    const maxHeat = data.heat.reduce((m, h) => Math.max(m, h[2] ?? 0), 1);
    const names = gridLabels(
      data.grids
        .filter((g) => g.kind === 'basic')
        .map((g) => ({ id: g.id, name: g.name, geometry: g.geometry as GridGeometry })),
    );
    const width = b ? b[2]! - b[0]! + 2 * padX : 1;
    const orient = (c: ChartInstance) =>
      c.setOption({ series: orientSeries(viewSpan(c, width), names, data.places, { dark }) });
    const option: ChartOption = {
      animation: false,
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const one = Array.isArray(p) ? p[0] : p;
          const name = one && typeof one.name === 'string' ? one.name : '';
          const g = name.startsWith('grid:') ? byId.get(Number(name.slice(5))) : undefined;
          if (!g) return one && typeof one.name === 'string' && !name.startsWith('boundary:') ? escapeHtml(name) : '';
          return `<b>${escapeHtml(g.name)}</b> · ${escapeHtml(g.communityName)}<br/>${labels.open}：${g.open}<br/>${labels.overdue}：${g.overdue}`;
        },
      },
      geo: {
        map: mapName,
        roam: true,
        aspectScale: Math.cos(((b ? (b[1]! + b[3]!) / 2 : 36) * Math.PI) / 180),
        ...(b
          ? {
              boundingCoords: [
                [b[0]! - padX, b[3]! + padY],
                [b[2]! + padX, b[1]! - padY],
              ],
            }
          : {}),
        itemStyle: { areaColor: dark ? '#0b1e3a' : '#f6f3ee', borderColor: dark ? '#1f4e8c' : '#bfbfbf' },
        label: { show: false },
        emphasis: { label: { show: false } },
        selectedMode: false,
        regions: [
          ...data.boundaries.features.map((f) => ({
            name: `boundary:${f.properties.code}`,
            silent: true,
            itemStyle: {
              areaColor: dark ? 'rgba(16,40,80,0.6)' : '#f6f3ee',
              borderColor: dark ? '#3a7bd5' : '#a8071a',
              borderWidth: 1.5,
            },
          })),
          ...data.grids.map((g) => ({
            name: gridRegion(g.id),
            itemStyle: {
              areaColor: heatColor(g.open, data.maxOpen, dark),
              borderColor: g.id === selectedId ? '#faad14' : dark ? '#4a90e2' : '#8c8c8c',
              borderWidth: g.id === selectedId ? 3 : 0.8,
            },
            emphasis: { itemStyle: { areaColor: 'rgba(250,173,20,0.6)' }, label: { show: false } },
          })),
        ],
      },
      series: [
        {
          type: 'scatter',
          name: 'heat',
          coordinateSystem: 'geo',
          silent: true,
          symbolSize: (v: number[]) => 4 + 14 * Math.sqrt((v[2] ?? 0) / maxHeat),
          itemStyle: { color: dark ? 'rgba(255,196,0,0.45)' : 'rgba(250,140,22,0.45)' },
          data: data.heat,
        },
        {
          type: 'scatter',
          name: labels.overdue,
          coordinateSystem: 'geo',
          symbolSize: 7,
          itemStyle: { color: '#ff1f3d', borderColor: '#fff', borderWidth: 1 },
          data: data.overdue.map((o) => ({ name: o.title, value: [o.lng, o.lat] })),
          z: 5,
        },
        ...orientSeries(width, names, data.places, { dark }),
      ],
    };
    return { option, orient };
  }, [data, mapName, selectedId, dark, labels]);

  return (
    <EChart
      option={option}
      height={height}
      testId={testId}
      onEvents={{
        click: (p) => {
          const name = typeof p.name === 'string' ? p.name : '';
          if (name.startsWith('grid:')) onSelect?.(Number(name.slice(5)));
        },
        georoam: (_, c) => orient(c),
      }}
    />
  );
}
