/**
 * Just enough XML for SpreadsheetML's small parts (workbook, relationships, tables, styles,
 * shared strings), without a DOM: start tags read with a quote-aware scanner, elements found
 * with `indexOf`, text decoded only when it holds something to decode. Worksheets, the large
 * parts, are scanned as bytes (sheet.ts).
 *
 * Element names are matched with the prefix of the document's root element (`<x:worksheet>`
 * makes every tag `x:`-prefixed), which is how the writers that use a prefix write them.
 */

// ---------------------------------------------------------------------------------------------
// Text decoding

function codePoint(n: number): string | null {
  return n >= 0 && n <= 0x10ffff && !Number.isNaN(n) ? String.fromCodePoint(n) : null;
}

/** The text of the entity `&…;` whose name is `s[a..b)` (between `&` and `;`), or `null`. */
function entityText(s: string, a: number, b: number): string | null {
  const c = s.charCodeAt(a);
  const len = b - a;
  if (c === 35 /* # */) {
    if (len < 2) return null;
    const hex = s.charCodeAt(a + 1) === 120 || s.charCodeAt(a + 1) === 88;
    const digits = s.slice(a + (hex ? 2 : 1), b);
    if (digits === '' || !(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return null;
    return codePoint(parseInt(digits, hex ? 16 : 10));
  }
  if (len === 3 && c === 97 && s.charCodeAt(a + 1) === 109 && s.charCodeAt(a + 2) === 112) return '&';
  if (len === 2 && s.charCodeAt(a + 1) === 116) {
    if (c === 108) return '<';
    if (c === 103) return '>';
  }
  if (len === 4) {
    const name = s.slice(a, b);
    if (name === 'quot') return '"';
    if (name === 'apos') return "'";
  }
  return null;
}

/** Decodes the five XML entities and numeric character references (others are kept as written). */
export function decodeEntities(s: string): string {
  let amp = s.indexOf('&');
  if (amp < 0) return s;
  let out = '';
  let last = 0;
  while (amp >= 0) {
    const semi = s.indexOf(';', amp + 1);
    if (semi < 0) break;
    const text = semi - amp <= 12 ? entityText(s, amp + 1, semi) : null;
    if (text === null) {
      amp = s.indexOf('&', amp + 1);
      continue;
    }
    out += s.slice(last, amp) + text;
    last = semi + 1;
    amp = s.indexOf('&', last);
  }
  return last === 0 ? s : out + s.slice(last);
}

const ESCAPE_RE = /_x([0-9A-Fa-f]{4})_/g;

/** Decodes the OOXML `_xHHHH_` escapes of a string (already entity-decoded, like an attribute value). */
export function decodeEscapes(s: string): string {
  return s.indexOf('_x') < 0 ? s : s.replace(ESCAPE_RE, (_m: string, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Decodes the text content of an element as an XML parser would (line ends normalized to
 * `\n`, entities), then the OOXML `_xHHHH_` escapes (`_x000D_` is a carriage return,
 * `_x005F_` a literal underscore, so `_x005F_x000D_` reads as the text `_x000D_`).
 */
export function decodeText(raw: string): string {
  let s = raw;
  if (s.indexOf('\r') >= 0) s = s.replace(/\r\n?/g, '\n');
  if (s.indexOf('&') >= 0) s = decodeEntities(s);
  return decodeEscapes(s);
}

// ---------------------------------------------------------------------------------------------
// Markup that is not elements nor text

/** `a` with the three characters that matter in text content escaped (for CDATA sections). */
function escapeText(a: string): string {
  return a.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Index just after the `>` that ends the `<!DOCTYPE` at `i` (its internal subset `[…]` and quoted strings skipped). */
function doctypeEnd(xml: string, i: number): number {
  let depth = 0;
  for (let k = i + 2; k < xml.length; k++) {
    const c = xml.charCodeAt(k);
    if (c === 34 || c === 39) {
      const q = xml.indexOf(c === 34 ? '"' : "'", k + 1);
      if (q < 0) return xml.length;
      k = q;
    } else if (c === 91 /* [ */) depth++;
    else if (c === 93 /* ] */) depth--;
    else if (c === 62 /* > */ && depth <= 0) return k + 1;
  }
  return xml.length;
}

/**
 * Index of the next `<!` or `<?` at or after `from` (the `<`), or -1. Searched by their second
 * character, rare in SpreadsheetML: V8 finds a one-character pattern many times faster than
 * `<!`, whose `<` starts every tag.
 */
function nextMarkup(xml: string, from: number, c: '!' | '?'): number {
  for (let k = xml.indexOf(c, from + 1); k >= 0; k = xml.indexOf(c, k + 1)) if (xml.charCodeAt(k - 1) === 60) return k - 1;
  return -1;
}

/**
 * The document as an XML parser sees its elements and text: comments, processing instructions
 * and the document type declaration removed, CDATA sections replaced by their text, escaped.
 * A `<row>` inside a comment is not a row. Returns `xml` itself when there is none of these
 * after the XML declaration (the usual case: two one-character `indexOf` over the text).
 */
export function withoutMarkup(xml: string): string {
  let from = 0;
  if (xml.startsWith('<?xml')) {
    const e = xml.indexOf('?>');
    from = e < 0 ? xml.length : e + 2;
  }
  let bang = nextMarkup(xml, from, '!');
  let pi = nextMarkup(xml, from, '?');
  if (bang < 0 && pi < 0) return xml;
  let out = '';
  let last = 0;
  for (;;) {
    if (bang >= 0 && bang < last) bang = nextMarkup(xml, last, '!');
    if (pi >= 0 && pi < last) pi = nextMarkup(xml, last, '?');
    const lt = bang < 0 ? pi : pi < 0 ? bang : Math.min(bang, pi);
    if (lt < 0) break;
    out += xml.slice(last, lt);
    let end: number;
    if (xml.startsWith('<!--', lt)) {
      const e = xml.indexOf('-->', lt + 4);
      end = e < 0 ? xml.length : e + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const e = xml.indexOf(']]>', lt + 9);
      out += escapeText(xml.slice(lt + 9, e < 0 ? xml.length : e));
      end = e < 0 ? xml.length : e + 3;
    } else if (xml.charCodeAt(lt + 1) === 63 /* ? */) {
      const e = xml.indexOf('?>', lt + 2);
      end = e < 0 ? xml.length : e + 2;
    } else if (xml.startsWith('<!DOCTYPE', lt)) {
      end = doctypeEnd(xml, lt);
    } else {
      const e = xml.indexOf('>', lt + 2); // a declaration out of place: dropped
      end = e < 0 ? xml.length : e + 1;
    }
    last = end;
  }
  return out + xml.slice(last);
}

// ---------------------------------------------------------------------------------------------
// Tags

/** True for the character codes that may end an element name: whitespace, `>`, `/`. */
function isNameEnd(c: number): boolean {
  return c === 62 || c === 47 || c === 32 || c === 10 || c === 13 || c === 9;
}

/** The character codes of a pattern, for `matchAt`. */
function codesOf(pat: string): number[] {
  const out: number[] = [];
  for (let k = 0; k < pat.length; k++) out.push(pat.charCodeAt(k));
  return out;
}

/** Whether the pattern `pat` (as `codesOf`) is written in `xml` at `i`: cheaper than `startsWith` here. */
function matchAt(xml: string, i: number, pat: readonly number[]): boolean {
  for (let k = 0; k < pat.length; k++) if (xml.charCodeAt(i + k) !== pat[k]) return false;
  return true;
}

/** The prefix of the root element with its colon (`'x:'`), or `''` when it has none. */
export function rootPrefix(xml: string): string {
  let i = 0;
  for (;;) {
    i = xml.indexOf('<', i);
    if (i < 0) return '';
    const c = xml.charCodeAt(i + 1);
    if (c !== 63 /* ? */ && c !== 33 /* ! */) break;
    i++;
  }
  let j = i + 1;
  while (j < xml.length && !isNameEnd(xml.charCodeAt(j))) j++;
  const name = xml.slice(i + 1, j);
  const colon = name.indexOf(':');
  return colon >= 0 ? name.slice(0, colon + 1) : '';
}

export interface StartTag {
  /** Qualified name, as written. */
  name: string;
  /** Attributes by qualified name, values decoded. */
  attrs: Record<string, string>;
  /** Index of the `<`. */
  start: number;
  /** Index just after the closing `>`. */
  end: number;
  selfClosing: boolean;
}

/** Reads the start tag whose `<` is at `lt` (quote-aware: a `>` inside a value is not its end). */
export function readStartTag(xml: string, lt: number): StartTag | null {
  const n = xml.length;
  let i = lt + 1;
  while (i < n && !isNameEnd(xml.charCodeAt(i))) i++;
  const name = xml.slice(lt + 1, i);
  const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
  while (i < n) {
    const c = xml.charCodeAt(i);
    if (c === 62) return { name, attrs, start: lt, end: i + 1, selfClosing: false };
    if (c === 47 && xml.charCodeAt(i + 1) === 62) return { name, attrs, start: lt, end: i + 2, selfClosing: true };
    if (c <= 32 || c === 47) {
      i++;
      continue;
    }
    const ns = i;
    while (i < n) {
      const d = xml.charCodeAt(i);
      if (d === 61 || d <= 32 || d === 62 || d === 47) break;
      i++;
    }
    const attrName = xml.slice(ns, i);
    while (i < n && xml.charCodeAt(i) <= 32) i++;
    if (xml.charCodeAt(i) !== 61) continue;
    i++;
    while (i < n && xml.charCodeAt(i) <= 32) i++;
    const q = xml.charCodeAt(i);
    if (q !== 34 && q !== 39) continue;
    const ve = xml.indexOf(q === 34 ? '"' : "'", i + 1);
    if (ve < 0) return null;
    attrs[attrName] = decodeEntities(xml.slice(i + 1, ve));
    i = ve + 1;
  }
  return null;
}

/** An attribute by local name, whatever its prefix (`id` finds `r:id`); prefixed ones only if `prefixed`. */
export function attrByLocalName(attrs: Record<string, string>, local: string, prefixed = false): string | undefined {
  if (!prefixed && attrs[local] !== undefined) return attrs[local];
  const suffix = ':' + local;
  for (const k of Object.keys(attrs)) if (k.endsWith(suffix)) return attrs[k];
  return undefined;
}

/** Index of the next start tag `<qname` (followed by a name end) at or after `from`, or -1. */
export function indexOfTag(xml: string, qname: string, from = 0, to = xml.length): number {
  const open = '<' + qname;
  let i = from;
  for (;;) {
    i = xml.indexOf(open, i);
    if (i < 0 || i >= to) return -1;
    if (isNameEnd(xml.charCodeAt(i + open.length))) return i;
    i += open.length;
  }
}

/** All start tags `<qname ...>` between `from` and `to`. */
export function findStartTags(xml: string, qname: string, from = 0, to = xml.length): StartTag[] {
  const out: StartTag[] = [];
  let i = from;
  for (;;) {
    i = indexOfTag(xml, qname, i, to);
    if (i < 0) return out;
    const tag = readStartTag(xml, i);
    if (!tag) return out;
    out.push(tag);
    i = tag.end;
  }
}

// ---------------------------------------------------------------------------------------------
// Rich text: the content of a shared-string item `<si>` or of an inline string `<is>`

/**
 * The text of a string item between `start` and `end`: the `<t>` texts concatenated (a plain
 * `<t>` or the runs `<r><t>…</t></r>` of rich text), phonetic runs `<rPh>` ignored; decoded.
 */
export function richText(xml: string, start: number, end: number, P: string): string {
  const tOpen = codesOf('<' + P + 't');
  const tClose = '</' + P + 't>';
  const rPhOpen = codesOf('<' + P + 'rPh');
  const rPhClose = '</' + P + 'rPh>';
  let raw = '';
  let pos = start;
  while (pos < end) {
    const lt = xml.indexOf('<', pos);
    if (lt < 0 || lt >= end) break;
    if (matchAt(xml, lt, tOpen) && isNameEnd(xml.charCodeAt(lt + tOpen.length))) {
      const gt = xml.indexOf('>', lt);
      if (gt < 0 || gt >= end) break;
      if (xml.charCodeAt(gt - 1) === 47) {
        pos = gt + 1; // <t/>
        continue;
      }
      const te = xml.indexOf(tClose, gt);
      if (te < 0 || te > end) break;
      raw = raw === '' ? xml.slice(gt + 1, te) : raw + xml.slice(gt + 1, te);
      pos = te + tClose.length;
    } else if (matchAt(xml, lt, rPhOpen) && isNameEnd(xml.charCodeAt(lt + rPhOpen.length))) {
      const gt = xml.indexOf('>', lt);
      if (gt < 0 || gt >= end) break;
      if (xml.charCodeAt(gt - 1) === 47) {
        pos = gt + 1;
        continue;
      }
      const re = xml.indexOf(rPhClose, gt);
      if (re < 0 || re > end) break;
      pos = re + rPhClose.length;
    } else {
      pos = lt + 1;
    }
  }
  return decodeText(raw);
}

/** The strings of `xl/sharedStrings.xml`, in order (their index is what `t="s"` cells hold). */
export function parseSharedStrings(xml: string): string[] {
  const P = rootPrefix(xml);
  const siOpen = '<' + P + 'si';
  const siClose = '</' + P + 'si>';
  const tFast = codesOf('<' + P + 't>');
  const tSiClose = codesOf('</' + P + 't>' + siClose);
  const out: string[] = [];
  let pos = 0;
  for (;;) {
    const lt = xml.indexOf(siOpen, pos);
    if (lt < 0) break;
    if (!isNameEnd(xml.charCodeAt(lt + siOpen.length))) {
      pos = lt + siOpen.length;
      continue;
    }
    const gt = xml.indexOf('>', lt);
    if (gt < 0) break;
    if (xml.charCodeAt(gt - 1) === 47) {
      out.push('');
      pos = gt + 1;
      continue;
    }
    // Fast path for the usual `<si><t>text</t></si>` (text holds no raw `<`).
    if (matchAt(xml, gt + 1, tFast)) {
      const a = gt + 1 + tFast.length;
      const b = xml.indexOf('<', a);
      if (b >= 0 && matchAt(xml, b, tSiClose)) {
        out.push(decodeText(xml.slice(a, b)));
        pos = b + tSiClose.length;
        continue;
      }
    }
    const end = xml.indexOf(siClose, gt);
    if (end < 0) break;
    out.push(richText(xml, gt + 1, end, P));
    pos = end + siClose.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Relationships

export interface Relationship {
  id: string;
  type: string;
  /** Part path inside the archive, resolved against the source part (no leading `/`). */
  target: string;
  external: boolean;
}

/** The directory of a part path, with its trailing slash (`xl/worksheets/sheet1.xml` → `xl/worksheets/`). */
export function partDir(path: string): string {
  const i = path.lastIndexOf('/');
  return i >= 0 ? path.slice(0, i + 1) : '';
}

/** The relationships part of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
export function relsPathOf(path: string): string {
  const dir = partDir(path);
  return `${dir}_rels/${path.slice(dir.length)}.rels`;
}

/** Resolves a relationship target (relative to `baseDir`, or absolute from the package root). */
export function resolveTarget(baseDir: string, target: string): string {
  let t = target.trim();
  try {
    t = decodeURIComponent(t);
  } catch {
    // not percent-encoded: keep as is
  }
  t = t.replace(/\\/g, '/');
  const full = t.startsWith('/') ? t.slice(1) : baseDir + t;
  const parts: string[] = [];
  for (const seg of full.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

/** The relationships of a `.rels` part, targets resolved against `sourcePart`'s directory. */
export function parseRelationships(xml: string, sourcePart: string): Relationship[] {
  const P = rootPrefix(xml);
  const base = partDir(sourcePart);
  const out: Relationship[] = [];
  for (const tag of findStartTags(xml, P + 'Relationship')) {
    const id = tag.attrs.Id ?? '';
    const type = tag.attrs.Type ?? '';
    const target = tag.attrs.Target ?? '';
    const external = (tag.attrs.TargetMode ?? '').toLowerCase() === 'external';
    out.push({ id, type, target: external ? target : resolveTarget(base, target), external });
  }
  return out;
}
