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
import { readCell } from '../contract/cell-kinds';
import * as kinds from '../contract/cell-kinds';
import { isoToSerial } from '../contract/formats';
import {
  type MARKER_KEYS,
  QUALITATIVE,
  QUALITATIVE_PARTS,
  READABLE_REPORT_VERSIONS,
  REALISED,
  REPORT_IDENTIFICATION,
  REPORT_MARKER,
  REPORT_MODEL,
  REPORT_PERIOD,
  REPORT_QUALITATIVE,
  REPORT_REALISED,
  REPORT_SIGNATURE,
  REPORT_VALUES,
  REPORTS,
  SIGNATURE_KEYS,
} from '../contract/tables';
import { finding, type Finding } from '../rules/findings';
import type { RuleId } from '../rules/catalogue';
import type { Params } from '../shared/message';
import { centsToEuros, parseAmount, parseNumberText, type Cents } from '../shared/money';
import { cellText, normalizeKey } from '../shared/text';
import { COMMENT_THRESHOLD_TEXT, isSubsidyPost, needsComment } from './cerfa';
import { append } from '../shared/order';

export interface ReportTables {
  marker: TableRead | null;
  identification: TableRead | null;
  values: TableRead | null;
  realised: TableRead | null;
  /** Version 2 of the template: the written parts, the whole period's (last year only), the signature. */
  qualitative?: TableRead | null;
  period?: TableRead | null;
  signature?: TableRead | null;
}

/** The tables of a report file, in the order `ReportTables` lists them. */
export const REPORT_FILE_TABLES = [
  REPORT_MARKER,
  REPORT_IDENTIFICATION,
  REPORT_VALUES,
  REPORT_REALISED,
  REPORT_QUALITATIVE,
  REPORT_PERIOD,
  REPORT_SIGNATURE,
] as const;

/** The tables of a report file by their results, in `REPORT_FILE_TABLES` order. */
export function reportTablesOf(reads: readonly (TableRead | null)[]): ReportTables {
  const [marker, identification, values, realised, qualitative, period, signature] = reads;
  return { marker, identification, values, realised, qualitative, period, signature };
}

/** What the workbook knows, against which a report is checked. */
export interface ImportContext {
  frameworkId: string | null;
  period: { start: number; end: number } | null;
  actions: Map<string, string>;
  indicators: Set<string>;
  /** Funder code for a text (code, name or alias), or null (a co-funder the workbook does not list). */
  funderOf: (text: string) => string | null;
  /** Action → the indicators its report asks (only the actions that have a list). */
  actionIndicators?: ReadonlyMap<string, readonly string[]>;
  /** Territory code for a text (code, name, other name), or null; absent when the workbook lists no territory. */
  territoryOf?: (text: string) => string | null;
  /** The framework's article on yearly reports, as ` (§5)`, or ''. */
  reportsArticle?: string;
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
  /** Rows for tblBilansQualitatifs (the year's written parts, the whole period's), in its declared column order. */
  qualitative: CellValue[][];
  /** The template version the file was made with. */
  version: number;
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
  const out: ParsedReport = { file, findings, action: '', operator: '', year: 0, reports: [], realised: [], qualitative: [], version: 0 };
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
  const version = Number(m('Version'));
  if (!READABLE_REPORT_VERSIONS.includes(version)) {
    refuse('BILAN-VERSION', ms, mcell('Version'), { expected: READABLE_REPORT_VERSIONS.join(' ou '), found: { value: m('Version') } });
    return out;
  }
  out.version = version;
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
      // An indicator the action's report does not ask is imported, with a warning.
      const asked = ctx.actionIndicators?.get(action);
      if (asked && !asked.includes(indicator)) {
        findings.push(
          at('INDICATEUR-HORS-ACTION', t.sheet, f.cell(i, 'indicator'), {
            header: 'Indicateur',
            action,
            list: { list: [...asked] },
            found: { value: indicator },
          }),
        );
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
      // A known spelling of a territory is imported as its code; an unknown one as typed, with a warning.
      let place = territory;
      if (territory && ctx.territoryOf) {
        const code = ctx.territoryOf(territory);
        if (code) place = code;
        else
          findings.push(at('TERRITOIRE-INCONNU', t.sheet, f.cell(i, 'territory'), { header: 'Territoire', found: { value: territory } }));
      }
      out.reports.push(rowOf(REPORTS, { action, operator, year, indicator, value, territory: place, source: file }));
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
      // Version 1 asked the subsidy received in « Réalisé »; version 2 the subsidy granted there
      // and what was received in « Reçu à date ».
      const received = version >= 2 ? money('received') : null;
      if (planned === undefined || actual === undefined || received === undefined) return;
      if (planned === null && actual === null && received === null) return;
      const post = text(f.get(row, 'post'));
      if (!post) {
        errors.push(at('BILAN-POSTE', t.sheet, f.cell(i, 'post')));
        return;
      }
      // A funder the workbook lists is written by its code; any other co-funder (FSE, FEDER, a
      // foundation, another authority) as named: co-funding is normal, never a reason to refuse.
      const funderText = text(f.get(row, 'funder'));
      const funder = funderText ? (ctx.funderOf(funderText) ?? funderText) : null;
      const subsidy = isSubsidyPost(post);
      const got = subsidy ? (version >= 2 ? received : actual) : null;
      if (subsidy && got !== null && actual !== null && got > actual) {
        findings.push(
          at('BILAN-RECU-SUPERIEUR', t.sheet, f.cell(i, version >= 2 ? 'received' : 'actual'), {
            right: { cents: actual },
            left: { cents: got },
          }),
        );
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
          received: got === null ? null : centsToEuros(got),
          comment,
          source: file,
        }),
      );
    });
    if (missingComments > 0)
      findings.push(at('BILAN-ECART-SANS-COMMENTAIRE', t.sheet, '', { threshold: COMMENT_THRESHOLD_TEXT, count: missingComments }));
  }

  // The written parts, the whole period's and the signature (version 2).
  if (version >= 2) writtenParts(tables, ctx, out, (rule, sheet, cell, params) => findings.push(at(rule, sheet, cell, params)));

  const refused = findings.some((x) => x.severity === 'error');
  if (errors.length === 0 && !refused && out.reports.length === 0 && out.realised.length === 0 && out.qualitative.length === 0)
    refuse('BILAN-VIDE', '', '');
  if (errors.length) {
    append(findings, errors.slice(0, MAX_LISTED));
    if (errors.length > MAX_LISTED) findings.push(at('BILAN-AUTRES-ANOMALIES', '', '', { count: errors.length - MAX_LISTED }));
  }
  if (findings.some((x) => x.severity === 'error')) {
    out.reports = [];
    out.realised = [];
    out.qualitative = [];
  }
  return out;
}

