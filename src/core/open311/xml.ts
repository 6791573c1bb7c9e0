/**
 * The XML form of GeoReport v2's answers: an element per field, a repeated element per list item
 * (`<services><service>…</service></services>`), as the specification's examples write it. Only what
 * the answers need: text, numbers, booleans, nested objects and lists; a null or absent value is an
 * empty element, which clients read as "not given".
 */
export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [name: string]: XmlValue };

/** Text as XML character data: markup escaped, characters XML 1.0 cannot carry left out. */
export function escapeXml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids are the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function element(name: string, value: XmlValue, itemName: (list: string) => string): string {
  if (value === null || value === undefined || value === '') return `<${name}/>`;
  if (Array.isArray(value)) return `<${name}>${value.map((v) => element(itemName(name), v, itemName)).join('')}</${name}>`;
  if (typeof value === 'object') return `<${name}>${Object.entries(value).map(([k, v]) => element(k, v, itemName)).join('')}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/**
 * A document with one root element holding a list, each item named by `item`
 * (`toXmlList('services', 'service', [...])`); lists inside an item name their items by
 * `itemName` (default: the list's name without its last letter, "keys" → "key").
 */
export function toXmlList(root: string, item: string, items: Array<Record<string, XmlValue>>, itemName: (list: string) => string = (l) => l.replace(/s$/, '')): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root}>${items.map((i) => element(item, i, itemName)).join('')}</${root}>\n`;
}

/** A document with one root element holding the fields of an object (discovery). */
export function toXmlObject(root: string, value: Record<string, XmlValue>, itemName: (list: string) => string): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, itemName)}\n`;
}
