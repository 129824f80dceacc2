import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Badge,
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Popconfirm,
  Row,
  Skeleton,
  Space,
  Table,
  Tag,
  Tree,
  Typography,
  type TreeDataNode,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import type { Territory, TerritoryRef } from '../../../web/api/types';
import { queryClient } from '../../../web/app/queryClient';
import { LevelTag } from '../../../web/components/LevelTag';
import { PageTitle } from '../../../web/components/PageTitle';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import { formatDate, formatNumber } from '../../../web/components/format';
import { OrgFormModal } from './OrgFormModal';
import { OrgKindTag } from './shared';
import type { PartyOrg, PartyOrgDetail } from './types';
import { useCan } from '../../../web/app/auth';

function OrgTitle({ org }: { org: PartyOrg }) {
  const { t } = useTranslation();
  return (
    <span data-testid={`org-node-${org.id}`}>
      <OrgKindTag kind={org.kind} />
      {org.name}
      {org.unit?.kind === 'propertyCompany' && (
        <Tag color="red" style={{ marginInlineStart: 6 }}>
          {t('organizations.units.redTag')}
        </Tag>
      )}
      {org.memberCount > 0 && (
        <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
          {t('organizations.common.people', { count: org.memberCount })}
        </Typography.Text>
      )}
    </span>
  );
}

