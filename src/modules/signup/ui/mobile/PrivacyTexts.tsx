import { useTranslation } from 'react-i18next';
import { CONSENT_VERSION } from '../../constants';

export type PrivacyPart = 'agreement' | 'notice';
interface Section {
  h: string;
  p: string;
}

/** One of the two texts residents consent to at sign-up: the user agreement 用户协议 or the privacy notice 隐私政策. */
export function PrivacyText({ part }: { part: PrivacyPart }) {
  const { t } = useTranslation();
  const sections = t(`signup.privacy.${part}`, { returnObjects: true }) as Section[];
  return (
    <section className="gzm-privacy" data-testid={`m-privacy-${part}`}>
      <h2>{t(part === 'agreement' ? 'signup.privacy.agreementTitle' : 'signup.privacy.noticeTitle')}</h2>
      <p className="gzm-privacy-version">{t('signup.privacy.version', { version: CONSENT_VERSION })}</p>
      {(Array.isArray(sections) ? sections : []).map((s) => (
        <div key={s.h}>
          <h3>{s.h}</h3>
          <p>{s.p}</p>
        </div>
      ))}
    </section>
  );
}
