/**
 * A `WorkbookReader` over the bytes of an .xlsx file, for the browser (the task pane's import of
 * report files): nothing is sent anywhere, the file is read in the page. The Node reader
 * (lean-reader.ts) needs Node's zlib and Buffer; this one loads exceljs's browser build on
 * demand, in its own chunk.
 *
 * The same limits as the command line are checked before exceljs sees the bytes: size, zip
 * signature, password-protected or legacy .xls, and the sizes the zip's central directory
 * declares once decompressed (a cheap guard against zip bombs: the declared sizes are trusted).
 *
 * Values are returned like the lean reader's: numbers, texts, booleans, `null` for empty cells
 * and empty texts; rich text as its concatenated text; formulas as their cached result (or
 * `null`); error cells as their text (`#DIV/0!`); dates as ISO text (the report template has none).
 */
import type ExcelJS from 'exceljs';
import { cellAddress, parseRange } from '../../core/shared/address';
import { notAWorkbook, UnreadableWorkbookError } from '../../core/shared/errors';
import { headerText, matchHeaderRow, rowsUntilBlank, sheetMatches } from '../../core/contract/headers';
import type { CellValue, TableRead, TableRequest, TableResult, WorkbookReader } from '../../ports/workbook';

const MB = 1024 * 1024;

export interface BrowserReadLimits {
  /** Size of the .xlsx file itself. */
  maxFileBytes: number;
  /** Sum of the uncompressed sizes declared by the zip's central directory. */
  maxExpandedBytes: number;
}

/** The command line's limits for report files (src/faces/cli/main.ts, REPORT_LIMITS). */
export const REPORT_FILE_LIMITS: BrowserReadLimits = { maxFileBytes: 20 * MB, maxExpandedBytes: 200 * MB };

/** Rows searched for a header row when a requested table is not an Excel table. */
const HEADER_SEARCH_ROWS = 50;

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** What exceljs's browser build exports, whether webpack gives it as a namespace or a default. */
type ExcelJsModule = typeof ExcelJS;
let excelJs: Promise<ExcelJsModule> | null = null;

function loadExcelJs(): Promise<ExcelJsModule> {
  if (!excelJs) {
    // The UMD bundle: webpack exposes module.exports as the default export (or as the namespace).
    excelJs = import(/* webpackChunkName: "exceljs" */ 'exceljs').then((m) => {
      const mod = m as unknown as { default?: ExcelJsModule; Workbook?: unknown };
      return (mod.Workbook ? mod : (mod.default ?? mod)) as ExcelJsModule;
    });
    excelJs.catch(() => (excelJs = null));
  }
  return excelJs;
}

/**
 * Sum of the uncompressed sizes in the zip's central directory, or `null` when there is no
 * end-of-central-directory record (not a zip). A Zip64 size counts as infinite.
 */
export function declaredUncompressedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= min; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) return null;
    const size = view.getUint32(p + 24, true);
    total += size === 0xffffffff ? Infinity : size;
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return total;
}

/**
 * The real decompressed size of the archive's entries, counted while inflating them with the
 * browser's DecompressionStream and stopping as soon as it passes `limit` (sizes declared in the
 * zip can lie). Null where the browser cannot inflate raw deflate data.
 */
