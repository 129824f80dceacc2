import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Grade, MemberKind, RegistrationStatus, SideEvaluation } from './types';

const KIND_COLORS: Record<MemberKind, string> = {
  resident: 'blue',
  inService: 'red',
  retired: 'default',
  mobile: 'purple',
};
const STATUS_COLORS: Record<RegistrationStatus, string> = {
  pending: 'processing',
  confirmed: 'success',
  rejected: 'error',
  withdrawn: 'default',
};
const GRADE_COLORS: Record<Grade, string> = { excellent: 'red', good: 'green', fair: 'gold', poor: 'default' };

export function KindTag({ kind }: { kind: MemberKind }) {
  const { t } = useTranslation();
  return <Tag color={KIND_COLORS[kind]}>{t(`partyMembers.kind.${kind}`)}</Tag>;
}

export function StatusTag({ status }: { status: RegistrationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={`status-${status}`}>
      {t(`partyMembers.status.${status}`)}
    </Tag>
  );
}

export function GradeCell({ value }: { value: SideEvaluation | null }) {
  const { t } = useTranslation();
  if (!value) return <Tag bordered={false}>{t('partyMembers.notEvaluated')}</Tag>;
  return (
    <span>
      <Tag color={GRADE_COLORS[value.grade]}>{t(`partyMembers.grade.${value.grade}`)}</Tag>
      {value.comment && <span style={{ color: 'rgba(0,0,0,0.55)' }}>{value.comment}</span>}
    </span>
  );
}
