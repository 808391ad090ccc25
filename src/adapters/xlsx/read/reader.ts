/**
 * A fast, low-memory reader of the tables of an .xlsx file, implementing `WorkbookReader`.
 *
 * It reads the ZIP central directory once, then inflates only the parts it needs: the
 * workbook and its relationships up front, the table definitions and the shared strings on
 * the first read, and each worksheet read (once per `readTables` batch). Worksheet XML is
 * scanned with `indexOf`, reading only the rows and columns of the requested range and
 * stopping after its last row (see `scanSheetRows`).
 *
 * Values are returned as stored: numbers stay numbers (dates are serial numbers, number
 * formats are not interpreted), booleans, texts; error cells give their text (`#DIV/0!`);
 * empty cells and empty texts are `null`.
 */
import type { CellValue, TableRead, TableRequest, TableResult, WorkbookReader } from '../../../ports/workbook';
import { notAWorkbook, UnreadableWorkbookError } from '../../../core/shared/errors';
import { cellAddress, parseRange } from '../../../core/shared/address';
import { headerText, matchHeaderRow, sheetMatches } from '../../../core/contract/headers';
import { ZipArchive } from './zip';
import {
  DENSE_ROW_LIMIT,
  attrByLocalName,
  decodeEscapes,
  findStartTags,
  indexOfTag,
  parseRelationships,
  parseSharedStrings,
  readStartTag,
  relsPathOf,
  rootPrefix,
  scanSheetRows,
} from './xml';

export interface ReadLimits {
  /** Size of the .xlsx file itself. */
  maxFileBytes: number;
  /** Total size of the parts inflated from the archive (worksheets, shared strings, …). */
  maxExpandedBytes: number;
}

const MB = 1024 * 1024;

/** Limits for the main workbook; callers pass smaller ones for imported files. */
export const DEFAULT_READ_LIMITS: ReadLimits = { maxFileBytes: 200 * MB, maxExpandedBytes: 1024 * MB };

/** Rows searched for a header row when a requested table is not an Excel table. */
const HEADER_SEARCH_ROWS = 50;
/** Columns of a worksheet (XFD). */
const MAX_COLUMNS = 16384;

/** Signature of OLE compound files: legacy .xls, and .xlsx encrypted with a password. */
const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

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

export class XlsxFileReader implements WorkbookReader {
  private sharedStringsCache: string[] | null = null;
  private tablesCache: TableInfo[] | null = null;

  private constructor(
    private readonly zip: ZipArchive,
    private readonly fileLabel: string,
    private readonly sheets: readonly SheetInfo[],
    private readonly sharedStringsPart: string | null,
  ) {}

  /**
   * Opens an .xlsx held in memory. `fileLabel` names the file in error messages. Throws
   * `UnreadableWorkbookError` for an empty file, a file over the limits, an encrypted or
   * legacy (.xls) workbook, or anything that is not an .xlsx.
   */
  static fromBuffer(buf: Buffer, fileLabel: string, limits: Partial<ReadLimits> = {}): XlsxFileReader {
    const maxFileBytes = limits.maxFileBytes ?? DEFAULT_READ_LIMITS.maxFileBytes;
    const maxExpandedBytes = limits.maxExpandedBytes ?? DEFAULT_READ_LIMITS.maxExpandedBytes;
    const label = fileLabel;

    if (buf.length === 0) throw new UnreadableWorkbookError('XLSX-VIDE', { file: label });
    if (buf.length > maxFileBytes) {
      throw new UnreadableWorkbookError('XLSX-TROP-GROS', { file: label, size: { bytes: buf.length }, limit: { bytes: maxFileBytes } });
    }
    if (buf.length >= OLE_SIGNATURE.length && buf.subarray(0, OLE_SIGNATURE.length).equals(OLE_SIGNATURE)) {
      throw new UnreadableWorkbookError(isEncryptedOle(buf) ? 'XLSX-CHIFFRE' : 'XLSX-ANCIEN-FORMAT', { file: label });
    }

    const zip = ZipArchive.open(buf, label, maxExpandedBytes);
    const workbookPart = findWorkbookPart(zip, label);
    const workbookXml = zip.readText(workbookPart) ?? '';
    const relsXml = zip.readText(relsPathOf(workbookPart));
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

    const sstRel = rels.find((r) => !r.external && r.type.endsWith('/sharedStrings'));
    const sstEntry = zip.find(sstRel ? sstRel.target : 'xl/sharedStrings.xml') ?? zip.find('xl/sharedStrings.xml');
    return new XlsxFileReader(zip, label, sheets, sstEntry ? sstEntry.name : null);
  }

