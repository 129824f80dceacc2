import type { App, FormInstance } from 'antd';
import { isApiError } from '../api/client';
import { i18n } from '../i18n';

type MessageInstance = ReturnType<typeof App.useApp>['message'];
type NamePath = (string | number)[];

/** `roles.0` / `roles[0]` / `body.name` → antd name path `['roles', 0]` / `['name']`. */
function toNamePath(field: string): NamePath {
  const parts = field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((p) => p !== '');
  if (parts[0] === 'body' || parts[0] === 'query') parts.shift();
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** One line for a toast: an API error's first field message (the most precise), else its message. */
export function errorText(error: unknown): string {
  if (isApiError(error)) return error.fields[0]?.message ?? error.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Shows an API error on a form: each `fields[]` entry goes under its form item (by name, with `fieldMap`
 * for names that differ); the rest, or an error without fields, becomes a message toast.
 * Returns true when at least one field error landed on the form.
 */
export function showFormError(
  form: FormInstance,
  error: unknown,
  message: MessageInstance,
  fieldMap: Record<string, string> = {},
): boolean {
  if (!isApiError(error)) {
    message.error(error instanceof Error ? error.message : i18n.t('error.unknown'));
    return false;
  }
  const registered = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const byName = new Map<string, { name: NamePath; errors: string[] }>();
  const unplaced: string[] = [];
  for (const f of error.fields) {
    const path = toNamePath(fieldMap[f.field] ?? f.field);
    const mapped = path[0] !== undefined ? fieldMap[String(path[0])] : undefined;
    const top = mapped ?? path[0];
    // A list item error (roles.0) is shown on the list field itself.
    const name: NamePath = top !== undefined && registered.has(String(top)) ? [top] : [];
    if (name.length === 0) {
      unplaced.push(f.message);
      continue;
    }
    const key = String(top);
    const entry = byName.get(key) ?? { name, errors: [] };
    if (!entry.errors.includes(f.message)) entry.errors.push(f.message);
    byName.set(key, entry);
  }
  if (byName.size > 0) form.setFields([...byName.values()]);
  if (byName.size === 0 || unplaced.length > 0) {
    message.error(
      unplaced.length > 0
        ? i18n.t('error.withDetails', {
            message: error.message,
            details: unplaced.join(i18n.t('common.listSeparator')),
          })
        : error.message,
    );
  }
  return byName.size > 0;
}
