import type { ConsoleRoute } from './module-routes';

/**
 * Pages contributed by modules (`src/modules/<name>/ui/routes.tsx` or `ui/<feature>.routes.tsx` → `consoleRoutes`). The route lists are
 * small and read at start to build the router and the menu; each page itself stays a lazy chunk.
 */
const found = import.meta.glob<{ consoleRoutes?: ConsoleRoute[] }>(
  ['../../modules/*/ui/routes.tsx', '../../modules/*/ui/*.routes.tsx'],
  {
    eager: true,
  },
);

// A module's main routes.tsx first, then its feature files, so its menu starts with its main page.
const order = (file: string) => file.replace(/\/routes\.tsx$/, '/!routes.tsx');
export const moduleRoutes: ConsoleRoute[] = Object.keys(found)
  .sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0))
  .flatMap((file) => found[file]?.consoleRoutes ?? [])
  .sort((a, b) => (a.rank ?? 100) - (b.rank ?? 100));

export type MenuGroup = NonNullable<ConsoleRoute['group']>;
/** Menu groups of module pages, in the order of SPEC's modules. */
export const MENU_GROUPS: readonly MenuGroup[] = ['structure', 'grids', 'people', 'orders'];

/** Stable menu key and test id for a module page: `grids/map` → `grids-map`. */
export const routeKey = (path: string): string => path.replace(/[/:]+/g, '-').replace(/^-|-$/g, '');