export async function measuredExpandedSize(bytes: Uint8Array, limit: number): Promise<number | null> {
  if (typeof DecompressionStream === 'undefined') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  let p = view.getUint32(eocd + 16, true);
  let total = 0;
  for (let n = view.getUint16(eocd + 10, true); n > 0; n--) {
    const method = view.getUint16(p + 10, true);
    const compressed = view.getUint32(p + 20, true);
    const local = view.getUint32(p + 42, true);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(start, start + compressed);
    if (method === 0) total += data.length;
    else {
      let stream: ReadableStream<Uint8Array>;
      try {
        stream = new Blob([data.slice()]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
      } catch {
        return null;
      }
      const reader = stream.getReader();
      for (;;) {
        const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
        if (done) break;
        total += value?.length ?? 0;
        if (total > limit) {
          await reader.cancel().catch(() => undefined);
          return total;
        }
      }
    }
    if (total > limit) return total;
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return total;
}

/** An OLE file holding an encrypted OOXML package has an `EncryptionInfo` stream (its name in UTF-16). */
function isEncryptedOle(bytes: Uint8Array): boolean {
  const name = [...'EncryptionInfo'].flatMap((c) => [c.charCodeAt(0), 0]);
  outer: for (let i = 0; i + name.length <= bytes.length; i++) {
    for (let k = 0; k < name.length; k++) if (bytes[i + k] !== name[k]) continue outer;
    return true;
  }
  return false;
}

/** Throws the French refusal for bytes that cannot be an .xlsx report of acceptable size. */
export function checkXlsxBytes(bytes: Uint8Array, name: string, limits: BrowserReadLimits = REPORT_FILE_LIMITS): void {
  if (bytes.length === 0) throw new UnreadableWorkbookError('XLSX-VIDE', { file: name });
  if (bytes.length > limits.maxFileBytes) {
    throw new UnreadableWorkbookError('XLSX-TROP-GROS', {
      file: name,
      size: { bytes: bytes.length },
      limit: { bytes: limits.maxFileBytes },
    });
  }
  if (bytes.length >= OLE_SIGNATURE.length && OLE_SIGNATURE.every((b, i) => bytes[i] === b)) {
    throw new UnreadableWorkbookError(isEncryptedOle(bytes) ? 'XLSX-CHIFFRE' : 'XLSX-ANCIEN-FORMAT', { file: name });
  }
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw notAWorkbook(name, 'pas-zip');
  const declared = declaredUncompressedSize(bytes);
  if (declared === null) throw notAWorkbook(name, 'tronque');
  if (declared > limits.maxExpandedBytes) {
    throw new UnreadableWorkbookError('XLSX-DECOMPRESSE-TROP-GROS', {
      file: name,
      part: '(toutes)',
      size: { bytes: declared },
      limit: { bytes: limits.maxExpandedBytes },
    });
  }
}

/** A cell's value as the port's CellValue. */
function toCellValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return toCellValue((o.richText as { text?: string }[]).map((r) => r.text ?? '').join(''));
    if ('formula' in o || 'sharedFormula' in o) return toCellValue(o.result);
    if (typeof o.error === 'string') return o.error;
    if ('text' in o) return toCellValue(o.text); // hyperlink
    if ('result' in o) return toCellValue(o.result);
  }
  return null;
}

interface TableDef {
  name: string;
  displayName: string;
  sheet: ExcelJS.Worksheet;
  top: number;
  left: number;
  bottom: number;
  right: number;
  headerRow: boolean;
  totalsRow: boolean;
  columns: string[];
}

export class BrowserXlsxReader implements WorkbookReader {
  private readonly grids = new Map<ExcelJS.Worksheet, CellValue[][]>();
  private tableDefs: TableDef[] | null = null;

  private constructor(private readonly wb: ExcelJS.Workbook) {}

  /** Checks the limits, then loads the bytes with exceljs. Throws a UserError naming the file. */
  static async fromBytes(
    bytes: ArrayBuffer | Uint8Array,
    name: string,
    limits: BrowserReadLimits = REPORT_FILE_LIMITS,
  ): Promise<BrowserXlsxReader> {
    const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    checkXlsxBytes(u8, name, limits);
    const measured = await measuredExpandedSize(u8, limits.maxExpandedBytes);
    if (measured !== null && measured > limits.maxExpandedBytes) {
      throw new UnreadableWorkbookError('XLSX-DECOMPRESSE-TROP-GROS', {
        file: name,
        part: '(toutes)',
        size: { bytes: measured },
        limit: { bytes: limits.maxExpandedBytes },
      });
    }
    const Excel = await loadExcelJs();
    const wb = new Excel.Workbook();
    try {
      const copy = u8.slice().buffer; // exceljs (JSZip) may keep or detach what it is given
      await wb.xlsx.load(copy as ArrayBuffer);
    } catch (e) {
      void e; // the library's own message is technical and in English
      throw notAWorkbook(name, 'endommage');
    }
    return new BrowserXlsxReader(wb);
  }

  async sheetNames(): Promise<string[]> {
    return this.wb.worksheets.map((w) => w.name);
  }

  async readTables(requests: readonly TableRequest[]): Promise<TableResult[]> {
    return requests.map((r) => this.readOne(r));
  }

  private readOne(req: TableRequest): TableResult {
    const ws = this.findSheet(req);
    const def = this.findTable(req.table, ws);
    if (def) return this.readTable(req, def);
    if (!ws) return { ok: false, problem: { kind: 'missing-sheet', sheet: req.sheet, table: req.table } };
    const plain = this.readPlainRange(req, ws);
    if (plain) return { ok: true, read: plain };
    return { ok: false, problem: { kind: 'missing-table', sheet: ws.name, table: req.table } };
  }

