/**
 * Bulk import of filled report templates into the workbook's tables. One bad file never stops the
 * others: every file ends imported, imported with warnings, or refused with its findings. A
 * report already in the workbook (same action, operator and year) is replaced only on request;
 * every import and replacement is logged in the import history.
 */
import { analyse, generated, type Analysis } from '../core/analysis/analyse';
import type { CellValue } from '../core/contract/cells';
import type { ContractTables } from '../core/contract/contract-records';
import { rowOf } from '../core/contract/declare';
import { isoToSerial } from '../core/contract/formats';
import { mapColumns } from '../core/contract/records';
import { INPUT_ORDER, INPUT_TABLES, type InputKey } from '../core/contract/tables';
import {
  isRefused,
  parseReport,
  REPORT_FILE_TABLES,
  reportKey,
  reportTablesOf,
  type ImportContext,
  type ParsedReport,
  type ReportTables,
} from '../core/reports/parse-report';
import { territoryIndex } from '../core/contract/territory-index';
import { funderResolver } from '../core/rules/evaluate';
import { finding, type Finding } from '../core/rules/findings';
import { UserError } from '../core/shared/errors';
import { cellText } from '../core/shared/text';
import type { Progress, TableRead, WorkbookPort, WorkbookReader } from '../ports/workbook';
import { copiedInputSheets } from './consolidate';
import { readContractTables, requestOf } from './read-contract';
import { append, maxOf } from '../core/shared/order';

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
  /** Why a file is refused, or what to know about it: findings at cells of the file. */
  findings: Finding[];
}

export interface ImportResult {
  tables: ContractTables;
  entries: ImportEntry[];
}

async function readReportTables(reader: WorkbookReader): Promise<ReportTables> {
  const results = await reader.readTables(REPORT_FILE_TABLES.map(requestOf));
  return reportTablesOf(results.map((r) => (r.ok ? r.read : null)));
}

/** A row in the declared column order, placed into the table's own columns (extra columns stay empty). */
function place(read: TableRead, key: InputKey, row: readonly CellValue[]): CellValue[] {
  const { index } = mapColumns(INPUT_TABLES[key], read);
  const out: CellValue[] = new Array(
    maxOf(
      index.map((i) => i + 1),
      read.headers.length,
    ),
  ).fill(null);
  index.forEach((i, k) => {
    if (i >= 0) out[i] = row[k] ?? null;
  });
  return out;
}

export function importContext(tables: ContractTables): ImportContext {
  const a = analyse(tables);
  const { start, end, id, framework } = a.evaluation.frame;
  const territories = territoryIndex(a.records.territories);
  return {
    frameworkId: id,
    period: start !== null && end !== null ? { start, end } : null,
    actions: new Map(a.records.actions.map((x) => [x.code, x.title ?? ''])),
    indicators: new Set(a.records.indicators.map((x) => x.code)),
    funderOf: funderResolver(a.records, framework),
    actionIndicators: a.evaluation.links.actionIndicators,
    ...(a.records.territories.length ? { territoryOf: (t: string) => territories.resolve(t)?.code ?? null } : {}),
    reportsArticle: framework?.articles.reports ? ` (${framework.articles.reports})` : '',
  };
}

