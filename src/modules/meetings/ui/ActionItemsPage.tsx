import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Pagination, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import type { Page } from '../../../web/api/types';
import { PageTitle } from '../../../web/components/PageTitle';
import { ActionItemsTable } from './ActionItems';
import type { ActionItem } from './types';

const TABS = {
  undone: { status: 'open,inProgress' },
  overdue: { overdue: 'true' },
  mine: { mine: 'true' },
  all: {},
} as const;

/** 督办事项: action items of the area — undone, overdue, the caller's own, all — with the orders' live status. */
export default function ActionItemsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const meetingId = params.get('meetingId') ?? undefined;
  const [tab, setTab] = useState<keyof typeof TABS>('undone');
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['meetings', 'action-items', tab, meetingId, page],
    queryFn: () =>
      api.get<Page<ActionItem>>('/api/meetings/action-items', { ...TABS[tab], meetingId, page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
  return (
    <div data-testid="action-items-page">
      <PageTitle title={t('meetings.actionItemsTitle')} help={t('meetings.actionItemsHelp')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          setTab(k as keyof typeof TABS);
          setPage(1);
        }}
        items={Object.keys(TABS).map((k) => ({ key: k, label: t(`meetings.tab.${k}`) }))}
      />
      <ActionItemsTable items={q.data?.items ?? []} showMeeting />
      <Pagination
        style={{ marginTop: 12, textAlign: 'right' }}
        current={page}
        pageSize={20}
        total={q.data?.total ?? 0}
        onChange={setPage}
        showTotal={(n) => t('meetings.total', { n })}
      />
    </div>
  );
}
