/**
 * Hand-made ZIP archives for the reader's tests, with Node's zlib and nothing of the project:
 * `makeZip` writes entries as given (stored, deflated, or any method number), `unzip` reads an
 * archive's entries back, and `patchZip` rewrites some entries' text, so that a workbook made
 * by the writer can be turned into a hostile one part by part.
 */
import * as zlib from 'zlib';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** Node's native CRC-32 where it has one (20.15 and later): a 560 MB part in a fraction of a second. */
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

export function crc32(buf: Buffer): number {
  if (nativeCrc32) return nativeCrc32(buf);
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipFile {
  name: string;
  data: string | Buffer;
  /** 0 stored, 8 deflated (default), anything else written as is (stored bytes). */
  method?: number;
}

/** A tiny ZIP writer: local headers, data, central directory, end record. */
export function makeZip(files: ZipFile[], opts: { totalEntries?: number } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const data = Buffer.isBuffer(f.data) ? f.data : Buffer.from(f.data, 'utf8');
    const method = f.method ?? 8;
    const packed = method === 8 ? zlib.deflateRawSync(data, { level: 1 }) : data;
    const name = Buffer.from(f.name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(opts.totalEntries ?? files.length, 8);
  end.writeUInt16LE(opts.totalEntries ?? files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** The entries of an archive, in order, inflated (stored or deflated entries only). */
export function unzip(zip: Buffer): { name: string; data: Buffer }[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip');
  const out: { name: string; data: Buffer }[] = [];
  let p = zip.readUInt32LE(eocd + 16);
  for (let n = zip.readUInt16LE(eocd + 10); n > 0; n--) {
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
    const local = zip.readUInt32LE(p + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + size);
    out.push({ name, data: method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw) });
    p += 46 + nameLen + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return out;
}

/** The text of one entry. */
export function entryText(zip: Buffer, name: string): string {
  const e = unzip(zip).find((x) => x.name === name);
  if (!e) throw new Error(`no entry ${name}`);
  return e.data.toString('utf8');
}

/**
 * The archive with some entries replaced: a function of the entry's text (UTF-8), or bytes.
 * Every patch must change its entry (a pattern that no longer matches is a broken test).
 */
export function patchZip(zip: Buffer, patches: Record<string, ((text: string) => string) | Buffer>): Buffer {
  const files = unzip(zip).map(({ name, data }): ZipFile => {
    const patch = patches[name];
    if (patch === undefined) return { name, data };
    const next = Buffer.isBuffer(patch) ? patch : Buffer.from(patch(data.toString('utf8')), 'utf8');
    if (next.equals(data)) throw new Error(`the patch of ${name} changes nothing`);
    return { name, data: next };
  });
  for (const name of Object.keys(patches)) if (!files.some((f) => f.name === name)) throw new Error(`no entry ${name} to patch`);
  return makeZip(files);
}
