import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';

/**
 * A console page contributed by a module: `src/modules/<name>/ui/routes.tsx` exports
 * `export const consoleRoutes: ConsoleRoute[]`, and its texts live in `src/modules/<name>/ui/locales/{zh-CN,en-US}.json`
 * (or `ui/locales/<feature>.<locale>.json`: a flat or nested i18next bundle, merged into the console's translation namespace). The console picks both up.
 */
export interface ConsoleRoute {
  /** Path below the console root, e.g. `party-orgs` or `grids/map`. */
  path: string;
  /** i18n key of the menu label (from the module's locale files). */
  labelKey: string;
  /** Shown and routed only for accounts holding this permission. */
  permission?: string;
  /** Menu group key: `structure` (组织架构), `people` (人员), `grids` (网格), `orders` (服务工单); default: top level. */
  group?: 'structure' | 'people' | 'grids' | 'orders';
  icon?: ReactNode;
  /** Place in its menu group, smaller first (default 100; equal ranks keep the modules' order). */
  rank?: number;
  /** false: routed but not in the menu (detail pages such as `party-orgs/:id`). */
  menu?: boolean;
  /** true: shown on its own, full window, outside the console's layout (no menu or header): the big screen 大屏. */
  bare?: boolean;
  Component: LazyExoticComponent<ComponentType>;
}