export async function importReports(
  workbook: ContractTables,
  files: readonly ReportFile[],
  options: { replace: boolean; now: Date; progress?: Progress },
): Promise<ImportResult> {
  const ctx = importContext(workbook);
  const tables = Object.fromEntries(INPUT_ORDER.map((k) => [k, { ...workbook[k], rows: [...workbook[k].rows] }])) as ContractTables;
  const entries: ImportEntry[] = [];
  // Reports already in the workbook, by action, operator and year, with their source files.
  const cols = (key: 'reports' | 'realised' | 'qualitative') => {
    const { index } = mapColumns(INPUT_TABLES[key], tables[key]);
    const at = (field: string) => index[INPUT_TABLES[key].columns.findIndex((c) => c.field === field)];
    return { action: at('action'), operator: at('operator'), year: at('year'), source: at('source') };
  };
  const keyOf = (key: 'reports' | 'realised' | 'qualitative') => {
    const c = cols(key);
    return (row: CellValue[]) => {
      const year = Number(row[c.year]);
      const action = cellText(row[c.action]);
      const operator = c.operator >= 0 ? cellText(row[c.operator]) : null;
      return action && operator && Number.isInteger(year) ? reportKey(action, operator, year) : null;
    };
  };
  const sources = (key: string) => {
    const c = cols('reports');
    const k = keyOf('reports');
    return [...new Set(tables.reports.rows.filter((r) => k(r) === key).map((r) => (c.source >= 0 ? cellText(r[c.source]) : null) ?? '?'))];
  };

  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    options.progress?.(i, files.length, file.name);
    let parsed: ParsedReport;
    try {
      parsed = parseReport(file.name, await readReportTables(await file.open()), ctx);
    } catch (e) {
      const detail =
        e instanceof UserError
          ? e.message
          : new UserError('XLSX-ILLISIBLE', { file: file.name, reason: 'son contenu est endommagé ou d’un format inattendu' }).message;
      entries.push({
        file: file.name,
        status: 'refusé',
        added: 0,
        replaced: 0,
        findings: [finding('BILAN-FICHIER', '', '', { detail }, { file: file.name })],
      });
      continue;
    }
    const base = { file: file.name, action: parsed.action, operator: parsed.operator, year: parsed.year };
    if (isRefused(parsed)) {
      entries.push({ ...base, status: 'refusé', added: 0, replaced: 0, findings: parsed.findings });
      continue;
    }
    const key = reportKey(parsed.action, parsed.operator, parsed.year);
    const previous = sources(key);
    const findings = [...parsed.findings];
    let replaced = 0;
    if (previous.length) {
      const params = { action: parsed.action, year: parsed.year, operator: parsed.operator, files: { list: previous }, count: 0 };
      if (!options.replace) {
        entries.push({
          ...base,
          status: 'refusé',
          added: 0,
          replaced: 0,
          findings: [finding('BILAN-DEJA-IMPORTE', '', '', params, { file: file.name })],
        });
        continue;
      }
      const before = tables.reports.rows.length + tables.realised.rows.length + tables.qualitative.rows.length;
      const kr = keyOf('reports');
      const kz = keyOf('realised');
      const kq = keyOf('qualitative');
      tables.reports.rows = tables.reports.rows.filter((r) => kr(r) !== key);
      tables.realised.rows = tables.realised.rows.filter((r) => kz(r) !== key);
      tables.qualitative.rows = tables.qualitative.rows.filter((r) => kq(r) !== key);
      replaced = before - tables.reports.rows.length - tables.realised.rows.length - tables.qualitative.rows.length;
      findings.unshift(finding('BILAN-REMPLACE', '', '', { ...params, count: replaced }, { file: file.name }));
    }
    append(
      tables.reports.rows,
      parsed.reports.map((r) => place(tables.reports, 'reports', r)),
    );
    append(
      tables.realised.rows,
      parsed.realised.map((r) => place(tables.realised, 'realised', r)),
    );
    append(
      tables.qualitative.rows,
      parsed.qualitative.map((r) => place(tables.qualitative, 'qualitative', r)),
    );
    const added = parsed.reports.length + parsed.realised.length + parsed.qualitative.length;
    const history = rowOf(INPUT_TABLES.imports, {
      date: isoToSerial(options.now.toISOString().slice(0, 19)),
      file: file.name,
      action: parsed.action,
      operator: parsed.operator,
      year: parsed.year,
      added,
      replaced,
    });
    tables.imports.rows.push(place(tables.imports, 'imports', history));
    entries.push({ ...base, status: findings.length ? 'importé avec avertissements' : 'importé', added, replaced, findings });
  }
  options.progress?.(files.length, files.length, 'terminé');
  return { tables, entries };
}

/** The input tables an import changes: the reports, their written parts, the financial reports and the import history. */
export const IMPORTED_INPUTS: readonly InputKey[] = ['reports', 'qualitative', 'realised', 'imports'];

/**
 * Imports report files into an open workbook (the task pane): reads the contract tables through
 * the port, imports, then writes in one `writeSheets` call the three input tables the import
 * changes (`Bilans`, `Bilans qualitatifs`, `Réalisé financier`, `Historique des imports`) followed by the generated
 * sheets. Nothing is written when no file was imported.
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
  if (imported) await port.writeSheets([...copiedInputSheets(result.tables, analysis, IMPORTED_INPUTS), ...generated(analysis)]);
  return { entries: result.entries, analysis };
}
