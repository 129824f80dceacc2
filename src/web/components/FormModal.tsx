import { useMutation } from '@tanstack/react-query';
import { App, Form, Modal, type FormInstance } from 'antd';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { showFormError } from './formErrors';

/**
 * A create/edit dialog: a vertical form in a modal whose OK saves through `submit`. While saving, OK spins; on
 * success a "saved" toast and `onDone` (refresh the list, close); on a 4xx each field's message lands under its
 * field (showFormError), anything else in a toast. The form starts from `initialValues` each time it opens.
 */
export function FormModal<V extends object>({
  open,
  title,
  initialValues,
  submit,
  onDone,
  onCancel,
  testId,
  fieldMap,
  width,
  children,
}: {
  open: boolean;
  title: ReactNode;
  initialValues?: Partial<V>;
  submit: (values: V) => Promise<unknown>;
  onDone: () => void | Promise<void>;
  onCancel: () => void;
  testId?: string;
  /** API field names that differ from the form's (see showFormError). */
  fieldMap?: Record<string, string>;
  width?: number;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  // The values to start from, read when the dialog opens (not on every render of the caller).
  const initial = useRef(initialValues);
  initial.current = initialValues;
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (initial.current) form.setFieldsValue(initial.current as Parameters<typeof form.setFieldsValue>[0]);
  }, [open, form]);
  const save = useMutation({
    mutationFn: submit,
    onSuccess: async () => {
      message.success(t('common.saved'));
      await onDone();
    },
    onError: (e) => showFormError(form, e, message, fieldMap),
  });
  return (
    <Modal
      open={open}
      title={title}
      width={width}
      onCancel={onCancel}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Form<V> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid={testId}>
        {typeof children === 'function' ? children(form) : children}
      </Form>
    </Modal>
  );
}
