import { CheckCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Row,
  Space,
  Steps,
  Tag,
  Typography,
  type FormInstance,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api/client';
import type { TotpSetup } from '../api/types';
import { ME_KEY, useMe, useRoleLabel } from '../app/auth';
import { queryClient } from '../app/queryClient';
import { ChangePasswordForm } from './ChangePasswordForm';
import { LevelTag } from '../components/LevelTag';
import { showFormError } from '../components/formErrors';
import { PageTitle } from '../components/PageTitle';

interface CodeForm {
  code: string;
}

const codeRules = (t: (k: string) => string) => [
  { required: true, message: t('login.totpRequired') },
  { pattern: /^\d{6}$/, message: t('login.totpFormat') },
];

/** Secret shown in groups of four so it can be typed into an authenticator by hand. */
const groupSecret = (s: string) => s.replace(/(.{4})/g, '$1 ').trim();

function TotpCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const [setup, setSetup] = useState<TotpSetup>();
  const [enableForm] = Form.useForm<CodeForm>();
  const [disableForm] = Form.useForm<CodeForm>();

  // A wrong code is an answer about the one field on these forms: show it there.
  const codeError = (form: FormInstance<CodeForm>, e: Error) => {
    if (isApiError(e) && e.fields.length === 0 && e.status > 0 && e.status < 500) {
      form.setFields([{ name: 'code', errors: [e.message] }]);
    } else {
      showFormError(form, e, message, { totpCode: 'code' });
    }
  };
  const start = useMutation({
    mutationFn: () => api.post<TotpSetup>('/api/auth/totp/setup'),
    onSuccess: setSetup,
    onError: (e) => message.error(e.message),
  });
  const enable = useMutation({
    mutationFn: (v: CodeForm) => api.post('/api/auth/totp/enable', { code: v.code.trim() }),
    onSuccess: async () => {
      setSetup(undefined);
      enableForm.resetFields();
      message.success(t('me.totpEnabledOk'));
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
    },
    onError: (e) => codeError(enableForm, e),
  });
  const disable = useMutation({
    mutationFn: (v: CodeForm) => api.post('/api/auth/totp/disable', { code: v.code.trim() }),
    onSuccess: async () => {
      disableForm.resetFields();
      message.success(t('me.totpDisabledOk'));
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
    },
    onError: (e) => codeError(disableForm, e),
  });

  if (!me) return null;
  return (
    <Card
      title={
        <Space>
          <SafetyCertificateOutlined />
          {t('me.totpTitle')}
          {me.totpEnabled ? <Tag color="success">{t('me.totpOn')}</Tag> : <Tag>{t('me.totpOff')}</Tag>}
        </Space>
      }
      data-testid="totp-card"
    >
      {me.totpEnabled ? (
        <>
          <Typography.Paragraph>
            <CheckCircleFilled style={{ color: '#52c41a', marginInlineEnd: 8 }} />
            {t('me.totpEnabledText')}
          </Typography.Paragraph>
          {me.totpRequired && (
            <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('me.totpRequiredNote')} />
          )}
          <Form<CodeForm>
            form={disableForm}
            layout="inline"
            onFinish={(v) => disable.mutate(v)}
            data-testid="totp-disable-form"
          >
            <Form.Item name="code" rules={codeRules(t)}>
              <Input
                placeholder={t('me.totpCodePlaceholder')}
                maxLength={6}
                inputMode="numeric"
                autoComplete="one-time-code"
                style={{ width: 200 }}
              />
            </Form.Item>
            <Form.Item>
              <Button danger htmlType="submit" loading={disable.isPending} data-testid="totp-disable">
                {t('me.totpDisable')}
              </Button>
            </Form.Item>
          </Form>
        </>
      ) : !setup ? (
        <>
          <Typography.Paragraph type="secondary">{t('me.totpIntro')}</Typography.Paragraph>
          {me.totpRequired && (
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('me.totpRequiredBanner')} />
          )}
          <Button type="primary" onClick={() => start.mutate()} loading={start.isPending} data-testid="totp-setup">
            {t('me.totpEnable')}
          </Button>
        </>
      ) : (
        <Steps
          orientation="vertical"
          size="small"
          current={1}
          items={[
            {
              title: t('me.totpStep1'),
              content: (
                <div style={{ paddingBottom: 12 }}>
                  <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                    {t('me.totpStep1Text')}
                  </Typography.Paragraph>
                  <Descriptions column={1} size="small" bordered styles={{ label: { width: 120 } }}>
                    <Descriptions.Item label={t('me.totpSecret')}>
                      <Typography.Text code copyable={{ text: setup.secret }} data-testid="totp-secret">
                        {groupSecret(setup.secret)}
                      </Typography.Text>
                    </Descriptions.Item>
                    <Descriptions.Item label={t('me.totpUrl')}>
                      <Typography.Text copyable style={{ wordBreak: 'break-all', fontSize: 12 }} data-testid="totp-url">
                        {setup.otpauthUrl}
                      </Typography.Text>
                    </Descriptions.Item>
                  </Descriptions>
                </div>
              ),
            },
            {
              title: t('me.totpStep2'),
              content: (
                <Form<CodeForm>
                  form={enableForm}
                  layout="inline"
                  onFinish={(v) => enable.mutate(v)}
                  data-testid="totp-enable-form"
                >
                  <Form.Item name="code" rules={codeRules(t)}>
                    <Input
                      placeholder={t('me.totpCodePlaceholder')}
                      maxLength={6}
                      inputMode="numeric"
                      autoComplete="one-time-code"
                      style={{ width: 200 }}
                      data-testid="totp-code"
                    />
                  </Form.Item>
                  <Form.Item>
                    <Space>
                      <Button type="primary" htmlType="submit" loading={enable.isPending} data-testid="totp-enable">
                        {t('me.totpConfirm')}
                      </Button>
                      <Button onClick={() => setSetup(undefined)}>{t('common.cancel')}</Button>
                    </Space>
                  </Form.Item>
                </Form>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}

export default function MyAccountPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const roleLabel = useRoleLabel();
  if (!me) return null;
  return (
    <>
      <PageTitle title={t('nav.me')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('me.profile')} style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="middle" data-testid="me-profile">
              <Descriptions.Item label={t('account.username')}>{me.username}</Descriptions.Item>
              <Descriptions.Item label={t('account.displayName')}>{me.displayName}</Descriptions.Item>
              <Descriptions.Item label={t('account.roles')}>
                <Space size={[4, 4]} wrap>
                  {me.roles.length ? me.roles.map((r) => <Tag key={r}>{roleLabel(r)}</Tag>) : '—'}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('account.territory')}>
                <LevelTag level={me.territory.level} />
                {me.territory.name}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <TotpCard />
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('password.title')}>
            <ChangePasswordForm />
          </Card>
        </Col>
      </Row>
    </>
  );
}
