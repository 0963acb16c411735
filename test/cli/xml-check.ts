/**
 * A tiny XML reader for the tests: checks well-formedness (one root, nested
 * and matching tags, quoted unique attributes, only the five predefined
 * entities or character references, no stray '<' or '&') and returns the
 * element tree, so a report can be checked structurally.
 */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Record<string, string>;
  readonly children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.-]*$/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: string): string {
  if (raw.includes('<')) throw new Error(`xml: raw '<' in ${where}`);
  return raw.replace(/&([^;]*);|&/g, (m, ref: string | undefined) => {
    if (ref === undefined) throw new Error(`xml: bare '&' in ${where}`);
    if (ref in ENTITIES) return ENTITIES[ref]!;
    const num = /^#(\d+)$/.exec(ref) ?? /^#x([0-9a-fA-F]+)$/.exec(ref);
    if (num) return String.fromCodePoint(parseInt(num[1]!, ref.startsWith('#x') ? 16 : 10));
    throw new Error(`xml: unknown entity '${m}' in ${where}`);
  });
}

function parseAttrs(text: string, tag: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  let rest = text.trim();
  while (rest !== '') {
    const m = /^([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')\s*/.exec(rest);
    if (m === null) throw new Error(`xml: malformed attributes in <${tag}>: ${rest.slice(0, 40)}`);
    if (m[1]! in attrs) throw new Error(`xml: duplicate attribute ${m[1]} in <${tag}>`);
    attrs[m[1]!] = decode(m[3] ?? m[4]!, `attribute ${m[1]}`);
    rest = rest.slice(m[0].length);
  }
  return attrs;
}

export function parseXml(xml: string): XmlElement {
  let s = xml.replace(/^\uFEFF/, '');
  const decl = /^<\?xml[^?]*\?>/.exec(s);
  if (decl) s = s.slice(decl[0].length);
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let i = 0;
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    const text = s.slice(i, lt < 0 ? s.length : lt);
    if (stack.length === 0) {
      if (text.trim() !== '') throw new Error('xml: text outside the root element');
    } else stack[stack.length - 1]!.text += decode(text, `<${stack[stack.length - 1]!.name}>`);
    if (lt < 0) break;
    if (s.startsWith('<!--', lt)) {
      const end = s.indexOf('-->', lt);
      if (end < 0) throw new Error('xml: unterminated comment');
      i = end + 3;
      continue;
    }
    const gt = s.indexOf('>', lt);
    if (gt < 0) throw new Error('xml: unterminated tag');
    const inner = s.slice(lt + 1, gt);
    i = gt + 1;
    if (inner.startsWith('/')) {
      const name = inner.slice(1).trim();
      const open = stack.pop();
      if (open === undefined || open.name !== name) throw new Error(`xml: </${name}> closes <${open?.name ?? 'nothing'}>`);
      continue;
    }
    const selfClosing = inner.endsWith('/');
    const body = selfClosing ? inner.slice(0, -1) : inner;
    const nameEnd = body.search(/\s|$/);
    const name = body.slice(0, nameEnd);
    if (!NAME.test(name)) throw new Error(`xml: bad element name '${name}'`);
    const el: XmlElement = { name, attrs: parseAttrs(body.slice(nameEnd), name), children: [], text: '' };
    if (stack.length > 0) stack[stack.length - 1]!.children.push(el);
    else if (root === null) root = el;
    else throw new Error('xml: more than one root element');
    if (!selfClosing) stack.push(el);
  }
  if (stack.length > 0) throw new Error(`xml: <${stack[stack.length - 1]!.name}> is not closed`);
  if (root === null) throw new Error('xml: no root element');
  return root;
}
