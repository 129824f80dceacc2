import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import { formatDateTime } from '../../../web/components/format';
import { PageTitle } from '../../../web/components/PageTitle';
import { AsTabs } from './shared';
import type { SentTaskPage, TasksByDepartment, WorkloadItem } from './types';

/** 减负清单: the approved matters, the tasks departments sent down (accepted or refused with the reason), by department. */
export default function WorkloadPage() {
  const { t } = useTranslation();
  const items = useQuery({
    queryKey: ['assessment', 'workload'],
    queryFn: () => api.get<WorkloadItem[]>('/api/assessment/workload-items'),
  });
  const tasks = useQuery({
    queryKey: ['assessment', 'sent'],
    queryFn: () => api.get<SentTaskPage>('/api/assessment/sent-tasks', { pageSize: 100 }),
  });
  const dept = useQuery({
    queryKey: ['assessment', 'byDept'],
    queryFn: () => api.get<TasksByDepartment>('/api/assessment/sent-tasks/by-department'),
  });
  return (
    <div data-testid="as-workload-page">
      <PageTitle title={t('assessment.workloadTitle')} help={t('assessment.workloadHelp')} />
      <AsTabs />
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('assessment.listItems', { n: dept.data?.listItems ?? '…' })}>
            <Table
              rowKey="id"
              size="small"
              dataSource={items.data ?? []}
              pagination={{ pageSize: 10 }}
              columns={[
                { title: t('assessment.field.code'), dataIndex: 'code', width: 90 },
                { title: t('assessment.field.matter'), dataIndex: 'title' },
                { title: t('assessment.field.department'), dataIndex: 'department' },
                {
                  title: '',
                  render: (_, i) => (i.active ? null : <Tag>{t('assessment.withdrawn')}</Tag>),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('assessment.byDepartment')} style={{ marginBottom: 16 }}>
            <Table
              rowKey="department"
              size="small"
              pagination={false}
              dataSource={dept.data?.departments ?? []}
              data-testid="as-by-department"
              columns={[
                { title: t('assessment.field.department'), dataIndex: 'department' },
                { title: t('assessment.accepted'), dataIndex: 'accepted' },
                { title: t('assessment.refused'), dataIndex: 'refused' },
              ]}
            />
          </Card>
          <Card size="small" title={t('assessment.sentTasks')}>
            <Table
              rowKey="id"
              size="small"
              dataSource={tasks.data?.items ?? []}
              pagination={{ pageSize: 10 }}
              columns={[
                { title: t('assessment.field.community'), render: (_, r) => r.community.name },
                { title: t('assessment.field.department'), dataIndex: 'department' },
                { title: t('assessment.field.matter'), dataIndex: 'title' },
                {
                  title: t('assessment.field.status'),
                  render: (_, r) =>
                    r.status === 'accepted' ? (
                      <Tag color="green">{t('assessment.accepted')}</Tag>
                    ) : (
                      <Tag color="red" title={r.reason ?? ''}>
                        {t('assessment.refused')}：{r.reason}
                      </Tag>
                    ),
                },
                { title: t('assessment.field.sentAt'), render: (_, r) => formatDateTime(r.createdAt) },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
