/**
 * The text of a CSV or GeoJSON file: UTF-8 with or without a byte-order mark; UTF-16 with one (as
 * Excel's "Unicode text" writes it); otherwise Windows-1252, as Swedish Excel writes "CSV
 * (semikolonavgränsad)". A file that is none of these (a DOS code page, UTF-16 without a mark,
 * bytes that are no text) is refused with the first line that shows it, rather than imported with
 * "H„ndelsetyp" in its headers.
 */
import iconv from 'iconv-lite';
import type { SourceTable } from '../../core/import/types.ts';
import { ImportFileError } from './errors.ts';

export type TextEncoding = NonNullable<SourceTable['encoding']>;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Bytes 0x80–0x9f that Windows-1252 makes punctuation („ † ” ‚ …) but DOS code pages 437/850 make
 * Swedish letters (ä å ö é): between two letters they betray a DOS file. Quotes, apostrophes, dashes
 * and the letters Windows-1252 has there (š ž œ ƒ Ÿ) are left out: they do stand between letters.
 */
const DOS_LETTERS = new Set([0x80, 0x82, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8b, 0x94, 0x95, 0x98, 0x99, 0x9b]);
const isAsciiLetter = (b: number | undefined) => b !== undefined && ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));

/** The 1-based line of a byte offset, and that line as Windows-1252 text (for the message). */
function lineAt(bytes: Uint8Array, offset: number): { row: number; text: string } {
  let row = 1, start = 0;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) { row++; start = i + 1; }
  let end = bytes.indexOf(0x0a, offset);
  if (end < 0) end = bytes.length;
  const text = iconv.decode(Buffer.from(bytes.subarray(start, Math.min(end, start + 200))), 'win1252').replace(/\0/g, '').replace(/\r$/, '').trim();
  return { row, text };
}

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    try {
      return { text: utf8.decode(bytes.subarray(3)), encoding: 'utf-8' };
    } catch {
      throw new ImportFileError('file_encoding', lineAt(bytes, firstInvalidUtf8(bytes, 3)));
    }
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new ImportFileError('file_encoding', lineAt(bytes, nul));
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: Windows-1252, unless a byte says otherwise.
  }
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80 || b > 0x9f) continue;
    // 0x81, 0x8d, 0x8f, 0x90 and 0x9d are no character in Windows-1252.
    if (b === 0x81 || b === 0x8d || b === 0x8f || b === 0x90 || b === 0x9d || (DOS_LETTERS.has(b) && isAsciiLetter(bytes[i - 1]) && isAsciiLetter(bytes[i + 1]))) {
      throw new ImportFileError('file_encoding', lineAt(bytes, i));
    }
  }
  return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'win1252'), encoding: 'windows-1252' };
}

function firstInvalidUtf8(bytes: Uint8Array, from: number): number {
  // The decoder names no offset: halve the range until the first bad byte is found.
  let lo = from, hi = bytes.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    // Streaming: a sequence cut at `mid` is not yet an error, a bad byte before it is.
    try { new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(from, mid), { stream: true }); lo = mid; } catch { hi = mid; }
  }
  return lo;
}
