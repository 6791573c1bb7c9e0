import { section } from '../section.ts';

/** Strings of the report form (web/src/pages/report). */
export default section({}, {});
