import type { ConsoleRoute } from './module-routes';

/**
 * Pages contributed by modules (`src/modules/<name>/ui/routes.tsx` or `ui/<feature>.routes.tsx` → `consoleRoutes`). The route lists are
 * small and read at start to build the router and the menu; each page itself stays a lazy chunk.
 */
const found = import.meta.glob<{ consoleRoutes?: ConsoleRoute[] }>(['../../modules/*/ui/routes.tsx', '../../modules/*/ui/*.routes.tsx'], {
  eager: true,
});

export const moduleRoutes: ConsoleRoute[] = Object.keys(found)
  .sort()
  .flatMap((file) => found[file]?.consoleRoutes ?? []);

export type MenuGroup = NonNullable<ConsoleRoute['group']>;
/** Menu groups of module pages, in the order of SPEC's modules. */
export const MENU_GROUPS: readonly MenuGroup[] = ['structure', 'grids', 'people', 'orders'];

/** Stable menu key and test id for a module page: `grids/map` → `grids-map`. */
export const routeKey = (path: string): string => path.replace(/[/:]+/g, '-').replace(/^-|-$/g, '');
