import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ResidentTag } from './types';

const TAG_COLORS: Record<ResidentTag, string> = {
  elderlyAlone: 'volcano',
  emptyNest: 'orange',
  disabled: 'purple',
  lowIncome: 'gold',
  extremeHardship: 'red',
  leftBehindChild: 'cyan',
  veteran: 'green',
};

export function CareTags({ tags }: { tags: ResidentTag[] }) {
  const { t } = useTranslation();
  if (tags.length === 0) return <>—</>;
  return (
    <>
      {tags.map((g) => (
        <Tag key={g} color={TAG_COLORS[g]} style={{ marginBottom: 2 }}>
          {t(`people.tag.${g}`)}
        </Tag>
      ))}
    </>
  );
}

/** A masked number as the API returns it, in a monospace face so the stars line up. */
export function Masked({ value }: { value: string | null }) {
  const { t } = useTranslation();
  if (!value) return <>—</>;
  return (
    <Tooltip title={t('people.maskedHint')}>
      <span style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', letterSpacing: 0.3 }}>
        {value}
      </span>
    </Tooltip>
  );
}
