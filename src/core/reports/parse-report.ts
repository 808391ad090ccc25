/**
 * Reading one filled report template (modèle de bilan) into rows for the workbook: pure checks of
 * its marker, identification, indicator values and financial report, each broken check a finding
 * at its cell of the file. A file with any error is refused whole: importing part of a report
 * would make the consolidation wrong without anyone noticing.
 */
import { cellAddress } from '../shared/address';
import type { CellValue, TableRead } from '../contract/cells';
import { rowOf, type TableDecl } from '../contract/declare';
import { mapColumns } from '../contract/records';
import {
  type MARKER_KEYS,
  REALISED,
  REPORT_IDENTIFICATION,
  REPORT_MARKER,
  REPORT_MODEL,
  REPORT_REALISED,
  REPORT_VALUES,
  REPORTS,
} from '../contract/tables';
import { finding, type Finding } from '../rules/findings';
import type { RuleId } from '../rules/catalogue';
import type { Params } from '../shared/message';
import { centsToEuros, parseAmount, parseNumberText, type Cents } from '../shared/money';
import { cellText, normalizeKey } from '../shared/text';
import { COMMENT_THRESHOLD_TEXT, needsComment } from './cerfa';
import { append } from '../shared/order';

export interface ReportTables {
  marker: TableRead | null;
  identification: TableRead | null;
  values: TableRead | null;
  realised: TableRead | null;
}

/** The tables of a report file, in the order `ReportTables` lists them. */
export const REPORT_FILE_TABLES = [REPORT_MARKER, REPORT_IDENTIFICATION, REPORT_VALUES, REPORT_REALISED] as const;

/** What the workbook knows, against which a report is checked. */
export interface ImportContext {
  frameworkId: string | null;
  period: { start: number; end: number } | null;
  actions: Map<string, string>;
  indicators: Set<string>;
  /** Funder code for a text (code, name or alias), or null. */
  funderOf: (text: string) => string | null;
}

export interface ParsedReport {
  file: string;
  /** Errors (the file is refused) and warnings, at their cells of the file. */
  findings: Finding[];
  action: string;
  operator: string;
  year: number;
  /** Rows for tblBilans, in its declared column order. */
  reports: CellValue[][];
  /** Rows for tblRealises, in its declared column order. */
  realised: CellValue[][];
}

/** The key that identifies a report: one per action, operator and year. */
export function reportKey(action: string, operator: string, year: number): string {
  return `${normalizeKey(action)}\u0000${normalizeKey(operator)}\u0000${year}`;
}

/** A key-value table (the marker, the identification) by normalized key, with each value's cell. */
function keyValues(decl: TableDecl, t: TableRead): Map<string, { value: CellValue; cell: string }> {
  const f = fields(decl, t);
  const map = new Map<string, { value: CellValue; cell: string }>();
  t.rows.forEach((row, i) => {
    const key = text(f.get(row, 'key'));
    if (key) map.set(normalizeKey(key), { value: f.get(row, 'value'), cell: f.cell(i, 'value') });
  });
  return map;
}

/** Errors listed for one file before « … and N more ». */
const MAX_LISTED = 8;

/** A table's cells by field: `get(row, 'value')`. */
function fields(decl: TableDecl, t: TableRead) {
  const { index } = mapColumns(decl, t);
  const at = (field: string) => index[decl.columns.findIndex((c) => c.field === field)];
  return {
    get: (row: readonly CellValue[], field: string): CellValue => (at(field) >= 0 ? (row[at(field)] ?? null) : null),
    cell: (i: number, field: string) => cellAddress(t.headerRow + 1 + i, t.firstCol + Math.max(0, at(field))),
  };
}

const text = (v: CellValue) => (typeof v === 'object' && v !== null ? null : cellText(v));

