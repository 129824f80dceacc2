import { NavBar, Toast } from 'antd-mobile';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, isApiError } from '../../../../web/api/client';
import { HouseholdPicker } from './HouseholdPicker';
import type { MySignup } from '../../../../web/mobile/types';

/** After a rejection (or while pending): choose the household again. */
export default function ChooseHouseholdPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  return (
    <div>
      <NavBar onBack={() => navigate('/m')}>{t('mobile.home.chooseAgain')}</NavBar>
      <HouseholdPicker
        onPick={async (hh) => {
          try {
            await api.post<MySignup>('/api/signup/me/household', { householdId: hh.id });
            await qc.invalidateQueries();
            void navigate('/m', { replace: true });
          } catch (e) {
            Toast.show({ content: isApiError(e) ? e.message : String(e) });
          }
        }}
      />
    </div>
  );
}
