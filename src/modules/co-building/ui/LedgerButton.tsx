import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Filters } from '../../../web/components/PagedTable';
import { Space } from 'antd';
import { useCan } from '../../../web/app/auth';
import { ExportButton } from '../../people/ui';
import { CO_IMPORT_LISTS, LedgerImportButton, type CoImportList } from './LedgerImport';

/** The lists that export a ledger 台账 (decision 047): `GET /api/co-building/<list>/export.xlsx`. */
export type CoLedgerList =
  'needs' | 'resources' | 'projects' | 'agreements' | 'alliances' | 'challenges' | 'shared-items' | 'shared-loans';

/**
 * 导出台账 (and, for needs, resources, projects and agreements, 导入 beside it for those who keep the list —
 * decision 058): the list's ledger under the filters the list shows now, all pages in one .xlsx (the server applies the
 * caller's scope and masking, and audits the download).
 */
export function LedgerButton({ list, filters }: { list: CoLedgerList; filters: Filters }) {
  const { t } = useTranslation();
  const can = useCan();
  const exportButton = (
    <ExportButton
      path={`/api/co-building/${list}/export.xlsx`}
      params={filters}
      fileName={`${t(`coLedger.${list}`)}-${dayjs().format('YYYYMMDD')}.xlsx`}
      testId={`co-ledger-${list}`}
    />
  );
  if (!CO_IMPORT_LISTS.includes(list) || !can('coBuilding.manage')) return exportButton;
  return (
    <Space>
      <LedgerImportButton list={list as CoImportList} />
      {exportButton}
    </Space>
  );
}
