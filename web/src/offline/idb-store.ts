import { openDB, type IDBPDatabase } from 'idb';
import type { OutboxItem, OutboxStore } from './outbox.ts';

/** The outbox in IndexedDB (database "lagesbild-outbox", store "reports", key = the report's client id). Photos are stored as Blobs. */
export class IdbOutboxStore implements OutboxStore {
  private db: Promise<IDBPDatabase>;
  constructor(name = 'lagesbild-outbox') {
    this.db = openDB(name, 1, {
      upgrade(db) {
        if (!db.objectStoreNames.contains('reports')) db.createObjectStore('reports', { keyPath: 'id' });
      },
    });
  }
  async all(): Promise<OutboxItem[]> { return (await this.db).getAll('reports'); }
  async get(id: string): Promise<OutboxItem | undefined> { return (await this.db).get('reports', id); }
  async put(item: OutboxItem): Promise<void> { await (await this.db).put('reports', item); }
  async delete(id: string): Promise<void> { await (await this.db).delete('reports', id); }
}
