import { section } from '../section.ts';

/** Strings of the table view and export (web/src/pages/table). */
export default section({}, {});
