import { PlusOutlined } from '@ant-design/icons';
import type { ButtonProps } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Tag,
  Tooltip,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../../web/api/client';
import type { TerritoryRef } from '../../../web/api/types';
import { useCan } from '../../../web/app/auth';
import { FilterBar } from '../../../web/components/FilterBar';
import { showFormError } from '../../../web/components/formErrors';
import { PagedTable } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import { CHALLENGE_STATUSES, CO_CATEGORIES, type Challenge, type ChallengeDetail } from './challenges.types';
import { ChallengeStatusTag } from './ChallengeParts';
import { LedgerButton } from './LedgerButton';
import { useUrlFilters } from './shared';
import { chinaToday } from '../../../web/components/format';

interface PostValues {
  place: TerritoryRef;
  title: string;
  description: string;
  category: string;
  deadline: Dayjs;
  reward: string;
  public: boolean;
}

/** 发榜: post a challenge from a community or street with a deadline and a reward or recognition. */
function PostModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<PostValues>();
  const post = useMutation({
    mutationFn: (v: PostValues) =>
      api.post<ChallengeDetail>('/api/co-building/challenges', {
        territoryId: v.place?.id,
        title: v.title,
        description: v.description,
        category: v.category,
        deadline: v.deadline?.format('YYYY-MM-DD'),
        reward: v.reward,
        public: v.public,
      }),
    onSuccess: (c) => {
      void qc.invalidateQueries({ queryKey: ['coBuilding'] });
      onClose();
      void navigate(`/co-building/challenges/${c.id}`);
    },
    onError: (e) => showFormError(form, e, message, { territoryId: 'place' }),
  });
  return (
    <Modal
      open
      title={t('coChallenge.post')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'challenge-post-ok' } as ButtonProps}
      confirmLoading={post.isPending}
      width={620}
      destroyOnHidden
    >
      <Form<PostValues>
        form={form}
        layout="vertical"
        data-testid="challenge-form"
        initialValues={{ category: 'property', public: true, deadline: dayjs(chinaToday()).add(60, 'day') }}
        onFinish={(v) => post.mutate(v)}
      >
        <Form.Item
          name="place"
          label={t('coChallenge.field.place')}
          extra={t('coChallenge.placeHelp')}
          rules={[{ required: true }]}
        >
          <TerritoryTreeSelect testId="challenge-place" />
        </Form.Item>
        <Form.Item name="title" label={t('coChallenge.field.title')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="challenge-title" />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('coChallenge.field.description')}
          rules={[{ required: true, max: 2000 }]}
        >
          <Input.TextArea rows={3} data-testid="challenge-description" />
        </Form.Item>
        <Space align="start" wrap>
          <Form.Item name="category" label={t('coChallenge.field.category')}>
            <Select
              style={{ width: 160 }}
              options={CO_CATEGORIES.map((c) => ({ value: c, label: t(`coBuilding.category.${c}`) }))}
            />
          </Form.Item>
          <Form.Item name="deadline" label={t('coChallenge.field.deadline')} rules={[{ required: true }]}>
            <DatePicker
              data-testid="challenge-deadline"
              disabledDate={(d) => d.isBefore(dayjs(chinaToday()).startOf('day'))}
            />
          </Form.Item>
          <Form.Item name="public" label={t('coChallenge.field.public')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Form.Item name="reward" label={t('coChallenge.field.reward')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="challenge-reward" placeholder={t('coChallenge.rewardPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const FILTER_KEYS = ['status', 'territoryId', 'category', 'q', 'from', 'to', 'closedFrom', 'closedTo'];

/**
 * 揭榜挂帅 (issue 12 point 7, decision 041): the challenges of the caller's area, filtered by status, community and
 * words; opened from the figures (challenges posted / solved) with their period in the address.
 */
export default function ChallengesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [filters, setFilters] = useUrlFilters(FILTER_KEYS);
  const [posting, setPosting] = useState(false);
  const columns: TableColumnsType<Challenge> = [
    {
      title: t('coChallenge.field.title'),
      key: 'title',
      render: (_, c) => (
        <Link to={`/co-building/challenges/${c.id}`} data-testid={`challenge-link-${c.id}`}>
          {c.title}
        </Link>
      ),
    },
    { title: t('coChallenge.field.place'), key: 'place', width: 130, render: (_, c) => c.territory.name },
    {
      title: t('coChallenge.field.category'),
      dataIndex: 'category',
      width: 90,
      render: (v: string) => t(`coBuilding.category.${v}`, { defaultValue: v }),
    },
    {
      title: t('coChallenge.field.status'),
      key: 'status',
      width: 110,
      render: (_, c) => (
        <Space size={4}>
          <ChallengeStatusTag status={c.status} />
          {c.overdue && <Tag color="error">{t('coChallenge.overdue')}</Tag>}
          {!c.public && <Tag>{t('coChallenge.internal')}</Tag>}
        </Space>
      ),
    },
    { title: t('coChallenge.field.postedOn'), dataIndex: 'postedOn', width: 110 },
    { title: t('coChallenge.field.deadline'), dataIndex: 'deadline', width: 110 },
    {
      title: t('coChallenge.field.reward'),
      dataIndex: 'reward',
      ellipsis: { showTitle: false },
      render: (v: string) => <Tooltip title={v}>{v}</Tooltip>,
    },
    {
      title: t('coChallenge.field.takers'),
      key: 'takers',
      render: (_, c) =>
        c.takers.length > 0 ? c.takers.join('、') : t('coChallenge.applicantCount', { n: c.applicantCount }),
    },
    {
      title: t('coChallenge.field.rating'),
      key: 'rating',
      width: 120,
      render: (_, c) =>
        c.posterStars === null && c.ratingAverage === null
          ? '—'
          : t('coChallenge.ratingShort', {
              poster: c.posterStars ?? '—',
              avg: c.ratingAverage ?? '—',
              n: c.ratingCount,
            }),
    },
  ];
  return (
    <div data-testid="co-challenges-page">
      <PageTitle title={t('coChallenge.title')} help={t('coChallenge.help')} />
      <FilterBar<{ status?: string; community?: TerritoryRef; category?: string; q?: string }>
        testId="challenge-filter"
        onSearch={(v) =>
          setFilters({
            ...filters,
            status: v.status,
            territoryId: v.community?.id,
            category: v.category,
            q: v.q?.trim(),
          })
        }
        extra={
          <Space>
            {can('coBuilding.read') && <LedgerButton list="challenges" filters={filters} />}
            {can('coBuilding.manage') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setPosting(true)}
                data-testid="challenge-post"
              >
                {t('coChallenge.post')}
              </Button>
            )}
          </Space>
        }
      >
        <Form.Item name="status" label={t('coChallenge.field.status')}>
          <Select
            allowClear
            style={{ width: 120 }}
            data-testid="challenge-filter-status"
            options={CHALLENGE_STATUSES.map((s) => ({ value: s, label: t(`coChallenge.status.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="community" label={t('coChallenge.field.community')}>
          <TerritoryTreeSelect testId="challenge-filter-community" />
        </Form.Item>
        <Form.Item name="category" label={t('coChallenge.field.category')}>
          <Select
            allowClear
            style={{ width: 120 }}
            options={CO_CATEGORIES.map((c) => ({ value: c, label: t(`coBuilding.category.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="q" label={t('coChallenge.field.q')}>
          <Input allowClear style={{ width: 160 }} data-testid="challenge-filter-q" />
        </Form.Item>
      </FilterBar>
      {(filters.from || filters.to || filters.closedFrom || filters.closedTo) && (
        <p data-testid="challenge-period">
          {filters.closedFrom || filters.closedTo
            ? t('coChallenge.closedBetween', { from: filters.closedFrom ?? '', to: filters.closedTo ?? '' })
            : t('coChallenge.postedBetween', { from: filters.from ?? '', to: filters.to ?? '' })}
        </p>
      )}
      <PagedTable<Challenge>
        queryKey={['coBuilding', 'challenges']}
        path="/api/co-building/challenges"
        filters={filters}
        columns={columns}
        rowKey={(c) => c.id}
        testId="challenge-table"
        scrollX={1200}
      />
      {posting && <PostModal onClose={() => setPosting(false)} />}
    </div>
  );
}
