/**
 * The init command over the port: writes the contract's sheets from a framework. Refuses to
 * replace existing contract sheets unless the caller confirms (`overwrite`).
 */
import { INPUT_ORDER, INPUT_TABLES } from '../core/contract/tables';
import type { Framework } from '../core/framework';
import { initSheets } from '../core/examples/init-data';
import type { PlacedSheet } from '../core/layout/placed';
import type { WorkbookPort } from '../ports/workbook';

export interface InitPreview {
  /** Sheets that will be created, with their table and row count. */
  sheets: { name: string; table: string; rows: number }[];
  /** Contract sheets already in the workbook, which `init` would replace. */
  existing: string[];
}

export function initPreviewSheets(f: Framework, example: boolean): PlacedSheet[] {
  return initSheets(f, example);
}

export async function previewInit(port: Pick<WorkbookPort, 'sheetNames'>, f: Framework, example: boolean): Promise<InitPreview> {
  const names = (await port.sheetNames()).map((n) => n.toLowerCase());
  const sheets = initPreviewSheets(f, example).map((s) => ({
    name: s.name,
    table: s.tables[0]?.name ?? '',
    rows: s.tables[0]?.rowCount ?? 0,
  }));
  const contract = INPUT_ORDER.map((k) => INPUT_TABLES[k].sheet);
  return { sheets, existing: contract.filter((n) => names.includes(n.toLowerCase())) };
}

export type InitOutcome = { written: true; sheets: string[] } | { written: false; existing: string[] };

export async function initWorkbook(port: WorkbookPort, f: Framework, example: boolean, overwrite: boolean): Promise<InitOutcome> {
  const preview = await previewInit(port, f, example);
  if (preview.existing.length > 0 && !overwrite) return { written: false, existing: preview.existing };
  const sheets = initPreviewSheets(f, example);
  await port.writeSheets(sheets);
  return { written: true, sheets: sheets.map((s) => s.name) };
}
