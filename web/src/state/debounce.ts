/**
 * A call that waits until its arguments have stopped changing for `ms` (the free-text filter follows
 * typing without a request per key). `flush` runs a waiting call now (Enter, leaving the field),
 * `cancel` drops it (the component goes away).
 */
export interface Debounced<A extends unknown[]> {
  (...args: A): void;
  flush(): void;
  cancel(): void;
  readonly pending: boolean;
}

export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number, timers: { set: typeof setTimeout; clear: typeof clearTimeout } = { set: setTimeout, clear: clearTimeout }): Debounced<A> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: A | undefined;
  const run = () => {
    timer = undefined;
    const args = last!;
    last = undefined;
    fn(...args);
  };
  const d = ((...args: A) => {
    last = args;
    if (timer !== undefined) timers.clear(timer);
    timer = timers.set(run, ms);
  }) as Debounced<A>;
  d.flush = () => { if (timer !== undefined) { timers.clear(timer); run(); } };
  d.cancel = () => { if (timer !== undefined) timers.clear(timer); timer = undefined; last = undefined; };
  Object.defineProperty(d, 'pending', { get: () => timer !== undefined });
  return d;
}

/** How long the text filter waits after the last key before it filters (ms). */
export const TEXT_FILTER_DELAY = 300;
