import { useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Form, Input, NavBar, Popup, Result, Steps, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../../../web/api/client';
import type { Me } from '../../../../web/api/types';
import { resetSession } from '../../../../web/app/auth';
import { HouseholdPicker } from './HouseholdPicker';
import { PrivacyText, type PrivacyPart } from './PrivacyTexts';
import type { MySignup } from '../../../../web/mobile/types';
import { errorText } from '../../../../web/components/formErrors';

type Step = 'phone' | 'verify' | 'household' | 'done';
const STEPS: Step[] = ['phone', 'verify', 'household', 'done'];

function useCountdown() {
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [left]);
  return [left, setLeft] as const;
}

const toast = (e: unknown) => Toast.show({ content: errorText(e) });

/** Phone → one-time code → name and password → household → linked at once or pending the community's check. */
export default function SignupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [step, setStep] = useState<Step>('phone');
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [ticket, setTicket] = useState('');
  const [result, setResult] = useState<MySignup | null>(null);
  const [busy, setBusy] = useState(false);
  const [reading, setReading] = useState<PrivacyPart | null>(null);
  const [left, setLeft] = useCountdown();
  const policy = useQuery({
    queryKey: ['auth', 'password-policy'],
    queryFn: () => api.get<{ minLength: number; minClasses: number }>('/api/auth/password-policy'),
  });

  const sendCode = async (to: string) => {
    setBusy(true);
    try {
      const sent = await api.post<{ resendInSeconds: number }>('/api/signup/code', { phone: to });
      setPhone(to);
      setLeft(sent.resendInSeconds);
      setStep('verify');
    } catch (e) {
      toast(e);
    } finally {
      setBusy(false);
    }
  };

  const verify = async (v: { code: string; name: string; password: string; password2: string; consent: boolean }) => {
    setBusy(true);
    try {
      const res = await api.post<{ ticket: string }>('/api/signup/verify', {
        phone,
        code: v.code,
        name: v.name,
        password: v.password,
        consent: v.consent === true,
      });
      setPassword(v.password);
      setTicket(res.ticket);
      setStep('household');
    } catch (e) {
      toast(e);
    } finally {
      setBusy(false);
    }
  };

  const complete = async (householdId: number) => {
    try {
      const done = await api.post<MySignup>('/api/signup/complete', { ticket, phone, householdId });
      const me = await api.post<Me>('/api/auth/login', { username: phone, password });
      resetSession(me);
      setPassword('');
      setResult(done);
      setStep('done');
    } catch (e) {
      toast(e);
    }
  };

  return (
    <div>
      <NavBar
        onBack={() => (step === 'verify' ? setStep('phone') : navigate('/m/login'))}
        back={step === 'done' ? null : undefined}
      >
        {t('mobile.signup.title')}
      </NavBar>
      <Steps current={STEPS.indexOf(step)} style={{ background: '#fff', padding: '12px 0' }}>
        {STEPS.map((s) => (
          <Steps.Step key={s} title={t(`mobile.signup.steps.${s}`)} />
        ))}
      </Steps>

      {step === 'phone' && (
        <Form
          layout="vertical"
          initialValues={{ phone }}
          onFinish={(v: { phone: string }) => void sendCode(v.phone.replace(/[\s-]/g, ''))}
          footer={
            <Button block type="submit" color="primary" size="large" loading={busy} data-testid="m-send-code">
              {t('mobile.signup.sendCode')}
            </Button>
          }
        >
          <Form.Item
            name="phone"
            label={t('mobile.signup.phone')}
            rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: t('mobile.signup.phoneRequired') }]}
          >
            <Input
              type="tel"
              maxLength={11}
              placeholder={t('mobile.login.phonePlaceholder')}
              clearable
              data-testid="m-signup-phone"
            />
          </Form.Item>
        </Form>
      )}

      {step === 'verify' && (
        <Form
          layout="vertical"
          onFinish={verify}
          footer={
            <Button block type="submit" color="primary" size="large" loading={busy} data-testid="m-verify">
              {t('mobile.signup.next')}
            </Button>
          }
        >
          <Form.Header>{t('mobile.signup.codeSent', { phone })}</Form.Header>
          <Form.Item
            name="code"
            label={t('mobile.signup.code')}
            rules={[{ required: true, pattern: /^\d{6}$/, message: t('mobile.signup.codePlaceholder') }]}
            extra={
              <Button
                size="small"
                fill="none"
                color="primary"
                disabled={left > 0 || busy}
                onClick={() => void sendCode(phone)}
              >
                {left > 0 ? t('mobile.signup.resend', { seconds: left }) : t('mobile.signup.resendNow')}
              </Button>
            }
          >
            <Input
              type="tel"
              maxLength={6}
              placeholder={t('mobile.signup.codePlaceholder')}
              autoComplete="one-time-code"
              data-testid="m-code"
            />
          </Form.Item>
          <Form.Item name="name" label={t('mobile.signup.name')} rules={[{ required: true, max: 32 }]}>
            <Input placeholder={t('mobile.signup.namePlaceholder')} data-testid="m-name" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('mobile.signup.password')}
            rules={[{ required: true }]}
            help={
              policy.data
                ? t('mobile.signup.passwordHint', { min: policy.data.minLength, classes: policy.data.minClasses })
                : undefined
            }
          >
            <Input type="password" autoComplete="new-password" data-testid="m-password" />
          </Form.Item>
          <Form.Item
            name="password2"
            label={t('mobile.signup.password2')}
            dependencies={['password']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  value === getFieldValue('password')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('mobile.signup.passwordMismatch'))),
              }),
            ]}
          >
            <Input type="password" autoComplete="new-password" data-testid="m-password2" />
          </Form.Item>
          <Form.Item
            name="consent"
            valuePropName="checked"
            rules={[
              {
                validator: (_, value) =>
                  value === true ? Promise.resolve() : Promise.reject(new Error(t('signup.privacy.consentRequired'))),
              },
            ]}
          >
            <Checkbox data-testid="m-consent">
              <span style={{ fontSize: 15 }}>
                {t('signup.privacy.consent')}
                <a
                  onClick={(e) => {
                    e.preventDefault();
                    e.stopPropagation();
                    setReading('agreement');
                  }}
                  data-testid="m-read-agreement"
                >
                  {t('signup.privacy.agreementLink')}
                </a>
                {t('signup.privacy.and')}
                <a
                  onClick={(e) => {
                    e.preventDefault();
                    e.stopPropagation();
                    setReading('notice');
                  }}
                  data-testid="m-read-notice"
                >
                  {t('signup.privacy.noticeLink')}
                </a>
              </span>
            </Checkbox>
          </Form.Item>
        </Form>
      )}
      <Popup
        visible={reading !== null}
        onMaskClick={() => setReading(null)}
        bodyStyle={{ maxHeight: '80vh', overflowY: 'auto' }}
      >
        {reading && <PrivacyText part={reading} />}
        <div className="gzm-pad">
          <Button block onClick={() => setReading(null)} data-testid="m-privacy-close">
            {t('signup.privacy.close')}
          </Button>
        </div>
      </Popup>

      {step === 'household' && <HouseholdPicker onPick={(hh) => complete(hh.id)} />}

      {step === 'done' && result && (
        <div>
          <Result
            status={result.status === 'linked' ? 'success' : 'waiting'}
            title={result.status === 'linked' ? t('mobile.signup.linkedTitle') : t('mobile.signup.pendingTitle')}
            description={
              result.status === 'linked'
                ? t('mobile.signup.linkedText', { address: result.household.address })
                : t('mobile.signup.pendingText', { address: result.household.address })
            }
            data-testid={`m-signup-${result.status}`}
          />
          <div className="gzm-pad">
            <Button block color="primary" size="large" onClick={() => navigate('/m', { replace: true })}>
              {t('mobile.signup.goHome')}
            </Button>
          </div>
        </div>
      )}
      {step === 'phone' && (
        <div className="gzm-center">
          <Link to="/m/login">{t('mobile.signup.hasAccount')}</Link>
        </div>
      )}
    </div>
  );
}
