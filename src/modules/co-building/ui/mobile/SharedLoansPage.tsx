import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, List, NavBar, Tag, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, isApiError } from '../../../../web/api/client';
import type { Page } from '../../../../web/api/types';
import { Spinner } from '../../../../web/mobile/Spinner';

interface MyLoan {
  id: number;
  item: { id: number; name: string };
  status: 'out' | 'returnRequested' | 'returned' | 'lost';
  dueOn: string;
  overdue: boolean;
  location: string;
  place: { id: number; name: string };
  returnedAt: string | null;
  conditionIn: string | null;
}
const COLOR: Record<MyLoan['status'], string> = {
  out: 'primary',
  returnRequested: 'warning',
  returned: 'success',
  lost: 'danger',
};

/** 我的借用: the resident's loans, open ones first; ask to return one, saying in what condition. */
export default function SharedLoansPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const q = useQuery({
    queryKey: ['m', 'my-loans'],
    queryFn: ({ signal }) => api.get<Page<MyLoan>>('/api/co-building/my-loans', { pageSize: 100 }, signal),
  });

  const askReturn = async (l: MyLoan) => {
    const action = await new Promise<string | null>((resolve) => {
      const d = Dialog.show({
        title: t('mShared.returnTitle', { name: l.item.name }),
        content: t('mShared.returnHint', { location: l.location }),
        closeOnAction: true,
        onClose: () => resolve(null),
        actions: [
          { key: 'good', text: <span data-testid="m-return-good">{t('mShared.returnGood')}</span> },
          { key: 'damaged', text: t('mShared.returnDamaged'), danger: true },
          { key: 'cancel', text: t('mShared.cancel') },
        ],
        onAction: (a) => {
          resolve(String(a.key));
          d.close();
        },
      });
    });
    if (!action || action === 'cancel') return;
    try {
      await api.post(`/api/co-building/my-loans/${l.id}/return-request`, { condition: action });
      await qc.invalidateQueries({ queryKey: ['m', 'my-loans'] });
      Toast.show({ icon: 'success', content: t('mShared.returnAsked') });
    } catch (e) {
      Toast.show({ content: isApiError(e) ? e.message : String(e) });
    }
  };

  return (
    <div data-testid="m-shared-loans">
      <NavBar onBack={() => void navigate('/m/shared')}>{t('mShared.myLoans')}</NavBar>
      {q.isLoading && <Spinner />}
      {q.data && q.data.items.length === 0 && <div className="gzm-center">{t('mShared.noLoans')}</div>}
      {q.data && q.data.items.length > 0 && (
        <List style={{ '--font-size': '18px' }}>
          {q.data.items.map((l) => (
            <List.Item
              key={l.id}
              data-testid={`m-loan-${l.id}`}
              description={
                <>
                  <div style={{ color: l.overdue ? '#c8102e' : undefined }}>
                    {l.overdue ? t('mShared.overdue', { day: l.dueOn }) : t('mShared.due', { day: l.dueOn })}
                  </div>
                  <div>{t('mShared.whereToReturn', { location: `${l.place.name} ${l.location}` })}</div>
                </>
              }
              extra={
                l.status === 'out' ? (
                  <Button
                    size="middle"
                    color="primary"
                    onClick={() => void askReturn(l)}
                    data-testid={`m-return-${l.id}`}
                  >
                    {t('mShared.return')}
                  </Button>
                ) : (
                  <Tag color={COLOR[l.status]} data-testid={`m-loan-status-${l.id}`}>
                    {t(`mShared.loanStatus.${l.status}`)}
                  </Tag>
                )
              }
            >
              {l.item.name}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
