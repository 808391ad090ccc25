/**
 * Bulk import of filled report templates into the workbook's tables. One bad file never stops
 * the others: every file ends imported, imported with warnings, or refused with its reasons. A
 * report already in the workbook (same action, operator and year) is replaced only on request;
 * every import and replacement is logged in the import history.
 */
import { analyse, generated, type Analysis } from '../core/analysis/analyse';
import { INPUT_ORDER, INPUT_TABLES, REPORT_TEMPLATE, type InputKey } from '../core/contract/tables';
import { UserError } from '../core/shared/errors';
import { parseReport, reportKey, type ImportContext, type ParsedReport, type ReportTables } from '../core/reports/parse-report';
import { funderResolver } from '../core/rules/evaluate';
import { cellText } from '../core/shared/text';
import type { CellValue, Progress, TableRead, WorkbookPort, WorkbookReader } from '../ports/workbook';
import { copiedInputSheets } from './consolidate';
import { readContractTables } from './read-contract';

/** A report file to import; `open` may throw a UserError (not an .xlsx, too large, protected). */
export interface ReportFile {
  name: string;
  open(): Promise<WorkbookReader>;
}

export type ImportStatus = 'importé' | 'importé avec avertissements' | 'refusé';

export interface ImportEntry {
  file: string;
  status: ImportStatus;
  action?: string;
  operator?: string;
  year?: number;
  added: number;
  replaced: number;
  reasons: string[];
}

export interface ImportResult {
  tables: Record<InputKey, TableRead>;
  entries: ImportEntry[];
}

const TEMPLATE_TABLES = [REPORT_TEMPLATE.marker, REPORT_TEMPLATE.identification, REPORT_TEMPLATE.values, REPORT_TEMPLATE.realised];

async function readReportTables(reader: WorkbookReader): Promise<ReportTables> {
  const results = await reader.readTables(TEMPLATE_TABLES.map((t) => ({ sheet: t.sheet, table: t.table, headers: [...t.columns] })));
  const [marker, identification, values, realised] = results.map((r) => (r.ok ? r.read : null));
  return { marker, identification, values, realised };
}

/** A table's rows as a contract-ordered row maps into the table's own columns (extra ones stay empty). */
function place(read: TableRead, key: InputKey, row: CellValue[]): CellValue[] {
  const spec = INPUT_TABLES[key];
  const out: CellValue[] = new Array(Math.max(read.headers.length, spec.columns.length)).fill(null);
  spec.columns.forEach((_, i) => (out[i] = row[i] ?? null));
  return out;
}

export function importContext(tables: Record<InputKey, TableRead>): ImportContext {
  const a = analyse(tables);
  const { start, end, id, framework } = a.evaluation.frame;
  return {
    frameworkId: id,
    period: start !== null && end !== null ? { start, end } : null,
    actions: new Map(a.records.actions.map((x) => [x.code, x.title ?? ''])),
    indicators: new Set(a.records.indicators.map((x) => x.code)),
    funderOf: funderResolver(a.records, framework),
  };
}

