import { CheckOutlined, FileAddOutlined, FlagOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Rate,
  Space,
  Table,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import { useCan } from '../../../web/app/auth';
import { formatDateTime } from '../../../web/components/format';
import { showFormError } from '../../../web/components/formErrors';
import { PageSpin } from '../../../web/components/Loading';
import { PageTitle } from '../../../web/components/PageTitle';
import { BoardTag, CoTabs, NeedStatusTag } from './shared';
import { BOARD_COLORS, type ProjectDetail, type Task } from './types';

function TaskModal({ project, onClose }: { project: ProjectDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ title: string; milestone?: string; dueOn: Dayjs; weight: number }>();
  const save = useMutation({
    mutationFn: (v: { title: string; milestone?: string; dueOn: Dayjs; weight: number }) =>
      api.post(`/api/co-building/projects/${project.id}/tasks`, {
        title: v.title,
        milestone: v.milestone || null,
        dueOn: v.dueOn.format('YYYY-MM-DD'),
        weight: v.weight,
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['coBuilding'] });
      onClose();
    },
    onError: (e) => showFormError(form, e, message),
  });
  return (
    <Modal open title={t('coBuilding.newTask')} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ weight: 1 }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="title" label={t('coBuilding.field.taskTitle')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="task-title" />
        </Form.Item>
        <Space align="start" wrap>
          <Form.Item name="milestone" label={t('coBuilding.field.milestone')}>
            <Input style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="dueOn" label={t('coBuilding.field.dueOn')} rules={[{ required: true }]}>
            <DatePicker data-testid="task-due" />
          </Form.Item>
          <Form.Item name="weight" label={t('coBuilding.field.weight')}>
            <InputNumber min={1} max={100} style={{ width: 90 }} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function CompleteModal({ project, onClose }: { project: ProjectDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ outcome: string }>();
  const save = useMutation({
    mutationFn: (v: { outcome: string }) => api.post(`/api/co-building/projects/${project.id}/complete`, v),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['coBuilding'] });
      onClose();
    },
    onError: (e) => showFormError(form, e, message),
  });
  return (
    <Modal open title={t('coBuilding.complete')} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="outcome" label={t('coBuilding.field.outcome')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} data-testid="project-outcome" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One project: needs, resources taken, tasks by milestone (% done), service orders of its tasks, outcome, rating. */
export default function ProjectPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const [dialog, setDialog] = useState<'task' | 'complete' | null>(null);
  const q = useQuery({
    queryKey: ['coBuilding', 'project', id],
    queryFn: () => api.get<ProjectDetail>(`/api/co-building/projects/${id}`),
  });
  const act = useMutation({
    mutationFn: ({ task, what }: { task: Task; what: 'done' | 'order' }) =>
      api.post(
        `/api/co-building/projects/${id}/tasks/${task.id}/${what}`,
        what === 'order' ? { category: 'other' } : {},
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['coBuilding'] }),
    onError: (e) => void message.error(e.message),
  });
  if (!q.data) return <PageSpin />;
  const p = q.data;
  const manage = can('coBuilding.manage') && p.status === 'inProgress';
  return (
    <div data-testid="co-project-page">
      <PageTitle
        title={p.title}
        extra={
          manage && (
            <Space>
              <Button icon={<PlusOutlined />} onClick={() => setDialog('task')} data-testid="task-new">
                {t('coBuilding.newTask')}
              </Button>
              <Button
                type="primary"
                icon={<FlagOutlined />}
                onClick={() => setDialog('complete')}
                data-testid="project-complete"
              >
                {t('coBuilding.complete')}
              </Button>
            </Space>
          )
        }
      />
      <CoTabs />
      <Card size="small" style={{ marginBottom: 16, borderTop: `4px solid ${BOARD_COLORS[p.state]}` }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('coBuilding.field.state')}>
            <BoardTag state={p.state} />
          </Descriptions.Item>
          <Descriptions.Item label={t('coBuilding.field.percentDone')}>
            <Progress percent={p.percentDone} style={{ width: 200 }} strokeColor={BOARD_COLORS[p.state]} />
          </Descriptions.Item>
          <Descriptions.Item label={t('coBuilding.field.owner')}>{p.ownerName}</Descriptions.Item>
          <Descriptions.Item label={t('coBuilding.field.period')}>
            {p.startOn} ~ {p.dueOn}
          </Descriptions.Item>
          <Descriptions.Item label={t('coBuilding.field.budget')}>
            {p.budget.toLocaleString('zh-CN')} 元
          </Descriptions.Item>
          <Descriptions.Item label={t('coBuilding.field.rating')}>
            {p.ratingMean !== null ? (
              <Space>
                <Rate disabled allowHalf value={p.ratingMean} />
                <span data-testid="project-rating">
                  {t('coBuilding.ratingLine', { mean: p.ratingMean, count: p.ratingCount })}
                </span>
              </Space>
            ) : (
              t('coBuilding.noRating')
            )}
          </Descriptions.Item>
          {p.outcome && (
            <Descriptions.Item label={t('coBuilding.field.outcome')} span={3}>
              {p.outcome}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card size="small" title={t('coBuilding.tasks')} style={{ marginBottom: 16 }}>
        <Table<Task>
          size="small"
          rowKey={(x) => x.id}
          dataSource={p.tasks}
          pagination={false}
          data-testid="task-table"
          locale={{ emptyText: t('coBuilding.noTasks') }}
          columns={[
            { title: t('coBuilding.field.milestone'), dataIndex: 'milestone', width: 120, render: (m) => m ?? '—' },
            { title: t('coBuilding.field.taskTitle'), dataIndex: 'title' },
            { title: t('coBuilding.field.dueOn'), dataIndex: 'dueOn', width: 120 },
            { title: t('coBuilding.field.weight'), dataIndex: 'weight', width: 70 },
            {
              title: t('coBuilding.field.state'),
              dataIndex: 'state',
              width: 100,
              render: (s: string) => <BoardTag state={s} />,
            },
            {
              title: t('coBuilding.field.order'),
              dataIndex: 'orderId',
              width: 100,
              render: (o: number | null) => (o ? <Link to={`/orders/${o}`}>#{o}</Link> : '—'),
            },
            ...(manage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'a',
                    width: 220,
                    render: (_: unknown, x: Task) =>
                      x.doneAt ? (
                        formatDateTime(x.doneAt)
                      ) : (
                        <Space>
                          <Button
                            size="small"
                            icon={<CheckOutlined />}
                            onClick={() => act.mutate({ task: x, what: 'done' })}
                            data-testid={`task-done-${x.id}`}
                          >
                            {t('coBuilding.taskDone')}
                          </Button>
                          {!x.orderId && (
                            <Button
                              size="small"
                              icon={<FileAddOutlined />}
                              onClick={() => act.mutate({ task: x, what: 'order' })}
                              data-testid={`task-order-${x.id}`}
                            >
                              {t('coBuilding.taskOrder')}
                            </Button>
                          )}
                        </Space>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card size="small" title={t('coBuilding.needsAndResources')}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          {p.needs.map((n) => (
            <Space key={n.id} wrap>
              <NeedStatusTag status={n.status} />
              <Link to={`/co-building/needs/${n.id}`}>{n.title}</Link>
              <span>· {n.place.name}</span>
            </Space>
          ))}
          {p.matches.map((m) => (
            <Space key={m.id} wrap>
              <Tag color="success">{t('coBuilding.decision.accepted')}</Tag>
              <span>
                {m.resource.name}：{m.amount} {m.unitOfMeasure}
              </span>
              {m.reason && <span>（{m.reason}）</span>}
            </Space>
          ))}
        </Space>
      </Card>
      {dialog === 'task' && <TaskModal project={p} onClose={() => setDialog(null)} />}
      {dialog === 'complete' && <CompleteModal project={p} onClose={() => setDialog(null)} />}
    </div>
  );
}
