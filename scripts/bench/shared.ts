/** Messages between scripts/bench.ts and the app process (scripts/bench/app-server.ts), and small statistics. */
export interface Captured {
  sql: string;
  params: unknown[];
}

export type ChildCommand =
  | { id: number; cmd: 'capture' }
  | { id: number; cmd: 'captured' }
  | { id: number; cmd: 'ceiling'; transactions: Captured[][]; concurrency: number; ms: number }
  | { id: number; cmd: 'query'; sql: string }
  | { id: number; cmd: 'points'; n: number }
  | { id: number; cmd: 'locate'; points: [number, number][]; ms: number }
  | { id: number; cmd: 'rss' }
  | { id: number; cmd: 'cpu' }
  | { id: number; cmd: 'reads' }
  | { id: number; cmd: 'stop' };

export interface ChildReply {
  id: number;
  ok: boolean;
  error?: string;
  captured?: Captured[];
  result?: unknown;
}

export interface LatencySummary {
  count: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Percentile by nearest rank, over latencies in ms. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return 0;
  const k = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[k]!;
}

export function summarize(latencies: number[], seconds: number): LatencySummary {
  const s = [...latencies].sort((a, b) => a - b);
  const r2 = (v: number) => Math.round(v * 100) / 100;
  return {
    count: s.length,
    perSecond: Math.round(s.length / Math.max(seconds, 1e-3)),
    p50: r2(percentile(s, 50)),
    p95: r2(percentile(s, 95)),
    p99: r2(percentile(s, 99)),
  };
}

/** A command without its id (the caller numbers it). */
export type Command = ChildCommand extends infer C ? (C extends { id: number } ? Omit<C, 'id'> : never) : never;
