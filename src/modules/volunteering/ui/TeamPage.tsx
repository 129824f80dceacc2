import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Form, Input, InputNumber, Space, Switch, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import { useCan } from '../../../web/app/auth';
import { PageSpin } from '../../../web/components/Loading';
import { PageTitle } from '../../../web/components/PageTitle';
import { showFormError } from '../../../web/components/formErrors';
import type { Team, TeamMember } from './types';

/** A team or post with its members and their duties. */
export default function TeamPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const [form] = Form.useForm<{ memberId?: number; accountId?: number; duty?: string; isLeader?: boolean }>();
  const q = useQuery({
    queryKey: ['volunteering', 'team', id],
    queryFn: () => api.get<Team>(`/api/volunteering/teams/${id}`),
  });
  const run = useMutation({
    mutationFn: (fn: () => Promise<unknown>) => fn(),
    onSuccess: () => {
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['volunteering'] });
    },
    onError: (e) => void showFormError(form, e, message),
  });
  const tm = q.data;
  if (!tm) return <PageSpin />;
  const manage = can('volunteering.manage');
  return (
    <div data-testid="vol-team-page">
      <PageTitle title={tm.name} />
      <Descriptions bordered size="small" column={2} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('volunteering.field.kind')}>
          {t(`volunteering.teamKind.${tm.kind}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('volunteering.field.territory')}>{tm.territory.name}</Descriptions.Item>
        <Descriptions.Item label={t('volunteering.field.duties')}>
          {tm.duties.map((d) => (
            <Tag key={d}>{d}</Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('volunteering.teams.hours')}>
          <Link to={`/volunteering/activities?teamId=${tm.id}`}>{tm.confirmedHours}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('volunteering.field.description')} span={2}>
          {tm.description}
        </Descriptions.Item>
      </Descriptions>
      {manage && (
        <Form
          form={form}
          layout="inline"
          style={{ marginBottom: 12 }}
          onFinish={(v) =>
            run.mutate(() => api.post(`/api/volunteering/teams/${id}/members`, { ...v, isLeader: !!v.isLeader }))
          }
        >
          <Form.Item name="memberId" label={t('volunteering.field.memberId')}>
            <InputNumber min={1} />
          </Form.Item>
          <Form.Item name="accountId" label={t('volunteering.field.accountId')}>
            <InputNumber min={1} />
          </Form.Item>
          <Form.Item name="duty" label={t('volunteering.field.duty')}>
            <Input style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="isLeader" label={t('volunteering.field.leader')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Button htmlType="submit" type="primary">
            {t('volunteering.teams.addMember')}
          </Button>
        </Form>
      )}
      <Table<TeamMember>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={tm.memberList}
        columns={[
          {
            title: t('volunteering.field.name'),
            dataIndex: 'name',
            render: (n: string, m) =>
              m.isLeader ? (
                <Space>
                  {n}
                  <Tag color="red">{t('volunteering.field.leader')}</Tag>
                </Space>
              ) : (
                n
              ),
          },
          { title: t('volunteering.field.duty'), dataIndex: 'duty' },
          { title: t('volunteering.field.joinedOn'), dataIndex: 'joinedOn', width: 120 },
          {
            key: 'x',
            width: 90,
            render: (_, m) =>
              manage && (
                <Button
                  size="small"
                  danger
                  onClick={() => run.mutate(() => api.delete(`/api/volunteering/teams/${id}/members/${m.id}`))}
                >
                  {t('volunteering.teams.remove')}
                </Button>
              ),
          },
        ]}
      />
    </div>
  );
}
