import { useQuery } from '@tanstack/react-query';
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import { formatDateTime } from '../../../web/components/format';
import { PageSpin } from '../../../web/components/Loading';
import type { Consultation } from './types';

const PRINT_CSS = `
@media print {
  .ant-layout-sider, .ant-layout-header, .no-print { display: none !important; }
  .ant-layout, .ant-layout-content { margin: 0 !important; padding: 0 !important; background: #fff !important; }
  @page { size: A4; margin: 20mm; }
}
.notice-sheet { max-width: 760px; margin: 0 auto; background: #fff; padding: 40px 48px; font-size: 16px; line-height: 2; }
.notice-sheet h1 { text-align: center; font-size: 26px; letter-spacing: 6px; margin-bottom: 8px; }
.notice-sheet h2 { text-align: center; font-size: 18px; font-weight: 600; margin-bottom: 24px; }
.notice-sheet .sign { text-align: right; margin-top: 48px; }
`;

/** 协商议事公告: the notice of a consultation, to post in the compound (printed, or saved as PDF). */
export default function ConsultationNoticePage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const q = useQuery({
    queryKey: ['consultations', id],
    queryFn: () => api.get<Consultation>(`/api/consultations/${id}`),
  });
  if (!q.data) return <PageSpin />;
  const c = q.data;
  return (
    <div data-testid="consultation-notice-page">
      <style>{PRINT_CSS}</style>
      <Space className="no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" onClick={() => window.print()}>
          {t('meetings.printNow')}
        </Button>
      </Space>
      <div className="notice-sheet">
        <h1>{t('meetings.consultation.noticeTitle')}</h1>
        <h2>{c.title}</h2>
        <p style={{ whiteSpace: 'pre-wrap', textIndent: '2em' }}>{c.notice}</p>
        {c.options.length > 0 && (
          <p>
            {t('meetings.consultation.noticeOptions')}：{c.options.map((o, i) => `${i + 1}. ${o}`).join('　')}
          </p>
        )}
        <p>
          {t('meetings.consultation.period')}：{formatDateTime(c.opensAt)} — {formatDateTime(c.closesAt)}
        </p>
        <p style={{ textIndent: '2em' }}>
          {t('meetings.consultation.noticeHow', {
            vote: c.options.length ? t('meetings.consultation.noticeVote') : '',
          })}
        </p>
        <div className="sign">
          {t('meetings.consultation.noticeBy', { place: c.territory.name, date: formatDateTime(c.opensAt) })}
        </div>
      </div>
    </div>
  );
}
