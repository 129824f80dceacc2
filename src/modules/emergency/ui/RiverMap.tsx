import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import { useCan } from '../../../web/app/auth';
import { EChart, echarts, type ChartOption } from '../../../web/components/EChart';
import type { PatrolT, RiverT } from './types';

interface GridFeatures {
  grids: { features: { geometry: unknown; properties: { id: number; name: string } }[] };
}
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
    queryFn: () => api.get<GridFeatures>('/api/grids/map'),
    enabled: can('grid.read'),
    retry: false,
  });
  const option = useMemo<ChartOption | null>(() => {
    const pts = rivers.flatMap((r) => [...(r.course ?? []), ...r.routes.flatMap((x) => x.line)]);
    if (!pts.length) return null;
    const xs = pts.map((p) => p[0]!);
    const ys = pts.map((p) => p[1]!);
    const pad = 0.004;
    const box = [
      [Math.min(...xs) - pad, Math.max(...ys) + pad],
      [Math.max(...xs) + pad, Math.min(...ys) - pad],
    ];
    const name = `gz-rivers-${++seq}`;
    const features = (grids.data?.grids.features ?? []).map((f) => ({
      type: 'Feature' as const,
      properties: { name: `grid:${f.properties.id}` },
      geometry: f.geometry,
    }));
    // A frame polygon (drawn first, under the grids) so the map exists even without grids.
    features.unshift({
      type: 'Feature',
      properties: { name: 'frame' },
      geometry: {
        type: 'Polygon',
        coordinates: [[box[0], [box[1]![0], box[0]![1]], box[1], [box[0]![0], box[1]![1]], box[0]]],
      },
    });
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
