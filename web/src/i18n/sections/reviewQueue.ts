import { section } from '../section.ts';

/** Strings of the review queue (web/src/pages/review). */
export default section({}, {});
