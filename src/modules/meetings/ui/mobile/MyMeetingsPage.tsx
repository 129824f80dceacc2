import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Dialog, Empty, Input, List, Space, Tabs, Tag, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api, isApiError } from '../../../../web/api/client';
import { useCan } from '../../../../web/app/auth';
import { formatDateTime } from '../../../../web/components/format';
import type { MyMeeting, MySession, StudyRecord } from '../types';

const fail = (e: unknown) => Toast.show({ content: isApiError(e) ? e.message : String(e) });

/** 会议与组织生活: my invitations (sign in with the code), my branch sessions (sign in, ask leave), my study record. */
export default function MyMeetingsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const [code, setCode] = useState(params.get('code') ?? '');
  const meetings = useQuery({
    queryKey: ['meetings', 'm', 'mine'],
    queryFn: () => api.get<{ items: MyMeeting[] }>('/api/meetings/mine'),
  });
  const sessions = useQuery({
    queryKey: ['meetings', 'm', 'sessions'],
    queryFn: () => api.get<{ items: MySession[] }>('/api/org-life/sessions/mine'),
  });
  const study = useQuery({
    queryKey: ['meetings', 'm', 'study'],
    queryFn: () => api.get<StudyRecord[]>('/api/org-life/study/mine'),
    enabled: can('study.own'),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['meetings', 'm'] });
  const signIn = async (id: number) => {
    try {
      await api.post(`/api/meetings/${id}/sign-in`, { code });
      Toast.show({ icon: 'success', content: t('meetings.mobile.signedIn') });
      refresh();
    } catch (e) {
      fail(e);
    }
  };
  const sessionAct = async (id: number, leave: boolean) => {
    try {
      if (leave) {
        let reason = '';
        const ok = await Dialog.confirm({
          title: t('meetings.mobile.leave'),
          content: <Input placeholder={t('meetings.mobile.leaveReason')} onChange={(v) => (reason = v)} />,
        });
        if (!ok || !reason.trim()) return;
        await api.post(`/api/org-life/sessions/${id}/leave`, { reason });
      } else await api.post(`/api/org-life/sessions/${id}/sign-in`);
      Toast.show({ icon: 'success', content: t('meetings.mobile.done') });
      refresh();
    } catch (e) {
      fail(e);
    }
  };
  const mine = meetings.data?.items ?? [];
  const sess = sessions.data?.items ?? [];
  return (
    <div data-testid="m-meetings" style={{ paddingBottom: 16 }}>
      <Tabs>
        <Tabs.Tab title={t('meetings.mobile.meetings')} key="meetings">
          {mine.length === 0 && <Empty description={t('meetings.mobile.noMeetings')} />}
          {mine.map((m) => (
            <Card key={m.id} title={m.title} style={{ margin: '8px 12px' }} data-testid={`m-meeting-${m.id}`}>
              <div>
                {t(`meetings.type.${m.typeKey}`)} · {m.territory.name}
              </div>
              <div>
                {formatDateTime(m.startsAt)} {m.place ?? ''}
              </div>
              <Space style={{ marginTop: 8 }}>
                <Tag color={m.attended ? 'success' : 'default'}>
                  {m.attended ? t('meetings.mobile.present') : t(`meetings.status.${m.status}`)}
                </Tag>
              </Space>
              {!m.attended && (m.status === 'planned' || m.status === 'held') && (
                <Space style={{ marginTop: 8, width: '100%' }} block>
                  <Input
                    placeholder={t('meetings.signInCode')}
                    value={code}
                    onChange={setCode}
                    data-testid={`m-code-${m.id}`}
                  />
                  <Button
                    size="small"
                    color="primary"
                    onClick={() => void signIn(m.id)}
                    data-testid={`m-sign-in-${m.id}`}
                  >
                    {t('meetings.mobile.signIn')}
                  </Button>
                </Space>
              )}
              {m.minutes.length > 0 && (
                <List header={t('meetings.minutes')}>
                  {m.minutes.map((x, k) => (
                    <List.Item
                      key={k}
                      description={[x.minutes, ...x.decisions]
                        .filter(Boolean)
                        .map((v) => v!.replace(/[。；]$/, ''))
                        .join('；')}
                    >
                      {x.title}
                    </List.Item>
                  ))}
                </List>
              )}
            </Card>
          ))}
        </Tabs.Tab>
        <Tabs.Tab title={t('meetings.mobile.orgLife')} key="sessions">
          {sess.length === 0 && <Empty description={t('meetings.mobile.noSessions')} />}
          <List>
            {sess.map((s) => (
              <List.Item
                key={s.id}
                description={`${formatDateTime(s.heldAt)} · ${t(`meetings.mode.${s.mode}`)}${s.minutes ? ` · ${s.minutes}` : ''}`}
                extra={
                  s.sessionStatus !== 'approved' && s.myStatus === 'absent' ? (
                    <Space>
                      <Button size="mini" color="primary" onClick={() => void sessionAct(s.id, false)}>
                        {t('meetings.mobile.signIn')}
                      </Button>
                      <Button size="mini" onClick={() => void sessionAct(s.id, true)}>
                        {t('meetings.mobile.leave')}
                      </Button>
                    </Space>
                  ) : (
                    <Tag>{t(`meetings.mobile.status.${s.myStatus}`)}</Tag>
                  )
                }
              >
                {s.title}
              </List.Item>
            ))}
          </List>
        </Tabs.Tab>
        {can('study.own') && (
          <Tabs.Tab title={t('meetings.mobile.study')} key="study">
            {(study.data ?? []).map((r) => (
              <Card
                key={r.member.id}
                title={t('meetings.mobile.studyOf', { name: r.member.name, hours: r.totalHours })}
              >
                <List header={t('meetings.mobile.lessons')}>
                  {r.lessons.map((l) => (
                    <List.Item key={l.id} description={`${l.studiedOn} · ${l.hours} h${l.note ? ` · ${l.note}` : ''}`}>
                      {l.title}
                    </List.Item>
                  ))}
                </List>
                <List header={t('meetings.mobile.attended', { n: r.sessions.length })}>
                  {r.sessions.slice(0, 20).map((s) => (
                    <List.Item key={s.id} description={formatDateTime(s.heldAt)}>
                      {s.title}
                    </List.Item>
                  ))}
                </List>
              </Card>
            ))}
          </Tabs.Tab>
        )}
      </Tabs>
    </div>
  );
}
