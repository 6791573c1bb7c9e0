import { section } from '../section.ts';

/** Strings of the admin pages (web/src/pages/admin). */
export default section({}, {});
