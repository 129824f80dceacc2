import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Segmented,
  Select,
  Skeleton,
  Space,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import type { TerritoryRef } from '../../../web/api/types';
import { queryClient } from '../../../web/app/queryClient';
import { showFormError } from '../../../web/components/formErrors';
import { PagedTable } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import { formatNumber } from '../../../web/components/format';
import { COMMITTEE_POSTS, EDUCATION_LEVELS, GENDERS, PARTY_POSTS } from '../constants';
import { EChart, type ChartOption } from '../../../web/components/EChart';
import { formatRate, fromDay, toDay } from './shared';
import type {
  CommitteePost,
  EducationLevel,
  Gender,
  GroupFigures,
  LeadershipFigures,
  LeadershipMember,
  PartyPost,
} from './types';
import { useCan } from '../../../web/app/auth';

const EDU_COLORS: Record<EducationLevel | 'unknown', string> = {
  postgraduate: '#a8071a',
  bachelor: '#cf1322',
  associate: '#fa8c16',
  highSchool: '#13c2c2',
  other: '#8c8c8c',
  unknown: '#d9d9d9',
};
const BANDS = ['under30', 'from30to39', 'from40to49', 'from50to59', 'from60'] as const;

function charts(t: (k: string) => string, g: GroupFigures): { edu: ChartOption; age: ChartOption } {
  const eduKeys = [...EDUCATION_LEVELS, 'unknown'] as const;
  return {
    edu: {
      tooltip: { trigger: 'item', formatter: t('organizations.leadership.pieTip') },
      legend: { bottom: 0, type: 'scroll' },
      series: [
        {
          type: 'pie',
          radius: ['40%', '68%'],
          center: ['50%', '44%'],
          label: { formatter: '{b}\n{c}' },
          data: eduKeys
            .filter((k) => g.educationMix[k] > 0)
            .map((k) => ({
              name: t(`organizations.education.${k}`),
              value: g.educationMix[k],
              itemStyle: { color: EDU_COLORS[k] },
            })),
        },
      ],
    },
    age: {
      color: ['#cf1322'],
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 24, bottom: 32 },
      xAxis: { type: 'category', data: BANDS.map((b) => t(`organizations.leadership.band.${b}`)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', barMaxWidth: 36, label: { show: true, position: 'top' }, data: BANDS.map((b) => g.ageBands[b]) },
      ],
    },
  };
}

interface MemberValues {
  community?: TerritoryRef;
  name: string;
  gender?: Gender;
  birthDate?: Dayjs | null;
  education?: EducationLevel;
  partyPost?: PartyPost | null;
  committeePost?: CommitteePost | null;
}

