/**
 * Files for the command line: opening a workbook to read (regular files only, read up to a size
 * limit counted on the bytes actually read, then read by the platform-neutral reader with
 * Node's zlib), writing through a temporary file renamed at the end, and comparing paths.
 * Every failure is one French sentence, never a stack trace.
 */
import { constants, promises as fs } from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { constants as bufferConstants } from 'buffer';
import { UserError } from '../../core/shared/errors';
import { DEFAULT_READ_LIMITS, XlsxReader, type ReadLimits } from '../xlsx/read/reader';

export interface OpenOptions {
  limits?: ReadLimits;
  /** How messages name the file (default « Le fichier « x » »). */
  label?: string;
  /** What a folder given instead should have been (default « un fichier .xlsx »). */
  expected?: string;
}

const PATH_REASONS: Record<string, string> = {
  ENOTDIR: 'un élément du chemin n’est pas un dossier',
  ENAMETOOLONG: 'le nom du fichier est trop long',
  ELOOP: 'le chemin contient une boucle de liens',
  EISDIR: 'c’est un dossier',
  EMFILE: 'trop de fichiers sont ouverts',
  EIO: 'le disque a renvoyé une erreur de lecture',
};

/** A French UserError for an error of Node's file system. */
export function fileError(e: unknown, label: string): UserError {
  if (e instanceof UserError) return e;
  const code = (e as NodeJS.ErrnoException).code ?? '';
  if (code === 'ENOENT') return new UserError('FICHIER-INTROUVABLE', { label });
  if (code === 'EACCES' || code === 'EPERM') return new UserError('FICHIER-ACCES-REFUSE', { label });
  if (PATH_REASONS[code]) return new UserError('FICHIER-CHEMIN', { label, reason: PATH_REASONS[code] });
  return new UserError('FICHIER-LECTURE', { label, code: code || 'erreur inconnue' });
}

/**
 * The bytes of a regular file, at most `maxBytes`: a file whose `stat` says more is refused
 * before it is read; the limit is then checked on the bytes actually read (never more than
 * `maxBytes + 1`), not on what `stat` said. A folder, a FIFO, a device (a link to /dev/zero)
 * is refused before anything is read; opening does not wait for a FIFO's writer.
 */
export async function readFileLimited(file: string, maxBytes: number, label: string, expected = 'un fichier .xlsx'): Promise<Buffer> {
  let handle: fs.FileHandle | undefined;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
    handle = await fs.open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const st = await handle.stat();
    if (st.isDirectory()) throw new UserError('FICHIER-DOSSIER', { file, expected });
    if (!st.isFile()) throw new UserError('FICHIER-PAS-REGULIER', { file });
    const tooLarge = (size: number) =>
      new UserError('FICHIER-TROP-GROS', { file: path.basename(file), size: { bytes: size }, limit: { bytes: maxBytes } });
    if (st.size > maxBytes) throw tooLarge(st.size);
    // Read until the end of the file, whatever `stat` said (a file may grow, /proc files say 0),
    // never more than the limit and one byte.
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.allocUnsafe(Math.min(4 * 1024 * 1024, maxBytes + 1));
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, Math.min(chunk.length, maxBytes + 1 - total), null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw new UserError('FICHIER-TROP-GROS-LU', { file: path.basename(file), limit: { bytes: maxBytes } });
      chunks.push(Buffer.from(chunk.subarray(0, bytesRead)));
    }
    return Buffer.concat(chunks, total);
  } catch (e) {
    throw fileError(e, label);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Raw inflation with Node's zlib, for the reader: the output is capped at `maxBytes` (zlib stops
 * and throws ERR_BUFFER_TOO_LARGE: `null`). Its one chunk is sized from the declared size (within
 * the budget), so that a part is inflated without a final copy (several chunks would be joined
 * into a second buffer as large); a part lying about its size only reserves address space,
 * memory is taken as the output is written.
 */
export function nodeInflate(data: Uint8Array, expectedBytes: number, maxBytes: number): Uint8Array | null {
  const cap = Math.max(1, Math.min(maxBytes, bufferConstants.MAX_LENGTH));
  try {
    return zlib.inflateRawSync(data, { maxOutputLength: cap, chunkSize: Math.max(64 * 1024, Math.min(expectedBytes + 1, cap)) });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return null;
    throw e;
  }
}

/** zlib's native CRC-32 (Node 20.15 and later), else the reader's own. */
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** The reader over the bytes of an .xlsx held in memory, with Node's zlib. */
export function openXlsxBytes(bytes: Uint8Array, fileLabel: string, limits: Partial<ReadLimits> = {}): Promise<XlsxReader> {
  return XlsxReader.open(bytes, fileLabel, { limits, inflate: nodeInflate, ...(nativeCrc32 ? { crc32: nativeCrc32 } : {}) });
}

/** Reads a workbook file, or says in one French sentence why it cannot. */
export async function openWorkbook(file: string, options: OpenOptions = {}): Promise<XlsxReader> {
  const limits = options.limits ?? DEFAULT_READ_LIMITS;
  const label = options.label ?? `Le fichier « ${file} »`;
  const buf = await readFileLimited(file, limits.maxFileBytes, label, options.expected);
  return openXlsxBytes(buf, path.basename(file), limits);
}

/** Whether two paths name the same file (links resolved). */
export async function samePath(a: string, b: string): Promise<boolean> {
  const real = async (p: string) => fs.realpath(p).catch(() => path.resolve(p));
  return (await real(a)) === (await real(b));
}

/** Whether a path exists (file, folder or link). */
export async function exists(p: string): Promise<boolean> {
  return fs.lstat(p).then(
    () => true,
    () => false,
  );
}
