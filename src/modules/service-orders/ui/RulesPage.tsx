import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import { queryClient } from '../../../web/app/queryClient';
import { FormModal } from '../../../web/components/FormModal';
import { PagedTable } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { RULE_HANDLER_KINDS, type RuleHandlerKind } from '../constants';
import {
  CommunitySelect,
  UnitSelect,
  useCategoryLabel,
  useCategoryOptions,
  useCommunityNames,
  useDefaultCommunity,
} from './MenuShared';

interface Rule {
  id: number;
  communityId: number;
  category: string;
  handlerKind: RuleHandlerKind;
  unit: { id: number; name: string } | null;
  department: string | null;
  respondHours: number;
  resolveHours: number;
}
interface Values {
  communityId?: number;
  category: string;
  handlerKind: RuleHandlerKind;
  unitId?: number;
  department?: string;
  respondHours: number;
  resolveHours: number;
}
const KEY = ['orders', 'config', 'rules'] as const;
const KIND_COLOR: Record<RuleHandlerKind, string> = { unit: 'blue', department: 'purple', gridWorker: 'green' };

/** The handler fields of a rule: a unit, a department, or the located grid's worker (by the kind chosen). */
function HandlerFields({ rule }: { rule: Rule | null }) {
  const { t } = useTranslation();
  const kind = Form.useWatch<Values['handlerKind']>('handlerKind');
  return (
    <>
      {kind === 'unit' && (
        <Form.Item name="unitId" label={t('orderConfig.rules.unit')} rules={[{ required: true }]}>
          <UnitSelect initial={rule?.unit} testId="rule-form-unit" />
        </Form.Item>
      )}
      {kind === 'department' && (
        <Form.Item name="department" label={t('orderConfig.rules.department')} rules={[{ required: true, max: 60 }]}>
          <Input />
        </Form.Item>
      )}
      {kind === 'gridWorker' && (
        <Typography.Paragraph type="secondary">{t('orderConfig.rules.gridWorkerHint')}</Typography.Paragraph>
      )}
    </>
  );
}

