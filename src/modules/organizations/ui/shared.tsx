import { Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { PartyOrgKind } from './types';

const KIND_COLORS: Record<PartyOrgKind, string> = {
  workingCommittee: 'red',
  committee: 'volcano',
  generalBranch: 'orange',
  branch: 'gold',
  group: 'lime',
};

export function OrgKindTag({ kind }: { kind: PartyOrgKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={KIND_COLORS[kind]} style={{ marginInlineEnd: 6 }}>
      {t(`organizations.kind.${kind}`)}
    </Tag>
  );
}

/** A form's DatePicker value ↔ the API's `YYYY-MM-DD`. */
export const toDay = (v: string | null | undefined): Dayjs | undefined => (v ? dayjs(v) : undefined);
export const fromDay = (v: Dayjs | null | undefined): string | null => (v ? v.format('YYYY-MM-DD') : null);

/** A share 0–1 as a percentage for China (e.g. 71.4%). */
export function formatRate(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  return `${(Math.round(v * 1000) / 10).toFixed(1).replace(/\.0$/, '')}%`;
}
