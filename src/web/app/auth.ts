import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Me, Permission, Role } from '../api/types';
import { currentLocale } from '../i18n';
import { queryClient } from './queryClient';

export const ME_KEY = ['auth', 'me'] as const;

let signedOut = false;
/** Called on an explicit sign-out, so the guard sends the user to a plain /login (no `redirect` back). */
export const markSignedOut = () => {
  signedOut = true;
};
/** True from an explicit sign-out until the next sign-in (read during render, so it is never consumed there). */
export const wasSignedOut = (): boolean => signedOut;

/**
 * Starts a new session view: `me` (or null when signed out) replaces the cached account, and every other
 * cached answer (another account's data) is dropped. The Me query is updated in place, not removed, so the
 * guards watching it re-render at once.
 */
export function resetSession(me: Me | null): void {
  if (me) signedOut = false;
  queryClient.setQueryData(ME_KEY, me);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] || q.queryKey[1] !== ME_KEY[1] });
}

/** The signed-in account, or null when there is no session. */
export async function fetchMe(): Promise<Me | null> {
  return (await api.get<{ me: Me | null }>('/api/auth/session')).me;
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000, retry: false });
}

/** Whether the signed-in account holds a permission (the server checks again; this only hides buttons). */
export function useCan(): (permission: Permission | (string & {})) => boolean {
  const { data: me } = useMe();
  return (permission) => !!me?.permissions.includes(permission);
}

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: ['rbac', 'roles'],
    queryFn: () => api.get<Role[]>('/api/rbac/roles'),
    staleTime: 10 * 60_000,
    enabled,
    retry: false,
  });
}

/** Role key → label in the current language (falls back to the key while roles load or if hidden). */
export function useRoleLabel(): (key: string) => string {
  useTranslation();
  const { data: me } = useMe();
  const { data } = useRoles(!!me);
  const locale = currentLocale();
  return (key) => data?.find((r) => r.key === key)?.label[locale] ?? key;
}
