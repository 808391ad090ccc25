/**
 * Saves new .xlsx workbooks to files (Node): the sheets are built by workbook-builder.ts and
 * written through a temporary file renamed at the end, so a crash leaves no half file.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import type { PlacedSheet } from '../../core/layout/placed';
import type { WorkbookWriter } from '../../ports/workbook';
import { xlsxBytes } from '../xlsx/exceljs-builder';
import { UserError } from '../../core/shared/errors';

/** A new workbook that collects sheets and saves them to a file, through a temporary file. */
export class XlsxNewWorkbook implements WorkbookWriter {
  private readonly sheets: PlacedSheet[] = [];

  async writeSheets(sheets: readonly PlacedSheet[]): Promise<void> {
    for (const s of sheets) {
      const i = this.sheets.findIndex((x) => x.name === s.name);
      if (i >= 0) this.sheets[i] = s;
      else this.sheets.push(s);
    }
  }

  async toBuffer(): Promise<Buffer> {
    const bytes = await xlsxBytes(this.sheets);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Writes to `target` through a temporary file in the same folder, renamed at the end. */
  async save(target: string): Promise<void> {
    await writeFileAtomic(target, await this.toBuffer());
  }
}

export async function writeFileAtomic(target: string, data: Buffer): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    const reasons: Record<string, string> = {
      ENOENT: 'le dossier n’existe pas',
      EISDIR: 'ce nom est celui d’un dossier',
      EACCES: 'l’accès en écriture est refusé',
      EPERM: 'l’accès en écriture est refusé',
      ENOSPC: 'le disque est plein',
      EROFS: 'le disque est en lecture seule',
    };
    if (code && reasons[code])
      throw new UserError(`Le fichier « ${target} » ne peut pas être écrit : ${reasons[code]}. Rien n’a été écrit.`);
    throw e;
  }
}
