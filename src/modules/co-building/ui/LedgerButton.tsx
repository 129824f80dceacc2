import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Filters } from '../../../web/components/PagedTable';
import { ExportButton } from '../../people/ui';

/** The lists that export a ledger 台账 (decision 047): `GET /api/co-building/<list>/export.xlsx`. */
export type CoLedgerList =
  'needs' | 'resources' | 'projects' | 'agreements' | 'alliances' | 'challenges' | 'shared-items' | 'shared-loans';

/**
 * 导出台账: the list's ledger under the filters the list shows now, all pages in one .xlsx (the server applies the
 * caller's scope and masking, and audits the download).
 */
export function LedgerButton({ list, filters }: { list: CoLedgerList; filters: Filters }) {
  const { t } = useTranslation();
  return (
    <ExportButton
      path={`/api/co-building/${list}/export.xlsx`}
      params={filters}
      fileName={`${t(`coLedger.${list}`)}-${dayjs().format('YYYYMMDD')}.xlsx`}
      testId={`co-ledger-${list}`}
    />
  );
}
