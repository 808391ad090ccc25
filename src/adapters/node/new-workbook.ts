/**
 * A new workbook file (Node): collects sheets and saves them as an .xlsx with the lean writer,
 * through a temporary file renamed at the end, so a crash leaves no half file.
 */
import type { PlacedSheet } from '../../core/layout/placed';
import type { WorkbookWriter } from '../../ports/workbook';
import { writeXlsxFile, xlsxFileChunks } from './xlsx-file';

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
    return Buffer.concat(xlsxFileChunks(this.sheets));
  }

  /** Writes to `target` through a temporary file in the same folder, renamed at the end. */
  async save(target: string): Promise<void> {
    await writeXlsxFile(target, this.sheets);
  }
}