  async sheetNames(): Promise<string[]> {
    return this.sheets.map((s) => s.name);
  }

  async readTables(requests: readonly TableRequest[]): Promise<TableResult[]> {
    // Worksheet texts are kept for the batch only (several tables may be on one sheet).
    const sheetTexts = new Map<number, string | null>();
    return requests.map((req) => this.readOne(req, sheetTexts));
  }

  // -------------------------------------------------------------------------------------------

  private readOne(req: TableRequest, sheetTexts: Map<number, string | null>): TableResult {
    const si = this.findSheet(req);
    // A table is found by its name first, anywhere: its sheet may have been renamed.
    const table = this.findTable(req.table, si);
    if (table) return this.readTable(req, table, sheetTexts);
    if (si < 0) return { ok: false, problem: { kind: 'missing-sheet', sheet: req.sheet, table: req.table } };
    const plain = this.readPlainRange(req, si, sheetTexts);
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
  private findTable(name: string, si: number): TableInfo | undefined {
    const lower = name.trim().toLowerCase();
    const matches = this.tables().filter((t) => t.name.toLowerCase() === lower || t.displayName.toLowerCase() === lower);
    return matches.find((t) => t.sheet === si) ?? matches[0];
  }

  private readTable(req: TableRequest, t: TableInfo, sheetTexts: Map<number, string | null>): TableResult {
    const sheetName = this.sheets[t.sheet].name;
    if (t.headerRowCount === 0) {
      // A table without a header row cannot show the contract's headers.
      return { ok: false, problem: { kind: 'no-header-row', sheet: sheetName, table: req.table, cell: cellAddress(t.top, t.left) } };
    }
    const xml = this.sheetText(t.sheet, sheetTexts);
    const sst = this.sharedStrings();
    const width = t.right - t.left + 1;
    const dataBottom = Math.max(t.top, t.bottom - t.totalsRowCount);
    const rows: CellValue[][] = new Array<CellValue[]>(dataBottom - t.top);
    let headerCells: CellValue[] = [];
    if (xml) {
      scanSheetRows(xml, { top: t.top, bottom: dataBottom, left: t.left, right: t.right }, sst, (r, cells) => {
        if (r === t.top) headerCells = cells;
        else rows[r - t.top - 1] = cells;
      });
    }
    for (let i = 0; i < rows.length; i++) rows[i] = densify(rows[i], width);
    const headers: string[] = [];
    for (let i = 0; i < width; i++) {
      const text = headerText(headerCells[i]);
      headers.push(text !== '' ? text : (t.columns[i] ?? '').trim());
    }
    return { ok: true, read: { sheet: sheetName, table: t.name, headerRow: t.top, firstCol: t.left, headers, rows } };
  }

  /**
   * A table that is not an Excel table: a row among the first 50 that holds the requested
   * headers. Its width runs on over the non-empty header cells; its data rows run down to the
   * first entirely empty row (a row typed further down is reported as `strayRow`).
   */
  private readPlainRange(req: TableRequest, si: number, sheetTexts: Map<number, string | null>): TableRead | null {
    const wanted = req.headers;
    if (wanted.length === 0) return null;
    const xml = this.sheetText(si, sheetTexts);
    if (!xml) return null;
    const sst = this.sharedStrings();

    const hit: { row?: number; col?: number; headers?: string[] } = {};
    scanSheetRows(xml, { top: 1, bottom: HEADER_SEARCH_ROWS, left: 1, right: MAX_COLUMNS }, sst, (r, cells) => {
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
    scanSheetRows(xml, { top: row + 1, bottom: Infinity, left: col, right: col + width - 1 }, sst, (r, cells) => {
      const empty = cells.every((v) => v === null);
      if (!ended && r === expected && !empty) {
        rows.push(densify(cells, width));
        expected++;
        return true;
      }
      // A missing or empty row ends the range; look on for a row typed below it.
      ended = true;
      if (!empty) {
        strayRow = r;
        return false;
      }
      return true;
    });
    return { sheet: this.sheets[si].name, table: null, headerRow: row, firstCol: col, headers, rows, ...(strayRow ? { strayRow } : {}) };
  }

  /** The worksheet XML of sheet `si` (cached for the batch); `null` for a sheet without cells. */
  private sheetText(si: number, sheetTexts: Map<number, string | null>): string | null {
    if (sheetTexts.has(si)) return sheetTexts.get(si) ?? null;
    const part = this.sheets[si].part;
    const text = part ? this.zip.readText(part) : null;
    sheetTexts.set(si, text);
    return text;
  }

  private sharedStrings(): string[] {
    if (!this.sharedStringsCache) {
      const xml = this.sharedStringsPart ? this.zip.readText(this.sharedStringsPart) : null;
      this.sharedStringsCache = xml ? parseSharedStrings(xml) : [];
    }
    return this.sharedStringsCache;
  }

  /** The tables of every sheet, from each worksheet's relationships (read on first use). */
  private tables(): TableInfo[] {
    if (this.tablesCache) return this.tablesCache;
    const out: TableInfo[] = [];
    this.sheets.forEach((sheet, si) => {
      if (!sheet.part) return;
      const relsXml = this.zip.readText(relsPathOf(sheet.part));
      if (!relsXml) return;
      for (const rel of parseRelationships(relsXml, sheet.part)) {
        if (rel.external || !rel.type.endsWith('/table')) continue;
        const xml = this.zip.readText(rel.target);
        if (!xml) continue;
        const start = indexOfTag(xml, rootPrefix(xml) + 'table');
        const root = start < 0 ? null : readStartTag(xml, start);
        const range = root ? parseRange(root.attrs.ref ?? '') : null;
        if (!root || !range) continue;
        const name = decodeEscapes(root.attrs.name ?? root.attrs.displayName ?? '');
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
    });
    this.tablesCache = out;
    return out;
  }
}

// ---------------------------------------------------------------------------------------------

/** The main part of the package, from `_rels/.rels`, else the usual `xl/workbook.xml`. */
function findWorkbookPart(zip: ZipArchive, label: string): string {
  const candidates: string[] = [];
  const rootRels = zip.readText('_rels/.rels');
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
  if (zip.has('xl/workbook.bin')) {
    throw notAWorkbook(label, 'xlsb');
  }
  if (zip.has('content.xml') && zip.has('mimetype')) {
    throw notAWorkbook(label, 'ods');
  }
  throw notAWorkbook(label, 'sans-classeur');
}

/** An OLE file holding an encrypted OOXML package has `EncryptionInfo` and `EncryptedPackage` streams. */
function isEncryptedOle(buf: Buffer): boolean {
  for (const name of ['EncryptionInfo', 'EncryptedPackage']) {
    if (buf.indexOf(Buffer.from(name, 'utf16le')) >= 0 || buf.indexOf(name, 0, 'latin1') >= 0) return true;
  }
  return false;
}

function toCount(s: string | undefined, fallback: number): number {
  const n = s === undefined ? NaN : Number(s);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}

/** A row as a dense array of `width` values (`null` for holes and missing rows). */
function densify(row: CellValue[] | undefined, width: number): CellValue[] {
  if (!row) return new Array<CellValue>(width).fill(null);
  if (row.length === width && width <= DENSE_ROW_LIMIT) return row;
  const out = new Array<CellValue>(width);
  for (let i = 0; i < width; i++) out[i] = row[i] ?? null;
  return out;
}
