/**
 * The lean .xlsx writer bound to Node: parts deflated with zlib at a light level, the file
 * written through a temporary file in the same folder, flushed to disk and renamed at the end,
 * so that a crash or a full disk never leaves a half-written workbook under the target name.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import type { PlacedSheet } from '../../core/layout/placed';
import { UserError } from '../../core/shared/errors';
import { xlsxChunks, type XlsxWriteOptions } from '../xlsx/write';

/**
 * A light zlib level: on a 110 000-row workbook, levels 1 to 3 take the same time (~300 ms for
 * the whole write), level 2 gives a file 6 % smaller than level 1; level 6 doubles the time.
 */
const DEFLATE_LEVEL = 2;

/** Raw deflate with Node's zlib, for `XlsxWriteOptions.deflate`. */
export function nodeDeflate(data: Uint8Array): Uint8Array {
  return zlib.deflateRawSync(data, { level: DEFLATE_LEVEL });
}

/** Node's native CRC-32 (zlib.crc32, Node 20.15 and later), when this Node has it. */
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** The chunks of the .xlsx file holding these sheets, deflated. */
export function xlsxFileChunks(sheets: readonly PlacedSheet[], options: Omit<XlsxWriteOptions, 'deflate' | 'crc32'> = {}): Uint8Array[] {
  return xlsxChunks(sheets, { ...options, deflate: nodeDeflate, ...(nativeCrc32 ? { crc32: (d: Uint8Array) => nativeCrc32(d) } : {}) });
}

/** Writes a new workbook holding these sheets, in order, to `target` (atomically). */
export async function writeXlsxFile(target: string, sheets: readonly PlacedSheet[]): Promise<void> {
  await writeFileAtomic(target, xlsxFileChunks(sheets));
}

/** Writes a whole chunk (a write may be partial). */
async function writeAll(file: fs.FileHandle, chunk: Uint8Array): Promise<void> {
  let done = 0;
  while (done < chunk.length) {
    const { bytesWritten } = await file.write(chunk, done, chunk.length - done);
    if (bytesWritten <= 0) throw new Error('write made no progress');
    done += bytesWritten;
  }
}

const WRITE_FAILURES: Record<string, string> = {
  ENOENT: 'le dossier n’existe pas',
  ENOTDIR: 'un élément du chemin n’est pas un dossier',
  EISDIR: 'ce nom est celui d’un dossier',
  EACCES: 'l’accès en écriture est refusé',
  EPERM: 'l’accès en écriture est refusé',
  ENOSPC: 'le disque est plein',
  EROFS: 'le disque est en lecture seule',
  ENAMETOOLONG: 'le nom du fichier est trop long',
  EEXIST: 'un fichier temporaire du même nom existe déjà',
};

/**
 * Writes `data` (bytes or chunks) to `target` through a temporary file in the same folder,
 * flushed to disk then renamed over the target. On failure the temporary file is removed and
 * the usual causes are told in French (a `UserError`); nothing is left under the target name.
 */
export async function writeFileAtomic(target: string, data: Uint8Array | readonly Uint8Array[]): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  const tmp = path.join(dir, `.${path.basename(target).slice(0, 100)}.${process.pid}.${Date.now()}.tmp`);
  const chunks = data instanceof Uint8Array ? [data] : data;
  try {
    const file = await fs.open(tmp, 'wx');
    try {
      for (const chunk of chunks) await writeAll(file, chunk);
      await file.sync();
    } finally {
      await file.close();
    }
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? '';
    throw new UserError('FICHIER-ECRITURE', { file: target, reason: WRITE_FAILURES[code] ?? `erreur ${code || 'inconnue'}` });
  }
}
