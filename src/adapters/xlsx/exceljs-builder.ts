/**
 * Builds a new .xlsx workbook from PlacedSheets through exceljs, in Node (writer.ts saves it to
 * a file) and in the browser (the task pane's report templates). exceljs stays behind this
 * module, loaded only when a workbook is built, and never re-saves a user's file: every output
 * is a new workbook built from the sheets the core laid out.
 */
import type ExcelJS from 'exceljs';
import { isFormula, isLink, NUMBER_FORMATS, type PlacedSheet, type PlacedValue, type StyleKind } from '../../core/layout/placed';
import { parseRange, cellAddress } from '../../core/shared/address';
import { isUncomputed } from '../../core/contract/cells';

type ExcelValue = ExcelJS.CellValue;

function toExcel(v: PlacedValue): ExcelValue {
  if (v === null || v === undefined) return null;
  if (isUncomputed(v)) return { formula: v.uncomputed } as ExcelJS.CellFormulaValue;
  if (isFormula(v)) return { formula: v.formula } as ExcelJS.CellFormulaValue; // no cached result: the engine computes it
  if (isLink(v)) return { text: v.text, hyperlink: `#${v.target}` };
  return v;
}

const STYLES: Record<StyleKind, Partial<ExcelJS.Style>> = {
  title: { font: { bold: true, size: 13, color: { argb: 'FF1F3864' } } },
  note: { font: { italic: true, color: { argb: 'FF595959' } } },
  example: {
    font: { bold: true, color: { argb: 'FFC00000' } },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } },
  },
  // Excel's table style draws the header row too; explicit styles keep it visible elsewhere.
  caption: {
    font: { bold: true, color: { argb: 'FFFFFFFF' } },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF2E75B6' } },
    alignment: { vertical: 'middle', wrapText: true },
  },
  total: { font: { bold: true }, border: { top: { style: 'thin' } } },
};

/** Cells users fill on a protected sheet: unlocked, on a pale yellow input fill. */
const UNLOCKED: Partial<ExcelJS.Style> = {
  protection: { locked: false },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF9DB' } },
};

/** The attention fill of conditional highlights (a differential style: `bgColor`). */
const HIGHLIGHT: Partial<ExcelJS.Style> = { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFF8CBAD' } } };

/** What users may still do on a protected sheet (protection guards against mistakes only). */
const PROTECTION_OPTIONS: Partial<ExcelJS.WorksheetProtection> = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  formatRows: true,
  autoFilter: true,
};

/**
 * Cells share their style objects (one per combination of format and style), which keeps a
 * 100 000-row sheet from holding 700 000 style objects. Shared objects are never mutated:
 * a cell's style is only ever replaced.
 */
class StyleCache {
  private readonly byKey = new Map<string, Partial<ExcelJS.Style>>();
  private readonly keyOf = new WeakMap<object, string>();

  apply(cell: ExcelJS.Cell, key: string, props: Partial<ExcelJS.Style>): void {
    const current = cell.style ?? {};
    const k = `${this.keyOf.get(current) ?? ''}|${key}`;
    let style = this.byKey.get(k);
    if (!style) {
      style = { ...current, ...props };
      this.byKey.set(k, style);
      this.keyOf.set(style, k);
    }
    cell.style = style;
  }
}

function forEachCell(ref: string, fn: (row: number, col: number) => void) {
  const r = parseRange(ref);
  if (!r) throw new Error(`bad range ${ref}`);
  for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) fn(row, col);
}

