import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/**
 * How long the event loop was held up, for /health: the percentiles of the last complete window (so
 * a poller sees the present, not the start-up) and the longest delay since the process started.
 * A process that holds no data should never stall for long; this is where that shows.
 */
export interface EventLoopFigures {
  windowS: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  maxSinceStartMs: number;
}

const ms = (ns: number) => Math.round(ns / 1e4) / 100;

export function watchEventLoop(windowS = 10): { figures(): EventLoopFigures; stop(): void } {
  const h: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  let last = { p50Ms: 0, p99Ms: 0, maxMs: 0 };
  let maxSinceStart = 0;
  const roll = () => {
    last = { p50Ms: ms(h.percentile(50)), p99Ms: ms(h.percentile(99)), maxMs: ms(h.max) };
    maxSinceStart = Math.max(maxSinceStart, last.maxMs);
    h.reset();
  };
  const timer = setInterval(roll, windowS * 1000);
  timer.unref();
  return {
    // Before the first window closes, the figures so far.
    figures: () => ({ windowS, ...(last.maxMs || maxSinceStart ? last : { p50Ms: ms(h.percentile(50)), p99Ms: ms(h.percentile(99)), maxMs: ms(h.max) }), maxSinceStartMs: Math.max(maxSinceStart, ms(h.max)) }),
    stop: () => { clearInterval(timer); h.disable(); },
  };
}
