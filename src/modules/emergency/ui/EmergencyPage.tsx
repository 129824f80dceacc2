import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import { useCan } from '../../../web/app/auth';
import { FormModal } from '../../../web/components/FormModal';
import { PagedTable } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import { formatDateTime } from '../../../web/components/format';
import { EVENT_KINDS, TEAM_KINDS, type EmEvent } from './types';

interface SwitchOnForm {
  name: string;
  kind: (typeof EVENT_KINDS)[number];
  area: { id: number } | undefined;
  teams?: { name: string; kind: (typeof TEAM_KINDS)[number]; members?: string }[];
  note?: string;
}

/** 平战结合: emergencies of the area (active and ended), and the switch that turns one on. */
export default function EmergencyPage() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [open, setOpen] = useState(false);
  const status = params.get('status') ?? undefined;
  const territoryId = params.get('territoryId') ?? undefined;
  return (
    <>
      <PageTitle
        title={t('emergency.title')}
        help={t('emergency.help')}
        extra={
          can('emergency.switch') && (
            <Button type="primary" danger onClick={() => setOpen(true)} data-testid="em-switch-on">
              {t('emergency.switchOn')}
            </Button>
          )
        }
      />
      <Space style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('emergency.status.label')}
          value={status}
          onChange={(v: string | undefined) => {
            const p = new URLSearchParams(params);
            if (v) p.set('status', v);
            else p.delete('status');
            setParams(p);
          }}
          options={['active', 'ended'].map((s) => ({ value: s, label: t(`emergency.status.${s}`) }))}
        />
      </Space>
      <PagedTable<EmEvent>
        queryKey={['emergency', 'events']}
        path="/api/emergency/events"
        filters={{ status, territoryId }}
        rowKey={(r) => r.id}
        testId="em-events"
        columns={[
          {
            title: t('emergency.event.name'),
            render: (_, r) => <Link to={`/emergency/${r.id}`}>{r.name}</Link>,
          },
          { title: t('emergency.event.kind'), render: (_, r) => t(`emergency.kind.${r.kind}`) },
          {
            title: t('emergency.status.label'),
            render: (_, r) => (
              <Tag color={r.status === 'active' ? 'red' : 'default'}>{t(`emergency.status.${r.status}`)}</Tag>
            ),
          },
          { title: t('emergency.event.place'), render: (_, r) => r.place.name },
          { title: t('emergency.event.area'), render: (_, r) => r.area.map((a) => a.name).join('、') },
          { title: t('emergency.event.startedAt'), render: (_, r) => formatDateTime(r.startedAt) },
          { title: t('emergency.event.endedAt'), render: (_, r) => formatDateTime(r.endedAt) },
        ]}
      />
      <FormModal<SwitchOnForm>
        open={open}
        title={t('emergency.switchOn')}
        testId="em-switch-on-form"
        initialValues={{ kind: 'flood', teams: [] }}
        fieldMap={{ areaIds: 'area' }}
        submit={(v) =>
          api.post('/api/emergency/events', {
            name: v.name,
            kind: v.kind,
            areaIds: v.area ? [v.area.id] : [],
            teams: (v.teams ?? []).filter((x) => x?.name),
            note: v.note || null,
          })
        }
        onDone={async () => {
          setOpen(false);
          await qc.invalidateQueries({ queryKey: ['emergency'] });
        }}
        onCancel={() => setOpen(false)}
      >
        <Form.Item name="name" label={t('emergency.event.name')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label={t('emergency.event.kind')} rules={[{ required: true }]}>
          <Select options={EVENT_KINDS.map((k) => ({ value: k, label: t(`emergency.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="area" label={t('emergency.event.area')} rules={[{ required: true }]}>
          <TerritoryTreeSelect testId="em-area" />
        </Form.Item>
        <Form.List name="teams">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}>
                    <Input placeholder={t('emergency.team.name')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'kind']} initialValue="commando">
                    <Select
                      style={{ width: 120 }}
                      options={TEAM_KINDS.map((k) => ({ value: k, label: t(`emergency.team.${k}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'members']}>
                    <Input placeholder={t('emergency.team.members')} />
                  </Form.Item>
                  <Button type="link" onClick={() => remove(f.name)}>
                    {t('common.delete')}
                  </Button>
                </Space>
              ))}
              <Button type="dashed" onClick={() => add()} block style={{ marginBottom: 12 }}>
                {t('emergency.team.add')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="note" label={t('emergency.event.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </FormModal>
    </>
  );
}
