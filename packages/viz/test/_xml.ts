// A small strict XML well-formedness checker for the SVG we emit: one root element, balanced tags,
// quoted attributes without duplicates or a raw `<`, text and attribute values whose `&` starts a
// known entity or a character reference. It returns the element tree so tests can query structure.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const ENTITY = /^&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/;

function decode(s: string, where: number): string {
  for (let i = s.indexOf('&'); i >= 0; i = s.indexOf('&', i + 1)) {
    if (!ENTITY.test(s.slice(i))) throw new Error(`bare & at ${where + i}`);
  }
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&amp;/g, '&');
}

/** Parses `xml` (no DOCTYPE, no CDATA, no processing instructions), throwing on any malformation. */
export function parseXml(xml: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const text = (end: number): void => {
    const t = xml.slice(i, end);
    if (t.includes('>')) throw new Error(`raw > in text at ${i}`);
    const top = stack.at(-1);
    if (!top) {
      if (t.trim()) throw new Error(`text outside the root at ${i}`);
      return;
    }
    top.text += decode(t, i);
  };
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      text(xml.length);
      break;
    }
    text(lt);
    i = lt;
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i);
      if (end < 0) throw new Error(`unclosed comment at ${i}`);
      i = end + 3;
      continue;
    }
    if (xml.startsWith('</', i)) {
      const m = NAME.exec(xml.slice(i + 2));
      const top = stack.pop();
      if (!m || !top || m[0] !== top.name)
        throw new Error(`mismatched </${m?.[0]}> at ${i} (open: ${top?.name})`);
      i += 2 + m[0].length;
      while (xml[i] === ' ' || xml[i] === '\n') i++;
      if (xml[i] !== '>') throw new Error(`bad closing tag at ${i}`);
      i++;
      continue;
    }
    const m = NAME.exec(xml.slice(i + 1));
    if (!m) throw new Error(`bad tag name at ${i}`);
    const el: XmlElement = { name: m[0], attrs: {}, children: [], text: '' };
    i += 1 + m[0].length;
    for (;;) {
      const ws = /^\s*/.exec(xml.slice(i))![0].length;
      i += ws;
      if (xml.startsWith('/>', i) || xml[i] === '>') break;
      if (ws === 0) throw new Error(`missing space before attribute at ${i}`);
      const a = /^([A-Za-z_][\w.:-]*)="([^"]*)"/.exec(xml.slice(i));
      if (!a) throw new Error(`bad attribute at ${i}: ${xml.slice(i, i + 40)}`);
      if (a[2]!.includes('<')) throw new Error(`raw < in attribute ${a[1]} at ${i}`);
      if (a[1]! in el.attrs) throw new Error(`duplicate attribute ${a[1]} at ${i}`);
      el.attrs[a[1]!] = decode(a[2]!, i);
      i += a[0].length;
    }
    const parent = stack.at(-1);
    if (parent) parent.children.push(el);
    else if (root) throw new Error(`second root element at ${i}`);
    else root = el;
    if (xml[i] === '>') {
      stack.push(el);
      i++;
    } else i += 2;
  }
  if (stack.length) throw new Error(`unclosed <${stack.at(-1)!.name}>`);
  if (!root) throw new Error('no root element');
  return root;
}

/** All elements under `el` (itself included) that satisfy `pred`, in document order. */
export function findAll(el: XmlElement, pred: (e: XmlElement) => boolean): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    if (pred(e)) out.push(e);
    e.children.forEach(walk);
  };
  walk(el);
  return out;
}

/** Whether `el` has `cls` among its classes. */
export const hasClass = (el: XmlElement, cls: string): boolean =>
  (el.attrs.class ?? '').split(/\s+/).includes(cls);
