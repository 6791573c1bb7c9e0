/**
 * `COPY … FROM STDIN` over node-postgres without another package: pg runs any object with `submit()`
 * as a query (its "Submittable" interface, as pg-cursor and pg-query-stream use it) and hands it the
 * COPY protocol's messages. The rows come from an async iterable of text-format chunks; the socket's
 * back-pressure is respected, so ten million rows never sit in memory at once.
 */
import type pg from 'pg';

/** What pg's Connection offers a Submittable (lib/connection.js); not in @types/pg. */
interface Connection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
}

class CopyFrom {
  private error: Error | undefined;
  private rowCount = 0;
  readonly done: Promise<number>;
  private settle!: { ok: (n: number) => void; fail: (e: Error) => void };

  constructor(private readonly text: string, private readonly chunks: AsyncIterable<string> | Iterable<string>) {
    this.done = new Promise((ok, fail) => { this.settle = { ok, fail }; });
  }

  submit(connection: Connection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: Connection): void {
    void (async () => {
      try {
        for await (const chunk of this.chunks) {
          // The server refused the COPY (a bad row): it ignores the rest, so stop making it.
          if (this.error) return;
          connection.sendCopyFromChunk(Buffer.from(chunk, 'utf8'));
          if (connection.stream.writableNeedDrain) await new Promise((r) => connection.stream.once('drain', r));
        }
        connection.endCopyFrom();
      } catch (e) {
        this.error = e as Error;
        connection.sendCopyFail(`the row source failed: ${(e as Error).message}`);
      }
    })();
  }

  handleCommandComplete(msg: { text?: string }): void {
    const m = /COPY (\d+)/.exec(msg.text ?? '');
    if (m) this.rowCount = Number(m[1]);
  }

  handleError(err: Error): void {
    this.error ??= err;
  }

  handleReadyForQuery(): void {
    if (this.error) this.settle.fail(this.error);
    else this.settle.ok(this.rowCount);
  }

  // A COPY FROM sends no rows back; pg calls these only for other statements.
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

/** Runs `COPY <table> (<columns>) FROM STDIN` with the chunks (text format); resolves with the rows copied. */
export function copyFrom(client: pg.ClientBase, statement: string, chunks: AsyncIterable<string> | Iterable<string>): Promise<number> {
  const q = new CopyFrom(statement, chunks);
  client.query(q as unknown as pg.Submittable);
  return q.done;
}

/** A value for COPY's text format: \N for null, backslash, tab and line breaks escaped. */
export function copyText(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v !== 'string') return String(v);
  return v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}
