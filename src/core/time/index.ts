/** Swedish local time (Europe/Stockholm) without a time-zone database. Pure. */
export * from './stockholm.ts';
