/**
 * A minimal, in-memory ZIP reader for .xlsx files, with no platform API: it works on a
 * `Uint8Array` through a `DataView`, reads the central directory once and inflates only the
 * parts asked for, with the inflater the platform supplies (Node: `zlib.inflateRawSync`; the
 * browser: `DecompressionStream('deflate-raw')`). CRC-32 is the writer's, unless the platform
 * passes a faster one.
 *
 * Supported: single-disk archives without ZIP64, entries stored (method 0) or deflated
 * (method 8). Everything else is refused with an `UnreadableWorkbookError` naming the file.
 * Sizes are checked three times against `maxExpandedBytes`: the sum of the sizes declared in
 * the central directory on opening, the size declared by an entry before inflating it, and
 * the actual output while inflating (a lying archive cannot make us allocate more than the
 * limit).
 */
import { notAWorkbook, UnreadableWorkbookError, type XlsxReason } from '../../../core/shared/errors';
import { crc32 as tsCrc32, SIG_CENTRAL, SIG_END as SIG_EOCD, SIG_LOCAL } from '../write/zip-writer';

/**
 * Inflates raw deflate data (RFC 1951). Returns the bytes, or `null` as soon as the output would
 * pass `maxBytes` (without producing more); throws when the data is not valid deflate.
 * `expectedBytes` is the size the archive declares, a hint for the first allocation only.
 */
export type Inflate = (data: Uint8Array, expectedBytes: number, maxBytes: number) => Uint8Array | null | Promise<Uint8Array | null>;

export interface ZipOptions {
  /** Total size of the parts inflated from the archive. */
  maxExpandedBytes: number;
  inflate: Inflate;
  /** CRC-32 of a part (default: the writer's, in TypeScript). */
  crc32?: (data: Uint8Array) => number;
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const SIG_ZIP64_LOCATOR = 0x07064b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;

const utf8Names = new TextDecoder('utf-8');
const latin1Names = new TextDecoder('windows-1252');

export class ZipArchive {
  private readonly byName = new Map<string, ZipEntry>();
  private readonly byLowerName = new Map<string, ZipEntry>();
  /** Names of the entries already counted against the expanded-size budget. */
  private readonly counted = new Set<string>();
  private expandedBytes = 0;
  private readonly view: DataView;

  private constructor(
    private readonly bytes: Uint8Array,
    private readonly fileLabel: string,
    private readonly options: ZipOptions,
    entries: ZipEntry[],
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (const e of entries) {
      this.byName.set(e.name, e);
      const lower = e.name.toLowerCase();
      if (!this.byLowerName.has(lower)) this.byLowerName.set(lower, e);
    }
  }

  /** Reads the central directory. Throws `UnreadableWorkbookError` if it is not a usable ZIP. */
  static open(bytes: Uint8Array, fileLabel: string, options: ZipOptions): ZipArchive {
    const bad = (reason: XlsxReason): UnreadableWorkbookError => notAWorkbook(fileLabel, reason);
    const notZip = (): UnreadableWorkbookError => bad('pas-zip');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const u16 = (i: number) => view.getUint16(i, true);
    const u32 = (i: number) => view.getUint32(i, true);
    const n = bytes.length;

    if (n < EOCD_MIN) throw notZip();
    // The end-of-central-directory record is in the last 22 + 65 535 bytes (it may be followed
    // by a comment). Take the last signature whose comment length fits the file.
    let eocd = -1;
    const stop = Math.max(0, n - EOCD_MIN - MAX_COMMENT);
    for (let i = n - EOCD_MIN; i >= stop; i--) {
      if (bytes[i] === 0x50 && u32(i) === SIG_EOCD && i + EOCD_MIN + u16(i + 20) <= n) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw notZip();

    const disk = u16(eocd + 4);
    const cdDisk = u16(eocd + 6);
    const entriesOnDisk = u16(eocd + 8);
    const total = u16(eocd + 10);
    const cdSize = u32(eocd + 12);
    const cdOffset = u32(eocd + 16);
    const zip64 =
      total === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff || (eocd >= 20 && u32(eocd - 20) === SIG_ZIP64_LOCATOR);
    if (zip64) throw bad('zip64');
    if (disk !== 0 || cdDisk !== 0 || entriesOnDisk !== total) throw bad('multi-disque');
    if (cdOffset + cdSize > eocd) throw bad('tronque');

    const entries: ZipEntry[] = [];
    let declared = 0;
    let p = cdOffset;
    for (let k = 0; k < total; k++) {
      if (p + 46 > eocd || u32(p) !== SIG_CENTRAL) throw bad('repertoire');
      const flags = u16(p + 8);
      const nameLen = u16(p + 28);
      const extraLen = u16(p + 30);
      const commentLen = u16(p + 32);
      if (p + 46 + nameLen > eocd) throw bad('repertoire');
      const rawName = bytes.subarray(p + 46, p + 46 + nameLen);
      const entry: ZipEntry = {
        // Some writers use backslashes: part names always use '/'.
        name: (flags & 0x800 ? utf8Names : latin1Names).decode(rawName).replace(/\\/g, '/'),
        method: u16(p + 10),
        flags,
        crc32: u32(p + 16),
        compressedSize: u32(p + 20),
        uncompressedSize: u32(p + 24),
        localHeaderOffset: u32(p + 42),
      };
      if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff || entry.localHeaderOffset === 0xffffffff) {
        throw bad('zip64');
      }
      // The archive as a whole may not declare more than the budget: a cheap guard against
      // zip bombs, before anything is inflated.
      declared += entry.uncompressedSize;
      if (declared > options.maxExpandedBytes) throw tooLarge(fileLabel, entry.name, declared, options.maxExpandedBytes);
      entries.push(entry);
      p += 46 + nameLen + extraLen + commentLen;
    }
    return new ZipArchive(bytes, fileLabel, options, entries);
  }

