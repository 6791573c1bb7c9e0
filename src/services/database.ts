/**
 * The database handle the routes hand to the services. Routes import nothing from src/db, not even
 * types (test/architecture/layering.test.ts), so the services name it for them.
 */
export type { Database } from '../db/engine.ts';
