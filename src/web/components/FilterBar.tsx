import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Form, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props<V> {
  onSearch: (values: V) => void;
  children: ReactNode;
  testId?: string;
  extra?: ReactNode;
}

/** A row of list filters with 查询 / 重置; the list goes back to page 1 whenever they change. */
export function FilterBar<V extends object>({ onSearch, children, testId, extra }: Props<V>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<V>();
  return (
    <div style={{ display: 'flex', alignItems: 'flex-start', gap: 12, marginBottom: 16, flexWrap: 'wrap' }}>
      <Form<V>
        form={form}
        layout="inline"
        onFinish={onSearch}
        data-testid={testId}
        style={{ flex: 1, rowGap: 12, minWidth: 0 }}
      >
        {children}
        <Form.Item style={{ marginInlineEnd: 0 }}>
          <Space>
            <Button
              type="primary"
              htmlType="submit"
              icon={<SearchOutlined />}
              data-testid={testId && `${testId}-submit`}
            >
              {t('common.search')}
            </Button>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => {
                form.resetFields();
                onSearch(form.getFieldsValue());
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      {extra}
    </div>
  );
}
