export { IncidentTable, Dictionary, createDictionaries, STATUSES, type IncidentRow, type Dictionaries } from './table.ts';
export { scan, select, type IndexActor, type IndexFilter } from './query.ts';
export * as aggregate from './aggregate.ts';
export { prepareCells, cellsOf, LEVEL_SIZES } from './cells.ts';
export { withinGeometry, withinBbox, both, NOTHING, type Within } from './within.ts';
