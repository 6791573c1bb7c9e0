/**
 * Tables in foreign-key dependency order: each after every table it refers to, so the rows can be
 * read back in file order by a loader that checks each reference as it goes. Among tables whose
 * turn has come the name decides, so the order is the same on every run and engine. A reference of
 * a table to itself (a category's parent) does not order tables; a cycle between tables (none in
 * the schema today) is broken at the alphabetically first table left, and the restore does not
 * depend on the order (it checks the references once all rows are in).
 */
export function dependencyOrder(tables: readonly string[], references: ReadonlyArray<{ from: string; to: string }>): string[] {
  const known = new Set(tables);
  const needs = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const r of references) {
    if (r.from !== r.to && known.has(r.from) && known.has(r.to)) needs.get(r.from)!.add(r.to);
  }
  const done = new Set<string>();
  const order: string[] = [];
  const left = [...tables].sort();
  while (left.length) {
    const i = left.findIndex((t) => [...needs.get(t)!].every((n) => done.has(n)));
    const [next] = left.splice(i === -1 ? 0 : i, 1);
    done.add(next!);
    order.push(next!);
  }
  return order;
}
