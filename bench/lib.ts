/**
 * The benchmark contract. Each operation keeps a `bench.ts` beside its code whose default export is
 * an array of Benchmark; `npm run bench -- <suite>` (bench/run.ts) collects and runs them. Figures are
 * reported as ratios against a baseline measured in the same run, never as absolute claims.
 */
export interface Benchmark<C = unknown> {
  /** Suite the benchmark belongs to, e.g. 'analysis', 'db', 'web'. */
  suite: string;
  /** Unique, human-readable name, e.g. 'gistar: 1,000,000-cell grid, FDR'. */
  name: string;
  /** Untimed preparation (data generation); its result is handed to run(). */
  setup?: () => C | Promise<C>;
  /**
   * The timed work. It may time itself by returning `{ measuredMs }` (a browser page's navigation,
   * without opening and closing the page around it); otherwise the whole call is timed.
   */
  run: (ctx: C) => unknown | Promise<unknown>;
  /** Untimed clean-up. */
  teardown?: (ctx: C) => unknown | Promise<unknown>;
  /** Timed repetitions after one warm-up (default 5); the median is reported. */
  iterations?: number;
  /** Name of another benchmark in the same run to report this one as a ratio against. */
  baseline?: string;
  /** A target to print beside the figure, e.g. { ms: 1000 } for "under 1 s". Informational only. */
  target?: { ms?: number; ratio?: number; description: string };
}

/** The time a run reported for itself, if it did (see Benchmark.run). */
export function measuredMs(out: unknown): number | undefined {
  const ms = (out as { measuredMs?: unknown } | null | undefined)?.measuredMs;
  return typeof ms === 'number' && Number.isFinite(ms) ? ms : undefined;
}
