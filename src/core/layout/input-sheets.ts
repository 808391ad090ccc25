/**
 * The contract's input sheets, laid out from the table declarations: for a new workbook (`init`),
 * or copied as values into a consolidated workbook. Each sheet has its title, notes, the table
 * with its formats and dropdowns, and room below for new entries with the same formats.
 */
import type { CellValue } from '../contract/cells';
import type { ColumnDecl, DropdownSource } from '../contract/declare';
import { isoToSerial } from '../contract/formats';
import { headerMatches } from '../contract/headers';
import { INPUT_ORDER, INPUT_TABLES, type InputKey } from '../contract/tables';
import { noteLines } from '../shared/text';
import { SheetBuilder, type ColumnDef } from './builder';
import type { PlacedSheet } from './placed';
import type { ReferenceSheet } from './reference-sheet';

/** Rows of one input table: headers as found (declared columns first) and raw values. */
export interface InputTable {
  headers: string[];
  rows: CellValue[][];
  /** The workbook has no such table (a later contract version's): its sheet is written, but no
   * other sheet's dropdown points at it unless it is written too. */
  absent?: boolean;
}

export interface InputSheetsOptions {
  /** Years offered in the Année dropdowns. */
  years: number[];
  /** Extra note lines per sheet (framework notes, sources). */
  notes?: Partial<Record<InputKey, string[]>>;
  /** The workbook holds fictitious example data: every sheet that holds some says so. */
  example: boolean;
  /** The framework's reference sheet, written after the input sheets; its ranges feed the dropdowns. */
  reference?: ReferenceSheet;
}

export const EXAMPLE_BANNER =
  'EXEMPLE FICTIF : les lignes de ce tableau sont des données d’illustration inventées par Suivi ESS (elles ne viennent d’aucun document). Remplacez-les par vos données réelles.';

/** What is fictitious on each sheet of an example workbook. */
const EXAMPLE_BANNERS: Partial<Record<InputKey, string>> = {
  funders: 'EXEMPLE FICTIF : les SIRET de ce tableau sont inventés ; les financeurs, leurs noms et leurs types viennent de la convention.',
  convention: 'EXEMPLE FICTIF : les lignes Vote et Avenant de ce tableau sont inventées ; les lignes Convention viennent de la convention.',
  commitments: EXAMPLE_BANNER,
  reports: EXAMPLE_BANNER,
  payments: EXAMPLE_BANNER,
  meetings: EXAMPLE_BANNER,
  appreciations: EXAMPLE_BANNER,
};

/** Rows below a table that carry its dropdowns and formats, for new entries (fewer near the grid's last row). */
export const ENTRY_ROWS = 500;

/** The headers of a table to write: the declared ones, in order. */
export function declaredHeaders(key: InputKey): string[] {
  return INPUT_TABLES[key].columns.map((c) => c.header);
}

/** Reference tables come first, so that dropdowns can point at their code columns. */
const LAYOUT_ORDER: InputKey[] = [
  'cadre',
  'funders',
  'territories',
  'actions',
  'indicators',
  'actionIndicators',
  'convention',
  'commitments',
  'reports',
  'qualitative',
  'meetings',
  'appreciations',
  'realised',
  'imports',
  'payments',
  'closings',
];

const SOURCE_COLUMNS: Partial<Record<DropdownSource, { table: InputKey; header: string }>> = {
  funders: { table: 'funders', header: 'Code' },
  actions: { table: 'actions', header: 'Code' },
  indicators: { table: 'indicators', header: 'Code' },
  territories: { table: 'territories', header: 'Code' },
};

/**
 * The input sheets, in contract order, with the framework's reference sheet, when given, right
 * after `Cadre`: before every sheet whose dropdowns name it (the Office adapter gives each sheet
 * its final name, then its dropdowns, in this order).
 */
export function inputSheets(tables: Record<InputKey, InputTable>, options: InputSheetsOptions): PlacedSheet[] {
  const built = new Map<InputKey, PlacedSheet>();
  const sources = new Map<DropdownSource, string>(Object.entries(options.reference?.sources ?? {}) as [DropdownSource, string][]);
  for (const key of LAYOUT_ORDER) {
    const decl = INPUT_TABLES[key];
    const input = tables[key];
    const b = new SheetBuilder(decl.sheet, false);
    b.line([decl.sheet + ' — ' + decl.purpose], 'title');
    for (const n of options.notes?.[key] ?? []) for (const line of noteLines(n)) b.line([line], 'note');
    const banner = options.example ? EXAMPLE_BANNERS[key] : undefined;
    if (banner) b.line([banner], 'example');
    b.blank();
    const columns: ColumnDef[] = input.headers.map((h) => {
      const c: ColumnDecl | undefined = decl.columns.find((k) => headerMatches(k.header, h));
      const def: ColumnDef = { header: h, width: c?.width ?? Math.max(12, h.length + 2) };
      const format = c ? (c.format ?? c.kind.format) : null;
      if (format) def.format = format;
      const validation = c ? dropdown(c, options.years, sources) : null;
      if (validation) def.validation = validation;
      return def;
    });
    const t = b.table(decl.table, columns, withDates(decl.columns, input), { extraRows: ENTRY_ROWS });
    b.freezeAt(t.headerRow);
    for (const [source, at] of Object.entries(SOURCE_COLUMNS)) {
      if (at.table === key && !input.absent && input.headers.some((h) => headerMatches(at.header, h))) {
        sources.set(
          source as DropdownSource,
          t.columnRange(
            input.headers.find((h) => headerMatches(at.header, h))!,
            ENTRY_ROWS,
          ),
        );
      }
    }
    built.set(key, b.build());
  }
  const sheets = INPUT_ORDER.map((k) => {
    const sheet = built.get(k);
    if (!sheet) throw new Error(`input table ${k} is not laid out`);
    return sheet;
  });
  if (options.reference) sheets.splice(1, 0, options.reference.sheet);
  return sheets;
}

/**
 * The rows with the dates of date columns as serial numbers: readers give date cells as ISO
 * text (`2015-03-12T10:30:00`), a copy writes them back as dates, in the column's date format.
 */
function withDates(decls: readonly ColumnDecl[], input: InputTable): CellValue[][] {
  const dates = input.headers.flatMap((h, i) =>
    decls.some((c) => (c.kind.name === 'date' || c.kind.name === 'datetime') && headerMatches(c.header, h)) ? [i] : [],
  );
  if (dates.length === 0) return input.rows;
  return input.rows.map((row) => {
    let out = row;
    for (const i of dates) {
      const v = row[i];
      const serial = typeof v === 'string' ? isoToSerial(v) : null;
      if (serial === null) continue;
      if (out === row) out = [...row];
      out[i] = serial;
    }
    return out;
  });
}

function dropdown(c: ColumnDecl, years: number[], sources: ReadonlyMap<DropdownSource, string>): ColumnDef['validation'] | null {
  if (c.kind.list) return { list: [...c.kind.list] };
  if (c.dropdown === 'years') return years.length ? { list: years.map(String) } : null;
  const source = c.dropdown ? sources.get(c.dropdown) : undefined;
  return source ? { source } : null;
}
