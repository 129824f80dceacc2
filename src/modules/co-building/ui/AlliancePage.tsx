import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import type { Page } from '../../../web/api/types';
import { useCan } from '../../../web/app/auth';
import { showFormError } from '../../../web/components/formErrors';
import { PageSpin } from '../../../web/components/Loading';
import { PageTitle } from '../../../web/components/PageTitle';
import { AGREEMENT_STATUS_COLORS, type AllianceDetail } from './types';

type Action =
  | { kind: 'unit' }
  | { kind: 'member' }
  | { kind: 'chair' }
  | { kind: 'meeting' }
  | { kind: 'end'; memberId: number; name: string }
  | { kind: 'leave'; unitId: number; name: string };

interface Values {
  unitId?: number;
  name?: string;
  unitPost?: string;
  committeePost?: string;
  day?: Dayjs;
  term?: [Dayjs, Dayjs];
  title?: string;
  minutes?: string;
  attendingUnitIds?: number[];
}

const d = (x?: Dayjs) => x?.format('YYYY-MM-DD');

function ActionModal({ a, action, onClose }: { a: AllianceDetail; action: Action; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const area = useQuery({
    queryKey: ['coBuilding', 'allianceUnits', a.territory.id],
    queryFn: () =>
      api.get<Page<{ id: number; name: string }>>('/api/organizations/units', {
        territoryId: a.territory.id,
        pageSize: 200,
      }),
    enabled: action.kind === 'unit',
  });
  const current = a.units.filter((u) => u.current).map((u) => ({ value: u.unit.id, label: u.unit.name }));
  const inAlliance = new Set(a.units.filter((u) => u.current).map((u) => u.unit.id));
  const P = `/api/co-building/alliances/${a.id}`;
  const save = useMutation({
    mutationFn: (v: Values) => {
      switch (action.kind) {
        case 'unit':
          return api.post(`${P}/units`, { unitId: v.unitId, joinedOn: d(v.day) });
        case 'member':
          return api.post(`${P}/members`, {
            unitId: v.unitId,
            name: v.name,
            unitPost: v.unitPost || null,
            committeePost: v.committeePost || undefined,
            termFrom: d(v.day),
          });
        case 'chair':
          return api.post(`${P}/chairs`, { unitId: v.unitId, termFrom: d(v.term?.[0]), termTo: d(v.term?.[1]) });
        case 'meeting':
          return api.post(`${P}/meetings`, {
            heldOn: d(v.day),
            title: v.title,
            minutes: v.minutes,
            attendingUnitIds: v.attendingUnitIds ?? [],
          });
        case 'end':
          return api.post(`${P}/members/${action.memberId}/end`, { termTo: d(v.day) });
        case 'leave':
          return api.post(`${P}/units/${action.unitId}/leave`, { leftOn: d(v.day) });
      }
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['coBuilding'] });
      onClose();
    },
    onError: (e) =>
      showFormError(form, e, message, {
        joinedOn: 'day',
        termFrom: action.kind === 'chair' ? 'term' : 'day',
        termTo: action.kind === 'chair' ? 'term' : 'day',
        heldOn: 'day',
        leftOn: 'day',
      }),
  });
  const dayLabel = {
    unit: 'joinedOn',
    member: 'termFrom',
    meeting: 'heldOn',
    end: 'termTo',
    leave: 'leftOn',
    chair: 'term',
  }[action.kind];
  const unitSelect = (options: { value: number; label: string }[]) => (
    <Form.Item name="unitId" label={t('coBuilding.alliance.unit')} rules={[{ required: true }]}>
      <Select options={options} showSearch optionFilterProp="label" data-testid="alliance-action-unit" />
    </Form.Item>
  );
  const title =
    action.kind === 'end' || action.kind === 'leave'
      ? t(`coBuilding.alliance.action.${action.kind}`, { name: action.name })
      : t(`coBuilding.alliance.action.${action.kind}`);
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="alliance-action-form">
        {action.kind === 'unit' &&
          unitSelect(
            (area.data?.items ?? []).filter((u) => !inAlliance.has(u.id)).map((u) => ({ value: u.id, label: u.name })),
          )}
        {(action.kind === 'member' || action.kind === 'chair') && unitSelect(current)}
        {action.kind === 'member' && (
          <>
            <Form.Item name="name" label={t('coBuilding.alliance.memberName')} rules={[{ required: true, max: 50 }]}>
              <Input data-testid="alliance-member-name" />
            </Form.Item>
            <Form.Item name="unitPost" label={t('coBuilding.alliance.unitPost')}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="committeePost" label={t('coBuilding.alliance.committeePost')}>
              <Input maxLength={50} placeholder="兼职委员" />
            </Form.Item>
          </>
        )}
        {action.kind === 'meeting' && (
          <>
            <Form.Item name="title" label={t('coBuilding.field.title')} rules={[{ required: true, max: 100 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="attendingUnitIds" label={t('coBuilding.alliance.attending')}>
              <Select mode="multiple" options={current} optionFilterProp="label" />
            </Form.Item>
            <Form.Item name="minutes" label={t('coBuilding.alliance.minutes')} rules={[{ required: true, max: 2000 }]}>
              <Input.TextArea rows={4} />
            </Form.Item>
          </>
        )}
        {action.kind === 'chair' ? (
          <Form.Item name="term" label={t('coBuilding.alliance.day.term')} rules={[{ required: true }]}>
            <DatePicker.RangePicker />
          </Form.Item>
        ) : (
          <Form.Item name="day" label={t(`coBuilding.alliance.day.${dayLabel}`)} rules={[{ required: true }]}>
            <DatePicker data-testid="alliance-action-day" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** An alliance: member units, part-time members 兼职委员, rotating chair terms, joint meetings, agreements, projects. */
export default function AlliancePage() {
  const { t } = useTranslation();
  const can = useCan();
  const { id } = useParams();
  const [action, setAction] = useState<Action | null>(null);
  const q = useQuery({
    queryKey: ['coBuilding', 'alliance', id],
    queryFn: () => api.get<AllianceDetail>(`/api/co-building/alliances/${id}`),
  });
  if (q.isPending) return <PageSpin />;
  if (!q.data) return null;
  const a = q.data;
  const manage = can('coBuilding.manage');
  const add = (kind: 'unit' | 'member' | 'chair' | 'meeting') =>
    manage && (
      <Button size="small" onClick={() => setAction({ kind })} data-testid={`alliance-add-${kind}`}>
        {t(`coBuilding.alliance.action.${kind}`)}
      </Button>
    );
  const yes = (b: boolean) =>
    b ? <Tag color="success">{t('coBuilding.alliance.current')}</Tag> : <Tag>{t('coBuilding.alliance.past')}</Tag>;
  return (
    <div data-testid="co-alliance-page">
      <PageTitle title={a.name} help={a.description ?? undefined} />
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('coBuilding.alliance.place')}>{a.territory.name}</Descriptions.Item>
        <Descriptions.Item label={t('coBuilding.alliance.foundedOn')}>{a.foundedOn}</Descriptions.Item>
        <Descriptions.Item label={t('coBuilding.alliance.chair')}>
          <span data-testid="alliance-chair">{a.chair?.name ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('coBuilding.alliance.units')}>{a.unitCount}</Descriptions.Item>
        <Descriptions.Item label={t('coBuilding.alliance.members')}>{a.memberCount}</Descriptions.Item>
        <Descriptions.Item label={t('coBuilding.alliance.agreements')}>{a.agreementCount}</Descriptions.Item>
      </Descriptions>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small" title={t('coBuilding.alliance.unitsTitle')} extra={add('unit')}>
          <Table
            size="small"
            pagination={false}
            rowKey={(u) => u.unit.id}
            dataSource={a.units}
            data-testid="alliance-units"
            columns={[
              { title: t('coBuilding.alliance.unit'), render: (_, u) => u.unit.name },
              { title: t('coBuilding.alliance.day.joinedOn'), dataIndex: 'joinedOn', width: 120 },
              { title: t('coBuilding.alliance.day.leftOn'), dataIndex: 'leftOn', width: 120, render: (v) => v ?? '—' },
              { title: '', width: 90, render: (_, u) => yes(u.current) },
              {
                title: '',
                width: 90,
                render: (_, u) =>
                  manage &&
                  u.leftOn === null && (
                    <Button
                      size="small"
                      type="link"
                      onClick={() => setAction({ kind: 'leave', unitId: u.unit.id, name: u.unit.name })}
                    >
                      {t('coBuilding.alliance.leave')}
                    </Button>
                  ),
              },
            ]}
          />
        </Card>
        <Card size="small" title={t('coBuilding.alliance.membersTitle')} extra={add('member')}>
          <Table
            size="small"
            pagination={false}
            rowKey="id"
            dataSource={a.members}
            data-testid="alliance-members"
            columns={[
              { title: t('coBuilding.alliance.memberName'), dataIndex: 'name', width: 100 },
              { title: t('coBuilding.alliance.committeePost'), dataIndex: 'committeePost', width: 110 },
              { title: t('coBuilding.alliance.unit'), render: (_, m) => m.unit.name },
              { title: t('coBuilding.alliance.unitPost'), dataIndex: 'unitPost', render: (v) => v ?? '—' },
              {
                title: t('coBuilding.alliance.day.term'),
                width: 200,
                render: (_, m) => `${m.termFrom} ~ ${m.termTo ?? ''}`,
              },
              { title: '', width: 80, render: (_, m) => yes(m.current) },
              {
                title: '',
                width: 90,
                render: (_, m) =>
                  manage &&
                  m.current && (
                    <Button
                      size="small"
                      type="link"
                      onClick={() => setAction({ kind: 'end', memberId: m.id, name: m.name })}
                    >
                      {t('coBuilding.alliance.endTerm')}
                    </Button>
                  ),
              },
            ]}
          />
        </Card>
        <Card size="small" title={t('coBuilding.alliance.chairsTitle')} extra={add('chair')}>
          <Table
            size="small"
            pagination={false}
            rowKey="id"
            dataSource={a.chairs}
            data-testid="alliance-chairs"
            columns={[
              { title: t('coBuilding.alliance.unit'), render: (_, c) => c.unit.name },
              { title: t('coBuilding.alliance.day.term'), render: (_, c) => `${c.termFrom} ~ ${c.termTo}` },
              { title: '', width: 80, render: (_, c) => yes(c.current) },
            ]}
          />
        </Card>
        <Card size="small" title={t('coBuilding.alliance.meetingsTitle')} extra={add('meeting')}>
          <Table
            size="small"
            pagination={false}
            rowKey="id"
            dataSource={a.meetings}
            data-testid="alliance-meetings"
            columns={[
              { title: t('coBuilding.alliance.day.heldOn'), dataIndex: 'heldOn', width: 120 },
              { title: t('coBuilding.field.title'), dataIndex: 'title', width: 240 },
              { title: t('coBuilding.alliance.minutes'), dataIndex: 'minutes' },
              {
                title: t('coBuilding.alliance.attending'),
                width: 110,
                render: (_, m) => m.attendingUnits.length,
              },
            ]}
          />
        </Card>
        <Card size="small" title={t('coBuilding.alliance.agreementsTitle')}>
          <Table
            size="small"
            pagination={false}
            rowKey="id"
            dataSource={a.agreements}
            data-testid="alliance-agreements"
            columns={[
              {
                title: t('coBuilding.field.title'),
                render: (_, g) => <Link to={`/co-building/agreements?allianceId=${a.id}`}>{g.title}</Link>,
              },
              { title: t('coBuilding.alliance.unit'), render: (_, g) => g.unit.name },
              { title: t('coBuilding.agreement.year'), dataIndex: 'year', width: 80 },
              {
                title: t('coBuilding.field.status'),
                dataIndex: 'status',
                width: 100,
                render: (s: string) => (
                  <Tag color={AGREEMENT_STATUS_COLORS[s]}>{t(`coBuilding.agreementStatus.${s}`)}</Tag>
                ),
              },
              { title: t('coBuilding.agreement.score'), dataIndex: 'score', width: 80, render: (v) => v ?? '—' },
            ]}
          />
        </Card>
        <Card size="small" title={t('coBuilding.alliance.projectsTitle')}>
          <Table
            size="small"
            pagination={false}
            rowKey="id"
            dataSource={a.projects}
            data-testid="alliance-projects"
            columns={[
              {
                title: t('coBuilding.field.projectTitle'),
                render: (_, p) => <Link to={`/co-building/projects/${p.id}`}>{p.title}</Link>,
              },
              { title: t('coBuilding.alliance.place'), render: (_, p) => p.community.name, width: 140 },
              { title: t('coBuilding.alliance.unit'), render: (_, p) => p.unit.name },
            ]}
          />
        </Card>
      </Space>
      {action && <ActionModal a={a} action={action} onClose={() => setAction(null)} />}
    </div>
  );
}
