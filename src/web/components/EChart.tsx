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
  VisualMapComponent,
  type GeoComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
  type VisualMapComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';
import { Empty, Skeleton } from 'antd';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

// Only what the pages draw is registered (tree-shaken): bars, lines, pies, scatter and polylines on a geo map, the
// label layout the maps' names use to avoid each other.
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
  VisualMapComponent,
  LabelLayout,
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
  | VisualMapComponentOption
>;

/** A chart instance (for the maps: `convertFromPixel`, zrender clicks, partial `setOption`). */
export type ChartInstance = echarts.ECharts;
/** What an ECharts mouse event hands its handler (`name`, `dataIndex`, `seriesName`, …). */
export type ChartEvent = echarts.ECElementEvent;

interface Props {
  /** What to draw; `null` while there is nothing yet (with `loading`) or nothing at all (with `empty`). */
  option: ChartOption | null;
  height?: number | string;
  testId?: string;
  /** `dark` for the big screen; the chart is drawn anew when the theme changes. */
  theme?: 'dark';
  /** What the chart shows, for screen readers (the canvas itself says nothing). */
  ariaLabel?: string;
  /** Called with the data index of a clicked bar, point or slice (drill-down), and the event itself. */
  onItemClick?: (dataIndex: number, event: ChartEvent) => void;
  /** Other chart events by ECharts name (`click` on a map region, `georoam`): handlers get the event and chart. */
  onEvents?: Record<string, (event: ChartEvent, chart: ChartInstance) => void>;
  /** Called with the chart each time one is created (mount, theme or language change), after its option is set. */
  onReady?: (chart: ChartInstance) => void;
  /** Data still on its way: a skeleton instead of the chart. */
  loading?: boolean;
  /** Nothing to draw: an empty state in its place (`true`, or the text to say). */
  empty?: boolean | ReactNode;
  /** The mouse cursor over the chart (default: a pointer when items are clickable). */
  cursor?: string;
}

/**
 * The one ECharts wrapper of the console (canvas), for charts and maps alike: created on mount in the user's language
 * (ECharts' own texts: toolbox, loading, aria) and theme, resized with its box, disposed on unmount; the option is
 * replaced (not merged) whenever it changes; `onItemClick` gets a clicked data index, `onEvents` any other event,
 * `onReady` the instance for partial updates. While `loading` a skeleton stands in its place, when `empty` an empty
 * state.
 */
export function EChart({ loading, empty, option, ...rest }: Props) {
  const { t } = useTranslation();
  if (loading) return <Skeleton active />;
  if (empty || !option)
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={typeof empty === 'boolean' || empty === undefined ? t('common.noData') : empty}
      />
    );
  return <Canvas option={option} {...rest} />;
}

function Canvas({
  option,
  height = 300,
  testId,
  theme,
  ariaLabel,
  onItemClick,
  onEvents,
  onReady,
  cursor,
}: Omit<Props, 'loading' | 'empty' | 'option'> & { option: ChartOption }) {
  const { i18n } = useTranslation();
  const locale = i18n.language?.startsWith('en') ? 'EN' : 'ZH';
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  // Handlers are read when an event fires: new closures on every render neither re-create the chart nor re-bind.
  const handlers = useRef({ onItemClick, onEvents, onReady });
  handlers.current = { onItemClick, onEvents, onReady };
  const eventNames = Object.keys(onEvents ?? {})
    .sort()
    .join(',');
  const latest = useRef(option);
  latest.current = option;
  // The option the chart shows (set at creation, then on every change; not again right after creation).
  const shown = useRef<ChartOption | null>(null);
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, theme, { locale });
    chart.current = c;
    c.setOption(latest.current, true);
    shown.current = latest.current;
    c.on('click', (p) => {
      if (typeof p.dataIndex === 'number') handlers.current.onItemClick?.(p.dataIndex, p);
    });
    for (const name of eventNames ? eventNames.split(',') : [])
      c.on(name, (p) => handlers.current.onEvents?.[name]?.(p as ChartEvent, c));
    handlers.current.onReady?.(c);
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [theme, locale, eventNames]);
  useEffect(() => {
    if (!chart.current || shown.current === option) return;
    chart.current.setOption(option, true);
    shown.current = option;
  }, [option]);
  return (
    <div
      ref={el}
      role={ariaLabel ? 'img' : undefined}
      aria-label={ariaLabel}
      style={{ width: '100%', height, cursor: cursor ?? (onItemClick ? 'pointer' : undefined) }}
      data-testid={testId}
    />
  );
}
