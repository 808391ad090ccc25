/**
 * A fast, low-memory reader of the tables of an .xlsx file, implementing `WorkbookReader`, with
 * no platform API: the command line (Node) and the task pane (the browser) read files with it,
 * each passing its inflater (`Inflate`, see zip.ts).
 *
 * It reads the ZIP central directory once, then inflates only the parts it needs: the
 * workbook and its relationships on opening, the table definitions, the styles and the shared
 * strings on the first read, and each worksheet read (once per `readTables` batch). Every XML
 * part is seen as an XML parser sees it (comments, processing instructions and CDATA sections
 * are not elements, see `withoutMarkup`). Worksheet XML is scanned with `indexOf`, reading only
 * the rows and columns of the requested range and stopping after its last row (see
 * `scanSheetRows`); memory and time follow the cells present, never the range a table declares.
 *
 * Values are returned as the port says: numbers, texts, booleans, `null` for empty cells and
 * empty texts; numbers in a date or time format (and `t="d"` cells) as ISO text; error cells
 * as their text (`#DIV/0!`); a formula without cached value as `{ uncomputed: formula }`.
 */
import type { CellValue, TableRead, TableRequest, TableResult, WorkbookReader } from '../../../ports/workbook';
import { notAWorkbook, UnreadableWorkbookError } from '../../../core/shared/errors';
import { cellAddress, EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS, insideGrid, parseRange } from '../../../core/shared/address';
import { headerText, matchHeaderRow, sheetMatches } from '../../../core/contract/headers';
import { partText } from './part-text';
import { parseDateStyles } from './styles';
import { ZipArchive, type Inflate } from './zip';
import { DENSE_ROW_LIMIT, UnreadablePartError, scanSheetRows, sheetXml, type RowWindow, type SheetContext, type SheetXml } from './sheet';
import {
  attrByLocalName,
  decodeEscapes,
  findStartTags,
  indexOfTag,
  parseRelationships,
  parseSharedStrings,
  readStartTag,
  relsPathOf,
  rootPrefix,
  withoutMarkup,
} from './xml';

export type { Inflate } from './zip';

export interface ReadLimits {
  /** Size of the .xlsx file itself. */
  maxFileBytes: number;
  /** Total size of the parts inflated from the archive (worksheets, shared strings, …). */
  maxExpandedBytes: number;
}

export interface ReadOptions {
  limits?: Partial<ReadLimits>;
  /** Inflates the archive's deflated parts: the platform's own (zlib, DecompressionStream). */
  inflate: Inflate;
  /** CRC-32 of a part, when the platform has a faster one than the TypeScript default. */
  crc32?: (data: Uint8Array) => number;
}

const MB = 1024 * 1024;

/** Limits for the main workbook; callers pass smaller ones for imported files. */
export const DEFAULT_READ_LIMITS: ReadLimits = { maxFileBytes: 200 * MB, maxExpandedBytes: 1024 * MB };

/** Rows searched for a header row when a requested table is not an Excel table. */
const HEADER_SEARCH_ROWS = 50;
/** Rows searched under an Excel table for a row typed just outside it (`strayRow`). */
const STRAY_SEARCH_ROWS = 20;

/** Signature of OLE compound files: legacy .xls, and .xlsx encrypted with a password. */
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** The worksheets read by one `readTables` batch, by sheet index. */
type Sheets = Map<number, Promise<SheetXml | null>>;

interface SheetInfo {
  name: string;
  /** Worksheet part in the archive; `null` when the sheet has none (broken relationship). */
  part: string | null;
}

interface TableInfo {
  name: string;
  displayName: string;
  /** Index in `sheets`. */
  sheet: number;
  top: number;
  left: number;
  bottom: number;
  right: number;
  headerRowCount: number;
  totalsRowCount: number;
  /** Column names from the table definition, used when a header cell is empty. */
  columns: string[];
}

/** The rows of a table between rows present in the file: one shared empty row per width. */
function emptyRow(width: number): CellValue[] {
  const row: CellValue[] = width <= DENSE_ROW_LIMIT ? new Array<CellValue>(width).fill(null) : [];
  row.length = width;
  return Object.freeze(row) as CellValue[];
}

