import { useQuery } from '@tanstack/react-query';
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import { formatDateTime } from '../../../web/components/format';
import { PageSpin } from '../../../web/components/Loading';
import type { Meeting } from './types';

const PRINT_CSS = `
@media print {
  .ant-layout-sider, .ant-layout-header, .no-print { display: none !important; }
  .ant-layout, .ant-layout-content { margin: 0 !important; padding: 0 !important; background: #fff !important; }
  @page { size: A4; margin: 20mm; }
}
.notice-sheet { max-width: 760px; margin: 0 auto; background: #fff; padding: 40px 48px; font-size: 16px; line-height: 2; }
.notice-sheet h1 { text-align: center; font-size: 26px; letter-spacing: 6px; margin-bottom: 24px; }
.notice-sheet .sign { text-align: right; margin-top: 48px; }
`;

/** 会议通知: the printable invitation of a meeting — who is invited (drawn from the structure), when, where, agenda. */
export default function MeetingNoticePage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: ['meetings', id], queryFn: () => api.get<Meeting>(`/api/meetings/${id}`) });
  if (!q.data) return <PageSpin />;
  const m = q.data;
  return (
    <div data-testid="meeting-notice-page">
      <style>{PRINT_CSS}</style>
      <Space className="no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" onClick={() => window.print()}>
          {t('meetings.printNow')}
        </Button>
      </Space>
      <div className="notice-sheet">
        <h1>{t('meetings.notice.title')}</h1>
        <p>{m.invitees.map((i) => i.name).join('、')}：</p>
        <p style={{ textIndent: '2em' }}>
          {t('meetings.notice.body', {
            time: formatDateTime(m.startsAt),
            place: m.place ?? m.territory.name,
            title: m.title,
          })}
        </p>
        {m.agenda.length > 0 && (
          <>
            <p>{t('meetings.notice.agenda')}</p>
            <ol>
              {m.agenda.map((a) => (
                <li key={a.id}>{a.title}</li>
              ))}
            </ol>
          </>
        )}
        <p style={{ textIndent: '2em' }}>{t('meetings.notice.ask')}</p>
        <div className="sign">
          {m.territory.name}
          <br />
          {formatDateTime(new Date().toISOString()).slice(0, 10)}
        </div>
      </div>
    </div>
  );
}
