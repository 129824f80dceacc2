/**
 * A small XML writer for GeoReport v2 answers (the spec's required format): nested objects become elements,
 * arrays repeat their item element, null and undefined become empty elements. UTF-8 with the XML declaration.
 */
export type XmlValue = string | number | boolean | null | undefined | XmlNode | XmlList;
export interface XmlNode {
  [element: string]: XmlValue;
}
/** A list: each entry written as `<item>…</item>`. */
export interface XmlList {
  item: string;
  entries: XmlValue[];
}

const isList = (v: XmlValue): v is XmlList =>
  typeof v === 'object' && v !== null && 'entries' in v && Array.isArray((v as XmlList).entries);

/** Escapes text for element content; drops characters XML 1.0 does not allow. */
export function escapeXml(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex -- the characters XML 1.0 allows, by their code points
      .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

function write(name: string, v: XmlValue): string {
  if (v === null || v === undefined) return `<${name}/>`;
  if (isList(v)) return `<${name}>${v.entries.map((e) => write(v.item, e)).join('')}</${name}>`;
  if (typeof v === 'object')
    return `<${name}>${Object.entries(v)
      .map(([k, x]) => write(k, x))
      .join('')}</${name}>`;
  return `<${name}>${escapeXml(String(v))}</${name}>`;
}

/** A whole document: `<?xml …?>` and one root element. */
export function xmlDocument(root: string, v: XmlValue): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${write(root, v)}`;
}

/** A list document: `<root><item>…</item>…</root>`. */
export const xmlList = (root: string, item: string, entries: XmlValue[]) => xmlDocument(root, { item, entries });
