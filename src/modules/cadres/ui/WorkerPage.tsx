import { ArrowLeftOutlined, EditOutlined, SwapOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import { useCan } from '../../../web/app/auth';
import { queryClient } from '../../../web/app/queryClient';
import { FormModal } from '../../../web/components/FormModal';
import { PageSpin } from '../../../web/components/Loading';
import { PageTitle } from '../../../web/components/PageTitle';
import { PostTag, text, useOptions } from './shared';
import {
  DEGREE_LEVELS,
  POSTS,
  WORKER_STATUSES,
  type ChangePostBody,
  type UpdateWorkerBody,
  type WorkerDetail,
} from './types';

interface PostValues {
  post: ChangePostBody['post'];
  title?: string;
  fromOn: Dayjs;
  reason: string;
}
interface EditValues {
  name: string;
  phone?: string;
  startedOn: Dayjs;
  degree: UpdateWorkerBody['degree'];
  status: UpdateWorkerBody['status'];
  leftOn?: Dayjs | null;
  reason: string;
}

/** One community worker: post and grade today, the promotion history, the post records; 岗位变动 and 更正. */
export default function WorkerPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const can = useCan();
  const manage = can('cadre.manage');
  const [changing, setChanging] = useState(false);
  const [editing, setEditing] = useState(false);
  const posts = useOptions('post', POSTS);
  const degrees = useOptions('degree', DEGREE_LEVELS);
  const statuses = useOptions('status', WORKER_STATUSES);
  const q = useQuery({
    queryKey: ['cadres', 'worker', id],
    queryFn: () => api.get<WorkerDetail>(`/api/cadres/workers/${id}`),
  });
  const w = q.data;
  if (!w) return <PageSpin />;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['cadres'] });
  const c = w.current;
  const [low, high] = c ? (w.rule.range[c.post] ?? [0, 0]) : [0, 0];

  return (
    <div data-testid="cadre-worker-page">
      <PageTitle
        title={`${w.name} · ${t('cadres.nav.worker')}`}
        extra={
          <Space>
            <Link to="/cadres/workers">
              <Button icon={<ArrowLeftOutlined />}>{t('cadres.backToList')}</Button>
            </Link>
            {manage && w.status === 'active' && (
              <Button
                type="primary"
                icon={<SwapOutlined />}
                onClick={() => setChanging(true)}
                data-testid="worker-change-post"
              >
                {t('cadres.changePost')}
              </Button>
            )}
            {manage && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="worker-edit">
                {t('cadres.edit')}
              </Button>
            )}
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('cadres.field.community')}>{w.community.name}</Descriptions.Item>
          <Descriptions.Item label={t('cadres.field.post')}>
            <Space size={4}>
              {c ? <PostTag post={c.post} /> : '—'}
              {w.title}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('cadres.field.grade')}>
            <span data-testid="worker-grade">
              {c ? `${t('cadres.gradeOf', { grade: c.grade })}（${t('cadres.bandOf', { band: c.band })}）` : '—'}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('cadres.field.startedOn')}>{w.startedOn}</Descriptions.Item>
          <Descriptions.Item label={t('cadres.field.degree')}>{t(`cadres.degree.${w.degree}`)}</Descriptions.Item>
          <Descriptions.Item label={t('cadres.field.years')}>
            {c ? t('cadres.yearsOf', { years: c.years, counted: c.countedYears }) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('cadres.field.nextOn')}>{c?.nextOn ?? t('cadres.topGrade')}</Descriptions.Item>
          <Descriptions.Item label={t('cadres.field.phone')}>{w.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('cadres.field.status')}>
            {t(`cadres.status.${w.status}`)}
            {w.leftOn && ` (${w.leftOn})`}
          </Descriptions.Item>
        </Descriptions>
        {c && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} data-testid="worker-rule">
            {t('cadres.ruleLine', {
              post: t(`cadres.post.${c.post}`),
              low,
              high,
              per: w.rule.yearsPerGrade,
              years: c.years,
              degree: w.rule.degreeYears[w.degree] ?? 0,
              grade: c.grade,
            })}
          </Typography.Paragraph>
        )}
      </Card>
      <Card size="small" title={t('cadres.history')} style={{ marginBottom: 16 }} data-testid="worker-history">
        <Timeline
          items={[...w.history].reverse().map((h) => ({
            color: h.cause === 'years' ? 'blue' : h.cause === 'post' ? 'red' : 'green',
            content: (
              <Space size={6} wrap>
                <Typography.Text strong>{h.on}</Typography.Text>
                <Tag>{t(`cadres.cause.${h.cause}`)}</Tag>
                <PostTag post={h.post} />
                <span>{t('cadres.gradeOf', { grade: h.grade })}</span>
                {h.title && <Typography.Text type="secondary">{h.title}</Typography.Text>}
                {h.reason && <Typography.Text type="secondary">— {h.reason}</Typography.Text>}
              </Space>
            ),
          }))}
        />
      </Card>
      <Card size="small" title={t('cadres.postRecords')}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={w.posts}
          columns={[
            { title: t('cadres.field.fromOn'), dataIndex: 'fromOn', width: 110 },
            {
              title: t('cadres.field.post'),
              dataIndex: 'post',
              render: (p: (typeof w.posts)[number]['post']) => <PostTag post={p} />,
            },
            { title: t('cadres.field.title'), dataIndex: 'title', render: (x: string | null) => x ?? '—' },
            { title: t('cadres.field.reason'), dataIndex: 'reason' },
            { title: t('cadres.field.recordedBy'), dataIndex: 'recordedBy', render: (x: string | null) => x ?? '—' },
          ]}
        />
      </Card>
      <FormModal<PostValues>
        open={changing}
        title={t('cadres.changePost')}
        initialValues={{ fromOn: dayjs() }}
        submit={(v) =>
          api.post(`/api/cadres/workers/${id}/posts`, {
            post: v.post,
            title: text(v.title),
            fromOn: v.fromOn?.format('YYYY-MM-DD') ?? '',
            reason: v.reason ?? '',
          } satisfies ChangePostBody)
        }
        onDone={async () => {
          setChanging(false);
          await refresh();
        }}
        onCancel={() => setChanging(false)}
        testId="post-form"
      >
        <Form.Item
          name="post"
          label={t('cadres.field.post')}
          rules={[{ required: true, message: t('cadres.required') }]}
        >
          <Select options={posts} data-testid="post-form-post" />
        </Form.Item>
        <Form.Item name="title" label={t('cadres.field.title')}>
          <Input maxLength={40} placeholder={t('cadres.titlePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="fromOn"
          label={t('cadres.field.fromOn')}
          rules={[{ required: true, message: t('cadres.required') }]}
        >
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('cadres.field.reason')}
          rules={[{ required: true, message: t('cadres.required') }]}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="post-form-reason" />
        </Form.Item>
      </FormModal>
      <FormModal<EditValues>
        open={editing}
        title={t('cadres.edit')}
        initialValues={{
          name: w.name,
          startedOn: dayjs(w.startedOn),
          degree: w.degree,
          status: w.status,
          leftOn: w.leftOn ? dayjs(w.leftOn) : null,
        }}
        submit={(v) =>
          api.patch(`/api/cadres/workers/${id}`, {
            name: v.name,
            ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
            startedOn: v.startedOn?.format('YYYY-MM-DD'),
            degree: v.degree,
            status: v.status,
            leftOn: v.leftOn ? v.leftOn.format('YYYY-MM-DD') : null,
            reason: v.reason ?? '',
          } satisfies UpdateWorkerBody)
        }
        onDone={async () => {
          setEditing(false);
          await refresh();
        }}
        onCancel={() => setEditing(false)}
        testId="worker-edit-form"
      >
        <Form.Item name="name" label={t('cadres.field.name')}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="phone" label={t('cadres.field.phone')} extra={t('cadres.phoneKeep')}>
          <Input maxLength={11} />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="startedOn" label={t('cadres.field.startedOn')}>
            <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="degree" label={t('cadres.field.degree')}>
            <Select style={{ width: 150 }} options={degrees} />
          </Form.Item>
        </Space>
        <Space size="large" wrap>
          <Form.Item name="status" label={t('cadres.field.status')}>
            <Select style={{ width: 120 }} options={statuses} />
          </Form.Item>
          <Form.Item name="leftOn" label={t('cadres.field.leftOn')}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Space>
        <Form.Item
          name="reason"
          label={t('cadres.field.reason')}
          rules={[{ required: true, message: t('cadres.required') }]}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </FormModal>
    </div>
  );
}
