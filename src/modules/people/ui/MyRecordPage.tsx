import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Skeleton, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../../web/api/client';
import { PageTitle } from '../../../web/components/PageTitle';
import { formatDate } from '../../../web/components/format';
import { MembersTable } from './HouseholdPage';
import { download } from './ledger';
import { CareTags, Masked } from './shared';
import type { MyRecord } from './types';

/** 我的信息: the signed-in resident's own record and household, and a copy to download. */
export default function MyRecordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const q = useQuery({ queryKey: ['people', 'me'], queryFn: () => api.get<MyRecord>('/api/people/me'), retry: false });
  if (q.isError) {
    if (isApiError(q.error) && q.error.status === 404) return <Empty description={t('people.noRecord')} />;
    return <Alert type="error" showIcon title={q.error.message} />;
  }
  if (!q.data) return <Skeleton active />;
  const { resident: r, household, members } = q.data;
  const get = (format: 'xlsx' | 'json') =>
    download('/api/people/me/export', { format }, `${t('people.myRecord')}.${format}`).catch((e: unknown) =>
      message.error(e instanceof Error ? e.message : ''),
    );
  return (
    <div data-testid="my-record-page">
      <PageTitle
        title={t('people.myRecord')}
        help={t('people.myRecordHelp')}
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} onClick={() => void get('xlsx')} data-testid="my-export-xlsx">
              {t('people.exportXlsx')}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => void get('json')}>
              {t('people.exportJson')}
            </Button>
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
          <Descriptions.Item label={t('people.field.name')}>{r.name}</Descriptions.Item>
          <Descriptions.Item label={t('people.field.gender')}>
            {r.gender ? t(`people.gender.${r.gender}`) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('people.field.birthDate')}>{formatDate(r.birthDate)}</Descriptions.Item>
          <Descriptions.Item label={t('people.field.phone')}>
            <Masked value={r.phone} />
          </Descriptions.Item>
          <Descriptions.Item label={t('people.field.idNumber')}>
            <Masked value={r.idNumber} />
          </Descriptions.Item>
          <Descriptions.Item label={t('people.field.relation')}>
            {r.relation ? t(`people.relation.${r.relation}`) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('people.field.address')} span={2}>
            {household.address}
          </Descriptions.Item>
          <Descriptions.Item label={t('people.field.tags')}>
            <CareTags tags={r.tags} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('people.householdMembers')}>
        <MembersTable members={members} testId="my-household-members" />
      </Card>
    </div>
  );
}
