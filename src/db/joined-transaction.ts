import type { Database, Queryable } from './engine.ts';

/**
 * An open transaction seen as a Database whose transaction() joins it: services that open their own
 * transaction (adding a municipality, an organisation, a user) then run as steps of a larger one
 * and commit or roll back with it. The browser's first-start set-up creates everything this way, in
 * one transaction. Closing it is a programming error: the owner of the transaction ends it.
 */
export function joinedTransaction(tx: Queryable, db: Pick<Database, 'engine' | 'distributed'>): Database {
  return {
    ...tx,
    engine: db.engine,
    distributed: db.distributed,
    transaction: (fn) => fn(tx),
    close: () => Promise.reject(new Error('a joined transaction is ended by whoever opened it, not closed')),
  };
}
