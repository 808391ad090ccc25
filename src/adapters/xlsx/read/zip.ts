/**
 * A minimal, in-memory ZIP reader for .xlsx files: it reads the central directory once and
 * inflates only the parts asked for, with Node's `zlib.inflateRawSync` (no dependency).
 *
 * Supported: single-disk archives without ZIP64, entries stored (method 0) or deflated
 * (method 8). Everything else is refused with an `UnreadableWorkbookError` naming the file.
 * Sizes are checked twice against `maxExpandedBytes`: the size declared in the central
 * directory before inflating, and the actual output while inflating (a lying archive cannot
 * make us allocate more than the limit).
 */
import * as zlib from 'zlib';
import { constants as bufferConstants } from 'buffer';
import { notAWorkbook, UnreadableWorkbookError, type XlsxReason } from '../../../core/shared/errors';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;
const MAX_BUFFER_LENGTH = bufferConstants.MAX_LENGTH;

// zlib.crc32 exists from Node 20.15 on; older runtimes skip the CRC check.
const nativeCrc32: ((data: Uint8Array) => number) | undefined =
  typeof (zlib as { crc32?: unknown }).crc32 === 'function' ? (zlib as { crc32: (d: Uint8Array) => number }).crc32 : undefined;

export class ZipArchive {
  private readonly byName = new Map<string, ZipEntry>();
  private readonly byLowerName = new Map<string, ZipEntry>();
  /** Names of the entries already counted against the expanded-size budget. */
  private readonly counted = new Set<string>();
  private expandedBytes = 0;

  private constructor(
    private readonly buf: Buffer,
    private readonly fileLabel: string,
    private readonly maxExpandedBytes: number,
    entries: ZipEntry[],
  ) {
    for (const e of entries) {
      this.byName.set(e.name, e);
      const lower = e.name.toLowerCase();
      if (!this.byLowerName.has(lower)) this.byLowerName.set(lower, e);
    }
  }

