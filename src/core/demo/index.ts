/** Deterministic synthetic EST incidents (pure core). See README.md. */
export * from './generate.ts';
export * from './model.ts';
export * from './centres.ts';
export { stockholmParts, stockholmOffsetMinutes, localToUtc, utcToLocal, isSchoolHoliday, isoWeek } from './time.ts';
