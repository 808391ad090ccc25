/**
 * The init command over the port: writes the contract's sheets from a framework. Refuses to
 * replace existing contract sheets unless the caller confirms (`overwrite`).
 */
import { INPUT_ORDER, INPUT_TABLES } from '../core/contract/tables';
import { sheetMatches } from '../core/contract/headers';
import type { Framework } from '../core/framework';
import { initSheets } from '../core/layout/init-sheets';
import type { WorkbookPort } from '../ports/workbook';

export interface InitPreview {
  /** Sheets that will be created, with their table and row count. */
  sheets: { name: string; table: string; rows: number }[];
  /** Contract sheets already in the workbook, which `init` would replace. */
  existing: string[];
}

export async function previewInit(port: Pick<WorkbookPort, 'sheetNames'>, f: Framework, example: boolean): Promise<InitPreview> {
  const names = await port.sheetNames();
  const sheets = initSheets(f, example).map((s) => ({ name: s.name, table: s.tables[0]?.name ?? '', rows: s.tables[0]?.rowCount ?? 0 }));
  const existing = INPUT_ORDER.map((k) => INPUT_TABLES[k])
    .map((d) => names.find((n) => sheetMatches([d.sheet, ...(d.formerSheets ?? [])], n)))
    .filter((n): n is string => !!n);
  return { sheets, existing };
}

export type InitOutcome = { written: true; sheets: string[] } | { written: false; existing: string[] };

export async function initWorkbook(port: WorkbookPort, f: Framework, example: boolean, overwrite: boolean): Promise<InitOutcome> {
  const preview = await previewInit(port, f, example);
  if (preview.existing.length > 0 && !overwrite) return { written: false, existing: preview.existing };
  const sheets = initSheets(f, example);
  await port.writeSheets(sheets);
  return { written: true, sheets: sheets.map((s) => s.name) };
}
