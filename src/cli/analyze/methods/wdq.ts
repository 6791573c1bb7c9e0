import { evaluateIntervention, type InterventionCounts } from '../../../core/analysis/intervention/index.ts';
import { numberColumn, stringColumn, requireRows, rowLabel, columnLabel, resolveColumn, InputError, MS_PER_DAY } from '../../../io/analysis-input/index.ts';
import { columnOption, numberOption, parse } from '../options.ts';
import { readDays } from '../columns.ts';
import type { MethodSpec } from '../types.ts';

interface Opts {
  zone: string; period?: string; date?: string; start?: number; days?: number; count?: string; smallCount: number;
}

const ZONES: Record<string, 'R' | 'D' | 'C'> = { r: 'R', response: 'R', d: 'D', buffer: 'D', c: 'C', control: 'C' };
const PERIODS: Record<string, 'b' | 'a'> = { b: 'b', before: 'b', a: 'a', after: 'a' };

export const wdqMethod: MethodSpec<Opts> = {
  name: 'wdq',
  summary: 'evaluate a measure (Bowers & Johnson 2003): net effect, displacement or diffusion into the buffer, WDQ',
  options(cmd) {
    cmd.addOption(columnOption('--zone', 'the area of each incident: response|buffer|control (or R|D|C)', 'zone'))
      .addOption(columnOption('--period', 'before|after (or b|a) for each row; or give --date, --start and --days'))
      .addOption(columnOption('--date', 'the incident date, split at --start'))
      .addOption(numberOption('--start <date>', 'first day of the measure: "after" is [start, start + days), "before" the same length just before', parse.date))
      .addOption(numberOption('--days <n>', 'length of each period in days (with --date and --start)', parse.positive))
      .addOption(columnOption('--count', 'a count per row (aggregated input; default: each row is one incident)'))
      .addOption(numberOption('--small-count <n>', 'warn about counts below this', parse.nonNegative, 20));
  },
  help: 'Rows outside both periods, or with an empty zone, are left out (reported as "ignored").\nWDQ = (Da/Ca − Db/Cb)/(Ra/Ca − Rb/Cb); quantities that would divide by zero are null with a reason.\n\nExample (aggregated counts):\n  printf "zone,period,n\\nresponse,before,100\\nresponse,after,60\\nbuffer,before,80\\nbuffer,after,70\\ncontrol,before,200\\ncontrol,after,190\\n" \\\n    | lagesbild analyze wdq --input - --period period --count n',
  run(table, o) {
    requireRows(table, 1, 'the intervention evaluation');
    const zoneCol = resolveColumn(table, o.zone, '--zone');
    const zones = stringColumn(table, o.zone, { option: '--zone' });
    const counts = o.count !== undefined
      ? numberColumn(table, o.count, { option: '--count', check: (v) => (v < 0 ? 'is negative (counts are ≥ 0)' : null) })
      : null;
    let period: ('a' | 'b' | null)[];
    let window: Record<string, string> | null = null;
    if (o.period !== undefined) {
      const pc = resolveColumn(table, o.period, '--period');
      period = stringColumn(table, o.period, { option: '--period' }).map((v, i) => {
        if (v === '') return null;
        const p = PERIODS[v.toLowerCase()];
        if (!p) throw new InputError(`${table.source}, ${rowLabel(table, i)}, ${columnLabel(table, pc)}: ${JSON.stringify(v)} is not a period (before, after, b or a)`);
        return p;
      });
    } else {
      if (o.start === undefined || o.days === undefined) throw new InputError('give --period COLUMN, or --date COLUMN with --start DATE and --days N');
      const day = readDays(table, { date: o.date ?? 'date' });
      const s = o.start / MS_PER_DAY;
      period = Array.from(day, (d) => (d >= s && d < s + o.days! ? 'a' : d >= s - o.days! && d < s ? 'b' : null));
      const iso = (d: number) => new Date(d * MS_PER_DAY).toISOString().slice(0, 10);
      window = { beforeStart: iso(s - o.days), start: iso(s), afterEnd: iso(s + o.days) };
    }
    const c: InterventionCounts = { Rb: 0, Ra: 0, Db: 0, Da: 0, Cb: 0, Ca: 0 };
    let ignored = 0;
    zones.forEach((z, i) => {
      if (z === '' || period[i] === null) { ignored++; return; }
      const zone = ZONES[z.toLowerCase()];
      if (!zone) throw new InputError(`${table.source}, ${rowLabel(table, i)}, ${columnLabel(table, zoneCol)}: ${JSON.stringify(z)} is not a zone (response, buffer, control or R, D, C)`);
      c[`${zone}${period[i]!}` as keyof InterventionCounts] += counts ? counts[i] : 1;
    });
    const r = evaluateIntervention(c, { smallCount: o.smallCount });
    return { method: 'wdq', counts: c, ignored, ...(window ? { periods: window } : {}), ...r };
  },
  csv(r) {
    const q = ['grossPercentChange', 'netEffect', 'bufferNetEffect', 'totalNetEffect', 'successMeasure', 'bufferDisplacementMeasure', 'wdq'];
    const header = ['method', 'Rb', 'Ra', 'Db', 'Da', 'Cb', 'Ca', 'grossEffect', ...q, 'interpretation'];
    return { header, rows: [['wdq', r.counts.Rb, r.counts.Ra, r.counts.Db, r.counts.Da, r.counts.Cb, r.counts.Ca, r.grossEffect, ...q.map((k) => r[k].value), r.interpretation]] };
  },
};
