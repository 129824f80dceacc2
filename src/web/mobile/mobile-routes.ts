import type { ComponentType, LazyExoticComponent } from 'react';

/**
 * A resident (mobile, /m) page contributed by a module: `src/modules/<name>/ui/mobile.routes.tsx` exports
 * `export const mobileRoutes: MobileRoute[]`, the pages themselves live in `src/modules/<name>/ui/mobile/`.
 * MobileApp picks them up next to the shell's own pages (login, home, me).
 */
export interface MobileRoute {
  /** Path below /m, e.g. `tasks`, `orders/:id` or `orders/new/:kind`. */
  path: string;
  /** The page, a lazy chunk: `lazy(() => import('./mobile/TasksPage'))`. */
  Component: LazyExoticComponent<ComponentType>;
  /** false: reachable without signing in (sign-up); default true (others go to /m/login first). */
  signIn?: boolean;
  /** true: shown with the bottom tab bar (home, tasks, me); default false (a full-screen page with its own back bar). */
  tabBar?: boolean;
  /** A tab of its own in the bottom bar (the page must have `tabBar: true`). */
  tab?: MobileTab;
  /** Place of its tab, smaller first: home is 0, me is 1000 (default 100). */
  rank?: number;
}

export interface MobileTab {
  /** i18n key of the tab title. */
  titleKey: string;
  /** SVG path data (`d`) of a 24×24 stroked icon. */
  icon: string;
  /** Test id on the title (e.g. `m-tab-tasks`). */
  testId?: string;
  /** Shown only to accounts holding one of these permissions. */
  anyPermission?: string[];
}
