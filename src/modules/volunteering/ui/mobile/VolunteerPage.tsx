import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, List, ProgressBar, Space, Tabs, Tag, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, isApiError } from '../../../../web/api/client';
import { formatDateTime } from '../../../../web/components/format';
import type { MyPoints, OpenActivity, Shift, Signup, SignupRow } from '../types';

const fail = (e: unknown) => Toast.show({ content: isApiError(e) ? e.message : String(e) });
const time = (s: Shift) => `${formatDateTime(s.startsAt).slice(0, 16)} – ${formatDateTime(s.endsAt).slice(11, 16)}`;

function position(): Promise<{ lng: number; lat: number }> {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) reject(new Error('no geolocation'));
    else
      navigator.geolocation.getCurrentPosition(
        (p) => resolve({ lng: p.coords.longitude, lat: p.coords.latitude }),
        (e) => reject(new Error(e.message)),
        { enableHighAccuracy: true, timeout: 10_000 },
      );
  });
}

/** 志愿服务: open activities (sign up, check in and out by the organiser's QR code or by location), my hours, my points. */
export default function VolunteerPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const scanned = {
    shift: Number(params.get('shift') ?? 0),
    direction: params.get('direction') as 'in' | 'out' | null,
    token: params.get('token') ?? '',
  };
  const [tab, setTab] = useState(params.get('tab') ?? 'activities');
  const open = useQuery({
    queryKey: ['volunteering', 'm', 'open'],
    queryFn: () => api.get<{ items: OpenActivity[] }>('/api/volunteering/open'),
  });
  const mine = useQuery({
    queryKey: ['volunteering', 'm', 'mine'],
    queryFn: () => api.get<{ totalMinutes: number; items: SignupRow[] }>('/api/volunteering/mine'),
  });
  const points = useQuery({
    queryKey: ['volunteering', 'm', 'points'],
    queryFn: () => api.get<MyPoints>('/api/points/mine'),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['volunteering', 'm'] });
  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      Toast.show({ icon: 'success', content: done });
      refresh();
    } catch (e) {
      fail(e);
    }
  };
  const checkBody = async (shiftId: number, direction: 'in' | 'out') =>
    scanned.shift === shiftId && scanned.direction === direction && scanned.token
      ? { direction, token: scanned.token }
      : { direction, ...(await position()) };

  const shiftActions = (s: Shift & { mine: Signup | null }) => {
    const m = s.mine;
    if (!m)
      return (
        <Button
          size="small"
          color="primary"
          disabled={s.taken >= s.capacity}
          data-testid={`m-vol-signup-${s.id}`}
          onClick={() =>
            void act(() => api.post(`/api/volunteering/shifts/${s.id}/sign-up`), t('volunteering.mobile.signedUp'))
          }
        >
          {s.taken >= s.capacity ? t('volunteering.mobile.full') : t('volunteering.mobile.signUp')}
        </Button>
      );
    const dir = m.status === 'signedUp' ? 'in' : m.status === 'checkedIn' ? 'out' : null;
    return (
      <Space wrap>
        <Tag color="primary" data-testid={`m-vol-status-${s.id}`}>
          {t(`volunteering.signupStatus.${m.status}`)}
        </Tag>
        {dir && (
          <Button
            size="small"
            color="success"
            data-testid={`m-vol-check-${s.id}`}
            onClick={() =>
              void act(
                async () => api.post(`/api/volunteering/shifts/${s.id}/check`, await checkBody(s.id, dir)),
                t(dir === 'in' ? 'volunteering.mobile.checkedIn' : 'volunteering.mobile.checkedOut'),
              )
            }
          >
            {scanned.shift === s.id && scanned.direction === dir
              ? t(dir === 'in' ? 'volunteering.mobile.checkInQr' : 'volunteering.mobile.checkOutQr')
              : t(dir === 'in' ? 'volunteering.mobile.checkInHere' : 'volunteering.mobile.checkOutHere')}
          </Button>
        )}
        {m.status === 'signedUp' && (
          <Button
            size="small"
            fill="outline"
            onClick={() =>
              void act(() => api.post(`/api/volunteering/shifts/${s.id}/cancel`), t('volunteering.mobile.cancelled'))
            }
          >
            {t('volunteering.mobile.cancel')}
          </Button>
        )}
      </Space>
    );
  };

  const p = points.data;
  return (
    <div data-testid="m-volunteering" style={{ padding: 12 }}>
      <Tabs activeKey={tab} onChange={setTab}>
        <Tabs.Tab title={t('volunteering.mobile.activities')} key="activities">
          {(open.data?.items ?? []).length === 0 && <Empty description={t('volunteering.mobile.none')} />}
          {(open.data?.items ?? []).map((a) => (
            <Card
              key={a.id}
              title={a.title}
              extra={<Tag color="success">{t(`volunteering.kind.${a.kind}`)}</Tag>}
              style={{ marginBottom: 12 }}
              data-testid={`m-vol-activity-${a.id}`}
            >
              <div style={{ color: '#666', marginBottom: 8 }}>
                {a.place} · {a.territory.name}
              </div>
              <List>
                {a.shifts.map((s) => (
                  <List.Item
                    key={s.id}
                    description={`${time(s)} · ${t('volunteering.mobile.places', { taken: s.taken, capacity: s.capacity })}`}
                    extra={shiftActions(s)}
                  >
                    {s.label}
                  </List.Item>
                ))}
              </List>
            </Card>
          ))}
        </Tabs.Tab>
        <Tabs.Tab title={t('volunteering.mobile.hours')} key="hours">
          <Card data-testid="m-vol-hours">
            <div style={{ fontSize: 28, fontWeight: 600 }}>
              {Math.round(((mine.data?.totalMinutes ?? 0) / 60) * 10) / 10} {t('volunteering.mobile.hoursUnit')}
            </div>
            <div style={{ color: '#666' }}>{t('volunteering.mobile.hoursHelp')}</div>
            <Link to="/m/volunteering/certificate" data-testid="m-vol-certificate-link">
              {t('volunteering.certificate.title')}
            </Link>
          </Card>
          <List>
            {(mine.data?.items ?? []).map((r) => (
              <List.Item
                key={r.id}
                description={`${r.shiftLabel} · ${formatDateTime(r.startsAt)}${r.creditCommunity ? ` · ${t('volunteering.mobile.creditedTo', { name: r.creditCommunity })}` : ''}`}
                extra={
                  r.status === 'confirmed'
                    ? `${Math.round(((r.confirmedMinutes ?? 0) / 60) * 10) / 10} h`
                    : t(`volunteering.signupStatus.${r.status}`)
                }
              >
                {r.activity.name}
              </List.Item>
            ))}
          </List>
        </Tabs.Tab>
        <Tabs.Tab title={t('volunteering.mobile.points')} key="points">
          {p && (
            <Card data-testid="m-vol-points">
              <div style={{ fontSize: 26 }} data-testid="m-vol-stars">
                {'★'.repeat(p.stars)}
                {'☆'.repeat(5 - p.stars)}
              </div>
              <div>
                {t('volunteering.mobile.yearPoints', { year: p.year, points: p.yearPoints })} ·{' '}
                {t('volunteering.mobile.totalPoints', { points: p.totalPoints })}
              </div>
              {p.grade && <div>{t('volunteering.mobile.grade', { grade: t(`volunteering.grade.${p.grade}`) })}</div>}
              <ProgressBar
                percent={Math.min(100, (p.yearPoints / (p.rule.thresholds[p.rule.thresholds.length - 1] || 1)) * 100)}
                style={{ margin: '8px 0' }}
              />
              <div style={{ color: '#666', fontSize: 12 }}>
                {t('volunteering.starRule', { t: p.rule.thresholds.join(' / ') })}
              </div>
            </Card>
          )}
          <List>
            {(p?.entries ?? []).map((e) => (
              <List.Item
                key={e.id}
                description={`${formatDateTime(e.at)}${e.reason ? ` · ${e.reason}` : ''}${e.points < e.requested ? ` · ${t('volunteering.capped', { requested: e.requested })}` : ''}`}
                extra={
                  e.status === 'posted' ? (
                    <span style={{ color: e.points >= 0 ? '#389e0d' : '#cf1322' }}>
                      {e.points >= 0 ? '+' : ''}
                      {e.points}
                    </span>
                  ) : (
                    t(`volunteering.entryStatus.${e.status}`)
                  )
                }
              >
                {t(`volunteering.source.${e.source}`)}
              </List.Item>
            ))}
          </List>
        </Tabs.Tab>
      </Tabs>
    </div>
  );
}
