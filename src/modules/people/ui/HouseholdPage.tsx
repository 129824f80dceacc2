import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Card, Descriptions, Skeleton, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import { PageTitle } from '../../../web/components/PageTitle';
import { CareTags, Masked } from './shared';
import { ageOf, type HouseholdDetail, type Resident } from './types';

export function MembersTable({ members, testId }: { members: Resident[]; testId: string }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Resident> = [
    {
      title: t('people.field.name'),
      dataIndex: 'name',
      render: (n: string, r) => (
        <>
          {n}{' '}
          {r.isPartyMember && (
            <Tag color="red" bordered={false}>
              {t('people.partyMember')}
            </Tag>
          )}
        </>
      ),
    },
    {
      title: t('people.field.relation'),
      dataIndex: 'relation',
      render: (v: Resident['relation']) => (v ? t(`people.relation.${v}`) : '—'),
    },
    {
      title: t('people.field.gender'),
      dataIndex: 'gender',
      render: (g: Resident['gender']) => (g ? t(`people.gender.${g}`) : '—'),
    },
    {
      title: t('people.field.age'),
      dataIndex: 'birthDate',
      align: 'right',
      render: (b: string | null) => ageOf(b) ?? '—',
    },
    { title: t('people.field.phone'), dataIndex: 'phone', render: (v: string | null) => <Masked value={v} /> },
    { title: t('people.field.idNumber'), dataIndex: 'idNumber', render: (v: string | null) => <Masked value={v} /> },
    { title: t('people.field.tags'), dataIndex: 'tags', render: (v: Resident['tags']) => <CareTags tags={v} /> },
  ];
  return (
    <Table<Resident>
      size="middle"
      rowKey="id"
      columns={columns}
      dataSource={members}
      pagination={false}
      data-testid={testId}
    />
  );
}

/** 住户详情: a household's address (its ancestors) and members. */
export default function HouseholdPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const q = useQuery({
    queryKey: ['people', 'household', id],
    queryFn: () => api.get<HouseholdDetail>(`/api/people/households/${id ?? ''}`),
  });
  if (q.isError) return <Alert type="error" showIcon title={q.error.message} />;
  if (!q.data) return <Skeleton active />;
  const h = q.data;
  return (
    <div data-testid="household-page">
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={h.ancestors
          .filter((a) => ['district', 'street', 'community', 'compound', 'building', 'unit'].includes(a.level))
          .map((a) => ({ title: a.name }))}
      />
      <PageTitle title={`${t('people.householdTitle')} · ${h.name}`} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={3} size="small">
          <Descriptions.Item label={t('people.field.address')}>{h.address}</Descriptions.Item>
          <Descriptions.Item label={t('people.householder')}>{h.householderName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('people.memberCount')}>{h.memberCount}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('people.members')}>
        <MembersTable members={h.members} testId="household-members" />
      </Card>
    </div>
  );
}
