import { useQuery } from '@tanstack/react-query';
import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../web/api/client';
import { useMe } from '../../../../web/app/auth';
import { formatDate } from '../../../../web/components/format';
import type { SignupRow } from '../types';

/** 志愿服务时长证明: a printable page of the volunteer's confirmed hours (print or save as PDF from the browser). */
export default function CertificatePage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const mine = useQuery({
    queryKey: ['volunteering', 'm', 'mine'],
    queryFn: () => api.get<{ totalMinutes: number; items: SignupRow[] }>('/api/volunteering/mine'),
  });
  const rows = (mine.data?.items ?? []).filter((r) => r.status === 'confirmed');
  const hours = Math.round(((mine.data?.totalMinutes ?? 0) / 60) * 10) / 10;
  return (
    <div data-testid="m-vol-certificate" style={{ padding: 24, background: '#fff', minHeight: '100vh', fontSize: 15 }}>
      <h2 style={{ textAlign: 'center', letterSpacing: 4 }}>{t('volunteering.certificate.title')}</h2>
      <p style={{ lineHeight: 1.8, textIndent: '2em' }}>
        {t('volunteering.certificate.body', { name: me?.displayName ?? '', count: rows.length, hours })}
      </p>
      <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: 13 }}>
        <thead>
          <tr>
            {['date', 'activity', 'hours', 'credit'].map((k) => (
              <th key={k} style={{ border: '1px solid #999', padding: 4 }}>
                {t(`volunteering.certificate.${k}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td style={{ border: '1px solid #999', padding: 4 }}>{formatDate(r.startsAt)}</td>
              <td style={{ border: '1px solid #999', padding: 4 }}>{r.activity.name}</td>
              <td style={{ border: '1px solid #999', padding: 4, textAlign: 'right' }}>
                {Math.round(((r.confirmedMinutes ?? 0) / 60) * 10) / 10}
              </td>
              <td style={{ border: '1px solid #999', padding: 4 }}>{r.creditCommunity}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p style={{ marginTop: 16, color: '#666', fontSize: 12 }}>{t('volunteering.certificate.note')}</p>
      <p style={{ textAlign: 'right' }}>{formatDate(new Date().toISOString())}</p>
      <Button block color="primary" className="no-print" onClick={() => window.print()} style={{ marginTop: 16 }}>
        {t('volunteering.certificate.print')}
      </Button>
      <style>{'@media print { .no-print { display: none !important; } }'}</style>
    </div>
  );
}
