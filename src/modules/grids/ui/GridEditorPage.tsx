import { ClearOutlined, EditOutlined, RollbackOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  List,
  Row,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../../web/api/client';
import type { FieldError } from '../../../web/api/types';
import { queryClient } from '../../../web/app/queryClient';
import { PageTitle } from '../../../web/components/PageTitle';
import { showFormError } from '../../../web/components/formErrors';
import { GridMapView } from './GridMapView';
import { CommunitySelect } from './shared';
import { GRID_KINDS, type GridDetail, type GridKind, type GridMapData, type Position } from './types';

interface ImportError {
  index: number;
  path: string;
  message: string;
}

/** `features.3.geometry.coordinates.0` → feature 3 (shown 1-based), path `geometry.coordinates.0`. */
function toImportErrors(fields: FieldError[]): ImportError[] {
  return fields.map((f) => {
    const m = /^features\.(\d+)\.?(.*)$/.exec(f.field);
    return m
      ? { index: Number(m[1]), path: m[2] || '—', message: f.message }
      : { index: -1, path: f.field, message: f.message };
  });
}

function ImportCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [errors, setErrors] = useState<{ summary: string; rows: ImportError[] } | null>(null);
  const upload = useMutation({
    mutationFn: (body: unknown) => api.post<{ created: number }>('/api/grids/import', body),
    onSuccess: (res) => {
      setErrors(null);
      message.success(t('grids.import.done', { count: res.created }));
      void queryClient.invalidateQueries({ queryKey: ['grids'] });
    },
    onError: (e) => {
      if (isApiError(e) && e.fields.length) setErrors({ summary: e.message, rows: toImportErrors(e.fields) });
      else message.error(e instanceof Error ? e.message : String(e));
    },
  });
  return (
    <Card title={t('grids.import.title')} size="small" data-testid="grid-import">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('grids.import.hint')}
      </Typography.Paragraph>
      <Upload
        accept=".geojson,.json,application/geo+json,application/json"
        showUploadList={false}
        beforeUpload={async (file) => {
          let body: unknown;
          try {
            body = JSON.parse(await file.text());
          } catch {
            message.error(t('grids.import.badFile'));
            return false;
          }
          upload.mutate(body);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="grid-import-button">
          {t('grids.import.button')}
        </Button>
      </Upload>
      {errors && (
        <div style={{ marginTop: 12 }} data-testid="grid-import-errors">
          <Alert type="error" showIcon title={errors.summary} style={{ marginBottom: 8 }} />
          <List<ImportError>
            size="small"
            bordered
            dataSource={errors.rows}
            style={{ maxHeight: 360, overflow: 'auto' }}
            renderItem={(r) => (
              <List.Item>
                <div style={{ minWidth: 0 }}>
                  <Space size={4} wrap>
                    {r.index >= 0 && <Tag color="error">{t('grids.import.featureN', { n: r.index + 1 })}</Tag>}
                    <Typography.Text code style={{ fontSize: 12, wordBreak: 'break-all' }}>
                      {r.path}
                    </Typography.Text>
                  </Space>
                  <div>{r.message}</div>
                </div>
              </List.Item>
            )}
          />
        </div>
      )}
    </Card>
  );
}

interface DrawValues {
  name: string;
  kind: GridKind;
  communityId: number;
  department?: string;
}

/** 网格划分: import a GeoJSON file, or draw a polygon on the map point by point and save it. */
export default function GridEditorPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DrawValues>();
  const [communityId, setCommunityId] = useState<number | undefined>();
  const [points, setPoints] = useState<Position[] | null>(null);
  const kind = Form.useWatch('kind', form);
  const map = useQuery({
    queryKey: ['grids', 'map', communityId ?? null],
    queryFn: () => api.get<GridMapData>('/api/grids/map', { communityId }),
  });
  const save = useMutation({
    mutationFn: (v: DrawValues) =>
      api.post<GridDetail>('/api/grids', {
        ...v,
        department: v.kind === 'professional' ? v.department : null,
        geometry: { type: 'Polygon', coordinates: [[...points!, points![0]!]] },
      }),
    onSuccess: (g) => {
      message.success(t('grids.draw.saved', { name: g.name }));
      setPoints(null);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['grids'] });
    },
    onError: (e) => showFormError(form, e, message),
  });

  return (
    <div data-testid="grid-editor-page">
      <PageTitle title={t('grids.editorTitle')} help={t('grids.editorHelp')} />
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card styles={{ body: { padding: 8 } }}>
            {map.data ? (
              <GridMapView
                data={map.data}
                drawing={points}
                onMapClick={(p) => setPoints((ps) => (ps ? [...ps, p] : ps))}
                testId="grid-editor-map"
              />
            ) : (
              <div style={{ height: 560, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
                <Spin />
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Space orientation="vertical" style={{ width: '100%' }} size={16}>
            <Card title={t('grids.draw.title')} size="small" data-testid="grid-draw">
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('grids.draw.hint')}
              </Typography.Paragraph>
              <Space wrap style={{ marginBottom: 12 }}>
                <Button
                  type={points ? 'default' : 'primary'}
                  icon={<EditOutlined />}
                  onClick={() => setPoints([])}
                  disabled={!!points}
                  data-testid="grid-draw-start"
                >
                  {t('grids.draw.start')}
                </Button>
                <Button
                  icon={<RollbackOutlined />}
                  disabled={!points?.length}
                  onClick={() => setPoints((ps) => (ps ? ps.slice(0, -1) : ps))}
                >
                  {t('grids.draw.undo')}
                </Button>
                <Button icon={<ClearOutlined />} disabled={!points} onClick={() => setPoints(null)}>
                  {t('grids.draw.clear')}
                </Button>
                {points && (
                  <Typography.Text data-testid="grid-draw-count">
                    {t('grids.draw.points', { count: points.length })}
                  </Typography.Text>
                )}
              </Space>
              <Form<DrawValues>
                form={form}
                layout="vertical"
                initialValues={{ kind: 'basic' }}
                onFinish={(v) => {
                  if (!points || points.length < 3) {
                    message.warning(t('grids.draw.needPoints'));
                    return;
                  }
                  save.mutate(v);
                }}
              >
                <Form.Item name="communityId" label={t('grids.field.community')} rules={[{ required: true }]}>
                  <CommunitySelect allowAll={false} onChange={setCommunityId} />
                </Form.Item>
                <Form.Item name="name" label={t('grids.field.name')} rules={[{ required: true, max: 100 }]}>
                  <Input />
                </Form.Item>
                <Form.Item name="kind" label={t('grids.field.kind')} rules={[{ required: true }]}>
                  <Select options={GRID_KINDS.map((k) => ({ value: k, label: t(`grids.kind.${k}`) }))} />
                </Form.Item>
                {kind === 'professional' && (
                  <Form.Item
                    name="department"
                    label={t('grids.field.department')}
                    rules={[{ required: true, max: 100 }]}
                  >
                    <Input />
                  </Form.Item>
                )}
                <Button
                  type="primary"
                  htmlType="submit"
                  icon={<SaveOutlined />}
                  loading={save.isPending}
                  disabled={!points || points.length < 3}
                >
                  {t('grids.draw.save')}
                </Button>
              </Form>
            </Card>
            <ImportCard />
          </Space>
        </Col>
      </Row>
    </div>
  );
}
