import { Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import type { Filters } from '../../../web/components/PagedTable';
import { BOARD_TAGS, NEED_STATUS_COLORS } from './types';

const TABS = ['needs', 'resources', 'projects', 'alliances', 'agreements', 'figures'] as const;

/** The views of 共驻共建 (三张清单, alliances, agreements and the figures), as tabs over their own routes. */
export function CoTabs() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const active = TABS.find((k) => pathname.startsWith(`/co-building/${k}`)) ?? 'needs';
  return (
    <Tabs
      activeKey={active}
      onChange={(k) => void navigate(`/co-building/${k}`)}
      items={TABS.map((k) => ({ key: k, label: <span data-testid={`co-tab-${k}`}>{t(`coBuilding.tab.${k}`)}</span> }))}
      style={{ marginBottom: 8 }}
    />
  );
}

/** Filters read from the address (so the figures' drill-down links open the same list). */
export function useUrlFilters(keys: readonly string[]): [Filters, (f: Filters) => void] {
  const [params, setParams] = useSearchParams();
  const filters: Filters = {};
  for (const k of keys) {
    const v = params.get(k);
    if (v) filters[k] = v;
  }
  const set = (f: Filters) => {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '') next.set(k, String(v));
    setParams(next);
  };
  return [filters, set];
}

export function NeedStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={NEED_STATUS_COLORS[status]}>{t(`coBuilding.needStatus.${status}`)}</Tag>;
}
export function BoardTag({ state }: { state: string }) {
  const { t } = useTranslation();
  return <Tag color={BOARD_TAGS[state]}>{t(`coBuilding.board.${state}`)}</Tag>;
}
