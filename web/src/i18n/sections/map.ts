import { section } from '../section.ts';

/** Strings of the lägesbild map and side panel (web/src/pages/map). */
export default section({}, {});
