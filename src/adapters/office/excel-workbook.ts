/**
 * The workbook port over Office.js. One instance lives for one command, inside one Excel.run
 * (see run.ts): it keeps nothing between commands (co-authoring: the workbook is the only
 * state). Reads load every table of a command in a number of syncs that does not grow with the
 * rows (structure; header rows and sizes; values in chunks planned from the sizes, one sync per
 * read budget); writes queue whole 2D arrays and sync once, or once per chunk when the request
 * would pass the budget kept under Excel on the web's 5 MB payload limit.
 */
import { cellAddress, columnLetters, parseRange, rangeAddress } from '../../core/shared/address';
import { UserError } from '../../core/shared/errors';
import { headerText, matchHeaderRow, rowsUntilBlank, sheetMatches } from '../../core/contract/headers';
import { isUncomputed } from '../../core/contract/cells';
import { isDateFormat, serialToIso } from '../../core/contract/formats';
import {
  isFormula,
  isLink,
  NUMBER_FORMATS,
  type PlacedSheet,
  type PlacedTable,
  type PlacedValidation,
  type PlacedValue,
  type StyleKind,
} from '../../core/layout/placed';
import { looksLikeFormula } from '../../core/shared/text';
import type { CellValue, TableRequest, TableResult, WorkbookPort } from '../../ports/workbook';
import { officeErrorCode, toUserError } from './errors';
import type { Feature } from './features';
import { maxOf } from '../../core/shared/order';

/** Bytes a single request may carry before we sync: well under the 5 MB limit of Excel on the web. */
export const REQUEST_BUDGET = 2 * 1024 * 1024;
/**
 * Estimated bytes of one cell in a read's response, to size row chunks before reading: the
 * contract's tables measure about 10 (short codes, numbers, names); 16 leaves a margin. A chunk
 * that still comes back too large is split and read again.
 */
/** Values and number formats, per cell, in the response (its JSON). */
const RESPONSE_BYTES_PER_CELL = 32;
/** Rows of a header search for a table converted to a plain range. */
const HEADER_SEARCH_ROWS = 50;

interface SheetInfo {
  name: string;
  position: number;
  protected: boolean;
}

interface TableInfo {
  name: string;
  sheet: string;
  showHeaders: boolean;
  showTotals: boolean;
}

/** Where a table read in this command sits: what an in-place write needs. */
interface TableGeometry {
  sheet: string;
  /** 1-based row of the header row, 1-based first column. */
  headerRow: number;
  firstCol: number;
  headers: string[];
  /** Data rows (header and total rows excluded). */
  bodyRows: number;
  /** The data rows as read by this command, if it read them: rows that did not change are not written. */
  rows?: readonly (readonly CellValue[])[];
}

/** A range whose dimensions are known, to be read in row chunks. */
interface Sized {
  range: Excel.Range;
  rowCount: number;
  columnCount: number;
}

const PAYLOAD_CODES = new Set(['RequestPayloadSizeLimitExceeded', 'ResponsePayloadSizeLimitExceeded']);

/** Staging names of a write: `~` + 5-character stamp + index for sheets… */
const STAGING_SHEET = /^~[0-9a-z]{5}\d+$/;
/** …and `tmp` + stamp + index + `_` + final name for tables (`o` before the index: moved aside). */
const STAGING_TABLE = /^tmp[0-9a-z]{5}o?\d+_(.+)$/;

interface Structure {
  sheets: SheetInfo[];
  tables: TableInfo[];
}

/** Names of sheets and tables, as the workbook holds them at some point of a write. */
interface Snapshot {
  sheets: string[];
  tables: { name: string; sheet: string }[];
}

interface StagedTable {
  name: string;
  /** Its name on the staging sheet. */
  temp: string;
  /** The name given, during the swap, to the replaced sheet's table of that name. */
  aside: string;
}

/** A sheet rebuilt whole through a staging sheet. */
interface Rebuild {
  sheet: PlacedSheet;
  temp: string;
  tables: StagedTable[];
  /** The sheet it replaces, whose position it takes. */
  old: SheetInfo | undefined;
}

/** An input table written in place (its sheet and table object kept). */
interface InPlace {
  sheet: PlacedSheet;
  table: PlacedTable;
  /** The table's name in the workbook. */
  name: string;
  at: TableGeometry;
}

interface WritePlan {
  rebuild: Rebuild[];
  inPlace: InPlace[];
}

type Spend = (bytes: number) => Promise<void>;

/**
 * A cell value written as Excel should store it: user text is never turned into a formula. In a
 * cell formatted as text (`@`) Excel keeps what is written as it is; elsewhere text that Excel
 * would reinterpret gets the quote prefix.
 */
export function toExcelValue(v: PlacedValue, textCell = false): string | number | boolean {
  if (v === null || v === undefined) return '';
  if (isFormula(v)) return `=${v.formula}`;
  if (isUncomputed(v)) return `=${v.uncomputed}`;
  const text = isLink(v) ? v.text : v;
  if (typeof text === 'string') return textCell ? text : safeText(text);
  return text;
}