  /** Every sheet, hidden and very hidden ones included: exact name first, then leniently. */
  private findSheet(req: TableRequest): ExcelJS.Worksheet | undefined {
    const names = [req.sheet, ...(req.formerSheets ?? [])];
    const sheets = this.wb.worksheets;
    return sheets.find((s) => names.includes(s.name)) ?? sheets.find((s) => sheetMatches(names, s.name));
  }

  /** The sheet's values as a 0-based grid (rows and columns from A1). */
  private grid(ws: ExcelJS.Worksheet): CellValue[][] {
    let g = this.grids.get(ws);
    if (!g) {
      g = [];
      const values = ws.getSheetValues() as unknown[];
      for (let r = 1; r < values.length; r++) {
        const row = values[r] as unknown[] | undefined;
        const out: CellValue[] = [];
        if (row) for (let c = 1; c < row.length; c++) out.push(toCellValue(row[c]));
        g.push(out);
      }
      this.grids.set(ws, g);
    }
    return g;
  }

  /** Table definitions as exceljs loaded them (a definition it could not read is skipped). */
  private tables(): TableDef[] {
    if (this.tableDefs) return this.tableDefs;
    const out: TableDef[] = [];
    for (const ws of this.wb.worksheets) {
      const tables =
        (ws as unknown as { tables?: Record<string, { table?: Record<string, unknown>; model?: Record<string, unknown> }> }).tables ?? {};
      for (const t of Object.values(tables)) {
        const m = (t?.table ?? t?.model) as
          | {
              name?: string;
              displayName?: string;
              ref?: string;
              tableRef?: string;
              headerRow?: boolean;
              totalsRow?: boolean;
              columns?: { name?: string }[];
            }
          | undefined;
        const range = m ? parseRange(m.tableRef ?? m.ref ?? '') : null;
        if (!m || !range || !m.name) continue;
        out.push({
          name: m.name,
          displayName: m.displayName ?? m.name,
          sheet: ws,
          ...range,
          headerRow: m.headerRow !== false,
          totalsRow: m.totalsRow === true,
          columns: (m.columns ?? []).map((c) => c.name ?? ''),
        });
      }
    }
    this.tableDefs = out;
    return out;
  }

  private findTable(name: string, ws: ExcelJS.Worksheet | undefined): TableDef | undefined {
    const lower = name.trim().toLowerCase();
    const matches = this.tables().filter((t) => t.name.toLowerCase() === lower || t.displayName.toLowerCase() === lower);
    return matches.find((t) => t.sheet === ws) ?? matches[0];
  }

  private readTable(req: TableRequest, t: TableDef): TableResult {
    const grid = this.grid(t.sheet);
    const cell = (r: number, c: number): CellValue => grid[r - 1]?.[c - 1] ?? null;
    const width = t.right - t.left + 1;
    if (!t.headerRow)
      return { ok: false, problem: { kind: 'no-header-row', sheet: t.sheet.name, table: req.table, cell: cellAddress(t.top, t.left) } };
    const headers: string[] = [];
    for (let i = 0; i < width; i++) {
      const text = headerText(cell(t.top, t.left + i));
      headers.push(text !== '' ? text : (t.columns[i] ?? '').trim());
    }
    const bottom = Math.max(t.top, t.bottom - (t.totalsRow ? 1 : 0));
    const rows: CellValue[][] = [];
    for (let r = t.top + 1; r <= bottom; r++) {
      const row: CellValue[] = [];
      for (let i = 0; i < width; i++) row.push(cell(r, t.left + i));
      rows.push(row);
    }
    return { ok: true, read: { sheet: t.sheet.name, table: t.name, headerRow: t.top, firstCol: t.left, headers, rows } };
  }

  /** A table that is not an Excel table: its header row among the first 50, rows down to a blank row. */
  private readPlainRange(req: TableRequest, ws: ExcelJS.Worksheet): TableRead | null {
    if (req.headers.length === 0) return null;
    const grid = this.grid(ws);
    for (let r = 0; r < Math.min(grid.length, HEADER_SEARCH_ROWS); r++) {
      const m = matchHeaderRow(grid[r], req.headers);
      if (!m) continue;
      const { rows, strayRow } = rowsUntilBlank(grid, r + 1, m.col, m.headers.length);
      return {
        sheet: ws.name,
        table: null,
        headerRow: r + 1,
        firstCol: m.col + 1,
        headers: m.headers,
        rows,
        ...(strayRow !== null ? { strayRow: strayRow + 1 } : {}),
      };
    }
    return null;
  }
}
