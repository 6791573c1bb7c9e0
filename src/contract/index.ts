/** The HTTP contract shared by the server's routes and (as types) the web app. */
export * from './common.ts';
export * from './incidents.ts';
export * from './configuration.ts';
