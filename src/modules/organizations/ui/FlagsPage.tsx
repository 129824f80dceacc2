import { ToolOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Empty, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import type { Territory } from '../../../web/api/types';
import { LevelTag } from '../../../web/components/LevelTag';
import { PagedTable } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { formatNumber } from '../../../web/components/format';
import type { Flag, FlagKind, FlagPage } from './types';

const KINDS: FlagKind[] = ['branchTooLarge', 'compoundWithoutBranch', 'buildingWithoutLead', 'nameMismatch'];
const SEVERITY_COLOR = { high: 'red', medium: 'orange', low: 'gold' } as const;

/** Where a flag is fixed: the organisation to upgrade, or the compound page (branch, lead, building). */
export function flagTarget(f: Flag): string {
  if (f.link.route === 'partyOrg') return `/party-orgs?id=${f.link.id}`;
  return `/compounds?id=${f.link.id}${f.link.focusId ? `&focus=${f.link.focusId}` : ''}`;
}

/** 组织建设提示: the rule flags of the subtree, grouped by kind, each with a link to the record to fix. */
export default function FlagsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // The dashboard's drill-down (issue 16) opens this page on a node (`territoryId`) and maybe one kind (`kind`).
  const [params, setParams] = useSearchParams();
  const territoryId = Number(params.get('territoryId')) || undefined;
  const only = KINDS.find((k) => k === params.get('kind'));
  const scope = territoryId ? { territoryId } : {};
  const place = useQuery({
    queryKey: ['territories', 'one', territoryId],
    queryFn: () => api.get<Territory>(`/api/territories/${territoryId}`),
    enabled: territoryId !== undefined,
    retry: false,
  });
  const counts = useQuery({
    queryKey: ['organizations', 'flags', 'counts', territoryId ?? 'all'],
    queryFn: () => api.get<FlagPage>('/api/organizations/flags', { pageSize: 1, ...scope }),
  });
  const total = only ? (counts.data?.counts[only] ?? 0) : (counts.data?.total ?? 0);
  const drop = (key: string) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      next.delete(key);
      return next;
    });

  return (
    <div data-testid="flags-page">
      <PageTitle
        title={t('organizations.flags.title')}
        help={t('organizations.flags.help')}
        extra={
          counts.data && <Tag color={total ? 'red' : 'green'}>{t('organizations.flags.total', { count: total })}</Tag>
        }
      />
      {(territoryId !== undefined || only) && (
        <Space wrap style={{ marginBottom: 12 }} data-testid="flags-filters">
          <Typography.Text type="secondary">{t('organizations.flags.filtered')}</Typography.Text>
          {territoryId !== undefined && (
            <Tag closable onClose={() => drop('territoryId')} data-testid="flags-filter-territory">
              {place.data ? (
                <>
                  <LevelTag level={place.data.level} />
                  {place.data.name}
                </>
              ) : (
                `#${territoryId}`
              )}
            </Tag>
          )}
          {only && (
            <Tag closable onClose={() => drop('kind')} data-testid="flags-filter-kind">
              {t(`organizations.flags.kind.${only}`)}
            </Tag>
          )}
        </Space>
      )}
      {counts.data && total === 0 && <Empty description={t('organizations.flags.none')} />}
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {KINDS.filter((k) => (!only || k === only) && (counts.data?.counts[k] ?? 0) > 0).map((kind) => (
          <Card
            key={kind}
            size="small"
            data-testid={`flags-${kind}`}
            title={
              <Space>
                <Badge
                  count={formatNumber(counts.data?.counts[kind] ?? 0)}
                  color={
                    kind === 'branchTooLarge'
                      ? 'red'
                      : kind === 'compoundWithoutBranch'
                        ? 'orange'
                        : kind === 'nameMismatch'
                          ? 'blue'
                          : 'gold'
                  }
                />
                {t(`organizations.flags.kind.${kind}`)}
              </Space>
            }
          >
            <PagedTable<Flag>
              queryKey={['organizations', 'flags', kind, territoryId ?? 'all']}
              path="/api/organizations/flags"
              filters={{ kind, ...scope }}
              rowKey={(f) => `${f.kind}:${f.territory.id}:${f.org?.id ?? ''}`}
              testId={`flags-table-${kind}`}
              defaultPageSize={10}
              columns={[
                {
                  title: t('organizations.field.kind'),
                  width: 120,
                  render: (_, f) => (
                    <Tag color={SEVERITY_COLOR[f.severity]}>{t(`organizations.flags.short.${f.kind}`)}</Tag>
                  ),
                },
                { title: t('organizations.field.community'), width: 160, render: (_, f) => f.community?.name ?? '—' },
                {
                  title: t('organizations.field.place'),
                  width: 180,
                  render: (_, f) => (
                    <span>
                      <LevelTag level={f.territory.level} />
                      {f.territory.name}
                    </span>
                  ),
                },
                {
                  title: t('organizations.field.note'),
                  render: (_, f) => <Typography.Text>{f.message}</Typography.Text>,
                },
                {
                  title: '',
                  width: 110,
                  render: (_, f) => (
                    <Button
                      size="small"
                      type="link"
                      icon={<ToolOutlined />}
                      onClick={() => navigate(flagTarget(f))}
                      data-testid="flag-fix"
                    >
                      {t('organizations.common.fix')}
                    </Button>
                  ),
                },
              ]}
            />
          </Card>
        ))}
      </Space>
    </div>
  );
}
