import type { Queryable } from '../../src/db/engine.ts';

/** The statements a repository function sends, run as they are and kept to be explained. */
export function recording(q: Queryable): { q: Queryable; sent: Array<{ sql: string; params: unknown[] }> } {
  const sent: Array<{ sql: string; params: unknown[] }> = [];
  const r: Queryable = {
    query: (sql, params = [], options) => { sent.push({ sql, params }); return q.query(sql, params, options); },
    exec: (sql) => q.exec(sql),
  };
  return { q: r, sent };
}

/** The planner's plan of a recorded statement, as EXPLAIN's lines. */
export async function plan(q: Queryable, s: { sql: string; params: unknown[] }): Promise<string> {
  const r = await q.query<Record<string, string>>(`EXPLAIN ${s.sql}`, s.params);
  return r.rows.map((row) => Object.values(row)[0]).join('\n');
}
