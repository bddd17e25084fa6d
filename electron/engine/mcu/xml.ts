/**
 * A small, strict XML reader for the simple answers MCUs give (CMS: `<callLegs total="1"><callLeg
 * id="…"><name>…</name></callLeg></callLegs>`, `<failureDetails><callLegDoesNotExist /></…>`):
 * elements, attributes, text, CDATA, comments, the XML declaration, the five predefined entities
 * and numeric character references. Anything with a DOCTYPE (and so any entity declaration or
 * external entity) is refused outright, which rules out entity expansion and file or network
 * reads by construction. Sizes are bounded so a hostile answer cannot make it work hard.
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own text (direct text and CDATA, not its children's), entity-decoded. */
  readonly text: string;
}

export class XmlError extends Error {
  readonly position: number;
  constructor(message: string, position: number) {
    super(`${message} at offset ${position}`);
    this.name = 'XmlError';
    this.position = position;
  }
}

export const XML_LIMITS = { maxChars: 2_000_000, maxDepth: 64, maxElements: 100_000 } as const;

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const SPACE = /[ \t\r\n]*/y;
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Replace entity and character references; unknown entities are an error (no DTD can define any). */
export function decodeEntities(raw: string, position = 0): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&\s]{0,12});?/g, (match, body: string, at: number) => {
    if (!match.endsWith(';')) throw new XmlError(`Bare "&" (use &amp;)`, position + at);
    if (Object.hasOwn(PREDEFINED, body)) return PREDEFINED[body] as string;
    const num = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(body);
    if (num) {
      const code = num[1] !== undefined ? parseInt(num[1], 16) : parseInt(num[2] as string, 10);
      const legal = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0x10ffff && code !== 0xfffe && code !== 0xffff);
      if (!legal) throw new XmlError(`Character reference &${body}; is not a legal XML character`, position + at);
      return String.fromCodePoint(code);
    }
    throw new XmlError(`Unknown entity &${body};`, position + at);
  });
}

interface Building {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** Parse one document and return its root element; throws XmlError on anything malformed. */
export function parseXml(source: string): XmlElement {
  if (source.length > XML_LIMITS.maxChars) throw new XmlError(`Document longer than ${XML_LIMITS.maxChars} characters`, 0);
  let pos = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  const stack: Building[] = [];
  let root: XmlElement | null = null;
  let elements = 0;

  const fail = (message: string, at = pos): never => {
    throw new XmlError(message, at);
  };
  const skipSpace = (): void => {
    SPACE.lastIndex = pos;
    SPACE.exec(source);
    pos = SPACE.lastIndex;
  };
  const readName = (): string => {
    NAME.lastIndex = pos;
    const m = NAME.exec(source);
    if (!m) return fail('Expected a name');
    pos = NAME.lastIndex;
    return m[0];
  };
  const skipPast = (terminator: string, what: string): number => {
    const end = source.indexOf(terminator, pos);
    if (end < 0) fail(`Unterminated ${what}`);
    const start = pos;
    pos = end + terminator.length;
    return start;
  };

  while (pos < source.length) {
    const lt = source.indexOf('<', pos);
    const textEnd = lt < 0 ? source.length : lt;
    if (textEnd > pos) {
      const raw = source.slice(pos, textEnd);
      const top = stack[stack.length - 1];
      if (top) top.text += decodeEntities(raw, pos);
      else if (raw.trim() !== '') fail('Text outside the root element');
      pos = textEnd;
      continue;
    }
    // At a '<'.
    if (source.startsWith('<?', pos)) {
      skipPast('?>', 'processing instruction');
    } else if (source.startsWith('<!--', pos)) {
      pos += 4;
      skipPast('-->', 'comment');
    } else if (source.startsWith('<![CDATA[', pos)) {
      const top = stack[stack.length - 1];
      if (!top) fail('CDATA outside the root element');
      pos += 9;
      const start = skipPast(']]>', 'CDATA section');
      (top as Building).text += source.slice(start, pos - 3);
    } else if (source.startsWith('<!', pos)) {
      fail('DOCTYPE and other declarations are not accepted');
    } else if (source.startsWith('</', pos)) {
      pos += 2;
      const name = readName();
      skipSpace();
      if (source[pos] !== '>') fail(`Expected ">" to close </${name}`);
      pos++;
      const open = stack.pop();
      if (!open) return fail(`Unexpected </${name}>`);
      if (open.name !== name) fail(`</${name}> closes <${open.name}>`);
      const done: XmlElement = { name: open.name, attributes: open.attributes, children: open.children, text: open.text };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(done);
      else root = done;
    } else {
      pos++;
      if (root) fail('More than one root element');
      const name = readName();
      const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
      for (;;) {
        const before = pos;
        skipSpace();
        const c = source[pos];
        if (c === '>' || c === '/') break;
        if (c === undefined) fail(`Unterminated <${name}`);
        if (pos === before) fail(`Expected whitespace before an attribute of <${name}>`);
        const attr = readName();
        skipSpace();
        if (source[pos] !== '=') fail(`Expected "=" after attribute ${attr}`);
        pos++;
        skipSpace();
        const quote = source[pos];
        if (quote !== '"' && quote !== "'") fail(`Expected a quoted value for attribute ${attr}`);
        pos++;
        const valueStart = skipPast(quote as string, `attribute ${attr}`);
        const raw = source.slice(valueStart, pos - 1);
        if (raw.includes('<')) fail(`"<" in the value of attribute ${attr}`, valueStart);
        if (attr in attributes) fail(`Duplicate attribute ${attr}`);
        attributes[attr] = decodeEntities(raw, valueStart);
      }
      if (++elements > XML_LIMITS.maxElements) fail(`More than ${XML_LIMITS.maxElements} elements`);
      const selfClosing = source[pos] === '/';
      if (selfClosing && source[pos + 1] !== '>') fail(`Expected "/>" in <${name}`);
      pos += selfClosing ? 2 : 1;
      const el: Building = { name, attributes, children: [], text: '' };
      if (selfClosing) {
        const parent = stack[stack.length - 1];
        if (parent) parent.children.push(el);
        else root = el;
      } else {
        if (stack.length >= XML_LIMITS.maxDepth) fail(`Nested deeper than ${XML_LIMITS.maxDepth}`);
        stack.push(el);
      }
    }
  }
  if (stack.length > 0) fail(`Unclosed <${(stack[stack.length - 1] as Building).name}>`);
  if (!root) return fail('No root element', 0);
  return root;
}

/** The first child element with this name. */
export function xmlChild(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

/** The trimmed text of the first child with this name, or undefined when there is none. */
export function xmlChildText(el: XmlElement, name: string): string | undefined {
  return xmlChild(el, name)?.text.trim();
}