export async function importReports(
  workbook: Record<InputKey, TableRead>,
  files: readonly ReportFile[],
  options: { replace: boolean; now: Date; progress?: Progress },
): Promise<ImportResult> {
  const ctx = importContext(workbook);
  const tables = Object.fromEntries(INPUT_ORDER.map((k) => [k, { ...workbook[k], rows: [...workbook[k].rows] }])) as Record<
    InputKey,
    TableRead
  >;
  const entries: ImportEntry[] = [];
  // Reports already in the workbook, by action, operator and year, with their source files.
  const keyOf = (row: CellValue[]) => {
    const year = Number(row[2]);
    const action = cellText(row[0]);
    const operator = cellText(row[1]);
    return action && operator && Number.isInteger(year) ? reportKey(action, operator, year) : null;
  };
  const sources = (key: string) => [...new Set(tables.reports.rows.filter((r) => keyOf(r) === key).map((r) => cellText(r[6]) ?? '?'))];

  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    options.progress?.(i, files.length, file.name);
    let parsed: ParsedReport;
    try {
      parsed = parseReport(file.name, await readReportTables(await file.open()), ctx);
    } catch (e) {
      const reason =
        e instanceof UserError
          ? e.message
          : 'le fichier ne peut pas être lu comme un classeur .xlsx (contenu endommagé ou format inattendu).';
      entries.push({ file: file.name, status: 'refusé', added: 0, replaced: 0, reasons: [reason] });
      continue;
    }
    const base = { file: file.name, action: parsed.action, operator: parsed.operator, year: parsed.year };
    if (parsed.refused.length) {
      entries.push({ ...base, status: 'refusé', added: 0, replaced: 0, reasons: parsed.refused });
      continue;
    }
    const key = reportKey(parsed.action, parsed.operator, parsed.year);
    const previous = sources(key);
    let replaced = 0;
    if (previous.length) {
      if (!options.replace) {
        entries.push({
          ...base,
          status: 'refusé',
          added: 0,
          replaced: 0,
          reasons: [
            `le bilan ${parsed.action} ${parsed.year} de ${parsed.operator} est déjà importé (${previous.join(', ')}) : le premier est gardé ; relancez avec --replace pour le remplacer.`,
          ],
        });
        continue;
      }
      const before = tables.reports.rows.length + tables.realised.rows.length;
      tables.reports.rows = tables.reports.rows.filter((r) => keyOf(r) !== key);
      tables.realised.rows = tables.realised.rows.filter((r) => keyOf(r) !== key);
      replaced = before - tables.reports.rows.length - tables.realised.rows.length;
    }
    tables.reports.rows.push(...parsed.reports.map((r) => place(tables.reports, 'reports', r)));
    tables.realised.rows.push(...parsed.realised.map((r) => place(tables.realised, 'realised', r)));
    const added = parsed.reports.length + parsed.realised.length;
    tables.imports.rows.push(
      place(tables.imports, 'imports', [
        options.now.toISOString(),
        file.name,
        parsed.action,
        parsed.operator,
        parsed.year,
        added,
        replaced,
      ]),
    );
    entries.push({
      ...base,
      status: parsed.warnings.length || replaced ? 'importé avec avertissements' : 'importé',
      added,
      replaced,
      reasons: [...(replaced ? [`remplace ${replaced} ligne(s) de ${previous.join(', ')}.`] : []), ...parsed.warnings],
    });
  }
  options.progress?.(files.length, files.length, 'terminé');
  return { tables, entries };
}

/** The import summary in French, one line per file. */
export function summaryLines(entries: readonly ImportEntry[]): string[] {
  return entries.map((e) => {
    const what = e.action ? ` (${e.action}, ${e.operator || 'opérateur ?'}, ${e.year})` : '';
    const rows = e.status === 'refusé' ? '' : `, ${e.added} ligne(s) ajoutée(s)${e.replaced ? `, ${e.replaced} remplacée(s)` : ''}`;
    const reasons = e.reasons.length ? ` — ${e.reasons.join(' ')}` : '';
    return `${e.file}${what} : ${e.status}${rows}${reasons}`;
  });
}

/** The input tables an import changes: the reports, the financial reports and the import history. */
const IMPORTED_INPUTS: readonly InputKey[] = ['reports', 'realised', 'imports'];

/**
 * Imports report files into an open workbook (the task pane): reads the contract tables through
 * the port, imports, then writes in one `writeSheets` call the three input sheets the import
 * changes (`Bilans`, `Réalisé financier`, `Historique des imports`) followed by the generated
 * sheets. Those three input sheets are rebuilt whole: their values are kept, extra columns
 * included, but as values (formulas and formats of their own are not kept). Nothing is written
 * when no file was imported.
 */
export async function importIntoWorkbook(
  port: WorkbookPort,
  files: readonly ReportFile[],
  options: { replace: boolean; now: Date; progress?: Progress },
): Promise<{ entries: ImportEntry[]; analysis: Analysis }> {
  const workbook = await readContractTables(port);
  const result = await importReports(workbook, files, options);
  const imported = result.entries.some((e) => e.status !== 'refusé');
  const analysis = analyse(imported ? result.tables : workbook);
  if (imported) {
    const names = new Set(IMPORTED_INPUTS.map((k) => INPUT_TABLES[k].sheet));
    const inputs = copiedInputSheets(result.tables, analysis).filter((s) => names.has(s.name));
    await port.writeSheets([...inputs, ...generated(analysis)]);
  }
  return { entries: result.entries, analysis };
}