export class XlsxReader implements WorkbookReader {
  private sharedStringsCache: Promise<string[]> | null = null;
  private tablesCache: Promise<TableInfo[]> | null = null;
  private stylesCache: Promise<Uint8Array | null> | null = null;

  private constructor(
    private readonly zip: ZipArchive,
    private readonly fileLabel: string,
    private readonly sheets: readonly SheetInfo[],
    private readonly parts: { sharedStrings: string | null; styles: string | null },
    private readonly date1904: boolean,
  ) {}

  /**
   * Opens an .xlsx held in memory. `fileLabel` names the file in error messages. Throws
   * `UnreadableWorkbookError` for an empty file, a file over the limits, an encrypted or
   * legacy (.xls) workbook, or anything that is not an .xlsx.
   */
  static async open(bytes: Uint8Array, fileLabel: string, options: ReadOptions): Promise<XlsxReader> {
    const maxFileBytes = options.limits?.maxFileBytes ?? DEFAULT_READ_LIMITS.maxFileBytes;
    const maxExpandedBytes = options.limits?.maxExpandedBytes ?? DEFAULT_READ_LIMITS.maxExpandedBytes;
    const label = fileLabel;

    if (bytes.length === 0) throw new UnreadableWorkbookError('XLSX-VIDE', { file: label });
    if (bytes.length > maxFileBytes) {
      throw new UnreadableWorkbookError('XLSX-TROP-GROS', { file: label, size: { bytes: bytes.length }, limit: { bytes: maxFileBytes } });
    }
    if (bytes.length >= OLE_SIGNATURE.length && OLE_SIGNATURE.every((b, i) => bytes[i] === b)) {
      throw new UnreadableWorkbookError(isEncryptedOle(bytes) ? 'XLSX-CHIFFRE' : 'XLSX-ANCIEN-FORMAT', { file: label });
    }

    const zip = ZipArchive.open(bytes, label, { maxExpandedBytes, inflate: options.inflate, crc32: options.crc32 });
    const workbookPart = await findWorkbookPart(zip, label);
    const workbookXml = (await xmlPart(zip, workbookPart, label)) ?? '';
    const relsXml = await xmlPart(zip, relsPathOf(workbookPart), label);
    const rels = relsXml ? parseRelationships(relsXml, workbookPart) : [];
    const targets = new Map<string, string>();
    for (const rel of rels) if (!rel.external) targets.set(rel.id, rel.target);

    const P = rootPrefix(workbookXml);
    const sheetsStart = indexOfTag(workbookXml, P + 'sheets');
    if (sheetsStart < 0) throw notAWorkbook(label, 'sans-feuilles');
    const sheetsEnd = workbookXml.indexOf('</' + P + 'sheets>', sheetsStart);
    const sheets: SheetInfo[] = [];
    for (const tag of findStartTags(workbookXml, P + 'sheet', sheetsStart, sheetsEnd < 0 ? undefined : sheetsEnd)) {
      const rid = attrByLocalName(tag.attrs, 'id', true);
      const target = rid === undefined ? undefined : targets.get(rid);
      const entry = target === undefined ? undefined : zip.find(target);
      sheets.push({ name: tag.attrs.name ?? '', part: entry ? entry.name : null });
    }
    const pr = findStartTags(workbookXml, P + 'workbookPr', 0, sheetsStart)[0];
    const date1904 = pr !== undefined && /^(1|true)$/.test((pr.attrs.date1904 ?? '').trim());

    const partOf = (type: string, usual: string): string | null => {
      const rel = rels.find((r) => !r.external && r.type.endsWith(type));
      const entry = zip.find(rel ? rel.target : usual) ?? zip.find(usual);
      return entry ? entry.name : null;
    };
    const parts = { sharedStrings: partOf('/sharedStrings', 'xl/sharedStrings.xml'), styles: partOf('/styles', 'xl/styles.xml') };
    return new XlsxReader(zip, label, sheets, parts, date1904);
  }

  async sheetNames(): Promise<string[]> {
    return this.sheets.map((s) => s.name);
  }