  /** Reads the central directory. Throws `UnreadableWorkbookError` if it is not a usable ZIP. */
  static open(buf: Buffer, fileLabel: string, maxExpandedBytes: number): ZipArchive {
    const bad = (reason: XlsxReason): UnreadableWorkbookError => notAWorkbook(fileLabel, reason);
    const notZip = (): UnreadableWorkbookError => bad('pas-zip');

    if (buf.length < EOCD_MIN) throw notZip();
    // The end-of-central-directory record is in the last 22 + 65 535 bytes (it may be followed
    // by a comment). Take the last signature whose comment length fits the file.
    let eocd = -1;
    const stop = Math.max(0, buf.length - EOCD_MIN - MAX_COMMENT);
    for (let i = buf.length - EOCD_MIN; i >= stop; i--) {
      if (buf[i] === 0x50 && buf.readUInt32LE(i) === SIG_EOCD && i + EOCD_MIN + buf.readUInt16LE(i + 20) <= buf.length) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw notZip();

    const disk = buf.readUInt16LE(eocd + 4);
    const cdDisk = buf.readUInt16LE(eocd + 6);
    const entriesOnDisk = buf.readUInt16LE(eocd + 8);
    const total = buf.readUInt16LE(eocd + 10);
    const cdSize = buf.readUInt32LE(eocd + 12);
    const cdOffset = buf.readUInt32LE(eocd + 16);
    const zip64 =
      total === 0xffff ||
      cdSize === 0xffffffff ||
      cdOffset === 0xffffffff ||
      (eocd >= 20 && buf.readUInt32LE(eocd - 20) === SIG_ZIP64_LOCATOR);
    if (zip64) throw bad('zip64');
    if (disk !== 0 || cdDisk !== 0 || entriesOnDisk !== total) {
      throw bad('multi-disque');
    }
    if (cdOffset + cdSize > eocd) throw bad('tronque');

    const entries: ZipEntry[] = [];
    let p = cdOffset;
    for (let k = 0; k < total; k++) {
      if (p + 46 > eocd || buf.readUInt32LE(p) !== SIG_CENTRAL) {
        throw bad('repertoire');
      }
      const flags = buf.readUInt16LE(p + 8);
      const nameLen = buf.readUInt16LE(p + 28);
      const extraLen = buf.readUInt16LE(p + 30);
      const commentLen = buf.readUInt16LE(p + 32);
      const entry: ZipEntry = {
        // Some writers use backslashes: part names always use '/'.
        name: buf.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen).replace(/\\/g, '/'),
        method: buf.readUInt16LE(p + 10),
        flags,
        crc32: buf.readUInt32LE(p + 16),
        compressedSize: buf.readUInt32LE(p + 20),
        uncompressedSize: buf.readUInt32LE(p + 24),
        localHeaderOffset: buf.readUInt32LE(p + 42),
      };
      if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff || entry.localHeaderOffset === 0xffffffff) {
        throw bad('zip64');
      }
      entries.push(entry);
      p += 46 + nameLen + extraLen + commentLen;
    }
    return new ZipArchive(buf, fileLabel, maxExpandedBytes, entries);
  }

  /** The entry of that name (part names are case-insensitive in OPC), or undefined. */
  find(name: string): ZipEntry | undefined {
    return this.byName.get(name) ?? this.byLowerName.get(name.toLowerCase());
  }

  has(name: string): boolean {
    return this.find(name) !== undefined;
  }

  /** The uncompressed bytes of an entry; `null` if there is no such entry. */
  read(name: string): Buffer | null {
    const e = this.find(name);
    if (!e) return null;
    const bad = (reason: XlsxReason): UnreadableWorkbookError => notAWorkbook(this.fileLabel, reason);
    const damaged = (): UnreadableWorkbookError => bad('partie-endommagee');

    if (e.flags & 0x1) throw bad('partie-chiffree');
    if (e.method !== 0 && e.method !== 8) {
      throw bad('methode');
    }
    // Check the declared size before inflating anything.
    const already = this.counted.has(e.name);
    const budget = this.maxExpandedBytes - (already ? 0 : this.expandedBytes);
    if (e.uncompressedSize > budget) throw this.tooLarge(e, e.uncompressedSize);

    const lh = e.localHeaderOffset;
    if (lh + 30 > this.buf.length || this.buf.readUInt32LE(lh) !== SIG_LOCAL) throw damaged();
    const start = lh + 30 + this.buf.readUInt16LE(lh + 26) + this.buf.readUInt16LE(lh + 28);
    const end = start + e.compressedSize;
    if (end > this.buf.length) throw damaged();
    const raw = this.buf.subarray(start, end);

    let out: Buffer;
    if (e.method === 0) {
      if (e.compressedSize !== e.uncompressedSize) throw damaged();
      out = raw;
    } else {
      try {
        // Output is capped at the remaining budget: an archive lying about its sizes cannot
        // make us allocate more. A chunk as large as the declared size avoids a final copy.
        out = zlib.inflateRawSync(raw, {
          maxOutputLength: Math.max(1, Math.min(budget, MAX_BUFFER_LENGTH)),
          chunkSize: Math.min(Math.max(64 * 1024, e.uncompressedSize + 1), 256 * 1024 * 1024),
        });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
          throw this.tooLarge(e, budget + 1);
        }
        throw damaged();
      }
    }
    if (out.length !== e.uncompressedSize) throw damaged();
    if (nativeCrc32 && nativeCrc32(out) >>> 0 !== e.crc32) throw damaged();
    if (!already) {
      this.counted.add(e.name);
      this.expandedBytes += out.length;
    }
    return out;
  }

  /** The entry decoded as text (UTF-8, or UTF-16 when it starts with a byte-order mark). */
  readText(name: string): string | null {
    const b = this.read(name);
    if (!b) return null;
    if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return b.toString('utf16le', 2);
    if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
      const swapped = Buffer.from(b.subarray(2));
      swapped.swap16();
      return swapped.toString('utf16le');
    }
    const s = b.toString('utf8');
    return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
  }

  private tooLarge(e: ZipEntry, found: number): UnreadableWorkbookError {
    const others = this.counted.has(e.name) ? 0 : this.expandedBytes;
    return new UnreadableWorkbookError('XLSX-DECOMPRESSE-TROP-GROS', {
      file: this.fileLabel,
      part: e.name,
      size: { bytes: found + others },
      limit: { bytes: this.maxExpandedBytes },
    });
  }
}