function MemberModal({
  open,
  member,
  onClose,
}: {
  open: boolean;
  member: LeadershipMember | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<MemberValues>();
  const latest = useRef(member);
  latest.current = member;
  useEffect(() => {
    if (!open) return;
    const m = latest.current;
    form.resetFields();
    if (m) {
      form.setFieldsValue({
        name: m.name,
        gender: m.gender ?? undefined,
        birthDate: toDay(m.birthDate),
        education: m.education ?? undefined,
        partyPost: m.partyPost,
        committeePost: m.committeePost,
      });
    }
  }, [open, form]);
  const save = useMutation({
    mutationFn: (v: MemberValues) => {
      const body = {
        name: v.name,
        gender: v.gender ?? null,
        birthDate: fromDay(v.birthDate),
        education: v.education ?? null,
        partyPost: v.partyPost ?? null,
        committeePost: v.committeePost ?? null,
      };
      return member
        ? api.patch(`/api/organizations/leadership/members/${member.id}`, body)
        : api.post('/api/organizations/leadership/members', { ...body, communityId: v.community?.id });
    },
    onSuccess: async () => {
      message.success(t('organizations.common.saved'));
      await queryClient.invalidateQueries({ queryKey: ['organizations'] });
      onClose();
    },
    onError: (e) => showFormError(form, e, message, { communityId: 'community' }),
  });
  return (
    <Modal
      open={open}
      title={member ? t('organizations.leadership.edit') : t('organizations.leadership.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('organizations.common.save')}
      cancelText={t('organizations.common.cancel')}
      destroyOnHidden
    >
      <Form<MemberValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="member-form">
        {!member && (
          <Form.Item name="community" label={t('organizations.field.community')} rules={[{ required: true }]}>
            <TerritoryTreeSelect />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('organizations.field.personName')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="gender" label={t('organizations.field.gender')}>
              <Select allowClear options={GENDERS.map((g) => ({ value: g, label: t(`organizations.gender.${g}`) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="birthDate" label={t('organizations.field.birthDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="partyPost" label={t('organizations.field.partyPost')}>
              <Select
                allowClear
                options={PARTY_POSTS.map((p) => ({ value: p, label: t(`organizations.partyPost.${p}`) }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="committeePost" label={t('organizations.field.committeePost')}>
              <Select
                allowClear
                options={COMMITTEE_POSTS.map((p) => ({ value: p, label: t(`organizations.committeePost.${p}`) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="education" label={t('organizations.field.education')}>
          <Select
            allowClear
            options={EDUCATION_LEVELS.map((e) => ({ value: e, label: t(`organizations.education.${e}`) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 两委班子: figures computed from the team records of the subtree (seed 001), charts, and the members table. */
export default function LeadershipPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const manage = useCan()('leadership.manage');
  const [place, setPlace] = useState<TerritoryRef | undefined>();
  const [who, setWho] = useState<'secretaries' | 'members'>('secretaries');
  const [editing, setEditing] = useState<LeadershipMember | null | undefined>(undefined);

  const figures = useQuery({
    queryKey: ['organizations', 'leadership', 'figures', place?.id],
    queryFn: () => api.get<LeadershipFigures>('/api/organizations/leadership/figures', { territoryId: place?.id }),
  });
  const f = figures.data;
  const opts = useMemo(() => (f ? charts(t, f[who]) : null), [f, who, t]);
  const remove = useMutation({
    mutationFn: (id: number) => api.delete(`/api/organizations/leadership/members/${id}`),
    onSuccess: async () => {
      message.success(t('organizations.common.deleted'));
      await queryClient.invalidateQueries({ queryKey: ['organizations'] });
    },
    onError: (e) => message.error(e.message),
  });

  return (
    <div data-testid="leadership-page">
      <PageTitle
        title={t('organizations.leadership.title')}
        help={t('organizations.leadership.help')}
        extra={
          <div style={{ width: 260 }}>
            <TerritoryTreeSelect value={place} onChange={setPlace} placeholder={t('organizations.leadership.scope')} />
          </div>
        }
      />
      {!f ? (
        <Skeleton active />
      ) : (
        <>
          <Row gutter={[16, 16]} data-testid="leadership-figures">
            <Col xs={12} lg={6} xl={4}>
              <Card size="small">
                <Statistic title={t('organizations.leadership.communities')} value={formatNumber(f.communities)} />
                <Typography.Text type="secondary">
                  {t('organizations.leadership.withTeam', { count: f.communitiesWithTeam })}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={12} lg={6} xl={4}>
              <Card size="small">
                <Statistic
                  title={t('organizations.leadership.secretaries')}
                  value={formatNumber(f.secretaries.count)}
                  suffix={t('organizations.common.unitPeople')}
                />
                <Typography.Text type="secondary">&nbsp;</Typography.Text>
              </Card>
            </Col>
            <Col xs={12} lg={6} xl={5}>
              <Card size="small">
                <Statistic
                  title={t('organizations.leadership.dualRate')}
                  value={formatRate(f.dualRoleRate)}
                  valueStyle={{ color: '#cf1322' }}
                />
                <Typography.Text type="secondary">
                  {t('organizations.leadership.dualCount', {
                    dual: f.dualRoleCommunities,
                    total: f.communitiesWithSecretary,
                  })}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={12} lg={6} xl={5}>
              <Card size="small">
                <Statistic
                  title={t('organizations.leadership.avgAge')}
                  value={f.secretaries.averageAge ?? '—'}
                  suffix={f.secretaries.averageAge !== null ? t('organizations.leadership.years') : undefined}
                  precision={f.secretaries.averageAge !== null ? 1 : undefined}
                />
                <Typography.Text type="secondary">
                  {t('organizations.leadership.membersAvgAge', { age: f.members.averageAge ?? '—' })}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={24} lg={12} xl={6}>
              <Card size="small">
                <Statistic
                  title={t('organizations.leadership.degreeRate')}
                  value={formatRate(f.secretaries.degreeRate)}
                  valueStyle={{ color: '#cf1322' }}
                />
                <Typography.Text type="secondary">
                  {t('organizations.leadership.membersDegree', { rate: formatRate(f.members.degreeRate) })}
                </Typography.Text>
              </Card>
            </Col>
          </Row>
          <Card
            size="small"
            style={{ marginTop: 16 }}
            title={
              <Segmented
                value={who}
                onChange={(v) => setWho(v === 'members' ? 'members' : 'secretaries')}
                options={[
                  { value: 'secretaries', label: t('organizations.leadership.ofSecretaries') },
                  { value: 'members', label: t('organizations.leadership.ofMembers') },
                ]}
              />
            }
          >
            {opts && (
              <Row gutter={16}>
                <Col xs={24} lg={12}>
                  <Typography.Text strong>{t('organizations.leadership.educationMix')}</Typography.Text>
                  <EChart option={opts.edu} testId="chart-education" />
                </Col>
                <Col xs={24} lg={12}>
                  <Typography.Text strong>{t('organizations.leadership.ageBands')}</Typography.Text>
                  <EChart option={opts.age} testId="chart-age" />
                </Col>
              </Row>
            )}
          </Card>
        </>
      )}
      <Card
        size="small"
        style={{ marginTop: 16 }}
        title={t('organizations.leadership.members')}
        extra={
          manage && (
            <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
              {t('organizations.leadership.add')}
            </Button>
          )
        }
      >
        <PagedTable<LeadershipMember>
          queryKey={['organizations', 'leadership', 'members']}
          path="/api/organizations/leadership/members"
          filters={{ territoryId: place?.id }}
          rowKey={(m) => m.id}
          testId="leadership-members"
          columns={[
            { title: t('organizations.field.community'), render: (_, m) => m.community.name, width: 150 },
            {
              title: t('organizations.field.personName'),
              render: (_, m) => (
                <Space size={4}>
                  {m.name}
                  {m.dualRole && <Tag color="red">{t('organizations.leadership.dualRole')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('organizations.field.partyPost'),
              render: (_, m) => (m.partyPost ? t(`organizations.partyPost.${m.partyPost}`) : '—'),
            },
            {
              title: t('organizations.field.committeePost'),
              render: (_, m) => (m.committeePost ? t(`organizations.committeePost.${m.committeePost}`) : '—'),
            },
            {
              title: t('organizations.field.gender'),
              width: 70,
              render: (_, m) => (m.gender ? t(`organizations.gender.${m.gender}`) : '—'),
            },
            { title: t('organizations.field.age'), width: 70, align: 'right', render: (_, m) => m.age ?? '—' },
            {
              title: t('organizations.field.education'),
              render: (_, m) => (m.education ? t(`organizations.education.${m.education}`) : '—'),
            },
            ...(manage
              ? [
                  {
                    title: '',
                    width: 96,
                    render: (_: unknown, m: LeadershipMember) => (
                      <Space size={0}>
                        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(m)} />
                        <Popconfirm
                          title={t('organizations.common.confirmDelete', { name: m.name })}
                          onConfirm={() => remove.mutate(m.id)}
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
      </Card>
      <MemberModal open={editing !== undefined} member={editing ?? null} onClose={() => setEditing(undefined)} />
    </div>
  );
}
