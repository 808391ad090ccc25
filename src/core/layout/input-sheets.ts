/**
 * The contract's input sheets, laid out from the table declarations: for a new workbook (`init`),
 * or copied as values into a consolidated workbook. Each sheet has its title, notes, the table
 * with its formats and dropdowns, and room below for new entries with the same formats.
 */
import type { CellValue } from '../contract/cells';
import type { ColumnDecl, DropdownSource } from '../contract/declare';
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
  /** Tables whose sheets hold example rows (default: Engagements, Bilans, Instances, Appréciations). */
  exampleTables?: readonly InputKey[];
  /** The framework's reference sheet, written after the input sheets; its ranges feed the dropdowns. */
  reference?: ReferenceSheet;
}

export const EXAMPLE_BANNER =
  'EXEMPLE FICTIF : les lignes de ce tableau sont des données d’illustration inventées par Suivi ESS (elles ne viennent d’aucun document). Remplacez-les par vos données réelles.';

/** Rows below a table that carry its dropdowns and formats, for new entries. */
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
  const exampleTables = options.exampleTables ?? ['commitments', 'reports', 'meetings', 'appreciations'];
  for (const key of LAYOUT_ORDER) {
    const decl = INPUT_TABLES[key];
    const input = tables[key];
    const b = new SheetBuilder(decl.sheet, false);
    b.line([decl.sheet + ' — ' + decl.purpose], 'title');
    for (const n of options.notes?.[key] ?? []) for (const line of noteLines(n)) b.line([line], 'note');
    if (options.example && exampleTables.includes(key)) b.line([EXAMPLE_BANNER], 'example');
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
    const t = b.table(decl.table, columns, input.rows, { extraRows: ENTRY_ROWS });
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
  const sheets = INPUT_ORDER.map((k) => built.get(k)!);
  if (options.reference) sheets.splice(1, 0, options.reference.sheet);
  return sheets;
}

function dropdown(c: ColumnDecl, years: number[], sources: ReadonlyMap<DropdownSource, string>): ColumnDef['validation'] | null {
  if (c.kind.list) return { list: [...c.kind.list] };
  if (c.dropdown === 'years') return years.length ? { list: years.map(String) } : null;
  const source = c.dropdown ? sources.get(c.dropdown) : undefined;
  return source ? { source } : null;
}