export function parseReport(file: string, tables: ReportTables, ctx: ImportContext): ParsedReport {
  const findings: Finding[] = [];
  const errors: Finding[] = [];
  const out: ParsedReport = { file, findings, action: '', operator: '', year: 0, reports: [], realised: [] };
  const at = (rule: RuleId, sheet: string, cell: string, params: Params = {}) => finding(rule, sheet, cell, params, { file });
  const refuse = (rule: RuleId, sheet: string, cell: string, params: Params = {}) => findings.push(at(rule, sheet, cell, params));

  if (!tables.marker) {
    refuse('BILAN-PAS-MODELE', '', '', { sheet: REPORT_MARKER.sheet, table: REPORT_MARKER.table, found: 'ils sont absents' });
    return out;
  }
  const ms = tables.marker.sheet;
  const marker = keyValues(REPORT_MARKER, tables.marker);
  const m = (k: (typeof MARKER_KEYS)[number]) => text(marker.get(normalizeKey(k))?.value ?? null);
  const mcell = (k: (typeof MARKER_KEYS)[number]) =>
    marker.get(normalizeKey(k))?.cell ?? cellAddress(tables.marker!.headerRow, tables.marker!.firstCol);
  if (m('Modèle') !== REPORT_MODEL.model) {
    refuse('BILAN-PAS-MODELE', ms, mcell('Modèle'), {
      sheet: REPORT_MARKER.sheet,
      table: REPORT_MARKER.table,
      found: `le marqueur est ${JSON.stringify(m('Modèle') ?? '')}`,
    });
    return out;
  }
  if (Number(m('Version')) !== REPORT_MODEL.version) {
    refuse('BILAN-VERSION', ms, mcell('Version'), { expected: REPORT_MODEL.version, found: { value: m('Version') } });
    return out;
  }
  if (ctx.frameworkId && m('Cadre') !== ctx.frameworkId)
    refuse('BILAN-CADRE', ms, mcell('Cadre'), { expected: ctx.frameworkId, found: { value: m('Cadre') } });
  const action = m('Action') ?? '';
  const year = /^\d{4}$/.test(m('Année') ?? '') ? Number(m('Année')) : NaN;
  if (!ctx.actions.has(action)) refuse('BILAN-ACTION', ms, mcell('Action'), { found: { value: action } });
  if (!Number.isInteger(year) || (ctx.period && (year < ctx.period.start || year > ctx.period.end))) {
    refuse('BILAN-ANNEE', ms, mcell('Année'), {
      start: ctx.period?.start ?? '?',
      end: ctx.period?.end ?? '?',
      found: { value: m('Année') },
    });
  }

  // Identification: what the operator sees; it must agree with the marker.
  let operator = m('Opérateur') ?? '';
  if (!tables.identification) {
    refuse('BILAN-TABLEAU', '', '', { table: REPORT_IDENTIFICATION.table, sheet: REPORT_IDENTIFICATION.sheet });
  } else {
    const id = keyValues(REPORT_IDENTIFICATION, tables.identification);
    const sheet = tables.identification.sheet;
    const shown = id.get(normalizeKey('Action'));
    if (shown && text(shown.value) !== action) {
      refuse('BILAN-IDENTIFICATION', sheet, shown.cell, { what: 'action', expected: { value: action }, found: { value: shown.value } });
    }
    const shownYear = id.get(normalizeKey('Année'));
    if (shownYear && Number(text(shownYear.value)) !== year) {
      refuse('BILAN-IDENTIFICATION', sheet, shownYear.cell, {
        what: 'année',
        expected: { value: year },
        found: { value: shownYear.value },
      });
    }
    const op = id.get(normalizeKey('Opérateur'));
    const typed = text(op?.value ?? null);
    if (typed) operator = typed;
    if (!operator) refuse('BILAN-OPERATEUR', sheet, op?.cell ?? '');
  }
  out.action = action;
  out.year = year;
  out.operator = operator;

  // Indicator values. Indicators left empty are not an anomaly: the template offers the whole
  // catalogue, and an operator reports those that apply to the action.
  let fromText = 0;
  if (!tables.values) {
    refuse('BILAN-TABLEAU', '', '', { table: REPORT_VALUES.table, sheet: REPORT_VALUES.sheet });
  } else {
    const t = tables.values;
    const f = fields(REPORT_VALUES, t);
    t.rows.forEach((row, i) => {
      const indicator = text(f.get(row, 'indicator'));
      const raw = f.get(row, 'value');
      const territory = text(f.get(row, 'territory'));
      const cell = f.cell(i, 'value');
      if (typeof raw === 'object' && raw !== null) {
        errors.push(at('FORMULE-SANS-VALEUR', t.sheet, cell, { header: 'Valeur', formula: { value: `=${raw.uncomputed}` } }));
        return;
      }
      if (cellText(raw) === null) {
        if (indicator && territory) errors.push(at('BILAN-VALEUR-SANS-TERRITOIRE', t.sheet, cell, { indicator, territory }));
        return;
      }
      if (!indicator) {
        errors.push(at('BILAN-VALEUR-SANS-INDICATEUR', t.sheet, f.cell(i, 'indicator'), { found: { value: raw } }));
        return;
      }
      if (!ctx.indicators.has(indicator)) {
        errors.push(at('INDICATEUR-INCONNU', t.sheet, f.cell(i, 'indicator'), { header: 'Indicateur', found: { value: indicator } }));
        return;
      }
      let value: number | null = null;
      if (typeof raw === 'number' && Number.isFinite(raw)) value = raw;
      else if (typeof raw === 'string') {
        value = parseNumberText(raw);
        if (value !== null) fromText++;
      }
      if (value === null) {
        errors.push(at('NOMBRE-ILLISIBLE', t.sheet, cell, { header: 'Valeur', found: { value: raw } }));
        return;
      }
      if (value < 0) {
        errors.push(at('VALEUR-NEGATIVE', t.sheet, cell, { header: 'Valeur', found: { value } }));
        return;
      }
      out.reports.push(rowOf(REPORTS, { action, operator, year, indicator, value, territory, source: file }));
    });
    if (fromText > 0) findings.push(at('BILAN-NOMBRES-TEXTE', t.sheet, '', { count: fromText }));
  }

  // Financial report (Réalisé).
  let missingComments = 0;
  if (tables.realised) {
    const t = tables.realised;
    const f = fields(REPORT_REALISED, t);
    t.rows.forEach((row, i) => {
      const money = (field: string): Cents | null | undefined => {
        const v = f.get(row, field);
        const cell = f.cell(i, field);
        if (typeof v === 'object' && v !== null) {
          errors.push(at('FORMULE-SANS-VALEUR', t.sheet, cell, { header: field, formula: { value: `=${v.uncomputed}` } }));
          return undefined;
        }
        if (cellText(v) === null) return null;
        const p = typeof v === 'number' || typeof v === 'string' ? parseAmount(v) : { ok: false as const };
        if (!p.ok) {
          errors.push(
            at('MONTANT-ILLISIBLE', t.sheet, cell, {
              header: REPORT_REALISED.columns.find((c) => c.field === field)!.header,
              found: { value: v },
            }),
          );
          return undefined;
        }
        return p.cents;
      };
      const planned = money('planned');
      const actual = money('actual');
      if (planned === undefined || actual === undefined) return;
      if (planned === null && actual === null) return;
      const post = text(f.get(row, 'post'));
      if (!post) {
        errors.push(at('BILAN-POSTE', t.sheet, f.cell(i, 'post')));
        return;
      }
      const funderText = text(f.get(row, 'funder'));
      let funder: string | null = null;
      if (funderText) {
        funder = ctx.funderOf(funderText);
        if (!funder) {
          errors.push(at('FINANCEUR-INCONNU', t.sheet, f.cell(i, 'funder'), { header: 'Financeur', found: { value: funderText } }));
          return;
        }
      }
      const comment = text(f.get(row, 'comment'));
      if (needsComment(planned, actual) && !comment) missingComments++;
      out.realised.push(
        rowOf(REALISED, {
          action,
          operator,
          year,
          post,
          funder,
          planned: planned === null ? null : centsToEuros(planned),
          actual: actual === null ? null : centsToEuros(actual),
          comment,
          source: file,
        }),
      );
    });
    if (missingComments > 0)
      findings.push(at('BILAN-ECART-SANS-COMMENTAIRE', t.sheet, '', { threshold: COMMENT_THRESHOLD_TEXT, count: missingComments }));
  }

  const refused = findings.some((x) => x.severity === 'error');
  if (errors.length === 0 && !refused && out.reports.length === 0 && out.realised.length === 0) refuse('BILAN-VIDE', '', '');
  if (errors.length) {
    append(findings, errors.slice(0, MAX_LISTED));
    if (errors.length > MAX_LISTED) findings.push(at('BILAN-AUTRES-ANOMALIES', '', '', { count: errors.length - MAX_LISTED }));
  }
  if (findings.some((x) => x.severity === 'error')) {
    out.reports = [];
    out.realised = [];
  }
  return out;
}

/** Whether a parsed report is refused (it has an error). */
export function isRefused(p: ParsedReport): boolean {
  return p.findings.some((f) => f.severity === 'error');
}
