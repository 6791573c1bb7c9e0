/** Parsers for option values: they throw commander's InvalidArgumentError, which commander reports
 * as "option '--distance <metres>' argument 'x' is invalid. <reason>" with exit status 1. */
import { InvalidArgumentError, Option } from 'commander';
import { parseDate, DATE_FORMS } from '../../io/analysis-input/index.ts';

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function num(v: string): number {
  const s = v.trim();
  if (!NUMBER.test(s)) throw new InvalidArgumentError('A number is needed.');
  return Number(s);
}

export const parse = {
  number: (v: string) => num(v),
  positive: (v: string) => {
    const x = num(v);
    if (!(x > 0)) throw new InvalidArgumentError('A number greater than 0 is needed.');
    return x;
  },
  nonNegative: (v: string) => {
    const x = num(v);
    if (!(x >= 0)) throw new InvalidArgumentError('A number of 0 or more is needed.');
    return x;
  },
  /** Whole number ≥ 1. */
  count: (v: string) => {
    const x = num(v);
    if (!Number.isInteger(x) || x < 1) throw new InvalidArgumentError('A whole number of 1 or more is needed.');
    return x;
  },
  /** Whole number ≥ 0. */
  integer: (v: string) => {
    const x = num(v);
    if (!Number.isInteger(x) || x < 0) throw new InvalidArgumentError('A whole number of 0 or more is needed.');
    return x;
  },
  /** Strictly between 0 and 1. */
  probability: (v: string) => {
    const x = num(v);
    if (!(x > 0 && x < 1)) throw new InvalidArgumentError('A number between 0 and 1 (exclusive) is needed.');
    return x;
  },
  /** A date → milliseconds since 1970 UTC. */
  date: (v: string) => {
    const t = parseDate(v);
    if (t === null) throw new InvalidArgumentError(`A date is needed (${DATE_FORMS}).`);
    return t;
  },
  /** "0.5,0.8" → numbers in (0, 1]. */
  shares: (v: string) => {
    const xs = v.split(',').map((s) => num(s));
    if (xs.some((x) => !(x > 0 && x <= 1))) throw new InvalidArgumentError('Comma-separated numbers in (0, 1] are needed.');
    return xs;
  },
  /** "minX,minY,maxX,maxY" → an extent with max > min. */
  extent: (v: string) => {
    const xs = v.split(',').map((s) => num(s));
    if (xs.length !== 4 || !(xs[2] > xs[0] && xs[3] > xs[1])) {
      throw new InvalidArgumentError('minX,minY,maxX,maxY with maxX > minX and maxY > minY is needed.');
    }
    return { minX: xs[0], minY: xs[1], maxX: xs[2], maxY: xs[3] };
  },
  /** "x,y" → a point. */
  pair: (v: string) => {
    const xs = v.split(',').map((s) => num(s));
    if (xs.length !== 2) throw new InvalidArgumentError('Two numbers x,y are needed.');
    return xs as [number, number];
  },
  /** "a,b,c" → positive numbers, increasing. */
  breaks: (v: string) => {
    const xs = v.split(',').map((s) => num(s));
    if (xs.some((x, i) => !(x > 0) || (i > 0 && x <= xs[i - 1]))) {
      throw new InvalidArgumentError('Comma-separated increasing numbers greater than 0 are needed.');
    }
    return xs;
  },
};

/** `--x <column>` etc.: a column by name (any case) or 1-based number. */
export function columnOption(flag: string, what: string, fallback?: string, fallbackDescription?: string): Option {
  const o = new Option(`${flag} <column>`, `column of ${what} (name or 1-based number)`);
  return fallback === undefined ? o : o.default(fallback, fallbackDescription);
}

export function numberOption(flags: string, description: string, parser: (v: string) => unknown, fallback?: unknown): Option {
  const o = new Option(flags, description).argParser(parser);
  return fallback === undefined ? o : o.default(fallback);
}
