import { openDB, type IDBPDatabase } from 'idb';
import type { OutboxItem, OutboxStore } from './outbox.ts';

/**
 * The outbox in IndexedDB (database "lagesbild-outbox", store "reports", key = the report's client
 * id). Photos are stored as Blobs. The pages and the service worker open the same database.
 */
export class IdbOutboxStore implements OutboxStore {
  private db: Promise<IDBPDatabase>;
  constructor(name = 'lagesbild-outbox') {
    this.db = openDB(name, 1, {
      upgrade(db) {
        if (!db.objectStoreNames.contains('reports')) db.createObjectStore('reports', { keyPath: 'id' });
      },
    });
    // A database that cannot be opened fails each use (the caller falls back), not as an unhandled rejection.
    this.db.catch(() => undefined);
  }
  async all(): Promise<OutboxItem[]> { return (await this.db).getAll('reports'); }
  async get(id: string): Promise<OutboxItem | undefined> { return (await this.db).get('reports', id); }
  async put(item: OutboxItem): Promise<void> { await (await this.db).put('reports', item); }
  async delete(id: string): Promise<void> { await (await this.db).delete('reports', id); }
  async update(id: string, fn: (item: OutboxItem) => OutboxItem | null): Promise<OutboxItem | undefined> {
    // One readwrite transaction: a delete from another context cannot fall between the read and the write.
    const tx = (await this.db).transaction('reports', 'readwrite');
    const cur = (await tx.store.get(id)) as OutboxItem | undefined;
    let next: OutboxItem | undefined;
    if (cur) {
      const changed = fn(cur);
      if (changed === null) await tx.store.delete(id);
      else { await tx.store.put(changed); next = changed; }
    }
    await tx.done;
    return next;
  }
}
