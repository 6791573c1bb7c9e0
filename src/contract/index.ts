/** The HTTP contract shared by the server's routes and (as types) the web app. */
export * from './common.ts';
export * from './incidents.ts';
export * from './configuration.ts';
export * from './auth.ts';
export * from './settings.ts';
export * from './tiles.ts';
export * from './health.ts';
export * from './lagesbild.ts';
export * from './photos.ts';
export * from './edition-content.ts';
export * from './editions.ts';
export * from './feedback.ts';
export * from './measures.ts';
export * from './meetings.ts';
export * from './action-plans.ts';
export * from './documents.ts';
export * from './setup.ts';
