import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import { EChart, type ChartOption } from '../../../web/components/EChart';
import { LiveMapView } from './LiveMapView';
import { formatAmount, type DashboardData, type FigureCardData, type HotspotListData, type LiveMapData } from './types';

const W = 1920;
const H = 1080;
const BG = '#04122b';
const PANEL = 'rgba(10,40,90,0.55)';
const EDGE = '1px solid rgba(64,158,255,0.35)';
const TEXT = '#d6e4ff';
const ACCENT = '#40c4ff';

/**
 * 大屏 (`/screen`, 1920×1080, dark, no scrolling): the dashboard's figures for the viewer's node (or `?territoryId=`),
 * the map of live work in the middle, the level below ranked, the trend and the hotspots. Refreshes itself every
 * `?refresh=` seconds (default 60) by refetching the same queries in place: the old answers are dropped, the
 * charts are updated, not rebuilt (it runs unattended for days). Scaled to fit whatever window shows it.
 */
export default function ScreenPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const territoryId = Number(params.get('territoryId')) || undefined;
  const refresh = Math.max(1, Number(params.get('refresh')) || 60) * 1000;
  const [scale, setScale] = useState(1);
  useEffect(() => {
    const fit = () => setScale(Math.min(window.innerWidth / W, window.innerHeight / H));
    fit();
    window.addEventListener('resize', fit);
    const html = document.documentElement.style.overflow;
    const body = document.body.style.overflow;
    document.documentElement.style.overflow = 'hidden';
    document.body.style.overflow = 'hidden';
    return () => {
      window.removeEventListener('resize', fit);
      document.documentElement.style.overflow = html;
      document.body.style.overflow = body;
    };
  }, []);

  const common = { refetchInterval: refresh, refetchIntervalInBackground: true, gcTime: 0 } as const;
  const dash = useQuery({
    queryKey: ['screen', 'dashboard', territoryId],
    queryFn: ({ signal }) => api.get<DashboardData>('/api/dashboard', { territoryId, months: 12 }, signal),
    ...common,
  });
  const map = useQuery({
    queryKey: ['screen', 'map', territoryId],
    queryFn: ({ signal }) => api.get<LiveMapData>('/api/dashboard/map', { territoryId }, signal),
    ...common,
  });
  const hot = useQuery({
    queryKey: ['screen', 'hotspots', territoryId],
    queryFn: ({ signal }) => api.get<HotspotListData>('/api/dashboard/hotspots', { territoryId }, signal),
    ...common,
  });
  const d = dash.data;
  const by = (section: string) => d?.figures.filter((f) => f.section === section) ?? [];
  const rateKey = 'orders.resolutionRate';

  const ranking = useMemo<ChartOption>(() => {
    const rows = [...(d?.children ?? [])]
      .map((c) => ({ name: c.territory.name, v: c.amounts[rateKey]?.value ?? null }))
      .sort((a, b) => (b.v ?? -1) - (a.v ?? -1))
      .slice(0, 10);
    return {
      animation: false,
      grid: { left: 130, right: 40, top: 10, bottom: 20 },
      xAxis: { type: 'value', max: 100, axisLabel: { color: TEXT }, splitLine: { lineStyle: { color: '#1c3a66' } } },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisLabel: { color: TEXT } },
      series: [
        {
          type: 'bar',
          data: rows.map((r) => r.v ?? 0),
          itemStyle: { color: ACCENT },
          label: { show: true, position: 'right', color: TEXT, formatter: '{c}%' },
        },
      ],
    };
  }, [d]);
  const trend = useMemo<ChartOption>(
    () => ({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { textStyle: { color: TEXT }, top: 0 },
      grid: { left: 50, right: 20, top: 30, bottom: 24 },
      xAxis: { type: 'category', data: d?.trend.months ?? [], axisLabel: { color: TEXT } },
      yAxis: { type: 'value', axisLabel: { color: TEXT }, splitLine: { lineStyle: { color: '#1c3a66' } } },
      series: (['orders.found', 'orders.resolved'] as const).map((k, i) => ({
        type: 'line' as const,
        name: d?.figures.find((f) => f.key === k)?.label ?? k,
        smooth: true,
        data: d?.trend.values[k] ?? [],
        itemStyle: { color: i ? '#69f0ae' : ACCENT },
      })),
    }),
    [d],
  );
  const labels = useMemo(() => ({ open: t('dashboard.map.open'), overdue: t('dashboard.map.overdue') }), [t]);
  const updated = dash.dataUpdatedAt ? new Date(dash.dataUpdatedAt).toLocaleTimeString(i18n.language) : '';

  return (
    <div style={{ position: 'fixed', inset: 0, background: BG, overflow: 'hidden' }} data-testid="screen">
      <div
        style={{
          width: W,
          height: H,
          transform: `scale(${scale})`,
          transformOrigin: '0 0',
          color: TEXT,
          display: 'grid',
          gridTemplateColumns: '420px 1fr 420px',
          gridTemplateRows: '80px 1fr 300px',
          gap: 16,
          padding: 16,
          boxSizing: 'border-box',
          fontFamily: 'system-ui, "PingFang SC", "Microsoft YaHei", sans-serif',
        }}
      >
        <header
          style={{
            gridColumn: '1 / 4',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: EDGE,
          }}
        >
          <div style={{ fontSize: 34, fontWeight: 700, letterSpacing: 4, color: '#fff' }} data-testid="screen-title">
            {t('dashboard.screen.title', { name: d?.territory.name ?? '' })}
          </div>
          <div style={{ fontSize: 16, opacity: 0.8 }} data-testid="screen-updated">
            {d ? `${d.from} ~ ${d.to} · ${t('dashboard.screen.updated', { time: updated })}` : ''}
          </div>
        </header>
        <aside style={{ display: 'flex', flexDirection: 'column', gap: 16, minHeight: 0 }}>
          <Panel title={t('dashboard.section.structure')}>
            <Figures figures={by('structure')} />
          </Panel>
          <Panel title={t('dashboard.section.service-orders')}>
            <Figures figures={by('service-orders')} />
          </Panel>
        </aside>
        <main style={{ background: PANEL, border: EDGE, minHeight: 0, position: 'relative' }}>
          {map.data && <LiveMapView data={map.data} dark labels={labels} height="100%" testId="screen-map" />}
        </main>
        <aside style={{ display: 'flex', flexDirection: 'column', gap: 16, minHeight: 0 }}>
          <Panel title={t('dashboard.section.co-building')}>
            <Figures figures={by('co-building')} />
          </Panel>
          <Panel title={t('dashboard.section.meetings')}>
            <Figures figures={by('meetings')} />
          </Panel>
          <Panel title={t('dashboard.screen.hotspots')} grow>
            {(hot.data?.items ?? []).slice(0, 6).map((h) => (
              <div
                key={`${h.compound?.id ?? ''}:${h.grid?.id ?? ''}:${h.category}`}
                style={{ display: 'flex', justifyContent: 'space-between', padding: '4px 0', fontSize: 15 }}
              >
                <span>
                  {(h.compound ?? h.grid)?.name} · {t(`orders.category.${h.category}`, { defaultValue: h.category })}
                </span>
                <b style={{ color: '#ff6b6b' }}>{h.count}</b>
              </div>
            ))}
          </Panel>
        </aside>
        <section style={{ gridColumn: '1 / 3', background: PANEL, border: EDGE, padding: 8, minHeight: 0 }}>
          <div style={{ fontSize: 16, marginBottom: 4 }}>{t('dashboard.screen.trend')}</div>
          <EChart option={trend} height={250} testId="screen-trend" />
        </section>
        <section style={{ background: PANEL, border: EDGE, padding: 8, minHeight: 0 }}>
          <div style={{ fontSize: 16, marginBottom: 4 }}>{t('dashboard.screen.ranking')}</div>
          <EChart option={ranking} height={250} testId="screen-ranking" />
        </section>
      </div>
    </div>
  );
}

function Panel({ title, children, grow }: { title: string; children: React.ReactNode; grow?: boolean }) {
  return (
    <div
      style={{
        background: PANEL,
        border: EDGE,
        padding: '8px 12px',
        flex: grow ? 1 : undefined,
        minHeight: 0,
        overflow: 'hidden',
      }}
    >
      <div style={{ fontSize: 17, color: ACCENT, marginBottom: 6, fontWeight: 600 }}>{title}</div>
      {children}
    </div>
  );
}

function Figures({ figures }: { figures: FigureCardData[] }) {
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 6 }}>
      {figures.map((f) => (
        <div key={f.key} title={f.formula} data-testid={`screen-figure-${f.key}`}>
          <div style={{ fontSize: 24, fontWeight: 700, color: '#fff', fontVariantNumeric: 'tabular-nums' }}>
            {formatAmount(f, f.amount.value)}
          </div>
          <div
            style={{ fontSize: 12, opacity: 0.75, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
          >
            {f.label}
          </div>
        </div>
      ))}
    </div>
  );
}