function RuleModal({
  open,
  rule,
  communityId,
  onClose,
}: {
  open: boolean;
  rule: Rule | null;
  communityId: number | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const categories = useCategoryOptions();
  return (
    <FormModal<Values>
      open={open}
      title={rule ? t('orderConfig.rules.editTitle') : t('orderConfig.rules.add')}
      initialValues={
        rule
          ? {
              category: rule.category,
              handlerKind: rule.handlerKind,
              unitId: rule.unit?.id,
              department: rule.department ?? undefined,
              respondHours: rule.respondHours,
              resolveHours: rule.resolveHours,
            }
          : { communityId, handlerKind: 'gridWorker', respondHours: 24, resolveHours: 72 }
      }
      submit={(v) => {
        const body = {
          category: v.category,
          handlerKind: v.handlerKind,
          unitId: v.handlerKind === 'unit' ? (v.unitId ?? null) : null,
          department: v.handlerKind === 'department' ? v.department?.trim() || null : null,
          respondHours: v.respondHours,
          resolveHours: v.resolveHours,
        };
        return rule
          ? api.patch(`/api/orders/rules/${rule.id}`, body)
          : api.post('/api/orders/rules', { ...body, communityId: v.communityId });
      }}
      onDone={async () => {
        await queryClient.invalidateQueries({ queryKey: KEY });
        onClose();
      }}
      onCancel={onClose}
      testId="rule-form"
    >
      {!rule && (
        <Form.Item name="communityId" label={t('orderConfig.community')} rules={[{ required: true }]}>
          <CommunitySelect testId="rule-form-community" />
        </Form.Item>
      )}
      <Form.Item name="category" label={t('orderConfig.rules.category')} rules={[{ required: true }]}>
        <Select options={categories} data-testid="rule-form-category" />
      </Form.Item>
      <Form.Item name="handlerKind" label={t('orderConfig.rules.handlerKind')} rules={[{ required: true }]}>
        <Select
          options={RULE_HANDLER_KINDS.map((k) => ({ value: k, label: t(`orderConfig.rules.kinds.${k}`) }))}
          data-testid="rule-form-kind"
        />
      </Form.Item>
      <HandlerFields rule={rule} />
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="respondHours" label={t('orderConfig.rules.respondHours')} rules={[{ required: true }]}>
            <InputNumber min={1} max={2160} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="resolveHours" label={t('orderConfig.rules.resolveHours')} rules={[{ required: true }]}>
            <InputNumber min={1} max={2160} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}

/** 派单规则: per community, category → handler with time limits to respond and to resolve (dispatch suggestions, escalation). */
export default function RulesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fallback = useDefaultCommunity();
  const [picked, setPicked] = useState<number | null | undefined>(undefined);
  const communityId = picked === undefined ? fallback : (picked ?? undefined);
  const [editing, setEditing] = useState<Rule | null | undefined>(undefined);
  const label = useCategoryLabel();
  const nameOf = useCommunityNames();
  const remove = useMutation({
    mutationFn: (id: number) => api.delete(`/api/orders/rules/${id}`),
    onSuccess: async () => {
      message.success(t('orderConfig.deleted'));
      await queryClient.invalidateQueries({ queryKey: KEY });
    },
    onError: (e) => message.error(e.message),
  });
  const hours = (n: number) => t('orderConfig.rules.hoursValue', { count: n });

  return (
    <div data-testid="order-rules-page">
      <PageTitle
        title={t('orderConfig.rules.title')}
        help={t('orderConfig.rules.help')}
        extra={
          <Space>
            <CommunitySelect
              value={communityId}
              onChange={(v) => setPicked(v ?? null)}
              allowClear
              placeholder={t('orderConfig.allCommunities')}
              style={{ width: 220 }}
              testId="rules-community"
            />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="rule-add">
              {t('orderConfig.rules.add')}
            </Button>
          </Space>
        }
      />
      <Card size="small">
        <PagedTable<Rule>
          queryKey={KEY}
          path="/api/orders/rules"
          filters={{ communityId }}
          rowKey={(r) => r.id}
          testId="rules-table"
          emptyText={t('orderConfig.rules.empty')}
          columns={[
            ...(communityId
              ? []
              : [
                  {
                    title: t('orderConfig.community'),
                    key: 'community',
                    width: 160,
                    render: (_: unknown, r: Rule) => nameOf(r.communityId),
                  },
                ]),
            {
              title: t('orderConfig.rules.category'),
              key: 'category',
              width: 130,
              render: (_, r) => <Tag>{label(r.category)}</Tag>,
            },
            {
              title: t('orderConfig.rules.handlerKind'),
              key: 'kind',
              width: 120,
              render: (_, r) => (
                <Tag color={KIND_COLOR[r.handlerKind]}>{t(`orderConfig.rules.kinds.${r.handlerKind}`)}</Tag>
              ),
            },
            {
              title: t('orderConfig.rules.handler'),
              key: 'handler',
              render: (_, r) =>
                r.unit?.name ??
                r.department ?? (
                  <Typography.Text type="secondary">{t('orderConfig.rules.gridWorkerHint')}</Typography.Text>
                ),
            },
            {
              title: t('orderConfig.rules.respond'),
              key: 'respond',
              width: 100,
              align: 'right',
              render: (_, r) => hours(r.respondHours),
            },
            {
              title: t('orderConfig.rules.resolve'),
              key: 'resolve',
              width: 100,
              align: 'right',
              render: (_, r) => hours(r.resolveHours),
            },
            {
              title: t('orderConfig.actions'),
              key: 'actions',
              width: 100,
              render: (_, r) => (
                <Space size={0}>
                  <Button
                    type="link"
                    size="small"
                    icon={<EditOutlined />}
                    onClick={() => setEditing(r)}
                    aria-label={t('orderConfig.edit')}
                    data-testid={`rule-edit-${r.id}`}
                  />
                  <Popconfirm
                    title={t('orderConfig.confirmDelete', { name: label(r.category) })}
                    onConfirm={() => remove.mutate(r.id)}
                  >
                    <Button
                      type="link"
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('orderConfig.delete')}
                    />
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <RuleModal
        open={editing !== undefined}
        rule={editing ?? null}
        communityId={communityId}
        onClose={() => setEditing(undefined)}
      />
    </div>
  );
}
