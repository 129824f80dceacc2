import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import type { TerritoryRef } from '../../../web/api/types';
import { queryClient } from '../../../web/app/queryClient';
import { showFormError } from '../../../web/components/formErrors';
import { PagedTable } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import { formatDate } from '../../../web/components/format';
import { CANDIDATE_POSTS, REVIEW_DEPARTMENTS } from '../constants';
import { fromDay } from './shared';
import type { Candidate, CandidateOutcome, CandidatePost, Election, ElectionDetail, ReviewDepartment } from './types';
import { useCan } from '../../../web/app/auth';

const OUTCOME_COLOR: Record<CandidateOutcome, string> = { pass: 'green', fail: 'red', pending: 'default' };
const refresh = () => queryClient.invalidateQueries({ queryKey: ['organizations'] });

function ElectionModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (id: number) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ community?: TerritoryRef; name: string; heldOn?: Dayjs }>();
  const save = useMutation({
    mutationFn: (v: { community?: TerritoryRef; name: string; heldOn?: Dayjs }) =>
      api.post<ElectionDetail>('/api/organizations/elections', {
        communityId: v.community?.id,
        name: v.name,
        heldOn: fromDay(v.heldOn),
      }),
    onSuccess: async (e) => {
      await refresh();
      onCreated(e.id);
      onClose();
    },
    onError: (e) => showFormError(form, e, message, { communityId: 'community' }),
  });
  return (
    <Modal
      open={open}
      title={t('organizations.elections.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      okText={t('organizations.common.save')}
      cancelText={t('organizations.common.cancel')}
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} preserve={false}>
        <Form.Item name="community" label={t('organizations.field.community')} rules={[{ required: true }]}>
          <TerritoryTreeSelect />
        </Form.Item>
        <Form.Item name="name" label={t('organizations.field.name')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="heldOn" label={t('organizations.field.heldOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CandidateModal({ open, electionId, onClose }: { open: boolean; electionId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; postSought: CandidatePost }>();
  const save = useMutation({
    mutationFn: (v: { name: string; postSought: CandidatePost }) =>
      api.post(`/api/organizations/elections/${electionId}/candidates`, v),
    onSuccess: async () => {
      await refresh();
      onClose();
    },
    onError: (e) => showFormError(form, e, message),
  });
  return (
    <Modal
      open={open}
      title={t('organizations.elections.addCandidate')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      okText={t('organizations.common.save')}
      cancelText={t('organizations.common.cancel')}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        preserve={false}
        initialValues={{ postSought: 'member' }}
      >
        <Form.Item name="name" label={t('organizations.field.personName')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="postSought" label={t('organizations.field.postSought')} rules={[{ required: true }]}>
          <Select options={CANDIDATE_POSTS.map((p) => ({ value: p, label: t(`organizations.candidatePost.${p}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ReviewValues {
  department: ReviewDepartment;
  outcome: 'pass' | 'fail';
  note?: string;
}

function ReviewModal({ candidate, onClose }: { candidate: Candidate | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReviewValues>();
  const save = useMutation({
    mutationFn: (v: ReviewValues) =>
      api.put<Candidate>(`/api/organizations/candidates/${candidate?.id ?? 0}/reviews`, { ...v, note: v.note || null }),
    onSuccess: async () => {
      message.success(t('organizations.common.saved'));
      await refresh();
      onClose();
    },
    onError: (e) => showFormError(form, e, message),
  });
  return (
    <Modal
      open={candidate !== null}
      title={`${t('organizations.elections.review')} · ${candidate?.name ?? ''}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      okText={t('organizations.common.save')}
      cancelText={t('organizations.common.cancel')}
    >
      <Form<ReviewValues>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        preserve={false}
        initialValues={{ outcome: 'pass' }}
        data-testid="review-form"
      >
        <Form.Item name="department" label={t('organizations.field.department')} rules={[{ required: true }]}>
          <Select options={REVIEW_DEPARTMENTS.map((d) => ({ value: d, label: t(`organizations.department.${d}`) }))} />
        </Form.Item>
        <Form.Item name="outcome" label={t('organizations.field.outcome')} rules={[{ required: true }]}>
          <Select
            options={(['pass', 'fail'] as const).map((o) => ({ value: o, label: t(`organizations.outcome.${o}`) }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('organizations.field.note')}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 换届联审: elections of the subtree and the joint review of each candidate by the reviewing departments (seed 001). */
export default function ElectionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const manage = useCan()('leadership.manage');
  const [params, setParams] = useSearchParams();
  const selected = Number(params.get('id')) || undefined;
  const [modal, setModal] = useState<'election' | 'candidate' | null>(null);
  const [reviewing, setReviewing] = useState<Candidate | null>(null);

  const detail = useQuery({
    queryKey: ['organizations', 'election', selected],
    queryFn: () => api.get<ElectionDetail>(`/api/organizations/elections/${selected ?? 0}`),
    enabled: selected !== undefined,
  });
  const removeCandidate = useMutation({
    mutationFn: (id: number) => api.delete(`/api/organizations/candidates/${id}`),
    onSuccess: refresh,
    onError: (e) => message.error(e.message),
  });
  const e = detail.data;
  const departments: ReviewDepartment[] = e
    ? [
        ...new Set<ReviewDepartment>([
          ...e.requiredDepartments,
          ...e.candidates.flatMap((c) => c.reviews.map((r) => r.department)),
        ]),
      ]
    : [];

  return (
    <div data-testid="elections-page">
      <PageTitle
        title={t('organizations.elections.title')}
        help={t('organizations.elections.help')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal('election')}>
              {t('organizations.elections.add')}
            </Button>
          )
        }
      />
      <Row gutter={16}>
        <Col xs={24} xl={9}>
          <Card size="small">
            <PagedTable<Election>
              queryKey={['organizations', 'elections']}
              path="/api/organizations/elections"
              rowKey={(x) => x.id}
              testId="elections-table"
              defaultPageSize={10}
              columns={[
                {
                  title: t('organizations.field.name'),
                  render: (_, x) => (
                    <Typography.Link onClick={() => setParams({ id: String(x.id) })} strong={x.id === selected}>
                      {x.name}
                    </Typography.Link>
                  ),
                },
                { title: t('organizations.field.heldOn'), width: 110, render: (_, x) => formatDate(x.heldOn) },
                {
                  title: t('organizations.field.candidates'),
                  width: 130,
                  render: (_, x) => (
                    <Space size={2}>
                      <Tag color="green">{x.passed}</Tag>
                      <Tag color="red">{x.failed}</Tag>
                      <Tag>{x.pending}</Tag>
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <Card
            size="small"
            title={e ? `${e.name} · ${e.community.name}` : t('organizations.field.candidates')}
            extra={
              e &&
              manage && (
                <Button size="small" icon={<PlusOutlined />} onClick={() => setModal('candidate')}>
                  {t('organizations.elections.addCandidate')}
                </Button>
              )
            }
          >
            {!selected ? (
              <Empty description={t('organizations.elections.select')} />
            ) : detail.isPending ? (
              <Skeleton active />
            ) : detail.isError ? (
              <Alert type="error" showIcon title={detail.error.message} />
            ) : e ? (
              <>
                <Typography.Paragraph type="secondary">
                  {formatDate(e.heldOn)} ·{' '}
                  {t('organizations.elections.summary', {
                    total: e.candidateCount,
                    passed: e.passed,
                    failed: e.failed,
                    pending: e.pending,
                  })}
                </Typography.Paragraph>
                <Table<Candidate>
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={e.candidates}
                  data-testid="candidates-table"
                  scroll={{ x: 820 }}
                  columns={[
                    { title: t('organizations.field.personName'), dataIndex: 'name', width: 90, fixed: 'left' },
                    {
                      title: t('organizations.field.postSought'),
                      width: 120,
                      render: (_, c) => t(`organizations.candidatePost.${c.postSought}`),
                    },
                    ...departments.map((d) => ({
                      title: t(`organizations.department.${d}`),
                      width: 96,
                      render: (_: unknown, c: Candidate) => {
                        const r = c.reviews.find((x) => x.department === d);
                        if (!r) return <Tag>{t('organizations.elections.notReviewed')}</Tag>;
                        const tag = (
                          <Tag color={OUTCOME_COLOR[r.outcome]}>{t(`organizations.outcome.${r.outcome}`)}</Tag>
                        );
                        return r.note ? <Tooltip title={r.note}>{tag}</Tooltip> : tag;
                      },
                    })),
                    {
                      title: t('organizations.field.outcome'),
                      width: 96,
                      fixed: 'right',
                      render: (_, c) => (
                        <Tag color={OUTCOME_COLOR[c.outcome]} data-testid={`outcome-${c.id}`}>
                          {t(`organizations.outcome.${c.outcome}`)}
                        </Tag>
                      ),
                    },
                    ...(manage
                      ? [
                          {
                            title: '',
                            width: 120,
                            fixed: 'right' as const,
                            render: (_: unknown, c: Candidate) => (
                              <Space size={0}>
                                <Button type="link" size="small" onClick={() => setReviewing(c)}>
                                  {t('organizations.elections.review')}
                                </Button>
                                <Popconfirm
                                  title={t('organizations.common.confirmDelete', { name: c.name })}
                                  onConfirm={() => removeCandidate.mutate(c.id)}
                                >
                                  <Button type="link" size="small" danger icon={<DeleteOutlined />} />
                                </Popconfirm>
                              </Space>
                            ),
                          },
                        ]
                      : []),
                  ]}
                />
              </>
            ) : null}
          </Card>
        </Col>
      </Row>
      <ElectionModal
        open={modal === 'election'}
        onClose={() => setModal(null)}
        onCreated={(id) => setParams({ id: String(id) })}
      />
      {e && <CandidateModal open={modal === 'candidate'} electionId={e.id} onClose={() => setModal(null)} />}
      <ReviewModal candidate={reviewing} onClose={() => setReviewing(null)} />
    </div>
  );
}
