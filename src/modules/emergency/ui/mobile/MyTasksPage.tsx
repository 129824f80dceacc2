import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Dialog, Empty, Input, Space, Tag, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../../../web/api/client';
import { formatDateTime } from '../../../../web/components/format';
import type { EmTask } from '../types';

const fail = (e: unknown) => Toast.show({ content: isApiError(e) ? e.message : String(e) });

/** 我的应急任务: tasks pushed to me in emergency mode; check in once while the emergency is on. */
export default function MyTasksPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const tasks = useQuery({
    queryKey: ['emergency', 'm', 'tasks'],
    queryFn: () => api.get<EmTask[]>('/api/emergency/my-tasks'),
  });
  const me = (task: EmTask) => task.assignees[0];
  const checkIn = async (task: EmTask) => {
    let note = '';
    const ok = await Dialog.confirm({
      title: t('emergency.mobile.checkIn'),
      content: <Input placeholder={t('emergency.mobile.note')} onChange={(v) => (note = v)} />,
    });
    if (!ok) return;
    try {
      await api.post(`/api/emergency/tasks/${task.id}/check-in`, { note: note.trim() || null });
      Toast.show({ icon: 'success', content: t('emergency.mobile.checkedIn') });
      await qc.invalidateQueries({ queryKey: ['emergency', 'm'] });
    } catch (e) {
      fail(e);
    }
  };
  const list = tasks.data ?? [];
  return (
    <div style={{ padding: 12 }} data-testid="m-emergency">
      <h3 style={{ margin: '4px 0 12px' }}>{t('emergency.mobile.title')}</h3>
      {tasks.isError && <Empty description={tasks.error.message} />}
      {!tasks.isLoading && list.length === 0 && <Empty description={t('emergency.mobile.none')} />}
      {list.map((task) => {
        const mine = me(task);
        const active = task.eventStatus === 'active';
        return (
          <Card key={task.id} title={task.title} style={{ marginBottom: 12 }} data-testid={`m-task-${task.id}`}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <div>
                <Tag color={active ? 'danger' : 'default'}>{task.eventName}</Tag>{' '}
                {!active && <Tag>{t('emergency.status.ended')}</Tag>}
              </div>
              {task.post && <div>{task.post.name}</div>}
              {task.detail && <div style={{ color: '#666' }}>{task.detail}</div>}
              {task.dueAt && (
                <div>
                  {t('emergency.task.due')}：{formatDateTime(task.dueAt)}
                </div>
              )}
              {mine?.checkedInAt ? (
                <Tag color="success">
                  {t('emergency.mobile.checkedInAt')} {formatDateTime(mine.checkedInAt)}
                </Tag>
              ) : (
                active && (
                  <Button
                    color="primary"
                    block
                    onClick={() => void checkIn(task)}
                    data-testid={`m-check-in-${task.id}`}
                  >
                    {t('emergency.mobile.checkIn')}
                  </Button>
                )
              )}
            </Space>
          </Card>
        );
      })}
    </div>
  );
}
