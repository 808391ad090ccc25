/**
 * The lean .xlsx writer: PlacedSheets to the bytes of a new workbook, with no dependency and no
 * platform API (it runs in Node and in the browser). Worksheets are written one at a time into
 * a reused byte buffer, deflated by the caller's function (or stored) and added to the ZIP;
 * styles and shared strings, known only once every sheet is written, come last.
 *
 * Everything that Excel would repair or refuse is checked before it is written, with an Error
 * in English (the core is expected to have cut long texts and lists with a finding before):
 * sheet and table names, duplicate names, cells beyond the grid, texts over 32 767 characters,
 * list dropdowns over 255 characters, a workbook without a visible sheet.
 */
import type { PlacedSheet } from '../../../core/layout/placed';
import { ByteSink } from './byte-sink';
import {
  appProperties,
  contentTypes,
  coreProperties,
  rootRelationships,
  tableXml,
  workbook,
  workbookRelationships,
  worksheetRelationships,
  type TablePart,
} from './parts';
import { checkedRange } from './ranges';
import { SharedStrings } from './strings';
import { StyleTable } from './styles';
import { checkSheetName, checkTableName } from './text';
import { writeWorksheet } from './worksheet';
import { joinChunks, ZipWriter, type Deflate } from './zip-writer';

export type { Deflate } from './zip-writer';

export interface XlsxWriteOptions {
  /** Compresses each part (raw deflate); without it, parts are stored uncompressed. */
  deflate?: Deflate;
  /** A faster CRC-32 of the platform (Node's zlib.crc32); without it, the writer's own. */
  crc32?: (data: Uint8Array) => number;
  /** Texts as shared strings (default: smaller and faster on repetitive tables) or inline. */
  strings?: 'shared' | 'inline';
  /** Creation date written in the document properties (default: now). */
  now?: Date;
}

/** The .xlsx file holding these sheets, in order, as a list of chunks to write one after another. */
export function xlsxChunks(sheets: readonly PlacedSheet[], options: XlsxWriteOptions = {}): Uint8Array[] {
  checkSheets(sheets);
  const tables = placeTables(sheets);
  const zip = new ZipWriter(options.deflate, options.crc32);
  const encoder = new TextEncoder();
  const addText = (name: string, text: string) => zip.add(name, encoder.encode(text));
  const activeTab = sheets.findIndex((s) => (s.state ?? 'visible') === 'visible');

  addText('[Content_Types].xml', contentTypes(sheets.length, tables.length));
  addText('_rels/.rels', rootRelationships());
  addText('docProps/app.xml', appProperties(sheets));
  addText('docProps/core.xml', coreProperties(options.now ?? new Date()));
  addText('xl/workbook.xml', workbook(sheets, activeTab));
  addText('xl/_rels/workbook.xml.rels', workbookRelationships(sheets.length));

  const styles = new StyleTable();
  const strings = options.strings === 'inline' ? null : new SharedStrings();
  const sink = new ByteSink();
  sheets.forEach((sheet, i) => {
    const own = tables.filter((t) => t.sheet === i);
    sink.reset(estimatedBytes(sheet));
    writeWorksheet(sheet, { styles, strings }, { tabSelected: i === activeTab, tableRelIds: own.map((_, k) => `rId${k + 1}`) }, sink);
    zip.add(`xl/worksheets/sheet${i + 1}.xml`, sink.bytes(), true);
    if (own.length) addText(`xl/worksheets/_rels/sheet${i + 1}.xml.rels`, worksheetRelationships(own));
  });
  for (const t of tables) addText(`xl/tables/table${t.id}.xml`, tableXml(t));
  addText('xl/styles.xml', styles.xml());
  sink.reset();
  (strings ?? new SharedStrings()).write(sink);
  zip.add('xl/sharedStrings.xml', sink.bytes(), true);
  return zip.finish();
}

/** The .xlsx file holding these sheets, in order, as one array. */
export function xlsxBytes(sheets: readonly PlacedSheet[], options: XlsxWriteOptions = {}): Uint8Array {
  return joinChunks(xlsxChunks(sheets, options));
}

/**
 * A generous size of a worksheet part: a cell takes about 42 bytes (reference, style, value,
 * markup), the estimate counts 48; the unused end of the buffer is never written, so never paid.
 */
function estimatedBytes(sheet: PlacedSheet): number {
  let cells = 0;
  for (const row of sheet.rows) cells += row ? row.length : 0;
  return cells * 48;
}

/** Sheet names valid and distinct (Excel compares them case-insensitively), one sheet visible. */
function checkSheets(sheets: readonly PlacedSheet[]): void {
  if (sheets.length === 0) throw new Error('A workbook needs at least one sheet');
  const seen = new Set<string>();
  for (const s of sheets) {
    checkSheetName(s.name);
    const key = s.name.toLowerCase();
    if (seen.has(key)) throw new Error(`Two sheets are named "${s.name}" (Excel compares sheet names regardless of case)`);
    seen.add(key);
  }
  if (!sheets.some((s) => (s.state ?? 'visible') === 'visible')) throw new Error('A workbook needs at least one visible sheet');
}

/** Tables numbered across the workbook, after checking their names and ranges. */
function placeTables(sheets: readonly PlacedSheet[]): TablePart[] {
  const out: TablePart[] = [];
  const names = new Set<string>();
  sheets.forEach((s, sheet) => {
    for (const t of s.tables) {
      checkTableName(t.name);
      const key = t.name.toLowerCase();
      if (names.has(key)) throw new Error(`Two tables are named "${t.name}" (table names are unique in a workbook, regardless of case)`);
      names.add(key);
      checkTableShape(s, t);
      out.push({ id: out.length + 1, table: t, sheet });
    }
  });
  return out;
}

function checkTableShape(s: PlacedSheet, t: PlacedSheet['tables'][number]): void {
  const where = `Sheet "${s.name}", table ${t.name}`;
  const r = checkedRange(t.ref, where);
  if (r.top !== t.headerRow || r.left !== t.firstCol || r.right - r.left + 1 !== t.columns.length) {
    throw new Error(
      `${where}: its range ${t.ref} does not match its header row ${t.headerRow}, first column ${t.firstCol} and ${t.columns.length} columns`,
    );
  }
  if (r.bottom <= r.top) throw new Error(`${where}: a table needs at least one data row below its header row`);
  const seen = new Set<string>();
  for (const c of t.columns) {
    if (c.trim() === '') throw new Error(`${where}: a column has an empty name`);
    const key = c.toLowerCase();
    if (seen.has(key)) throw new Error(`${where}: two columns are named "${c}" (Excel compares them regardless of case)`);
    seen.add(key);
  }
  for (const other of s.tables) {
    if (other === t) break;
    const o = checkedRange(other.ref, where);
    if (o.left <= r.right && r.left <= o.right && o.top <= r.bottom && r.top <= o.bottom)
      throw new Error(`${where}: overlaps table ${other.name}`);
  }
}
