import { CheckCircleFilled, ExclamationCircleFilled, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Empty, Popconfirm, Row, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import type { TerritoryRef } from '../../../web/api/types';
import { queryClient } from '../../../web/app/queryClient';
import { LevelTag } from '../../../web/components/LevelTag';
import { PageTitle } from '../../../web/components/PageTitle';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import { formatDate } from '../../../web/components/format';
import { OrgFormModal } from './OrgFormModal';
import { OwnersFormModal, PropertyFormModal, ResidentsGroupFormModal } from './PartnerForms';
import { OrgKindTag } from './shared';
import type { CompoundBuilding, CompoundOverview, FourPartyKey, PartyOrg, ResidentsGroup } from './types';
import { useCan } from '../../../web/app/auth';

function PartyCard({
  k,
  present,
  children,
  action,
  testId,
}: {
  k: FourPartyKey;
  present: boolean;
  children: ReactNode;
  action?: ReactNode;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      data-testid={testId}
      style={{
        height: '100%',
        borderStyle: present ? 'solid' : 'dashed',
        borderColor: present ? undefined : '#faad14',
        background: present ? undefined : '#fffbe6',
      }}
      title={
        <Space>
          {present ? (
            <CheckCircleFilled style={{ color: '#52c41a' }} />
          ) : (
            <ExclamationCircleFilled style={{ color: '#faad14' }} />
          )}
          {t(`organizations.compound.${k}`)}
        </Space>
      }
      extra={action}
    >
      {present ? children : <Typography.Text type="warning">{t('organizations.common.missing')}</Typography.Text>}
    </Card>
  );
}

/** 小区四方联动: a compound's four parties (seed 000), its buildings with their leads and party groups, and its groups. */
export default function CompoundPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const manage = can('unit.manage');
  const [params, setParams] = useSearchParams();
  const id = Number(params.get('id')) || undefined;
  const focus = Number(params.get('focus')) || undefined;
  const [picked, setPicked] = useState<TerritoryRef | undefined>();
  const [modal, setModal] = useState<'branch' | 'owners' | 'property' | 'group' | null>(null);

  const overview = useQuery({
    queryKey: ['organizations', 'compound', id],
    queryFn: () => api.get<CompoundOverview>(`/api/organizations/compounds/${id ?? 0}`),
    enabled: id !== undefined,
  });
  const clear = useMutation({
    mutationFn: () => api.delete(`/api/organizations/compounds/${id ?? 0}/property`),
    onSuccess: async () => {
      message.success(t('organizations.common.saved'));
      await queryClient.invalidateQueries({ queryKey: ['organizations'] });
    },
    onError: (e) => message.error(e.message),
  });

  const data = overview.data;
  const four = data?.fourParty;
  const compound = four?.compound;
  const pickerValue = compound ?? picked;

  return (
    <div data-testid="compound-page">
      <PageTitle
        title={compound ? `${t('organizations.compound.title')} · ${compound.name}` : t('organizations.compound.title')}
        help={t('organizations.compound.help')}
        extra={
          <div style={{ width: 280 }}>
            <TerritoryTreeSelect
              value={pickerValue}
              placeholder={t('organizations.common.pickCompound')}
              testId="compound-picker"
              onChange={(v) => {
                setPicked(v);
                if (v?.level === 'compound') setParams({ id: String(v.id) });
              }}
            />
          </div>
        }
      />
      {picked && picked.level !== 'compound' && (
        <Alert type="info" showIcon title={t('organizations.common.notCompound')} style={{ marginBottom: 16 }} />
      )}
      {!id ? (
        <Empty description={t('organizations.common.pickCompound')} />
      ) : overview.isPending ? (
        <Skeleton active />
      ) : overview.isError ? (
        <Alert type="error" showIcon title={overview.error.message} />
      ) : data && four && compound ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card
            size="small"
            title={
              <Space>
                {t('organizations.compound.fourParty')}
                <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                  {four.community.name} · {compound.name}
                </Typography.Text>
              </Space>
            }
            extra={
              four.missing.length === 0 ? (
                <Tag color="green">{t('organizations.compound.complete')}</Tag>
              ) : (
                <Tag color="orange">{t('organizations.compound.incomplete', { count: four.missing.length })}</Tag>
              )
            }
            data-testid="four-party"
          >
            <Row gutter={[12, 12]}>
              <Col xs={24} md={12} xl={6}>
                <PartyCard k="communityCommittee" present={!!four.communityCommittee} testId="party-communityCommittee">
                  {four.communityCommittee && (
                    <Space orientation="vertical" size={2}>
                      <Link to={`/party-orgs?id=${four.communityCommittee.id}`}>
                        <OrgKindTag kind={four.communityCommittee.kind} />
                        {four.communityCommittee.name}
                      </Link>
                      <Typography.Text type="secondary">
                        {t('organizations.common.labelValue', {
                          label: t('organizations.field.secretary'),
                          value: four.communityCommittee.secretaryName ?? '—',
                        })}
                      </Typography.Text>
                    </Space>
                  )}
                </PartyCard>
              </Col>
              <Col xs={24} md={12} xl={6}>
                <PartyCard
                  k="compoundBranch"
                  present={!!four.compoundBranch}
                  testId="party-compoundBranch"
                  action={
                    !four.compoundBranch &&
                    can('partyOrg.manage') && (
                      <Button
                        size="small"
                        type="link"
                        icon={<PlusOutlined />}
                        onClick={() => setModal('branch')}
                        data-testid="add-branch"
                      >
                        {t('organizations.compound.addBranch')}
                      </Button>
                    )
                  }
                >
                  {four.compoundBranch && (
                    <Space orientation="vertical" size={2}>
                      <Link to={`/party-orgs?id=${four.compoundBranch.id}`}>
                        <OrgKindTag kind={four.compoundBranch.kind} />
                        {four.compoundBranch.name}
                      </Link>
                      <Typography.Text type="secondary">
                        {t('organizations.common.labelValue', {
                          label: t('organizations.field.secretary'),
                          value: four.compoundBranch.secretaryName ?? '—',
                        })}
                      </Typography.Text>
                    </Space>
                  )}
                </PartyCard>
              </Col>
              <Col xs={24} md={12} xl={6}>
                <PartyCard
                  k="ownersCommittee"
                  present={!!four.ownersCommittee}
                  testId="party-ownersCommittee"
                  action={
                    manage && (
                      <Button size="small" type="link" onClick={() => setModal('owners')}>
                        {four.ownersCommittee ? t('organizations.common.edit') : t('organizations.compound.setOwners')}
                      </Button>
                    )
                  }
                >
                  {four.ownersCommittee && (
                    <Space orientation="vertical" size={2}>
                      <Typography.Text strong>{four.ownersCommittee.name}</Typography.Text>
                      <Typography.Text type="secondary">
                        {t('organizations.common.labelValue', {
                          label: t('organizations.field.chair'),
                          value: `${four.ownersCommittee.chairName ?? '—'} ${four.ownersCommittee.chairPhone ?? ''}`,
                        })}
                      </Typography.Text>
                      <Typography.Text type="secondary">
                        {t('organizations.common.labelValue', {
                          label: t('organizations.field.term'),
                          value: `${formatDate(four.ownersCommittee.termStart)} ~ ${formatDate(four.ownersCommittee.termEnd)}`,
                        })}{' '}
                        · {t('organizations.field.membersCount')} {four.ownersCommittee.membersCount}
                      </Typography.Text>
                    </Space>
                  )}
                </PartyCard>
              </Col>
              <Col xs={24} md={12} xl={6}>
                <PartyCard
                  k="propertyCompany"
                  present={!!four.propertyCompany}
                  testId="party-propertyCompany"
                  action={
                    manage && (
                      <Button size="small" type="link" onClick={() => setModal('property')}>
                        {four.propertyCompany
                          ? t('organizations.compound.changeProperty')
                          : t('organizations.compound.setProperty')}
                      </Button>
                    )
                  }
                >
                  {four.propertyCompany && (
                    <Space orientation="vertical" size={2}>
                      <span>
                        <Typography.Text strong>{four.propertyCompany.name}</Typography.Text>
                        {four.propertyCompany.isRed && (
                          <Tag color="red" style={{ marginInlineStart: 6 }} data-testid="red-property">
                            {t('organizations.units.redTag')}
                          </Tag>
                        )}
                      </span>
                      {four.propertyCompany.partyOrg && (
                        <Link to={`/party-orgs?id=${four.propertyCompany.partyOrg.id}`}>
                          {four.propertyCompany.partyOrg.name}
                        </Link>
                      )}
                      <Typography.Text type="secondary">
                        {t('organizations.common.labelValue', {
                          label: t('organizations.field.contactName'),
                          value: `${four.propertyCompany.contactName ?? '—'} ${four.propertyCompany.contactPhone ?? ''}`,
                        })}
                      </Typography.Text>
                      {manage && (
                        <Popconfirm title={t('organizations.compound.clearProperty')} onConfirm={() => clear.mutate()}>
                          <Button size="small" type="link" danger style={{ paddingInline: 0 }}>
                            {t('organizations.compound.clearProperty')}
                          </Button>
                        </Popconfirm>
                      )}
                    </Space>
                  )}
                </PartyCard>
              </Col>
            </Row>
          </Card>

          <Row gutter={16}>
            <Col xs={24} xl={14}>
              <Card size="small" title={t('organizations.compound.buildings')}>
                <Table<CompoundBuilding>
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={data.buildings}
                  data-testid="compound-buildings"
                  rowClassName={(b) => (b.id === focus ? 'ant-table-row-selected' : '')}
                  columns={[
                    { title: t('organizations.compound.buildings'), dataIndex: 'name' },
                    {
                      title: t('organizations.compound.lead'),
                      render: (_, b) => b.leadName ?? <Typography.Text type="secondary">—</Typography.Text>,
                    },
                    {
                      title: t('organizations.compound.group'),
                      render: (_, b) =>
                        b.partyGroup ? (
                          <Link to={`/party-orgs?id=${b.partyGroup.id}`}>{b.partyGroup.name}</Link>
                        ) : (
                          <Typography.Text type="secondary">—</Typography.Text>
                        ),
                    },
                    { title: t('organizations.field.members'), dataIndex: 'memberCount', align: 'right', width: 80 },
                    {
                      title: '',
                      width: 100,
                      render: (_, b) =>
                        b.flagged ? <Tag color="gold">{t('organizations.compound.flagged')}</Tag> : null,
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                <Card size="small" title={t('organizations.compound.orgs')}>
                  <Table<PartyOrg>
                    size="small"
                    rowKey="id"
                    pagination={false}
                    dataSource={data.partyOrgs}
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
                    ]}
                  />
                </Card>
                <Card
                  size="small"
                  title={t('organizations.compound.groups')}
                  extra={
                    manage && (
                      <Button size="small" type="link" icon={<PlusOutlined />} onClick={() => setModal('group')}>
                        {t('organizations.compound.addGroup')}
                      </Button>
                    )
                  }
                >
                  <Table<ResidentsGroup>
                    size="small"
                    rowKey="id"
                    pagination={false}
                    dataSource={data.residentsGroups}
                    columns={[
                      { title: t('organizations.field.name'), dataIndex: 'name' },
                      {
                        title: t('organizations.field.leader'),
                        render: (_, g) => `${g.leaderName ?? '—'} ${g.leaderPhone ?? ''}`,
                      },
                    ]}
                  />
                </Card>
              </Space>
            </Col>
          </Row>
        </Space>
      ) : null}
      {compound && four && (
        <>
          <OrgFormModal
            open={modal === 'branch'}
            initial={{
              kind: 'branch',
              territory: compound,
              parentId: four.communityCommittee?.id ?? null,
              name: `中共${compound.name}支部委员会`,
            }}
            onClose={() => setModal(null)}
          />
          <OwnersFormModal
            open={modal === 'owners'}
            compound={compound}
            committee={four.ownersCommittee}
            onClose={() => setModal(null)}
          />
          <PropertyFormModal open={modal === 'property'} compound={compound} onClose={() => setModal(null)} />
          <ResidentsGroupFormModal open={modal === 'group'} place={compound} onClose={() => setModal(null)} />
        </>
      )}
    </div>
  );
}
