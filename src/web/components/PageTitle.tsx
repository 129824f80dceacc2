import { Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Page heading (also the document title), with an optional line of help and actions on the right. */
export function PageTitle({ title, help, extra }: { title: string; help?: ReactNode; extra?: ReactNode }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} - ${t('app.name')}`;
  }, [title, t]);
  return (
    <div style={{ display: 'flex', alignItems: 'flex-start', gap: 16, marginBottom: 16 }}>
      <div style={{ flex: 1, minWidth: 0 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {help && (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
            {help}
          </Typography.Text>
        )}
      </div>
      {extra}
    </div>
  );
}
