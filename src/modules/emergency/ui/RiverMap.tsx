import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import { useCan } from '../../../web/app/auth';
import { EChart, echarts, type ChartOption } from '../../../web/components/EChart';
import type { GridMapT, PatrolT, RiverT } from './types';

type GridGeometry = GridMapT['grids']['features'][number]['geometry'];

let seq = 0;

/**
 * Rivers on the map: the grids of the area (from the grids module's map, when the viewer may read it) as the
 * background, river courses in blue, patrol routes dashed green, the last patrols' walked lines in orange, stations
 * as points (red with open alerts). ECharts `geo` + `lines`, no tiles, as the grid map.
 */
export function RiverMap({ rivers, patrols }: { rivers: RiverT[]; patrols: PatrolT[] }) {
  const { t } = useTranslation();
  const can = useCan();
  const grids = useQuery({
    queryKey: ['grids', 'map', null],
    queryFn: () => api.get<GridMapT>('/api/grids/map'),
    enabled: can('grid.read'),
    retry: false,
  });
  const option = useMemo<ChartOption | null>(() => {
    const pts = rivers.flatMap((r) => [...(r.course ?? []), ...r.routes.flatMap((x) => x.line)]);
    if (!pts.length) return null;
    const xs = pts.map((p) => p[0]!);
    const ys = pts.map((p) => p[1]!);
    const pad = 0.004;
    const nw: [number, number] = [Math.min(...xs) - pad, Math.max(...ys) + pad];
    const se: [number, number] = [Math.max(...xs) + pad, Math.min(...ys) - pad];
    const box = [nw, se];
    const name = `gz-rivers-${++seq}`;
    // A frame polygon (drawn first, under the grids) so the map exists even without grids.
    const frame: GridGeometry = { type: 'Polygon', coordinates: [[nw, [se[0], nw[1]], se, [nw[0], se[1]], nw]] };
    const features = [
      { type: 'Feature' as const, properties: { name: 'frame' }, geometry: frame },
      ...(grids.data?.grids.features ?? []).map((f) => ({
        type: 'Feature' as const,
        properties: { name: `grid:${f.properties.id}` },
        geometry: f.geometry,
      })),
    ];
    echarts.registerMap(name, { type: 'FeatureCollection', features } as unknown as Parameters<
      typeof echarts.registerMap
    >[1]);
    const stations = rivers.flatMap((r) => r.stations.filter((s) => s.location));
    return {
      tooltip: { trigger: 'item' },
      geo: {
        map: name,
        roam: true,
        boundingCoords: box,
        itemStyle: { areaColor: '#f5f7fa', borderColor: '#c9d3df' },
        emphasis: { disabled: true },
        label: { show: false },
        tooltip: { show: false },
      },
      series: [
        {
          name: t('river.map.course'),
          type: 'lines',
          coordinateSystem: 'geo',
          polyline: true,
          lineStyle: { color: '#1677ff', width: 6, opacity: 0.6 },
          data: rivers.flatMap((r) => (r.course ? [{ name: r.name, coords: r.course }] : [])),
        },
        {
          name: t('river.map.route'),
          type: 'lines',
          coordinateSystem: 'geo',
          polyline: true,
          lineStyle: { color: '#389e0d', width: 3, type: 'dashed' },
          data: rivers.flatMap((r) =>
            r.routes.map((x) => ({ name: `${x.name}（${(x.lengthM / 1000).toFixed(1)} km）`, coords: x.line })),
          ),
        },
        {
          name: t('river.map.walked'),
          type: 'lines',
          coordinateSystem: 'geo',
          polyline: true,
          lineStyle: { color: '#fa8c16', width: 2 },
          data: patrols
            .flatMap((p) =>
              p.walked ? [{ name: `${p.patroller} ${p.startedAt.slice(0, 10)}`, coords: p.walked }] : [],
            )
            .slice(0, 5),
        },
        {
          name: t('river.map.station'),
          type: 'scatter',
          coordinateSystem: 'geo',
          symbolSize: 14,
          data: stations.map((s) => ({
            name: `${s.name}${s.openAlerts ? ` · ${t('river.alert.open')} ${s.openAlerts}` : ''}`,
            value: [s.location!.lng, s.location!.lat],
            itemStyle: { color: s.openAlerts ? '#f5222d' : '#13c2c2' },
          })),
        },
      ],
    };
  }, [rivers, patrols, grids.data, t]);
  if (!option) return null;
  return <EChart option={option} height={420} testId="river-map" />;
}
