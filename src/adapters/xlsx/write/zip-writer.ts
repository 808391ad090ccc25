/**
 * A small ZIP writer for .xlsx packages, with no platform API: CRC-32 computed here
 * (table-driven, eight bytes per step), entries deflated by a function the caller supplies
 * (Node passes `zlib.deflateRawSync`) or else stored (method 0).
 *
 * The archive is returned as a list of chunks (local header, data, …, central directory, end
 * record), so nothing is copied into one big buffer unless the caller wants one. No ZIP64: an
 * entry or an archive over 4 GiB, or over 65 535 entries, is refused (an .xlsx never comes
 * close). File names are UTF-8 (flag bit 11). Times are the DOS epoch, so that the same sheets
 * give the same bytes.
 */

/** Compresses bytes to a raw deflate stream (RFC 1951, no zlib header). */
export type Deflate = (data: Uint8Array) => Uint8Array;

const CRC_TABLES: Int32Array[] = makeCrcTables();

function makeCrcTables(): Int32Array[] {
  const tables: Int32Array[] = [];
  const t0 = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t0[n] = c;
  }
  tables.push(t0);
  for (let t = 1; t < 8; t++) {
    const prev = tables[t - 1];
    const next = new Int32Array(256);
    for (let n = 0; n < 256; n++) next[n] = (prev[n] >>> 8) ^ t0[prev[n] & 0xff];
    tables.push(next);
  }
  return tables;
}

/** CRC-32 (ISO-HDLC, as ZIP uses it) of `data`, continuing from `crc` (0 for a new one). */
export function crc32(data: Uint8Array, crc = 0): number {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = CRC_TABLES;
  let c = ~crc;
  let i = 0;
  const n = data.length;
  const end8 = n - (n % 8);
  for (; i < end8; i += 8) {
    const a = (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24)) ^ c;
    c =
      t7[a & 0xff] ^
      t6[(a >>> 8) & 0xff] ^
      t5[(a >>> 16) & 0xff] ^
      t4[a >>> 24] ^
      t3[data[i + 4]] ^
      t2[data[i + 5]] ^
      t1[data[i + 6]] ^
      t0[data[i + 7]];
  }
  for (; i < n; i++) c = t0[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** ZIP record signatures (APPNOTE 4.3), shared with the reader. */
export const SIG_LOCAL = 0x04034b50;
export const SIG_CENTRAL = 0x02014b50;
export const SIG_END = 0x06054b50;
const FLAG_UTF8 = 0x0800;
const VERSION = 20;
const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
const MAX_32 = 0xffffffff;

interface CentralRecord {
  name: Uint8Array;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/** Builds a ZIP archive entry by entry; `finish()` gives its chunks. */
export class ZipWriter {
  private readonly chunks: Uint8Array[] = [];
  private readonly central: CentralRecord[] = [];
  private readonly names = new Set<string>();
  private offset = 0;
  private readonly encoder = new TextEncoder();

  constructor(
    private readonly deflate?: Deflate,
    /** The platform's CRC-32 when it has a faster one (Node's zlib.crc32), else this module's. */
    private readonly checksum: (data: Uint8Array) => number = crc32,
  ) {}

  /**
   * Adds an entry. `data` may be reused by the caller after the call only when the entry is
   * deflated (`copyIfStored` true copies stored data, for callers that reuse their buffer).
   */
  add(name: string, data: Uint8Array, copyIfStored = false): void {
    if (this.names.has(name)) throw new Error(`ZIP entry ${name} written twice`);
    this.names.add(name);
    if (data.length > MAX_32) throw new Error(`ZIP entry ${name} is over 4 GiB (ZIP64 is not supported)`);
    const crc = this.checksum(data);
    let method = 0;
    let body = data;
    if (this.deflate && data.length > 0) {
      const packed = this.deflate(data);
      if (packed.length < data.length) {
        method = 8;
        body = packed;
      }
    }
    if (method === 0 && copyIfStored) body = data.slice();
    const nameBytes = this.encoder.encode(name);
    const rec: CentralRecord = { name: nameBytes, method, crc, compressedSize: body.length, size: data.length, offset: this.offset };
    const header = localHeader(rec);
    this.push(header);
    this.push(body);
    this.central.push(rec);
    if (this.offset > MAX_32) throw new Error('ZIP archive is over 4 GiB (ZIP64 is not supported)');
  }

  /** The chunks of the whole archive, central directory and end record included. */
  finish(): Uint8Array[] {
    if (this.central.length > 0xffff)
      throw new Error(`ZIP archive has ${this.central.length} entries, over 65 535 (ZIP64 is not supported)`);
    const start = this.offset;
    for (const rec of this.central) this.push(centralHeader(rec));
    const size = this.offset - start;
    const end = new Uint8Array(22);
    const v = new DataView(end.buffer);
    v.setUint32(0, SIG_END, true);
    v.setUint16(8, this.central.length, true);
    v.setUint16(10, this.central.length, true);
    v.setUint32(12, size, true);
    v.setUint32(16, start, true);
    this.push(end);
    return this.chunks;
  }

  private push(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.offset += chunk.length;
  }
}

function localHeader(rec: CentralRecord): Uint8Array {
  const out = new Uint8Array(30 + rec.name.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, SIG_LOCAL, true);
  v.setUint16(4, VERSION, true);
  v.setUint16(6, FLAG_UTF8, true);
  v.setUint16(8, rec.method, true);
  v.setUint16(10, 0, true); // time 00:00:00
  v.setUint16(12, DOS_DATE_1980_01_01, true);
  v.setUint32(14, rec.crc, true);
  v.setUint32(18, rec.compressedSize, true);
  v.setUint32(22, rec.size, true);
  v.setUint16(26, rec.name.length, true);
  v.setUint16(28, 0, true);
  out.set(rec.name, 30);
  return out;
}

function centralHeader(rec: CentralRecord): Uint8Array {
  const out = new Uint8Array(46 + rec.name.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, SIG_CENTRAL, true);
  v.setUint16(4, VERSION, true); // made by: MS-DOS, 2.0
  v.setUint16(6, VERSION, true);
  v.setUint16(8, FLAG_UTF8, true);
  v.setUint16(10, rec.method, true);
  v.setUint16(12, 0, true);
  v.setUint16(14, DOS_DATE_1980_01_01, true);
  v.setUint32(16, rec.crc, true);
  v.setUint32(20, rec.compressedSize, true);
  v.setUint32(24, rec.size, true);
  v.setUint16(28, rec.name.length, true);
  // extra length, comment length, disk number, internal and external attributes: 0
  v.setUint32(42, rec.offset, true);
  out.set(rec.name, 46);
  return out;
}

/** The chunks joined into one array. */
export function joinChunks(chunks: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
