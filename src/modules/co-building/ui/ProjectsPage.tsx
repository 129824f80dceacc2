import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Progress, Radio, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../../web/api/client';
import type { Page } from '../../../web/api/types';
import { PageSpin } from '../../../web/components/Loading';
import { PageTitle } from '../../../web/components/PageTitle';
import { LedgerButton } from './LedgerButton';
import { BoardTag, CoTabs, useUrlFilters } from './shared';
import { BOARD_COLORS, BOARD_STATES, type ProjectSummary } from './types';

const FILTER_KEYS = ['territoryId', 'state', 'status', 'onTime', 'from', 'to', 'doneFrom', 'doneTo', 'q'];

/** 挂图作战: every project of the area as a card, coloured by on schedule / late / done, with % done from tasks. */
export default function ProjectsPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useUrlFilters(FILTER_KEYS);
  const q = useQuery({
    queryKey: ['coBuilding', 'projects', filters],
    queryFn: () => api.get<Page<ProjectSummary>>('/api/co-building/projects', { ...filters, pageSize: 200 }),
  });
  const counts = Object.fromEntries(
    BOARD_STATES.map((s) => [s, (q.data?.items ?? []).filter((p) => p.state === s).length]),
  );
  return (
    <div data-testid="co-projects-page">
      <PageTitle
        title={t('coBuilding.projectsTitle')}
        help={t('coBuilding.projectsHelp')}
        extra={<LedgerButton list="projects" filters={filters} />}
      />
      <CoTabs />
      <Space style={{ marginBottom: 16 }} wrap>
        <Radio.Group
          value={filters.state ?? ''}
          onChange={(e) => setFilters({ ...filters, state: (e.target.value as string) || undefined })}
          optionType="button"
          options={[
            { value: '', label: t('coBuilding.board.all') },
            ...BOARD_STATES.map((s) => ({ value: s, label: `${t(`coBuilding.board.${s}`)}` })),
          ]}
        />
        {!filters.state &&
          BOARD_STATES.map((s) => (
            <span key={s} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
              <span style={{ width: 10, height: 10, borderRadius: 2, background: BOARD_COLORS[s] }} />
              {t(`coBuilding.board.${s}`)} {counts[s]}
            </span>
          ))}
      </Space>
      {q.isPending ? (
        <PageSpin />
      ) : !q.data?.items.length ? (
        <Empty description={t('coBuilding.noProjects')} />
      ) : (
        <Row gutter={[16, 16]} data-testid="project-board">
          {q.data.items.map((p) => (
            <Col key={p.id} xs={24} sm={12} lg={8} xl={6}>
              <Link to={`/co-building/projects/${p.id}`} data-testid={`project-card-${p.id}`}>
                <Card
                  size="small"
                  hoverable
                  style={{ borderTop: `4px solid ${BOARD_COLORS[p.state]}`, height: '100%' }}
                  title={
                    <Typography.Text ellipsis={{ tooltip: p.title }} strong>
                      {p.title}
                    </Typography.Text>
                  }
                  extra={<BoardTag state={p.state} />}
                >
                  <Progress percent={p.percentDone} strokeColor={BOARD_COLORS[p.state]} />
                  <Typography.Text type="secondary" style={{ display: 'block' }}>
                    {p.community.name} · {t('coBuilding.field.owner')}：{p.ownerName}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ display: 'block' }}>
                    {t('coBuilding.dueLine', { due: p.dueOn, tasks: p.taskCount, needs: p.needCount })}
                  </Typography.Text>
                  {p.ratingMean !== null && (
                    <Typography.Text style={{ display: 'block' }}>
                      {t('coBuilding.ratingLine', { mean: p.ratingMean, count: p.ratingCount })}
                    </Typography.Text>
                  )}
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      )}
    </div>
  );
}
