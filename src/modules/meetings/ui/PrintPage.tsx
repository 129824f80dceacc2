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
  @page { size: A4; margin: 18mm; }
}
.minutes-sheet { max-width: 760px; margin: 0 auto; background: #fff; padding: 32px 40px; font-size: 15px; line-height: 1.8; }
.minutes-sheet h1 { text-align: center; font-size: 24px; letter-spacing: 4px; margin-bottom: 16px; }
.minutes-sheet table { width: 100%; border-collapse: collapse; }
.minutes-sheet td, .minutes-sheet th { border: 1px solid #333; padding: 6px 10px; vertical-align: top; text-align: left; }
.minutes-sheet th { width: 110px; font-weight: 600; background: #fafafa; }
`;

/** 会议记录: the meeting's minutes in the form a community files, printed (or saved as PDF) from the browser. */
export default function PrintPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: ['meetings', id], queryFn: () => api.get<Meeting>(`/api/meetings/${id}`) });
  if (!q.data) return <PageSpin />;
  const m = q.data;
  const present = m.invitees.filter((i) => i.attended).map((i) => i.name);
  const absent = m.invitees.filter((i) => !i.attended).map((i) => i.name);
  return (
    <div data-testid="meeting-print-page">
      <style>{PRINT_CSS}</style>
      <Space className="no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" onClick={() => window.print()}>
          {t('meetings.printNow')}
        </Button>
      </Space>
      <div className="minutes-sheet">
        <h1>{t('meetings.printTitle')}</h1>
        <table>
          <tbody>
            <tr>
              <th>{t('meetings.field.title')}</th>
              <td colSpan={3}>{m.title}</td>
            </tr>
            <tr>
              <th>{t('meetings.field.type')}</th>
              <td>{t(`meetings.type.${m.typeKey}`)}</td>
              <th>{t('meetings.field.territory')}</th>
              <td>{m.territory.name}</td>
            </tr>
            <tr>
              <th>{t('meetings.field.startsAt')}</th>
              <td>{formatDateTime(m.startsAt)}</td>
              <th>{t('meetings.field.place')}</th>
              <td>{m.place ?? ''}</td>
            </tr>
            <tr>
              <th>{t('meetings.present')}</th>
              <td colSpan={3}>
                {present.join('、') || '—'}（{present.length}）
              </td>
            </tr>
            <tr>
              <th>{t('meetings.absent')}</th>
              <td colSpan={3}>{absent.join('、') || '—'}</td>
            </tr>
            {m.agenda.map((item, k) => (
              <tr key={item.id}>
                <th>{t('meetings.itemNo', { n: k + 1 })}</th>
                <td colSpan={3}>
                  <div>
                    <b>{item.title}</b>
                  </div>
                  <div style={{ whiteSpace: 'pre-wrap' }}>
                    {t('meetings.minutes')}：{item.minutes ?? ''}
                  </div>
                  {item.decisions.map((d, j) => (
                    <div key={d.id}>
                      {t('meetings.decisionNo', { n: j + 1 })}：{d.text}
                      {d.actionItems.map((x) => (
                        <div key={x.id} style={{ paddingInlineStart: 24 }}>
                          · {x.title}（{x.owner.name}，{formatDateTime(x.dueAt).slice(0, 10)}，
                          {t(`meetings.actionStatus.${x.status}`)}）
                        </div>
                      ))}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
            <tr>
              <th>{t('meetings.status.approved')}</th>
              <td colSpan={3}>{m.approvedAt ? formatDateTime(m.approvedAt) : t('meetings.notApprovedYet')}</td>
            </tr>
            {m.corrections.map((c) => (
              <tr key={c.id}>
                <th>{t('meetings.corrections')}</th>
                <td colSpan={3}>
                  {formatDateTime(c.at)} {c.by ?? ''}：{c.reason}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p style={{ marginTop: 32, textAlign: 'right' }}>
          {t('meetings.recorder')}：__________
          <span style={{ marginInlineStart: 48 }}>{t('meetings.approver')}：__________</span>
        </p>
      </div>
    </div>
  );
}