/** Text Excel would reinterpret on entry: numbers (`01`, `2.1`), dates, percentages, booleans. */
const REINTERPRETED = /^\s*[+-]?[\d.,]|^\s*(true|false|vrai|faux)\s*$/i;

/**
 * Text gets Excel's quote prefix when Excel would not keep it as typed: a formula start (`=`,
 * `+`, `-`, `@`: user text must never become a formula) or a number-like text (`01` would lose
 * its zero, `2014-03-31` would become a date). The prefix is not shown and not part of the value.
 */
export function safeText(s: string): string {
  return looksLikeFormula(s) || REINTERPRETED.test(s) || s.startsWith("'") ? `'${s}` : s;
}

/** A cell as read from Excel: `''` is an empty cell. */
function fromExcel(v: unknown, numberFormat?: unknown): CellValue {
  if (v === '' || v === undefined || v === null) return null;
  if (typeof v === 'number' && typeof numberFormat === 'string' && isDateFormat(numberFormat)) return serialToIso(v) ?? v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return String(v);
}

const STYLE_FORMATS: Record<StyleKind, (f: Excel.RangeFormat) => void> = {
  title: (f) => {
    f.font.bold = true;
    f.font.size = 13;
    f.font.color = '#1F3864';
  },
  note: (f) => {
    f.font.italic = true;
    f.font.color = '#595959';
  },
  example: (f) => {
    f.font.bold = true;
    f.font.color = '#C00000';
    f.fill.color = '#FFF2CC';
  },
  caption: (f) => {
    f.font.bold = true;
  },
  total: (f) => {
    f.font.bold = true;
  },
};

const CHART_TYPES: Record<string, Excel.ChartType> = {
  columnClustered: 'ColumnClustered' as Excel.ChartType,
  barClustered: 'BarClustered' as Excel.ChartType,
  line: 'Line' as Excel.ChartType,
};

/** Rough JSON size of a write, for chunking (what Office.js sends is JSON of the same data). */
function bytesOf(data: unknown): number {
  return JSON.stringify(data).length + 64;
}

export class OfficeWorkbook implements WorkbookPort {
  /** Syncs made by this instance (for tests and the benchmark). */
  syncs = 0;
  private structure: Structure | null = null;
  /** Tables read by this command (by lower-case name), for in-place writes. */
  private readonly geometry = new Map<string, TableGeometry>();

  constructor(
    private readonly ctx: Excel.RequestContext,
    private readonly features: ReadonlySet<Feature['id']>,
    private readonly budget = REQUEST_BUDGET,
  ) {}

  /** Bytes a read may bring back in one sync: twice the request budget, under the 5 MB limit. */
  private get readBudget(): number {
    return 2 * this.budget;
  }

  private async sync(): Promise<void> {
    this.syncs++;
    await this.ctx.sync();
  }