function addSheet(wb: ExcelJS.Workbook, s: PlacedSheet, styles: StyleCache) {
  const ws = wb.addWorksheet(s.name, {
    state: s.state ?? 'visible',
    views: s.freezeRows > 0 ? [{ state: 'frozen', ySplit: s.freezeRows, xSplit: 0, topLeftCell: `A${s.freezeRows + 1}` }] : [],
    properties: { tabColor: s.generated ? { argb: 'FF7F7F7F' } : { argb: 'FF2E75B6' } },
    // Printed (and exported to PDF) on A4 landscape, one page wide (and tall, on request).
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: s.fitToOnePage ? 1 : 0 },
  });
  s.widths.forEach((w, i) => {
    if (w) ws.getColumn(i + 1).width = w;
  });
  s.rows.forEach((row, r) => {
    if (row.length === 0) return;
    const xr = ws.getRow(r + 1);
    row.forEach((v, c) => {
      if (v !== null && v !== undefined) xr.getCell(c + 1).value = toExcel(v);
    });
  });
  for (const f of s.formats) {
    const numFmt = NUMBER_FORMATS[f.format];
    forEachCell(f.ref, (row, col) => styles.apply(ws.getCell(row, col), `f:${f.format}`, { numFmt }));
  }
  for (const st of s.styles) forEachCell(st.ref, (row, col) => styles.apply(ws.getCell(row, col), `s:${st.style}`, STYLES[st.style]));
  for (const v of s.validations) {
    const formulae = 'list' in v ? [`"${v.list.join(',')}"`] : [v.source];
    // exceljs keeps range validations in `dataValidations` (not in its typings).
    (ws as unknown as { dataValidations: { add(ref: string, dv: ExcelJS.DataValidation): void } }).dataValidations.add(v.ref, {
      type: 'list',
      allowBlank: true,
      formulae,
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: 'Valeur hors liste',
      error: 'Choisissez une valeur de la liste ; une autre valeur sera signalée par les contrôles.',
    });
  }
  for (const n of s.numberInputs ?? []) {
    const min = n.min ?? null;
    (ws as unknown as { dataValidations: { add(ref: string, dv: ExcelJS.DataValidation): void } }).dataValidations.add(n.ref, {
      type: 'decimal',
      operator: min === null ? 'between' : 'greaterThanOrEqual',
      allowBlank: true,
      formulae: min === null ? [-1e15, 1e15] : [min],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'Nombre attendu',
      error:
        min === null
          ? 'Saisissez un nombre, sans unité ni texte (1250 et non « 1 250 € »).'
          : `Saisissez un nombre${min === 0 ? ' positif ou nul' : ` supérieur ou égal à ${min}`}, sans unité ni texte (1250 et non « 1 250 € » ni « 1 250 personnes »).`,
    });
  }
  s.highlights?.forEach((h, i) =>
    ws.addConditionalFormatting({ ref: h.ref, rules: [{ type: 'expression', priority: i + 1, formulae: [h.formula], style: HIGHLIGHT }] }),
  );
  if (s.protection) {
    for (const ref of s.protection.unlocked) forEachCell(ref, (row, col) => styles.apply(ws.getCell(row, col), 'p:unlocked', UNLOCKED));
    // No password: exceljs sets the protection synchronously (its promise only wraps that).
    void ws.protect('', { ...PROTECTION_OPTIONS });
  }
  for (const t of s.tables) {
    const r = parseRange(t.ref)!;
    const rows: ExcelValue[][] = [];
    for (let row = r.top + 1; row <= r.bottom; row++) {
      const src = s.rows[row - 1] ?? [];
      rows.push(t.columns.map((_, i) => toExcel(src[t.firstCol - 1 + i] ?? null)));
    }
    ws.addTable({
      name: t.name,
      ref: cellAddress(t.headerRow, t.firstCol),
      headerRow: true,
      style: { theme: 'TableStyleMedium2', showRowStripes: true },
      columns: t.columns.map((name) => ({ name, filterButton: true })),
      rows,
    });
  }
}

/** The bytes of a new .xlsx workbook holding these sheets, in order. */
export async function xlsxBytes(sheets: readonly PlacedSheet[]): Promise<Uint8Array> {
  const mod = (await import('exceljs')) as unknown as { default?: typeof ExcelJS } & typeof ExcelJS;
  const Excel = mod.default ?? mod;
  const wb = new Excel.Workbook();
  wb.creator = 'Suivi ESS';
  wb.calcProperties.fullCalcOnLoad = true;
  const styles = new StyleCache();
  for (const s of sheets) addSheet(wb, s, styles);
  // A light compression level: several times faster on large sheets, files a little larger.
  const out = await wb.xlsx.writeBuffer({ zip: { compressionOptions: { level: 3 } } } as ExcelJS.XlsxWriteOptions);
  return new Uint8Array(out as ArrayBuffer);
}
