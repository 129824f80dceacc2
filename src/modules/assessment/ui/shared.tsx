import { Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { useCan } from '../../../web/app/auth';
import { GRADE_COLORS } from './types';

const TABS = [
  ['standardisation', 'assessment.read'],
  ['tasks', 'assessment.read'],
  ['rating', 'assessment.read'],
  ['unit-ratings', 'assessment.reply'],
  ['workload', 'assessment.read'],
  ['centres', 'assessment.read'],
  ['settings', 'assessment.read'],
] as const;

/** The views of 考评督导 as tabs over their own routes. */
export function AsTabs() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tabs = TABS.filter(([, p]) => can(p));
  const active = tabs.find(([k]) => pathname.startsWith(`/assessment/${k}`))?.[0] ?? 'standardisation';
  return (
    <Tabs
      activeKey={active}
      onChange={(k) => void navigate(`/assessment/${k}`)}
      items={tabs.map(([k]) => ({
        key: k,
        label: <span data-testid={`as-tab-${k}`}>{t(`assessment.tab.${k}`)}</span>,
      }))}
      style={{ marginBottom: 8 }}
    />
  );
}

export function GradeTag({ grade }: { grade: string | null }) {
  const { t } = useTranslation();
  if (!grade) return <span>—</span>;
  return <Tag color={GRADE_COLORS[grade]}>{t(`assessment.grade.${grade}`)}</Tag>;
}
