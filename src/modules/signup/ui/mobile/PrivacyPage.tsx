import { NavBar } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PrivacyText } from './PrivacyTexts';

/** /m/privacy: the user agreement and the privacy notice, readable without signing in (issue 10 point 21). */
export default function PrivacyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div data-testid="m-privacy">
      <NavBar onBack={() => (window.history.length > 1 ? navigate(-1) : navigate('/m'))}>
        {t('signup.privacy.title')}
      </NavBar>
      <PrivacyText part="agreement" />
      <PrivacyText part="notice" />
    </div>
  );
}
