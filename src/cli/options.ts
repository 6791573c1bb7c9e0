/** A `--municipality` option's value: SCB's four-digit municipality code, or a clear error naming what was given. */
export function municipalityCode(s: string): string {
  if (!/^[0-9]{4}$/.test(s)) throw new Error(`--municipality must be a four-digit municipality code, got "${s}"`);
  return s;
}
