import type { Clock } from './clock.js';
import type { Actor } from './context.js';
import type { DbOrTx } from './db/client.js';
import type { Locale } from './i18n/i18n.js';

/**
 * Figures a module declares for the dashboard (issue 16): the dashboard reads them from the module manifests
 * (`GongzhiModule.figures`) and never imports a module's internals. Every figure is counted from records, shows
 * its formula, and links to the list of the records behind it (the drill-down total equals the figure).
 */

/** A node of the territory tree the figure is asked for. */
export interface FigureNode {
  id: number;
  path: string;
  level: string;
}

/** What a figure is computed over: several nodes at once (the viewer's node, or the level below for a ranking). */
export interface FigureInput {
  db: DbOrTx;
  /** The viewer; nodes are always inside the viewer's subtree (the dashboard checks before it asks). */
  actor: Actor;
  clock: Clock;
  nodes: readonly FigureNode[];
  /** Half-open period [from, to), as instants (China days are turned into instants by the caller). */
  from: Date;
  to: Date;
}

/**
 * One node's amount. A rate gives numerator and denominator (so the level above sums them rather than averaging
 * rates); `value` is then numerator / denominator × 100, rounded to one decimal, or null when the denominator is 0.
 */
export interface FigureAmount {
  value: number | null;
  numerator?: number;
  denominator?: number;
}

export type FigureUnit = 'count' | 'percent' | 'hours' | 'points' | 'score' | 'area';

export interface FigureDef {
  /** Unique across modules, `<module>.<name>`, e.g. `coBuilding.needsMet`. */
  key: string;
  /** Dashboard section it belongs to (a module name, e.g. `co-building`). */
  section: string;
  label: Record<Locale, string>;
  /** How it is counted, in words, shown on hover. */
  formula: Record<Locale, string>;
  unit: FigureUnit;
  /**
   * True when the figure is about a period (orders created in it); false when it is a stock at `to` (members,
   * grids). Stocks ignore `from`.
   */
  periodic: boolean;
  /** Higher is better (for rankings and colours); false e.g. for overdue orders. */
  higherIsBetter?: boolean;
  /** One amount per input node, in the same order. Must count only rows under each node's path. */
  compute: (input: FigureInput) => Promise<FigureAmount[]>;
  /**
   * The console page listing the records counted, with filters for the node and period (a path inside the SPA,
   * e.g. `/co-building/needs?territoryId=12&status=met&from=2026-01-01&to=2026-12-31`). `from`/`to` are China days.
   */
  drill: (q: { node: FigureNode; from: string; to: string }) => string;
}

/** Rate from a numerator and denominator, as the dashboard shows it (one decimal, null without a denominator). */
export function rate(numerator: number, denominator: number): FigureAmount {
  return {
    value: denominator === 0 ? null : Math.round((numerator / denominator) * 1000) / 10,
    numerator,
    denominator,
  };
}

// ---- the registry the dashboard reads (filled by registerModule from every manifest's `figures`) ---------------

const registry = new Map<string, FigureDef>();

/** Adds figures to the registry (idempotent by key: the same declaration twice is kept once, the latest wins). */
export function registerFigures(defs: readonly FigureDef[]): void {
  for (const d of defs) registry.set(d.key, d);
}

/** Every figure declared so far, in registration order (modules' order in src/modules/index.ts). */
export function declaredFigures(): readonly FigureDef[] {
  return [...registry.values()];
}
