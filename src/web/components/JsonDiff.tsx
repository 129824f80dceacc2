import { Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { Json } from '../api/types';

type JsonObject = { [key: string]: Json };
const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: Json | undefined, b: Json | undefined) => JSON.stringify(a) === JSON.stringify(b);
const pretty = (v: Json) => JSON.stringify(v, null, 2);

const TONES = {
  before: { bg: '#fff1f0', mark: '#cf1322' },
  after: { bg: '#f6ffed', mark: '#389e0d' },
} as const;

const cell: CSSProperties = {
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  fontSize: 12,
  lineHeight: '20px',
  whiteSpace: 'pre-wrap',
  wordBreak: 'break-all',
  padding: '0 12px',
  borderInlineStart: '3px solid transparent',
  minWidth: 0,
};

/**
 * `before` and `after` of an audit record side by side as formatted JSON. Rows are aligned by key and keys
 * whose value changed are highlighted, so an update reads at a glance; a creation has no `before`.
 */
export function JsonDiff({ before, after }: { before: Json; after: Json }) {
  const { t } = useTranslation();
  const bothObjects = (isObject(before) || before === null) && (isObject(after) || after === null);
  const box: CSSProperties = {
    display: 'grid',
    gridTemplateColumns: '1fr 1fr',
    columnGap: 16,
  };
  const pane = (tone: 'before' | 'after'): CSSProperties => ({
    background: '#fafafa',
    border: '1px solid #f0f0f0',
    borderRadius: 6,
    padding: '8px 0',
    gridColumn: tone === 'before' ? 1 : 2,
  });
  const empty = <span style={{ ...cell, color: '#8c8c8c', fontFamily: 'inherit' }}>{t('audit.noValue')}</span>;

  const header = (
    <>
      <Typography.Text strong style={{ marginBottom: 6, gridRow: 1, gridColumn: 1 }}>
        {t('audit.before')}
      </Typography.Text>
      <Typography.Text strong style={{ marginBottom: 6, gridRow: 1, gridColumn: 2 }}>
        {t('audit.after')}
      </Typography.Text>
    </>
  );

  if (!bothObjects) {
    return (
      <div style={box} data-testid="audit-diff">
        {header}
        {(['before', 'after'] as const).map((tone) => {
          const v = tone === 'before' ? before : after;
          return (
            <div key={tone} style={pane(tone)}>
              {v === null ? empty : <div style={cell}>{pretty(v)}</div>}
            </div>
          );
        })}
      </div>
    );
  }

  const b = isObject(before) ? before : undefined;
  const a = isObject(after) ? after : undefined;
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  const lastKey = (side: JsonObject | undefined) => [...keys].reverse().find((k) => side?.[k] !== undefined);
  const last = { before: lastKey(b), after: lastKey(a) };
  const renderCell = (tone: 'before' | 'after', key: string, row: number) => {
    const side = tone === 'before' ? b : a;
    const other = tone === 'before' ? a : b;
    const value = side?.[key];
    const comma = key === last[tone] ? '' : ',';
    const changed = !!side && !!other && !same(value, other[key]);
    const highlight = changed;
    return (
      <div
        key={`${tone}-${key}`}
        data-changed={changed ? 'true' : undefined}
        style={{
          ...cell,
          gridColumn: tone === 'before' ? 1 : 2,
          gridRow: row,
          paddingInlineStart: 22,
          background: highlight ? TONES[tone].bg : undefined,
          borderInlineStartColor: highlight ? TONES[tone].mark : 'transparent',
          marginInline: 1,
        }}
      >
        {value === undefined ? '' : `${JSON.stringify(key)}: ${pretty(value)}${comma}`}
      </div>
    );
  };

  // Grid rows: 1 header, 2 "{", 3.. keys, last "}". The two panes are background boxes spanning rows 2..end.
  const lastRow = keys.length + 3;
  return (
    <div style={{ ...box, gridTemplateRows: 'auto' }} data-testid="audit-diff">
      {header}
      {(['before', 'after'] as const).map((tone) => (
        <div key={`bg-${tone}`} style={{ ...pane(tone), gridRow: `2 / ${lastRow + 1}` }} />
      ))}
      {(['before', 'after'] as const).map((tone) => {
        const side = tone === 'before' ? b : a;
        const col = tone === 'before' ? 1 : 2;
        return side ? (
          <div key={`open-${tone}`} style={{ ...cell, gridColumn: col, gridRow: 2, paddingTop: 8 }}>
            {'{'}
          </div>
        ) : (
          <div key={`open-${tone}`} style={{ gridColumn: col, gridRow: 2, paddingTop: 8 }}>
            {empty}
          </div>
        );
      })}
      {keys.flatMap((key, i) => [renderCell('before', key, i + 3), renderCell('after', key, i + 3)])}
      {(['before', 'after'] as const).map((tone) => (
        <div
          key={`close-${tone}`}
          style={{ ...cell, gridColumn: tone === 'before' ? 1 : 2, gridRow: lastRow, paddingBottom: 8 }}
        >
          {(tone === 'before' ? b : a) ? '}' : ''}
        </div>
      ))}
    </div>
  );
}