  async readTables(requests: readonly TableRequest[]): Promise<TableResult[]> {
    // Worksheets are kept for the batch only (several tables may be on one sheet).
    const sheets: Sheets = new Map();
    const out: TableResult[] = [];
    try {
      for (const req of requests) out.push(await this.readOne(req, sheets));
    } catch (e) {
      if (e instanceof UnreadablePartError) throw notAWorkbook(this.fileLabel, e.reason);
      throw e;
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------

  private async readOne(req: TableRequest, sheets: Sheets): Promise<TableResult> {
    const si = this.findSheet(req);
    // A table is found by its name first, anywhere: its sheet may have been renamed.
    const table = await this.findTable(req.table, si);
    if (table) return this.readTable(req, table, sheets);
    if (si < 0) return { ok: false, problem: { kind: 'missing-sheet', sheet: req.sheet, table: req.table } };
    const plain = await this.readPlainRange(req, si, sheets);
    if (plain) return { ok: true, read: plain };
    return { ok: false, problem: { kind: 'missing-table', sheet: this.sheets[si].name, table: req.table } };
  }

  /** Index of the requested sheet (or of one of its former names), leniently; -1 if none. */
  private findSheet(req: TableRequest): number {
    const names = [req.sheet, ...(req.formerSheets ?? [])];
    const exact = this.sheets.findIndex((s) => names.includes(s.name));
    return exact >= 0 ? exact : this.sheets.findIndex((s) => sheetMatches(names, s.name));
  }

  /** The table of that name (or display name, case-insensitive), on sheet `si` first, else anywhere. */
  private async findTable(name: string, si: number): Promise<TableInfo | undefined> {
    const lower = name.trim().toLowerCase();
    const matches = (await this.tables()).filter((t) => t.name.toLowerCase() === lower || t.displayName.toLowerCase() === lower);
    return matches.find((t) => t.sheet === si) ?? matches[0];
  }

  /**
   * An Excel table's rows: those present in the file down to the last one that holds a value
   * (the empty rows a table's range runs on with are not rows; rows missing in between share
   * one empty row), and the first row holding a value within 20 rows under the table, in its
   * columns and outside any other table, as `strayRow`.
   */
  private async readTable(req: TableRequest, t: TableInfo, sheets: Sheets): Promise<TableResult> {
    const sheetName = this.sheets[t.sheet].name;
    if (t.headerRowCount === 0) {
      // A table without a header row cannot show the contract's headers.
      return { ok: false, problem: { kind: 'no-header-row', sheet: sheetName, table: req.table, cell: cellAddress(t.top, t.left) } };
    }
    const xml = await this.sheet(t.sheet, sheets);
    const context = await this.sheetContext();
    const width = t.right - t.left + 1;
    const dataBottom = Math.max(t.top, t.bottom - t.totalsRowCount);
    const below = (await this.tables()).filter((o) => o !== t && o.sheet === t.sheet && o.left <= t.right && o.right >= t.left);
    const rows: CellValue[][] = [];
    let last = -1;
    let headerCells: CellValue[] = [];
    let strayRow: number | undefined;
    let gap: CellValue[] | null = null;
    if (xml) {
      const win: RowWindow = { top: t.top, bottom: t.bottom + STRAY_SEARCH_ROWS, left: t.left, right: t.right };
      scanSheetRows(xml, win, context, (r, cells, filled) => {
        if (r === t.top) {
          headerCells = cells;
          return true;
        }
        if (r <= dataBottom) {
          if (!filled) return true;
          const i = r - t.top - 1;
          if (i > rows.length) gap ??= emptyRow(width);
          while (rows.length < i) rows.push(gap!);
          rows[i] = densify(cells, width);
          if (i > last) last = i;
          return true;
        }
        if (r <= t.bottom || !filled || below.some((o) => r >= o.top && r <= o.bottom)) return true;
        strayRow = r;
        return false;
      });
    }
    rows.length = last + 1;
    const headers: string[] = [];
    for (let i = 0; i < width; i++) {
      const text = headerText(headerCells[i]);
      headers.push(text !== '' ? text : (t.columns[i] ?? '').trim());
    }
    return {
      ok: true,
      read: { sheet: sheetName, table: t.name, headerRow: t.top, firstCol: t.left, headers, rows, ...(strayRow ? { strayRow } : {}) },
    };
  }

  /**
   * A table that is not an Excel table: a row among the first 50 that holds the requested
   * headers. Its width runs on over the non-empty header cells; its data rows run down to the
   * first entirely empty row (a row typed further down is reported as `strayRow`).
   */
  private async readPlainRange(req: TableRequest, si: number, sheets: Sheets): Promise<TableRead | null> {
    const wanted = req.headers;
    if (wanted.length === 0) return null;
    const xml = await this.sheet(si, sheets);
    if (!xml) return null;
    const context = await this.sheetContext();

    const hit: { row?: number; col?: number; headers?: string[] } = {};
    scanSheetRows(xml, { top: 1, bottom: HEADER_SEARCH_ROWS, left: 1, right: EXCEL_MAX_COLUMNS }, context, (r, cells) => {
      const m = matchHeaderRow(cells, wanted);
      if (!m) return true;
      hit.row = r;
      hit.col = m.col + 1;
      hit.headers = m.headers;
      return false;
    });
    if (hit.row === undefined || hit.col === undefined || hit.headers === undefined) return null;
    const { row, col, headers } = hit as Required<typeof hit>;

    const width = headers.length;
    const rows: CellValue[][] = [];
    let expected = row + 1;
    let ended = false;
    let strayRow: number | undefined;
    scanSheetRows(xml, { top: row + 1, bottom: EXCEL_MAX_ROWS, left: col, right: col + width - 1 }, context, (r, cells, filled) => {
      if (!ended && r === expected && filled) {
        rows.push(densify(cells, width));
        expected++;
        return true;
      }
      // A missing or empty row ends the range; look on for a row typed below it.
      ended = true;
      if (filled) {
        strayRow = r;
        return false;
      }
      return true;
    });
    return { sheet: this.sheets[si].name, table: null, headerRow: row, firstCol: col, headers, rows, ...(strayRow ? { strayRow } : {}) };
  }

  /** The worksheet of sheet `si`, ready to scan (kept for the batch); `null` for a sheet without cells. */
  private sheet(si: number, sheets: Sheets): Promise<SheetXml | null> {
    let sheet = sheets.get(si);
    if (!sheet) {
      const part = this.sheets[si].part;
      sheet = part ? this.zip.read(part).then((raw) => (raw ? sheetXml(raw, this.fileLabel) : null)) : Promise.resolve(null);
      sheets.set(si, sheet);
    }
    return sheet;
  }

  private async sheetContext(): Promise<SheetContext> {
    return { sharedStrings: await this.sharedStrings(), dateStyles: await this.dateStyles(), date1904: this.date1904 };
  }

  private sharedStrings(): Promise<string[]> {
    this.sharedStringsCache ??= (async () => {
      const xml = this.parts.sharedStrings ? await xmlPart(this.zip, this.parts.sharedStrings, this.fileLabel) : null;
      return xml ? parseSharedStrings(xml) : [];
    })();
    return this.sharedStringsCache;
  }

  private dateStyles(): Promise<Uint8Array | null> {
    this.stylesCache ??= (async () => {
      const xml = this.parts.styles ? await xmlPart(this.zip, this.parts.styles, this.fileLabel) : null;
      return xml ? parseDateStyles(xml) : null;
    })();
    return this.stylesCache;
  }

  /**
   * The tables of every sheet, from each worksheet's relationships (read on first use). A table
   * declared past Excel's grid makes the file unreadable, as Excel would find it.
   */
  private tables(): Promise<TableInfo[]> {
    this.tablesCache ??= this.readTableDefinitions();
    return this.tablesCache;
  }

  private async readTableDefinitions(): Promise<TableInfo[]> {
    const out: TableInfo[] = [];
    for (let si = 0; si < this.sheets.length; si++) {
      const sheet = this.sheets[si];
      if (!sheet.part) continue;
      const relsXml = await xmlPart(this.zip, relsPathOf(sheet.part), this.fileLabel);
      if (!relsXml) continue;
      for (const rel of parseRelationships(relsXml, sheet.part)) {
        if (rel.external || !rel.type.endsWith('/table')) continue;
        const xml = await xmlPart(this.zip, rel.target, this.fileLabel);
        if (!xml) continue;
        const start = indexOfTag(xml, rootPrefix(xml) + 'table');
        const root = start < 0 ? null : readStartTag(xml, start);
        const ref = root?.attrs.ref ?? '';
        const range = root ? parseRange(ref) : null;
        if (!root || !range) continue;
        const name = decodeEscapes(root.attrs.name ?? root.attrs.displayName ?? '');
        if (!insideGrid(range)) {
          throw new UnreadableWorkbookError('XLSX-PLAGE-HORS-GRILLE', { file: this.fileLabel, table: name, sheet: sheet.name, ref });
        }
        out.push({
          name,
          displayName: decodeEscapes(root.attrs.displayName ?? name),
          sheet: si,
          ...range,
          headerRowCount: toCount(root.attrs.headerRowCount, 1),
          totalsRowCount: toCount(root.attrs.totalsRowCount, 0),
          columns: findStartTags(xml, rootPrefix(xml) + 'tableColumn').map((c) => decodeEscapes(c.attrs.name ?? '')),
        });
      }
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------

/** An XML part's text as a parser sees it (see `withoutMarkup`); `null` if the archive has no such part. */
async function xmlPart(zip: ZipArchive, part: string, label: string): Promise<string | null> {
  const bytes = await zip.read(part);
  return bytes ? withoutMarkup(partText(bytes, label)) : null;
}

/** The main part of the package, from `_rels/.rels`, else the usual `xl/workbook.xml`. */
async function findWorkbookPart(zip: ZipArchive, label: string): Promise<string> {
  const candidates: string[] = [];
  const rootRels = await xmlPart(zip, '_rels/.rels', label);
  if (rootRels) {
    for (const rel of parseRelationships(rootRels, '')) {
      if (!rel.external && rel.type.endsWith('/officeDocument')) candidates.push(rel.target);
    }
  }
  candidates.push('xl/workbook.xml');
  for (const c of candidates) {
    const e = zip.find(c);
    if (e && /\.xml$/i.test(e.name)) return e.name;
  }
  if (zip.has('xl/workbook.bin')) throw notAWorkbook(label, 'xlsb');
  if (zip.has('content.xml') && zip.has('mimetype')) throw notAWorkbook(label, 'ods');
  throw notAWorkbook(label, 'sans-classeur');
}

/** Whether `bytes` holds `pattern` anywhere. */
function holds(bytes: Uint8Array, pattern: readonly number[]): boolean {
  const first = pattern[0];
  for (let i = bytes.indexOf(first); i >= 0 && i + pattern.length <= bytes.length; i = bytes.indexOf(first, i + 1)) {
    let k = 1;
    while (k < pattern.length && bytes[i + k] === pattern[k]) k++;
    if (k === pattern.length) return true;
  }
  return false;
}

/** An OLE file holding an encrypted OOXML package has `EncryptionInfo` and `EncryptedPackage` streams. */
function isEncryptedOle(bytes: Uint8Array): boolean {
  for (const name of ['EncryptionInfo', 'EncryptedPackage']) {
    const codes = [...name].map((c) => c.charCodeAt(0));
    if (
      holds(
        bytes,
        codes.flatMap((c) => [c, 0]),
      ) ||
      holds(bytes, codes)
    )
      return true;
  }
  return false;
}

function toCount(s: string | undefined, fallback: number): number {
  const n = s === undefined ? NaN : Number(s);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}

/**
 * A row as an array of `width` values: `null` for holes when the table is narrow; a wide row
 * keeps its holes (read as `undefined`), so that memory follows the cells present.
 */
function densify(row: CellValue[], width: number): CellValue[] {
  if (row.length === width) return row;
  if (width > DENSE_ROW_LIMIT) {
    row.length = width;
    return row;
  }
  const out = new Array<CellValue>(width);
  for (let i = 0; i < width; i++) out[i] = row[i] ?? null;
  return out;
}