  /** Sheets (with position and protection) and tables (with their sheet and options): one sync. */
  private async loadStructure(): Promise<Structure> {
    if (this.structure) return this.structure;
    const sheets = this.ctx.workbook.worksheets;
    sheets.load('items/name,items/position,items/protection/protected');
    const tables = this.ctx.workbook.tables;
    tables.load('items/name,items/worksheet/name,items/showHeaders,items/showTotals');
    await this.sync();
    this.structure = {
      sheets: sheets.items.map((s) => ({ name: s.name, position: s.position, protected: s.protection.protected })),
      tables: tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name, showHeaders: t.showHeaders, showTotals: t.showTotals })),
    };
    return this.structure;
  }

  async sheetNames(): Promise<string[]> {
    return (await this.loadStructure()).sheets.map((s) => s.name);
  }

  /**
   * Reads tables in a number of syncs that does not grow with the rows: the structure, then the
   * header rows and the dimensions of the data bodies (and of the used ranges of plain-range
   * tables), then the values in row chunks sized from those dimensions, several per sync up to
   * the read budget (one sync in the common case). A table's header and total rows are not data:
   * the data body alone is read.
   */
  async readTables(requests: readonly TableRequest[]): Promise<TableResult[]> {
    const { sheets, tables } = await this.loadStructure();
    const findSheet = (req: TableRequest) => {
      const names = [req.sheet, ...(req.formerSheets ?? [])];
      return sheets.find((s) => names.includes(s.name)) ?? sheets.find((s) => sheetMatches(names, s.name));
    };
    type Plan =
      | { kind: 'missing-sheet'; req: TableRequest }
      | { kind: 'table'; req: TableRequest; table: TableInfo; header: Excel.Range | null; body: Excel.Range }
      | { kind: 'used'; req: TableRequest; sheet: SheetInfo; range: Excel.Range };
    const plans: Plan[] = requests.map((req) => {
      const sheet = findSheet(req);
      // A table is found by its name first, anywhere: its sheet may have been renamed.
      const matches = tables.filter((t) => t.name.toLowerCase() === req.table.toLowerCase());
      const table = matches.find((t) => t.sheet === sheet?.name) ?? matches[0];
      if (table) {
        const t = this.ctx.workbook.tables.getItem(table.name);
        // What Excel answers for the header row of a table that hides it is undocumented.
        const header = table.showHeaders ? t.getHeaderRowRange().load('values,rowIndex,columnIndex') : null;
        const body = t.getDataBodyRange().load('rowIndex,columnIndex,rowCount,columnCount');
        return { kind: 'table', req, table, header, body };
      }
      if (!sheet) return { kind: 'missing-sheet', req };
      const range = this.ctx.workbook.worksheets.getItem(sheet.name).getUsedRange(true);
      range.load('rowIndex,columnIndex,rowCount,columnCount');
      return { kind: 'used', req, sheet, range };
    });
    if (plans.some((p) => p.kind !== 'missing-sheet')) await this.sync();
    const toRead = plans.flatMap((p): Sized[] => {
      if (p.kind === 'missing-sheet' || (p.kind === 'table' && !p.header)) return [];
      const r = p.kind === 'table' ? p.body : p.range;
      return [{ range: r, rowCount: r.rowCount, columnCount: r.columnCount }];
    });
    const grids = await this.readValues(toRead);
    return plans.map((p): TableResult => {
      if (p.kind === 'missing-sheet') return { ok: false, problem: { kind: 'missing-sheet', sheet: p.req.sheet, table: p.req.table } };
      if (p.kind === 'table') {
        const { table, header, body } = p;
        if (!header) {
          const cell = cellAddress(body.rowIndex + 1, body.columnIndex + 1);
          return { ok: false, problem: { kind: 'no-header-row', sheet: table.sheet, table: p.req.table, cell } };
        }
        const headers = (header.values[0] ?? []).map((v) => headerText(fromExcel(v)));
        const rows = grids.get(body)!;
        const read = {
          sheet: table.sheet,
          table: table.name,
          headerRow: header.rowIndex + 1,
          firstCol: header.columnIndex + 1,
          headers,
          rows,
        };
        this.geometry.set(table.name.toLowerCase(), {
          sheet: table.sheet,
          headerRow: read.headerRow,
          firstCol: read.firstCol,
          headers,
          bodyRows: body.rowCount,
          rows,
        });
        return { ok: true, read };
      }
      const grid = grids.get(p.range)!;
      const { rowIndex, columnIndex } = p.range;
      for (let r = 0; r < Math.min(grid.length, HEADER_SEARCH_ROWS); r++) {
        const m = matchHeaderRow(grid[r], p.req.headers);
        if (!m) continue;
        const { rows, strayRow } = rowsUntilBlank(grid, r + 1, m.col, m.headers.length);
        return {
          ok: true,
          read: {
            sheet: p.sheet.name,
            table: null,
            headerRow: rowIndex + r + 1,
            firstCol: columnIndex + m.col + 1,
            headers: m.headers,
            rows,
            ...(strayRow !== null ? { strayRow: rowIndex + strayRow + 1 } : {}),
          },
        };
      }
      return { ok: false, problem: { kind: 'missing-table', sheet: p.sheet.name, table: p.req.table } };
    });
  }

  /**
   * Values of ranges of known size, in row chunks estimated to fit the read budget, as many
   * chunks per sync as fit. Excel on the web refuses a response over 5 MB
   * (`ResponsePayloadSizeLimitExceeded`; a request over it: `RequestPayloadSizeLimitExceeded`):
   * should an estimate fall short (long texts), the chunks of that sync are halved and read again.
   */
  private async readValues(ranges: readonly Sized[]): Promise<Map<Excel.Range, CellValue[][]>> {
    const out = new Map<Excel.Range, CellValue[][]>();
    type Chunk = { of: Sized; start: number; rows: number; bytesPerRow: number };
    const queue: Chunk[] = [];
    for (const r of ranges) {
      out.set(r.range, new Array<CellValue[]>(r.rowCount));
      const bytesPerRow = Math.max(1, r.columnCount) * RESPONSE_BYTES_PER_CELL;
      // As few chunks as the budget allows, of equal size, so that small tables fill the rest.
      const chunks = Math.max(1, Math.ceil((r.rowCount * bytesPerRow) / this.readBudget));
      const perChunk = Math.max(1, Math.ceil(r.rowCount / chunks));
      for (let start = 0; start < r.rowCount; start += perChunk)
        queue.push({ of: r, start, rows: Math.min(perChunk, r.rowCount - start), bytesPerRow });
    }
    while (queue.length > 0) {
      // First fit: the first chunk always goes, then every queued chunk that still fits.
      const batch: Chunk[] = [queue.shift()!];
      let bytes = batch[0].rows * batch[0].bytesPerRow;
      for (let i = 0; i < queue.length;) {
        const b = queue[i].rows * queue[i].bytesPerRow;
        if (bytes + b <= this.readBudget) {
          batch.push(queue.splice(i, 1)[0]);
          bytes += b;
        } else i++;
      }
      const parts = batch.map((c) => {
        const whole = c.start === 0 && c.rows === c.of.rowCount;
        // The number formats come along: a number shown as a date is a date for the user (41640 is
        // 01/01/2014), given as ISO text as the file reader does, never counted as an amount.
        return (whole ? c.of.range : c.of.range.getCell(c.start, 0).getResizedRange(c.rows - 1, c.of.columnCount - 1)).load(
          'values,numberFormat',
        );
      });
      try {
        await this.sync();
      } catch (e) {
        const code = officeErrorCode(e);
        if (!code || !PAYLOAD_CODES.has(code) || (batch.length === 1 && batch[0].rows === 1)) throw e;
        // Twice the estimate, half the rows: the next syncs carry less.
        const smaller = batch.flatMap((c): Chunk[] => {
          const bytesPerRow = c.bytesPerRow * 2;
          if (c.rows === 1) return [{ ...c, bytesPerRow }];
          const half = Math.ceil(c.rows / 2);
          return [
            { ...c, rows: half, bytesPerRow },
            { ...c, start: c.start + half, rows: c.rows - half, bytesPerRow },
          ];
        });
        for (let i = smaller.length - 1; i >= 0; i--) queue.unshift(smaller[i]);
        continue;
      }
      batch.forEach((c, i) => {
        const grid = out.get(c.of.range)!;
        const values = parts[i].values;
        const formats = parts[i].numberFormat as unknown[][];
        for (let k = 0; k < values.length; k++) grid[c.start + k] = values[k].map((v, j) => fromExcel(v, formats[k]?.[j]));
      });
    }
    return out;
  }

  /**
   * Writes the sheets of a command. A generated sheet is rebuilt whole; an input sheet whose
   * table is already in the workbook (same name, same headers) is written in place: the sheet and
   * the table object stay, so the users' formulas, names, pivot tables and charts that point at
   * them keep working; only its data rows change. Rebuilt sheets are first staged under temporary
   * names (`~…` sheets, `tmp…` tables), then swapped in one batch. Whatever can be checked before
   * is refused before anything is written (protection, a table name taken elsewhere); a refusal
   * during the swap is finished, or else undone, from a fresh look at the workbook (see `recover`).
   */
  async writeSheets(sheets: readonly PlacedSheet[]): Promise<void> {
    const structure = await this.loadStructure();
    const stamp = Date.now().toString(36).slice(-5).padStart(5, '0');
    const plan = await this.planWrite(sheets, structure, stamp);
    this.refuseBeforeWriting(plan, structure);
    const ctx = this.ctx;
    const spend = this.spender();
    const targets = new Set(plan.rebuild.flatMap((r) => r.tables.map((t) => t.name.toLowerCase())));
    try {
      // 1. Staging: leftovers of an earlier run cleaned up, then the new sheets under temporary names.
      const cleaned = this.queueCleanup(structure, plan, targets);
      this.eventsOn(false);
      ctx.workbook.application.suspendApiCalculationUntilNextSync();
      try {
        for (const r of plan.rebuild) {
          const ws = ctx.workbook.worksheets.add(r.temp);
          await this.writeSheet(ws, r.sheet, spend, r.tables);
        }
        await this.sync();
      } catch (e) {
        // Nothing of the old sheets was touched: remove what was staged.
        await this.restore(plan);
        throw e;
      }
      // 2. Commit: the input tables in place, then the swap, in one batch when it fits.
      const snapshot: Snapshot = {
        sheets: [...cleaned.sheets.map((x) => x.name), ...plan.rebuild.map((r) => r.temp)],
        tables: [...cleaned.tables, ...plan.rebuild.flatMap((r) => r.tables.map((t) => ({ name: t.temp, sheet: r.temp })))],
      };
      try {
        await this.commit(plan, snapshot, spend);
      } catch (e) {
        await this.recover(plan, e);
      }
    } finally {
      this.forget(); // sheets and tables changed
    }
  }

  /** What a write does with each sheet: rebuilt through a staging sheet, or written in place. */
  private async planWrite(sheets: readonly PlacedSheet[], structure: Structure, stamp: string): Promise<WritePlan> {
    const candidates = sheets.map((s) => {
      if (s.generated || s.tables.length !== 1) return null;
      const t = s.tables[0];
      const found = structure.tables.find((x) => x.name.toLowerCase() === t.name.toLowerCase());
      return found && found.showHeaders ? { s, t, found } : null;
    });
    // Tables this command did not read (init over an existing workbook): one sync for them all.
    const unknown = candidates.filter((c) => c && !this.geometry.has(c.found.name.toLowerCase()));
    if (unknown.length > 0) await this.loadGeometry(unknown.map((c) => c!.found));
    const rebuild: Rebuild[] = [];
    const inPlace: InPlace[] = [];
    sheets.forEach((s, i) => {
      const c = candidates[i];
      const at = c ? this.geometry.get(c.found.name.toLowerCase()) : undefined;
      const same = (a: readonly string[], b: readonly string[]) =>
        a.length === b.length && a.every((h, k) => h.trim().toLowerCase() === (b[k] ?? '').trim().toLowerCase());
      if (c && at && same(at.headers, c.t.columns)) {
        inPlace.push({ sheet: s, table: c.t, name: c.found.name, at });
        return;
      }
      const old = structure.sheets.find((e) => e.name.toLowerCase() === s.name.toLowerCase());
      rebuild.push({
        sheet: s,
        temp: `~${stamp}${i}`,
        old,
        tables: s.tables.map((t) => ({ name: t.name, temp: `tmp${stamp}${i}_${t.name}`, aside: `tmp${stamp}o${i}_${t.name}` })),
      });
    });
    return { rebuild, inPlace };
  }

  /** Header rows and data-body sizes of tables this command did not read. */
  private async loadGeometry(tables: readonly TableInfo[]): Promise<void> {
    const parts = tables.map((info) => {
      const t = this.ctx.workbook.tables.getItem(info.name);
      return {
        info,
        header: t.getHeaderRowRange().load('values,rowIndex,columnIndex'),
        body: t.getDataBodyRange().load('rowCount'),
      };
    });
    await this.sync();
    for (const { info, header, body } of parts) {
      this.geometry.set(info.name.toLowerCase(), {
        sheet: info.sheet,
        headerRow: header.rowIndex + 1,
        firstCol: header.columnIndex + 1,
        headers: (header.values[0] ?? []).map((v) => headerText(fromExcel(v))),
        bodyRows: body.rowCount,
      });
    }
  }

  /** Refusals that need no write: a protected sheet, a table name held by a sheet we keep. */
  private refuseBeforeWriting(plan: WritePlan, structure: Structure): void {
    const sheetInfo = (name: string) => structure.sheets.find((e) => e.name.toLowerCase() === name.toLowerCase());
    for (const name of [...plan.rebuild.map((r) => r.sheet.name), ...plan.inPlace.map((p) => p.at.sheet)]) {
      const e = sheetInfo(name);
      if (e?.protected) throw new UserError('EXCEL-FEUILLE-PROTEGEE', { sheet: e.name });
    }
    // Table names are unique in the workbook: a rebuilt sheet's table may only take the name of a
    // table on a sheet this write replaces, or on a staging sheet left by an earlier run.
    const replaced = new Set(plan.rebuild.flatMap((r) => (r.old ? [r.old.name.toLowerCase()] : [])));
    for (const r of plan.rebuild) {
      for (const t of r.tables) {
        const owner = structure.tables.find((x) => x.name.toLowerCase() === t.name.toLowerCase());
        if (owner && !replaced.has(owner.sheet.toLowerCase()) && !STAGING_SHEET.test(owner.sheet))
          throw new UserError('EXCEL-NOM-PRIS', { table: t.name, sheet: owner.sheet });
      }
    }
  }

  /**
   * Queues the removal of what an interrupted earlier write may have left: staging sheets
   * (`~…`), and staging tables (`tmp…_<name>`) on sheets that stay, given back their name when
   * it is free. Returns the workbook as it will be once that is done.
   */
  private queueCleanup(structure: Structure, plan: WritePlan, targets: ReadonlySet<string>): Structure {
    const ctx = this.ctx;
    const replaced = new Set(plan.rebuild.flatMap((r) => (r.old ? [r.old.name.toLowerCase()] : [])));
    const gone = structure.sheets.filter((x) => STAGING_SHEET.test(x.name));
    for (const x of gone) ctx.workbook.worksheets.getItem(x.name).delete();
    const goneNames = new Set(gone.map((x) => x.name.toLowerCase()));
    const tables = structure.tables.filter((t) => !goneNames.has(t.sheet.toLowerCase()));
    const taken = new Set(tables.map((t) => t.name.toLowerCase()));
    const cleaned = tables.map((t) => {
      const m = STAGING_TABLE.exec(t.name);
      if (!m || replaced.has(t.sheet.toLowerCase())) return t;
      const name = m[1];
      if (taken.has(name.toLowerCase()) || targets.has(name.toLowerCase())) return t;
      ctx.workbook.worksheets.getItem(t.sheet).tables.getItem(t.name).name = name;
      taken.add(name.toLowerCase());
      return { ...t, name };
    });
    return { sheets: structure.sheets.filter((x) => !goneNames.has(x.name.toLowerCase())), tables: cleaned };
  }

  /**
   * The commit, from what the workbook holds (`now`): input tables written in place; then the
   * swap — tables of the replaced sheets that hold a wanted name moved aside, the new tables
   * named, the old sheets deleted and the new ones renamed and put at their place, dropdowns
   * last (their sources name the sheets by their final names). Nothing is deleted before every
   * rename of a table went through, so that a refusal there can still be undone. Each step looks
   * at `now`, so that the same method also finishes a commit that Excel stopped half-way.
   */
  private async commit(plan: WritePlan, now: Snapshot, spend: Spend): Promise<void> {
    const ctx = this.ctx;
    const has = (name: string) => now.sheets.some((x) => x.toLowerCase() === name.toLowerCase());
    ctx.workbook.application.suspendApiCalculationUntilNextSync();
    for (const p of plan.inPlace) await this.writeInPlace(p, spend);
    const asides = new Map(plan.rebuild.flatMap((r) => r.tables.map((t) => [t.name.toLowerCase(), t.aside] as const)));
    for (const r of plan.rebuild) {
      const old = has(r.temp) && has(r.sheet.name) ? now.sheets.find((x) => x.toLowerCase() === r.sheet.name.toLowerCase())! : null;
      if (!old) continue;
      for (const t of now.tables) {
        const aside = t.sheet.toLowerCase() === old.toLowerCase() ? asides.get(t.name.toLowerCase()) : undefined;
        if (aside) ctx.workbook.worksheets.getItem(old).tables.getItem(t.name).name = aside;
      }
    }
    const sheets = new Map<Rebuild, Excel.Worksheet>();
    for (const r of plan.rebuild) {
      const staged = has(r.temp);
      const ws = ctx.workbook.worksheets.getItem(staged ? r.temp : r.sheet.name);
      sheets.set(r, ws);
      for (const t of r.tables) {
        if (now.tables.some((x) => x.name.toLowerCase() === t.temp.toLowerCase())) ws.tables.getItem(t.temp).name = t.name;
      }
    }
    for (const r of plan.rebuild) {
      if (!has(r.temp)) continue;
      if (has(r.sheet.name)) ctx.workbook.worksheets.getItem(r.sheet.name).delete();
      const ws = sheets.get(r)!;
      ws.name = r.sheet.name;
      if (r.old) ws.position = r.old.position;
    }
    for (const r of plan.rebuild) this.writeValidations(sheets.get(r)!, r.sheet);
    this.eventsOn(true);
    await this.sync();
  }

  /**
   * After Excel refused part of the commit: look at the workbook again and finish the commit;
   * should Excel refuse again, undo what can be undone (staging sheets deleted, tables moved
   * aside given back their names) — possible as long as no old sheet was deleted, which the
   * commit does only once every rename went through. Throws the first refusal.
   */
  private async recover(plan: WritePlan, first: unknown): Promise<void> {
    try {
      const now = await this.reloadForCommit(plan);
      await this.commit(plan, now, this.spender());
    } catch {
      await this.restore(plan);
      if (plan.inPlace.length > 0) {
        throw new UserError('EXCEL-ECRITURE-INTERROMPUE', {
          tables: plan.inPlace.map((p) => p.name).join(', '),
          detail: toUserError(first).message,
        });
      }
      throw first;
    }
    // Finished: what Excel first refused is done now.
  }

  /** The workbook's sheets and tables again, and the data-body sizes of the tables written in place. */
  private async reloadForCommit(plan: WritePlan): Promise<Snapshot> {
    this.structure = null;
    const bodies = plan.inPlace.map((p) => ({ p, body: this.ctx.workbook.tables.getItem(p.name).getDataBodyRange().load('rowCount') }));
    const s = await this.loadStructure();
    // What was read may have been partly overwritten: every row is written again.
    for (const { p, body } of bodies) p.at = { ...p.at, bodyRows: body.rowCount, rows: undefined };
    return { sheets: s.sheets.map((x) => x.name), tables: s.tables.map((t) => ({ name: t.name, sheet: t.sheet })) };
  }

  /**
   * Undoes a staging or a swap that did not delete any old sheet: staging sheets deleted (their
   * tables with them), then the tables moved aside given back their names; events back on. Best
   * effort: what Excel still refuses is left for the next write's clean-up.
   */
  private async restore(plan: WritePlan): Promise<void> {
    try {
      this.structure = null;
      const now = await this.loadStructure();
      const ctx = this.ctx;
      const temps = new Set(plan.rebuild.map((r) => r.temp.toLowerCase()));
      for (const x of now.sheets) if (temps.has(x.name.toLowerCase())) ctx.workbook.worksheets.getItem(x.name).delete();
      const asides = new Map(plan.rebuild.flatMap((r) => r.tables.map((t) => [t.aside.toLowerCase(), t.name] as const)));
      for (const t of now.tables) {
        const name = asides.get(t.name.toLowerCase());
        if (name && !temps.has(t.sheet.toLowerCase())) ctx.workbook.worksheets.getItem(t.sheet).tables.getItem(t.name).name = name;
      }
      this.eventsOn(true);
      await this.sync();
    } catch {
      /* Excel refuses everything: the next write's clean-up removes what is left. */
    }
  }

  /**
   * An input table written in place: its data rows replaced, the table object kept. Rows that
   * exist get the new values as whole 2D arrays; more rows are added in bulk with
   * `rows.add(undefined, values)` (ExcelApi 1.4), fewer are deleted with one `Range.delete(Up)`
   * over the table's rows. (`Table.resize` would need ExcelApi 1.13, which Office 2019 lacks:
   * one path for every host.) Existing rows keep their formats and dropdowns; added rows get the
   * layout's number formats and dropdowns. Text is written with Excel's quote prefix where it
   * would be reinterpreted, so that it does not depend on the column's format.
   */
  private async writeInPlace(p: InPlace, spend: Spend): Promise<void> {
    const { sheet: s, table: t, at } = p;
    const ctx = this.ctx;
    const ws = ctx.workbook.worksheets.getItem(at.sheet);
    const width = t.columns.length;
    const n = t.rowCount;
    const m = at.bodyRows;
    const top = at.headerRow + 1;
    const left = at.firstCol;
    const right = left + width - 1;
    const rowValues = (k: number) => {
      const row = k < n ? (s.rows[t.headerRow + k] ?? []) : [];
      return Array.from({ length: width }, (_, c) => toExcelValue(row[t.firstCol - 1 + c] ?? null));
    };
    // The table keeps at least one data row (an empty one when there is no data). Rows equal to
    // what this command read are left alone: an import that adds ten rows to 50 000 writes ten
    // (and a user's formula in an unchanged row stays a formula).
    const kept = Math.max(1, Math.min(m, n));
    const unchanged = (k: number) => {
      const before = at.rows?.[k];
      if (!before || k >= n) return false;
      const after = s.rows[t.headerRow + k] ?? [];
      for (let c = 0; c < width; c++) {
        const v = after[t.firstCol - 1 + c] ?? null;
        const w = before[c] ?? null;
        if (v !== w && !(v === '' && w === null)) return false;
      }
      return true;
    };
    for (let k = 0; k < kept;) {
      if (unchanged(k)) {
        k++;
        continue;
      }
      let end = k + 1;
      while (end < kept && !unchanged(end)) end++;
      const from = k;
      await this.writeRowBlocks(
        end - from,
        (i) => rowValues(from + i),
        spend,
        (start, block) => {
          ws.getRange(rangeAddress(top + from + start, left, top + from + start + block.length - 1, right)).values = block;
        },
      );
      k = end;
    }
    if (n > m) {
      const table = ctx.workbook.tables.getItem(p.name);
      await this.writeRowBlocks(
        n - m,
        (k) => rowValues(m + k),
        spend,
        (_start, block) => void table.rows.add(undefined, block),
      );
      // Number formats and dropdowns of the layout on the added rows (placed coordinates moved).
      const dr = at.headerRow - t.headerRow;
      const dc = at.firstCol - t.firstCol;
      const added = { top: t.headerRow + 1 + m, bottom: t.headerRow + n, left: t.firstCol, right: t.firstCol + width - 1 };
      const moved = (ref: string) => {
        const r = parseRange(ref);
        if (!r) return null;
        const x = {
          top: Math.max(r.top, added.top),
          bottom: Math.min(r.bottom, added.bottom),
          left: Math.max(r.left, added.left),
          right: Math.min(r.right, added.right),
        };
        return x.top > x.bottom || x.left > x.right
          ? null
          : { ...x, address: rangeAddress(x.top + dr, x.left + dc, x.bottom + dr, x.right + dc) };
      };
      for (const f of s.formats) {
        const x = moved(f.ref);
        if (!x) continue;
        const grid = Array.from({ length: x.bottom - x.top + 1 }, () =>
          new Array<string>(x.right - x.left + 1).fill(NUMBER_FORMATS[f.format]),
        );
        await spend(bytesOf(grid));
        ws.getRange(x.address).numberFormat = grid;
      }
      if (this.features.has('dataValidation')) {
        for (const v of s.validations) {
          const x = moved(v.ref);
          if (x) this.writeValidation(ws.getRange(x.address), v);
        }
      }
    } else if (m > kept) {
      ws.getRange(rangeAddress(top + kept, left, top + m - 1, right)).delete('Up' as Excel.DeleteShiftDirection);
    }
  }

  /** Rows built by `rowOf`, handed to `write` in blocks that fit half the request budget. */
  private async writeRowBlocks(
    count: number,
    rowOf: (k: number) => (string | number | boolean)[],
    spend: Spend,
    write: (start: number, block: (string | number | boolean)[][]) => void,
  ): Promise<void> {
    let start = 0;
    while (start < count) {
      const block: (string | number | boolean)[][] = [];
      let bytes = 0;
      while (start + block.length < count) {
        const values = rowOf(start + block.length);
        const b = bytesOf(values);
        if (block.length > 0 && bytes + b > this.budget / 2) break;
        block.push(values);
        bytes += b;
      }
      await spend(bytes);
      write(start, block);
      start += block.length;
    }
  }

  /** Queues writes and syncs whenever the next one would pass the request budget. */
  private spender(): Spend {
    let pending = 0;
    return async (bytes: number) => {
      if (pending > 0 && pending + bytes > this.budget) {
        await this.sync();
        this.ctx.workbook.application.suspendApiCalculationUntilNextSync();
        pending = 0;
      }
      pending += bytes;
    };
  }

  /**
   * `enableEvents` (ExcelApi 1.8) toggles this add-in's own event handlers only — not Excel's
   * calculation, not other add-ins'. Suivi ESS registers none; it is switched off during writes
   * so that a future handler never sees half-written sheets, and always switched back on.
   */
  private eventsOn(on: boolean): void {
    if (this.features.has('events')) this.ctx.runtime.enableEvents = on;
  }

  /** Forgets what was loaded: after a write, sheets and tables changed. */
  private forget(): void {
    this.structure = null;
    this.geometry.clear();
  }

  /** A rebuilt sheet, on its staging sheet: every table under its staging name. */
  private async writeSheet(ws: Excel.Worksheet, s: PlacedSheet, spend: Spend, names: readonly StagedTable[]): Promise<void> {
    const width = maxOf(
      s.rows.map((r) => r.length),
      1,
    );
    // Formats first: a text column (`@`) then keeps what is written in it as typed.
    for (const f of s.formats) {
      const r = parseRange(f.ref)!;
      const rows = r.bottom - r.top + 1;
      const cols = r.right - r.left + 1;
      const grid = Array.from({ length: rows }, () => new Array<string>(cols).fill(NUMBER_FORMATS[f.format]));
      await spend(bytesOf(grid));
      ws.getRange(f.ref).numberFormat = grid;
    }
    const textRanges = s.formats.filter((f) => f.format === 'text').map((f) => parseRange(f.ref)!);
    const isText = (row: number, col: number) => textRanges.some((r) => row >= r.top && row <= r.bottom && col >= r.left && col <= r.right);
    // Values and formulas in row blocks that fit the budget; each block is one 2D array.
    let start = 0;
    while (start < s.rows.length) {
      let end = start;
      let bytes = 0;
      const block: (string | number | boolean)[][] = [];
      while (end < s.rows.length) {
        const row = s.rows[end];
        const values = Array.from({ length: width }, (_, c) => toExcelValue(row[c] ?? null, isText(end + 1, c + 1)));
        const b = bytesOf(values);
        if (block.length > 0 && bytes + b > this.budget / 2) break;
        block.push(values);
        bytes += b;
        end++;
      }
      await spend(bytes);
      ws.getRange(`A${start + 1}:${columnLetters(width)}${end}`).formulas = block;
      start = end;
    }
    for (const st of s.styles) {
      await spend(200);
      STYLE_FORMATS[st.style](ws.getRange(st.ref).format);
    }
    s.widths.forEach((w, i) => {
      if (w) ws.getRange(`${columnLetters(i + 1)}:${columnLetters(i + 1)}`).format.columnWidth = Math.round(w * 6);
    });
    for (const [k, t] of s.tables.entries()) {
      await spend(200);
      const table = ws.tables.add(t.ref, true);
      // A staging name while the old table of that name may still exist.
      table.name = names[k].temp;
      table.style = 'TableStyleMedium2';
    }
    // Links are set cell by cell: Excel has no bulk setter for hyperlinks.
    for (let r = 0; r < s.rows.length; r++) {
      for (let c = 0; c < s.rows[r].length; c++) {
        const v = s.rows[r][c];
        if (!isLink(v)) continue;
        await spend(bytesOf(v) + 80);
        ws.getRange(cellAddress(r + 1, c + 1)).hyperlink = { documentReference: v.target, textToDisplay: safeText(v.text) };
      }
    }
    if (s.freezeRows > 0) ws.freezePanes.freezeRows(s.freezeRows);
    ws.tabColor = s.generated ? '#7F7F7F' : '#2E75B6';
    if (this.features.has('charts')) {
      for (const ch of s.charts ?? []) {
        const t = s.tables.find((x) => x.name === ch.table);
        if (!t || t.rowCount === 0) continue;
        const r = parseRange(t.ref)!;
        const lastCol = r.left + ch.columns.length - 1;
        const source = ws.getRange(`${cellAddress(r.top, r.left)}:${cellAddress(r.bottom, lastCol)}`);
        const chart = ws.charts.add(CHART_TYPES[ch.kind], source, 'Columns' as Excel.ChartSeriesBy);
        chart.title.text = ch.title;
        chart.setPosition(ch.anchor);
      }
    }
  }

  /** Dropdowns of a sheet (ExcelApi 1.8). */
  private writeValidations(ws: Excel.Worksheet, s: PlacedSheet): void {
    if (!this.features.has('dataValidation')) return;
    for (const v of s.validations) this.writeValidation(ws.getRange(v.ref), v);
  }

  private writeValidation(range: Excel.Range, v: PlacedValidation): void {
    range.dataValidation.rule = { list: { inCellDropDown: true, source: 'list' in v ? v.list.join(',') : `=${v.source}` } };
    range.dataValidation.errorAlert = {
      showAlert: true,
      style: 'Warning',
      title: 'Valeur hors liste',
      message: 'Choisissez une valeur de la liste ; une autre valeur sera signalée par les contrôles.',
    };
  }

  /** Activates a sheet and selects a cell (a finding's link). */
  async selectCell(sheet: string, cell: string): Promise<void> {
    const ws = this.ctx.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(cell).select();
    await this.sync();
  }

  /** Selects whole rows of a sheet (several areas when the host allows it). */
  async selectRows(sheet: string, rows: number[], lastColumn: number): Promise<void> {
    if (rows.length === 0) return;
    const ws = this.ctx.workbook.worksheets.getItem(sheet);
    ws.activate();
    const area = (row: number) => `${cellAddress(row, 1)}:${cellAddress(row, lastColumn)}`;
    // `RangeAreas.select` is ExcelApi 1.18; the npm build of office.js (development) lacks it
    // whatever the host, hence the check on the method itself.
    const areas = this.features.has('selectRows') ? ws.getRanges(rows.map(area).join(',')) : null;
    if (areas && typeof areas.select === 'function') areas.select();
    else ws.getRange(area(rows[0])).select();
    await this.sync();
  }
}
