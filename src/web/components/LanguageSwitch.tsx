import { GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../api/types';
import { LOCALES, currentLocale, setLocale } from '../i18n';

const NAMES: Record<Locale, string> = { 'zh-CN': '中文', 'en-US': 'English' };

/** 中文 / English. Each name is written in its own language so either reader finds theirs. */
export function LanguageSwitch({ dark = false }: { dark?: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [locale],
        items: LOCALES.map((l) => ({
          key: l,
          label: (
            <span data-testid={`lang-${l}`} lang={l}>
              {NAMES[l]}
            </span>
          ),
        })),
        onClick: ({ key }) => {
          if (key === 'zh-CN' || key === 'en-US') void setLocale(key);
        },
      }}
    >
      <Button
        type="text"
        icon={<GlobalOutlined />}
        aria-label={t('common.language')}
        data-testid="lang-switch"
        style={dark ? { color: 'rgba(255,255,255,0.92)' } : undefined}
      >
        {NAMES[locale]}
      </Button>
    </Dropdown>
  );
}
