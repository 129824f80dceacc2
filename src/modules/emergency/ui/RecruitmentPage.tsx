import { Select, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PagedTable } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import type { Candidate } from '../contract';
import { STAGES } from '../constants';
import type { Wire } from './types';

/** 发展党员: candidates of the branches by stage, with the days of each step and 一谈一报一审一定. */
export default function RecruitmentPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const stage = params.get('stage') ?? undefined;
  return (
    <>
      <PageTitle title={t('recruitment.title')} help={t('recruitment.help')} />
      <Space style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 180 }}
          placeholder={t('recruitment.stage.label')}
          value={stage}
          onChange={(v: string | undefined) => {
            const p = new URLSearchParams(params);
            if (v) p.set('stage', v);
            else p.delete('stage');
            setParams(p);
          }}
          options={STAGES.map((s) => ({ value: s, label: t(`recruitment.stage.${s}`) }))}
        />
      </Space>
      <PagedTable<Wire<Candidate>>
        queryKey={['recruitment']}
        path="/api/recruitment/candidates"
        filters={{ stage, territoryId: params.get('territoryId') ?? undefined }}
        rowKey={(r) => r.id}
        testId="recruitment-list"
        columns={[
          { title: t('recruitment.name'), dataIndex: 'name' },
          { title: t('recruitment.branch'), render: (_, r) => r.branch.name },
          {
            title: t('recruitment.stage.label'),
            render: (_, r) => <Tag color="red">{t(`recruitment.stage.${r.stage}`)}</Tag>,
          },
          {
            title: t('recruitment.days'),
            render: (_, r) =>
              [
                [t('recruitment.stage.applicant'), r.appliedOn],
                [t('recruitment.stage.activist'), r.activistOn],
                [t('recruitment.stage.target'), r.targetOn],
                [t('recruitment.stage.probationary'), r.probationOn],
                [t('recruitment.stage.full'), r.fullOn],
              ]
                .filter(([, d]) => d)
                .map(([k, d]) => `${k} ${d}`)
                .join(' → '),
          },
          { title: t('recruitment.introducers'), render: (_, r) => r.introducers.join('、') || '—' },
          {
            title: t('recruitment.review'),
            render: (_, r) =>
              (['talk', 'report', 'review', 'decide'] as const).map((k) => (
                <Tag key={k} color={r.review[k] ? 'green' : 'default'}>
                  {t(`recruitment.step.${k}`)}
                </Tag>
              )),
          },
        ]}
      />
    </>
  );
}
