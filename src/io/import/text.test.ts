import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { ImportFileError } from './errors.ts';
import { decodeText } from './text.ts';

const bytes = (...b: number[]) => new Uint8Array(b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

test('UTF-8 with and without a byte-order mark', () => {
  const text = 'Händelsetyp;Öst\r\nKlotter på ån;1\r\n';
  const plain = new Uint8Array(Buffer.from(text, 'utf8'));
  assert.deepEqual(decodeText(plain), { text, encoding: 'utf-8' });
  assert.deepEqual(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...plain])), { text, encoding: 'utf-8' });
});

test('Windows-1252 as Swedish Excel writes it: å ä ö Å Ä Ö é € and typographic quotes come out right', () => {
  // "Händelsetyp;Öst;Plats\r\nKlotter;Åby;Café “Ån” 5€\r\n" byte by byte, as Excel saves it.
  const raw = bytes(
    ...ascii('H'), 0xe4, ...ascii('ndelsetyp;'), 0xd6, ...ascii('st;Plats\r\n'),
    ...ascii('Klotter;'), 0xc5, ...ascii('by;Caf'), 0xe9, 0x20, 0x93, 0xc5, ...ascii('n'), 0x94, 0x20, ...ascii('5'), 0x80, ...ascii('\r\n'),
    0xe5, 0xe4, 0xf6, 0xc4, 0xd6, ...ascii('\r\n'),
  );
  assert.deepEqual(decodeText(raw), { text: 'Händelsetyp;Öst;Plats\r\nKlotter;Åby;Café “Ån” 5€\r\nåäöÄÖ\r\n', encoding: 'windows-1252' });
  // An apostrophe between letters is Windows-1252 too, not a DOS letter.
  assert.equal(decodeText(bytes(...ascii('don'), 0x92, ...ascii('t '), 0xe5)).text, 'don’t å');
  assert.equal(decodeText(new Uint8Array(iconv.encode('Skadegörelse – Nedskräpning', 'win1252'))).text, 'Skadegörelse – Nedskräpning');
});

test('UTF-16 with a byte-order mark (Excel\'s "Unicode text")', () => {
  const text = 'Datum\tHändelsetyp\r\n2026-03-04\tKlotter\r\n';
  assert.deepEqual(decodeText(new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')])), { text, encoding: 'utf-16le' });
  const be = Buffer.from(text, 'utf16le').swap16();
  assert.deepEqual(decodeText(new Uint8Array([0xfe, 0xff, ...be])), { text, encoding: 'utf-16be' });
});

test('a DOS code page, UTF-16 without a mark, undefined bytes and broken UTF-8 are refused, naming the row', () => {
  const refused = (b: Uint8Array): Record<string, unknown> => {
    try { decodeText(b); } catch (e) { assert.ok(e instanceof ImportFileError); return { code: e.code, ...e.params, message: e.message }; }
    assert.fail('not refused');
  };
  const dos = refused(new Uint8Array(iconv.encode('Datum;Plats\r\n2026-03-04;Järnvägsstationen\r\n', 'cp850')));
  assert.deepEqual(dos, {
    code: 'file_encoding', row: 2, text: '2026-03-04;J„rnv„gsstationen',
    message: 'Filens teckenkodning känns inte igen (rad 2 blir ”2026-03-04;J„rnv„gsstationen”). Spara den som ”CSV UTF-8” eller som Excel-arbetsbok (.xlsx) och försök igen.',
  });
  assert.equal(refused(new Uint8Array(Buffer.from('Datum;Plats\r\n', 'utf16le'))).row, 1);
  assert.equal(refused(bytes(...ascii('a;b\n1;2\nc'), 0x81, ...ascii('d\n'))).row, 3);
  // After a UTF-8 mark the text must be UTF-8: the bad byte's row is named.
  assert.deepEqual(refused(bytes(0xef, 0xbb, 0xbf, ...ascii('a\nb\nc'), 0xe5, ...ascii('\n'))).row, 3);
});