type Warn = (rule: RuleId, sheet: string, cell: string, params?: Params) => void;

/** A written table's texts by part (Réalisations…), with each text's cell. */
function partsOf(t: TableRead, decl: TableDecl): Map<string, { text: string | null; cell: string }> {
  const f = fields(decl, t);
  const out = new Map<string, { text: string | null; cell: string }>();
  t.rows.forEach((row, i) => {
    const part = text(f.get(row, 'part'));
    if (part) out.set(normalizeKey(part), { text: text(f.get(row, 'text')), cell: f.cell(i, 'text') });
  });
  return out;
}

/**
 * The report's written parts (§5: « un bilan de la mise en œuvre de l’action et ses résultats »),
 * the whole period's in the last year's report, and the signature: one row of the Bilans
 * qualitatifs table for the year, one for the period. Missing texts are warnings, never a refusal.
 */
function writtenParts(tables: ReportTables, ctx: ImportContext, out: ParsedReport, warn: Warn): void {
  const article = ctx.reportsArticle ?? '';
  const signature = new Map<string, { value: CellValue; cell: string }>();
  if (tables.signature) for (const [k, v] of keyValues(REPORT_SIGNATURE, tables.signature)) signature.set(k, v);
  const sig = (k: (typeof SIGNATURE_KEYS)[number]) => signature.get(normalizeKey(k));
  const date = sig('Date');
  const read = date ? readCell(kinds.date, date.value) : null;
  const signedOn = read && read.ok && read.value ? isoToSerial(read.value) : null;
  const missing = SIGNATURE_KEYS.filter((k) => (k === 'Date' ? signedOn === null : !text(sig(k)?.value ?? null)));
  if (tables.signature && missing.length) {
    warn('BILAN-SIGNATURE', tables.signature.sheet, sig(missing[0])?.cell ?? '', { list: { list: missing.map((k) => k.toLowerCase()) } });
  }
  const signed = { signatory: text(sig('Nom')?.value ?? null), capacity: text(sig('Qualité')?.value ?? null), signedOn };
  const row = (scope: 'Année' | 'Toute la période', parts: Map<string, { text: string | null }>) => {
    const [achievements, results, difficulties, outlook] = QUALITATIVE_PARTS.map((p) => parts.get(normalizeKey(p))?.text ?? null);
    return rowOf(QUALITATIVE, {
      action: out.action,
      operator: out.operator,
      year: out.year,
      scope,
      achievements,
      results,
      difficulties,
      outlook,
      ...signed,
      source: out.file,
    });
  };
  if (tables.qualitative) {
    const parts = partsOf(tables.qualitative, REPORT_QUALITATIVE);
    const first = parts.get(normalizeKey(QUALITATIVE_PARTS[0]));
    if (!first?.text && !parts.get(normalizeKey(QUALITATIVE_PARTS[1]))?.text) {
      warn('BILAN-QUALITATIF-VIDE', tables.qualitative.sheet, first?.cell ?? '', { article });
    }
    if ([...parts.values()].some((p) => p.text) || signed.signatory) out.qualitative.push(row('Année', parts));
  }
  if (ctx.period && out.year === ctx.period.end) {
    const parts = tables.period ? partsOf(tables.period, REPORT_PERIOD) : new Map<string, { text: string | null; cell: string }>();
    if ([...parts.values()].some((p) => p.text)) out.qualitative.push(row('Toute la période', parts));
    else {
      const cell = parts.get(normalizeKey(QUALITATIVE_PARTS[0]))?.cell ?? '';
      warn('BILAN-PERIODE-VIDE', tables.period?.sheet ?? REPORT_PERIOD.sheet, cell, { year: out.year, article });
    }
  }
}

/** Whether a parsed report is refused (it has an error). */
export function isRefused(p: ParsedReport): boolean {
  return p.findings.some((f) => f.severity === 'error');
}