  /** The entry of that name (part names are case-insensitive in OPC), or undefined. */
  find(name: string): ZipEntry | undefined {
    return this.byName.get(name) ?? this.byLowerName.get(name.toLowerCase());
  }

  has(name: string): boolean {
    return this.find(name) !== undefined;
  }

  /** The uncompressed bytes of an entry; `null` if there is no such entry. */
  async read(name: string): Promise<Uint8Array | null> {
    const e = this.find(name);
    if (!e) return null;
    const bad = (reason: XlsxReason): UnreadableWorkbookError => notAWorkbook(this.fileLabel, reason);
    const damaged = (): UnreadableWorkbookError => bad('partie-endommagee');

    if (e.flags & 0x1) throw bad('partie-chiffree');
    if (e.method !== 0 && e.method !== 8) throw bad('methode');
    // Check the declared size before inflating anything.
    const already = this.counted.has(e.name);
    const others = already ? 0 : this.expandedBytes;
    const budget = this.options.maxExpandedBytes - others;
    if (e.uncompressedSize > budget) throw tooLarge(this.fileLabel, e.name, e.uncompressedSize + others, this.options.maxExpandedBytes);

    const lh = e.localHeaderOffset;
    const view = this.view;
    if (lh + 30 > this.bytes.length || view.getUint32(lh, true) !== SIG_LOCAL) throw damaged();
    const start = lh + 30 + view.getUint16(lh + 26, true) + view.getUint16(lh + 28, true);
    const end = start + e.compressedSize;
    if (end > this.bytes.length) throw damaged();
    const raw = this.bytes.subarray(start, end);

    let out: Uint8Array | null;
    if (e.method === 0) {
      if (e.compressedSize !== e.uncompressedSize) throw damaged();
      out = raw;
    } else {
      try {
        // Output is capped at the remaining budget: an archive lying about its sizes cannot
        // make us allocate more.
        out = await this.options.inflate(raw, e.uncompressedSize, budget);
      } catch {
        throw damaged();
      }
      if (out === null) throw tooLarge(this.fileLabel, e.name, budget + 1 + others, this.options.maxExpandedBytes);
    }
    if (out.length !== e.uncompressedSize) throw damaged();
    if ((this.options.crc32 ?? tsCrc32)(out) >>> 0 !== e.crc32) throw damaged();
    if (!already) {
      this.counted.add(e.name);
      this.expandedBytes += out.length;
    }
    return out;
  }
}

function tooLarge(file: string, part: string, found: number, limit: number): UnreadableWorkbookError {
  return new UnreadableWorkbookError('XLSX-DECOMPRESSE-TROP-GROS', { file, part, size: { bytes: found }, limit: { bytes: limit } });
}
