/**
 * The backup file on disk: lines in, gzip and SHA-256 out (writing), and the reverse with every
 * check of src/core/backup/format.ts (reading). Both stream, so a database of any size — photos
 * included — passes through in bounded memory.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { BackupReader, checkTrailer, corrupt, trailerLine, truncated, type BackupHeader, type BackupLine } from '../core/backup/format.ts';
import { BackupRefusal } from '../core/backup/refusal.ts';

/** Lines are gathered into chunks of about this size for the compressor. */
const CHUNK_BYTES = 256 * 1024;
/** The header lists tables and columns: far below this. Anything longer is not our file. */
const MAX_HEADER_BYTES = 16 * 1024 * 1024;
/** A row with a photo (at most 10 MB, a third more in base64) fits many times over. */
const MAX_LINE_BYTES = 512 * 1024 * 1024;

export interface Written {
  sha256: string;
  /** Lines before the trailer. */
  lines: number;
  /** Size of the compressed file. */
  bytes: number;
}

/**
 * Writes `lines` to a new file at `path` (which must not exist; readable by its owner only: the
 * backup holds personal data and password hashes), gzip-compressed, then the trailer with their
 * count and SHA-256; flushed to disk before it resolves. On failure the partial file is left for
 * the caller to remove.
 */
export async function writeBackupFile(path: string, lines: AsyncIterable<string>): Promise<Written> {
  const sha = createHash('sha256');
  let count = 0;
  async function* chunks(): AsyncGenerator<Buffer> {
    let parts: Buffer[] = [];
    let size = 0;
    for await (const line of lines) {
      const b = Buffer.from(`${line}\n`, 'utf8');
      sha.update(b);
      count++;
      parts.push(b);
      size += b.length;
      if (size >= CHUNK_BYTES) {
        yield Buffer.concat(parts);
        parts = [];
        size = 0;
      }
    }
    parts.push(Buffer.from(`${trailerLine({ lines: count, sha256: sha.copy().digest('hex') })}\n`, 'utf8'));
    yield Buffer.concat(parts);
  }
  await pipeline(Readable.from(chunks()), createGzip({ level: 6 }), createWriteStream(path, { flags: 'wx', mode: 0o600, flush: true }));
  return { sha256: sha.digest('hex'), lines: count, bytes: (await stat(path)).size };
}

/** The file's lines as bytes, without their `\n`. */
async function* splitLines(source: AsyncIterable<Buffer>, file: string): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let size = 0;
  let first = true;
  for await (const chunk of source) {
    let start = 0;
    for (let nl = chunk.indexOf(0x0a, start); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      parts.push(chunk.subarray(start, nl));
      yield parts.length === 1 ? parts[0]! : Buffer.concat(parts);
      parts = [];
      size = 0;
      first = false;
      start = nl + 1;
    }
    if (start < chunk.length) {
      parts.push(chunk.subarray(start));
      size += chunk.length - start;
      if (first && size > MAX_HEADER_BYTES) {
        throw new BackupRefusal('not_backup', `${file} är inte en säkerhetskopia från Lägesbild (ingen huvudrad). Ange en fil som lagesbild backup har skrivit.`,
          `${file} is not a Lägesbild backup (it has no header line). Give a file written by lagesbild backup.`, { file });
      }
      if (size > MAX_LINE_BYTES) throw corrupt(file, 'en rad är orimligt lång', 'a line is unreasonably long');
    }
  }
  if (size > 0) yield Buffer.concat(parts);
}

/** Opens the file and checks that it is gzip at all; the refusals for a missing or unreadable one. */
async function openChecked(path: string, file: string): Promise<void> {
  let fh;
  try {
    fh = await open(path, 'r');
    const head = Buffer.alloc(2);
    const { bytesRead } = await fh.read(head, 0, 2, 0);
    if (bytesRead === 0) {
      throw new BackupRefusal('not_backup', `${file} är inte en säkerhetskopia från Lägesbild (filen är tom). Ange en fil som lagesbild backup har skrivit.`,
        `${file} is not a Lägesbild backup (the file is empty). Give a file written by lagesbild backup.`, { file });
    }
    if (bytesRead < 2 || head[0] !== 0x1f || head[1] !== 0x8b) {
      throw new BackupRefusal('not_backup', `${file} är inte en säkerhetskopia från Lägesbild (den är inte gzip-komprimerad). Ange en fil som lagesbild backup har skrivit.`,
        `${file} is not a Lägesbild backup (it is not gzip-compressed). Give a file written by lagesbild backup.`, { file });
    }
  } catch (e) {
    if (e instanceof BackupRefusal) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new BackupRefusal('file_missing', `Säkerhetskopian ${file} finns inte. Ange sökvägen till en fil som lagesbild backup har skrivit.`,
        `The backup ${file} does not exist. Give the path of a file written by lagesbild backup.`, { file });
    }
    const why = code === 'EISDIR' ? ['det är en katalog', 'it is a directory'] : code === 'EACCES' ? ['behörighet saknas', 'permission denied'] : [(e as Error).message, (e as Error).message];
    throw new BackupRefusal('file_unreadable', `Säkerhetskopian ${file} går inte att läsa: ${why[0]}.`, `The backup ${file} cannot be read: ${why[1]}.`, { file });
  } finally {
    await fh?.close();
  }
}

/**
 * Reads a backup from start to end, checking all of it: gzip, the header, every table's rows
 * against the header, the trailer and the SHA-256 of everything before it. `onLine` (when given)
 * sees each header, table and row line as it is read, before the checksum is known — a restore
 * writes into a transaction it only commits once this resolves. `file` is the name for messages.
 */
export async function readBackupFile(path: string, file: string, onLine?: (line: BackupLine) => Promise<void>): Promise<{ header: BackupHeader; sha256: string }> {
  await openChecked(path, file);
  const reader = new BackupReader(file);
  const sha = createHash('sha256');
  let ended = false;
  const gunzip = createGunzip();
  const input = createReadStream(path);
  input.on('error', (e) => gunzip.destroy(e));
  input.pipe(gunzip);
  try {
    for await (const bytes of splitLines(gunzip, file)) {
      const line = reader.line(bytes.toString('utf8'));
      if (line.kind === 'end') {
        checkTrailer(file, line.trailer, reader.linesBefore, sha.copy().digest('hex'));
        ended = true;
        continue;
      }
      sha.update(bytes).update('\n');
      if (onLine) await onLine(line);
    }
  } catch (e) {
    if (e instanceof BackupRefusal) throw e;
    const code = (e as { code?: string }).code;
    // A gzip stream cut short ends without its own end marker; a damaged one fails its checks.
    if (code === 'Z_BUF_ERROR' || /unexpected end of file/i.test((e as Error).message)) throw truncated(file);
    if (code === 'Z_DATA_ERROR') throw corrupt(file, `komprimeringen är trasig (${(e as Error).message})`, `its compression is broken (${(e as Error).message})`);
    throw e;
  } finally {
    input.destroy();
    gunzip.destroy();
  }
  const header = reader.finish();
  if (!ended) throw truncated(file);
  return { header, sha256: sha.digest('hex') };
}
