import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TerritoryLevel } from '../api/types';

const COLORS: Record<TerritoryLevel, string> = {
  country: 'purple',
  province: 'magenta',
  city: 'red',
  district: 'volcano',
  street: 'orange',
  community: 'gold',
  compound: 'green',
  building: 'cyan',
  unit: 'blue',
  household: 'geekblue',
};

/** The level of a territory (市 / 区县 / 街道 …) as a coloured tag. */
export function LevelTag({ level }: { level: TerritoryLevel }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[level]} variant="filled" style={{ marginInlineEnd: 6 }}>
      {t(`territory.level.${level}`)}
    </Tag>
  );
}
