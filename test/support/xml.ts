import { SaxesParser } from 'saxes';

/** An element of a parsed XML document: its name, its child elements and its own text. */
export interface XmlElement { name: string; children: XmlElement[]; text: string }

/**
 * Parses XML strictly (saxes: any well-formedness error throws), so a test reads an answer back as
 * a client would and an answer that is not XML fails.
 */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser();
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  parser.on('opentag', (tag) => {
    const el: XmlElement = { name: tag.name, children: [], text: '' };
    if (stack.length) stack[stack.length - 1].children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('text', (t) => { if (stack.length) stack[stack.length - 1].text += t; });
  parser.on('closetag', () => { stack.pop(); });
  parser.on('error', (e) => { throw e; });
  parser.write(xml).close();
  if (!root) throw new Error('no root element');
  return root;
}

/** The child elements of an element as name → text (the fields of one item). */
export function fields(el: XmlElement): Record<string, string> {
  return Object.fromEntries(el.children.map((c) => [c.name, c.text]));
}

/** A list document (`<services><service>…</service></services>`) as the items' fields. */
export function xmlItems(xml: string, root: string, item: string): Array<Record<string, string>> {
  const doc = parseXml(xml);
  if (doc.name !== root) throw new Error(`root element ${doc.name}, expected ${root}`);
  for (const c of doc.children) if (c.name !== item) throw new Error(`element ${c.name} in ${root}, expected ${item}`);
  return doc.children.map(fields);
}
