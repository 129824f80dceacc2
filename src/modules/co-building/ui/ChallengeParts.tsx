import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { CHALLENGE_STATUS_COLORS } from './challenges.types';

export function ChallengeStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={CHALLENGE_STATUS_COLORS[status]} data-testid="challenge-status">
      {t(`coChallenge.status.${status}`)}
    </Tag>
  );
}
