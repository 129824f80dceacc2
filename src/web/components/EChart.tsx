import {
  BarChart,
  LineChart,
  LinesChart,
  PieChart,
  ScatterChart,
  type BarSeriesOption,
  type LineSeriesOption,
  type LinesSeriesOption,
  type PieSeriesOption,
  type ScatterSeriesOption,
} from 'echarts/charts';
import {
  GeoComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GeoComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the pages draw is registered (tree-shaken): bars, lines, pies, scatter and polylines on a geo map.
echarts.use([
  BarChart,
  LineChart,
  LinesChart,
  PieChart,
  ScatterChart,
  GeoComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

/** `echarts/core` with the charts above registered (for `registerMap` before a geo option). */
export { echarts };

/** The options the registered charts and components accept. */
export type ChartOption = echarts.ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | LinesSeriesOption
  | PieSeriesOption
  | ScatterSeriesOption
  | GeoComponentOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

interface Props {
  option: ChartOption;
  height?: number | string;
  testId?: string;
  /** `dark` for the big screen; the chart is drawn anew when the theme changes. */
  theme?: 'dark';
  /** What the chart shows, for screen readers (the canvas itself says nothing). */
  ariaLabel?: string;
  /** Called with the data index of a clicked bar, point or slice. */
  onItemClick?: (dataIndex: number) => void;
}

/**
 * The one ECharts wrapper of the console (canvas): created on mount, resized with its box, disposed on unmount; the
 * option is replaced (not merged) whenever it changes; `onItemClick` gets a clicked data index.
 */
export function EChart({ option, height = 300, testId, theme, ariaLabel, onItemClick }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onItemClick);
  click.current = onItemClick;
  const latest = useRef(option);
  latest.current = option;
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, theme);
    chart.current = c;
    c.setOption(latest.current, true);
    c.on('click', (p) => {
      if (typeof p.dataIndex === 'number') click.current?.(p.dataIndex);
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [theme]);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return (
    <div
      ref={el}
      role={ariaLabel ? 'img' : undefined}
      aria-label={ariaLabel}
      style={{ width: '100%', height, cursor: onItemClick ? 'pointer' : undefined }}
      data-testid={testId}
    />
  );
}
