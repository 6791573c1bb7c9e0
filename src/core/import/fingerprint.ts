/**
 * A stable fingerprint of a text: FNV-1a, 64 bits, over its UTF-8 bytes, as 16 hex digits. Written
 * out in 16-bit parts (no BigInt, no node:crypto), so the same row gives the same key in Node and the
 * browser, today and in ten years — the key by which a row imported again is known. Not for secrets.
 * Pure.
 */

/**
 * @example fnv1a64('') // 'cbf29ce484222325'
 * @example fnv1a64('foobar') // '85944171f73967e8'
 */
export function fnv1a64(text: string): string {
  // The offset basis 0xcbf29ce484222325 in four 16-bit parts, lowest first.
  let h0 = 0x2325, h1 = 0x8422, h2 = 0x9ce4, h3 = 0xcbf2;
  const byte = (b: number) => {
    h0 ^= b;
    // × the FNV prime 2^40 + 0x1b3, modulo 2^64.
    const t0 = h0 * 0x1b3;
    let t1 = h1 * 0x1b3;
    let t2 = h2 * 0x1b3 + (h0 << 8);
    let t3 = h3 * 0x1b3 + (h1 << 8);
    t1 += t0 >>> 16;
    t2 += t1 >>> 16;
    t3 += t2 >>> 16;
    h0 = t0 & 0xffff; h1 = t1 & 0xffff; h2 = t2 & 0xffff; h3 = t3 & 0xffff;
  };
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo < 0xe000) { c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00); i++; }
    }
    if (c < 0x80) byte(c);
    else if (c < 0x800) { byte(0xc0 | (c >> 6)); byte(0x80 | (c & 63)); }
    else if (c < 0x10000) { byte(0xe0 | (c >> 12)); byte(0x80 | ((c >> 6) & 63)); byte(0x80 | (c & 63)); }
    else { byte(0xf0 | (c >> 18)); byte(0x80 | ((c >> 12) & 63)); byte(0x80 | ((c >> 6) & 63)); byte(0x80 | (c & 63)); }
  }
  return [h3, h2, h1, h0].map((p) => p.toString(16).padStart(4, '0')).join('');
}
