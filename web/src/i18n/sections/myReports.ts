import { section } from '../section.ts';

/** Strings of Mina rapporter (web/src/pages/my-reports). */
export default section({}, {});
