/** Deterministic synthetic EST incidents (pure core). See README.md. */
export * from './types.ts';
export * from './generate.ts';
export * from './model.ts';
export * from './centres.ts';
export { isSchoolHoliday } from './calendar.ts';