/** 党组织体系: the organisation tree of the account's subtree, the selected organisation, and its edit forms. */
export default function PartyOrgsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const selectedId = Number(params.get('id')) || undefined;
  // The place filter lives in the URL (`territoryId`), so the dashboard's drill-down opens on its node (issue 16).
  const placeId = Number(params.get('territoryId')) || undefined;
  const placeRow = useQuery({
    queryKey: ['territories', 'one', placeId],
    queryFn: () => api.get<Territory>(`/api/territories/${placeId}`),
    enabled: placeId !== undefined,
    retry: false,
  });
  const place: TerritoryRef | undefined =
    placeId === undefined
      ? undefined
      : placeRow.data
        ? { id: placeRow.data.id, name: placeRow.data.name, level: placeRow.data.level }
        : { id: placeId, name: `#${placeId}`, level: 'community' };
  /** Selects an organisation (or none), keeping the place filter. */
  const select = (id: number | undefined) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (id === undefined) next.delete('id');
      else next.set('id', String(id));
      return next;
    });
  const setPlace = (p: TerritoryRef | undefined) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (p) next.set('territoryId', String(p.id));
      else next.delete('territoryId');
      next.delete('id');
      return next;
    });
  const [modal, setModal] = useState<{
    org?: PartyOrg;
    initial?: { kind?: PartyOrg['kind']; territory?: TerritoryRef; parentId?: number };
  } | null>(null);

  const tree = useQuery({
    queryKey: ['organizations', 'tree', place?.id ?? 'all'],
    queryFn: () =>
      api.get<{ items: PartyOrg[]; truncated: boolean }>('/api/organizations/party-orgs/tree', {
        territoryId: place?.id,
      }),
  });
  const detail = useQuery({
    queryKey: ['organizations', 'org', selectedId],
    queryFn: () => api.get<PartyOrgDetail>(`/api/organizations/party-orgs/${selectedId ?? 0}`),
    enabled: selectedId !== undefined,
  });

  const { treeData, keys } = useMemo(() => {
    const items = tree.data?.items ?? [];
    const ids = new Set(items.map((o) => o.id));
    const kids = new Map<number | 'root', PartyOrg[]>();
    for (const o of items) {
      const k = o.parentId !== null && ids.has(o.parentId) ? o.parentId : 'root';
      kids.set(k, [...(kids.get(k) ?? []), o]);
    }
    const build = (o: PartyOrg): TreeDataNode => ({
      key: o.id,
      title: <OrgTitle org={o} />,
      children: (kids.get(o.id) ?? []).map(build),
      isLeaf: !kids.has(o.id),
    });
    return {
      treeData: (kids.get('root') ?? []).map(build),
      keys: items.filter((o) => kids.has(o.id)).map((o) => o.id),
    };
  }, [tree.data]);

  // Open on the top organisation, so the page shows something useful at once.
  const firstRoot = treeData[0]?.key;
  useEffect(() => {
    if (!selectedId && typeof firstRoot === 'number')
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set('id', String(firstRoot));
          return next;
        },
        { replace: true },
      );
  }, [selectedId, firstRoot, setParams]);

  const remove = useMutation({
    mutationFn: (id: number) => api.delete(`/api/organizations/party-orgs/${id}`),
    onSuccess: async () => {
      message.success(t('organizations.common.deleted'));
      select(undefined);
      await queryClient.invalidateQueries({ queryKey: ['organizations'] });
    },
    onError: (e) => message.error(e.message),
  });

  const org = detail.data;
  const manage = can('partyOrg.manage');

  return (
    <div data-testid="party-orgs-page">
      <PageTitle
        title={t('organizations.orgs.title')}
        help={t('organizations.orgs.help')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({})} data-testid="org-add">
              {t('organizations.orgs.addRoot')}
            </Button>
          )
        }
      />
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card
            title={t('organizations.orgs.tree')}
            size="small"
            extra={
              <div style={{ width: 220 }}>
                <TerritoryTreeSelect
                  value={place}
                  onChange={setPlace}
                  placeholder={t('organizations.orgs.filterPlace')}
                />
              </div>
            }
          >
            {tree.data?.truncated && (
              <Alert type="warning" showIcon title={t('organizations.orgs.truncated')} style={{ marginBottom: 8 }} />
            )}
            {tree.isPending ? (
              <Skeleton active />
            ) : treeData.length === 0 ? (
              <Empty description={t('organizations.orgs.empty')} />
            ) : (
              <div style={{ maxHeight: 'calc(100vh - 260px)', overflow: 'auto' }}>
                <Tree
                  key={`${place?.id ?? 'all'}:${keys.length}`}
                  showLine
                  defaultExpandedKeys={keys}
                  selectedKeys={selectedId ? [selectedId] : []}
                  onSelect={(k) => k[0] !== undefined && select(Number(k[0]))}
                  treeData={treeData}
                  data-testid="org-tree"
                />
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card
            title={t('organizations.orgs.detail')}
            size="small"
            extra={
              org &&
              manage && (
                <Space>
                  <Button
                    size="small"
                    icon={<PlusOutlined />}
                    onClick={() =>
                      setModal({
                        initial: {
                          parentId: org.id,
                          kind:
                            org.kind === 'workingCommittee' ? 'committee' : org.kind === 'branch' ? 'group' : 'branch',
                        },
                      })
                    }
                  >
                    {t('organizations.orgs.addChild')}
                  </Button>
                  <Button size="small" icon={<EditOutlined />} onClick={() => setModal({ org })} data-testid="org-edit">
                    {t('organizations.common.edit')}
                  </Button>
                  <Popconfirm
                    title={t('organizations.common.confirmDelete', { name: org.name })}
                    onConfirm={() => remove.mutate(org.id)}
                  >
                    <Button size="small" danger icon={<DeleteOutlined />} />
                  </Popconfirm>
                </Space>
              )
            }
          >
            {!selectedId ? (
              <Empty description={t('organizations.orgs.select')} />
            ) : detail.isPending ? (
              <Skeleton active />
            ) : detail.isError ? (
              <Alert type="error" showIcon title={detail.error.message} />
            ) : org ? (
              <>
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  <OrgKindTag kind={org.kind} />
                  {org.name}
                </Typography.Title>
                <Descriptions column={2} size="small" bordered data-testid="org-detail">
                  <Descriptions.Item label={t('organizations.field.place')} span={2}>
                    <Breadcrumb
                      items={[...org.territoryAncestors.slice(-3), org.territory].map((a) => ({
                        title: (
                          <span>
                            <LevelTag level={a.level} />
                            {a.level === 'compound' ? <Link to={`/compounds?id=${a.id}`}>{a.name}</Link> : a.name}
                          </span>
                        ),
                      }))}
                    />
                  </Descriptions.Item>
                  <Descriptions.Item label={t('organizations.field.parent')}>
                    {org.parent ? (
                      <Link to={`/party-orgs?id=${org.parent.id}`}>{org.parent.name}</Link>
                    ) : (
                      t('organizations.common.none')
                    )}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('organizations.field.secretary')}>
                    {org.secretaryName ?? '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('organizations.field.members')}>
                    <Badge
                      count={formatNumber(org.memberCount)}
                      showZero
                      color={
                        org.kind === 'branch' && org.territory.level === 'community' && org.memberCount >= 100
                          ? 'red'
                          : 'blue'
                      }
                      overflowCount={100000}
                    />
                  </Descriptions.Item>
                  <Descriptions.Item label={t('organizations.field.foundedOn')}>
                    {formatDate(org.foundedOn)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('organizations.field.unit')} span={2}>
                    {org.unit ? (
                      <span>
                        {org.unit.name} <Tag>{t(`organizations.unitKind.${org.unit.kind}`)}</Tag>
                      </span>
                    ) : (
                      t('organizations.common.none')
                    )}
                  </Descriptions.Item>
                </Descriptions>
                <Typography.Title level={5}>{t('organizations.field.children')}</Typography.Title>
                <Table<PartyOrg>
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={org.children}
                  columns={[
                    {
                      title: t('organizations.field.name'),
                      render: (_, o) => (
                        <Link to={`/party-orgs?id=${o.id}`}>
                          <OrgKindTag kind={o.kind} />
                          {o.name}
                        </Link>
                      ),
                    },
                    {
                      title: t('organizations.field.place'),
                      render: (_, o) => (
                        <span>
                          <LevelTag level={o.territory.level} />
                          {o.territory.name}
                        </span>
                      ),
                    },
                    { title: t('organizations.field.members'), dataIndex: 'memberCount', align: 'right' },
                  ]}
                />
              </>
            ) : null}
          </Card>
        </Col>
      </Row>
      <OrgFormModal
        open={modal !== null}
        org={modal?.org}
        initial={modal?.initial}
        onClose={() => setModal(null)}
        onSaved={(o) => select(o.id)}
      />
    </div>
  );
}
