/**
 * The text of an XML part, decoded as an XML parser would: the byte-order mark or the XML
 * declaration's `encoding` decides (UTF-8 by default), invalid bytes are refused rather than
 * replaced, and a part too long for a JavaScript string is refused in French rather than with
 * the engine's English message. Platform-neutral (`TextDecoder`).
 */
import { notAWorkbook } from '../../../core/shared/errors';

/** The longest string V8 can hold (2^29 - 24 UTF-16 code units on 64-bit builds). */
export const MAX_STRING_LENGTH = 0x1fffffe8;

/** What we use of a `TextDecoder` (its global type differs between Node's and the DOM's typings). */
interface Decoder {
  decode(bytes: Uint8Array): string;
}

const decoders = new Map<string, Decoder>();

function decoder(label: string): Decoder | null {
  let d = decoders.get(label);
  if (!d) {
    try {
      d = new TextDecoder(label, { fatal: true });
    } catch {
      return null; // an encoding the platform does not know
    }
    decoders.set(label, d);
  }
  return d;
}

/** The `encoding` of an XML declaration at the start of ASCII-compatible bytes, lower-cased; null if none. */
function declaredEncoding(bytes: Uint8Array, from: number): string | null {
  // `<?xml` then attributes up to `?>`, within the first bytes.
  if (bytes[from] !== 0x3c || bytes[from + 1] !== 0x3f) return null;
  let head = '';
  for (let i = from; i < Math.min(bytes.length, from + 256); i++) {
    head += String.fromCharCode(bytes[i]);
    if (bytes[i] === 0x3e) break;
  }
  const m = /^<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return m ? m[1].toLowerCase() : null;
}

/** The length in UTF-16 code units of UTF-8 bytes: one per leading byte, two for a 4-byte sequence. */
function utf16Length(b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if ((c & 0xc0) !== 0x80) n += c >= 0xf0 ? 2 : 1;
  }
  return n;
}

/**
 * Decodes the bytes of a part of file `file`. Throws `UnreadableWorkbookError`: reason
 * `encodage` for bytes that are not text in their encoding (an odd-length UTF-16 part, invalid
 * UTF-8, an unknown encoding), `texte-trop-long` for a part longer than a string can be.
 */
export function partText(bytes: Uint8Array, file: string): string {
  let encoding = 'utf-8';
  let start = 0;
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    start = 2;
  } else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    start = 2;
  } else if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    start = 3;
  } else if (bytes.length >= 4 && bytes[0] === 0x3c && bytes[1] === 0 && bytes[2] === 0x3f && bytes[3] === 0) {
    encoding = 'utf-16le'; // `<?` without a byte-order mark
  } else if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0x3c && bytes[2] === 0 && bytes[3] === 0x3f) {
    encoding = 'utf-16be';
  } else {
    // Bytes that start as ASCII: a declared UTF-16 cannot be (parsers refuse it), others are honoured.
    const declared = declaredEncoding(bytes, 0);
    if (declared && declared !== 'utf-8' && declared !== 'utf8' && !declared.startsWith('utf-16')) encoding = declared;
  }
  const body = bytes.subarray(start);
  const wide = encoding.startsWith('utf-16');
  if (wide && body.length % 2 !== 0) throw notAWorkbook(file, 'encodage');
  // Each code unit takes at least one byte (two in UTF-16). A part that may be too long is
  // measured before the decoder allocates for it.
  const longest = wide ? body.length / 2 : body.length;
  if (longest > MAX_STRING_LENGTH && (wide || encoding !== 'utf-8' || utf16Length(body) > MAX_STRING_LENGTH)) {
    throw notAWorkbook(file, 'texte-trop-long');
  }
  const d = decoder(encoding);
  if (!d) throw notAWorkbook(file, 'encodage');
  try {
    return d.decode(body);
  } catch {
    // Invalid bytes, or a text longer than the engine's strings (ERR_STRING_TOO_LONG).
    throw notAWorkbook(file, longest > MAX_STRING_LENGTH ? 'texte-trop-long' : 'encodage');
  }
}
