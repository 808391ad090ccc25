/**
 * Reading one filled report template (modèle de bilan) into rows for the workbook: pure checks
 * of its marker, identification, indicator values and financial report. A file with any
 * unreadable or inconsistent value is refused whole, with the cells in cause: importing part of a
 * report would make the consolidation wrong without anyone noticing.
 */
import type { CellValue, TableRead } from '../../ports/workbook';
import { cellAddress } from '../shared/address';
import { REPORT_TEMPLATE } from '../contract/tables';
import { centsToEuros, parseAmount, parseNumberText, type Cents } from '../shared/money';
import { cellText, normalizeKey, quote } from '../shared/text';

export interface ReportTables {
  marker: TableRead | null;
  identification: TableRead | null;
  values: TableRead | null;
  realised: TableRead | null;
}

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
  refused: string[];
  warnings: string[];
  action: string;
  operator: string;
  year: number;
  /** Rows for tblBilans: Code action, Opérateur, Année, Indicateur, Valeur, Territoire, Source. */
  reports: CellValue[][];
  /** Rows for tblRealises: Code action, Opérateur, Année, Poste, Financeur, Prévu, Réalisé, Commentaire, Source. */
  realised: CellValue[][];
}

/** The key that identifies a report: one per action, operator and year. */
export function reportKey(action: string, operator: string, year: number): string {
  return `${normalizeKey(action)}\u0000${normalizeKey(operator)}\u0000${year}`;
}

function keyValues(t: TableRead): Map<string, { value: CellValue; cell: string }> {
  const map = new Map<string, { value: CellValue; cell: string }>();
  t.rows.forEach((row, i) => {
    const key = cellText(row[0]);
    if (key) map.set(normalizeKey(key), { value: row[1] ?? null, cell: cellAddress(t.headerRow + 1 + i, t.firstCol + 1) });
  });
  return map;
}

const MAX_LISTED = 8;

export function parseReport(file: string, tables: ReportTables, ctx: ImportContext): ParsedReport {
  const refused: string[] = [];
  const warnings: string[] = [];
  const out: ParsedReport = { file, refused, warnings, action: '', operator: '', year: 0, reports: [], realised: [] };
  const T = REPORT_TEMPLATE;

  if (!tables.marker) {
    refused.push(
      `ce fichier n’est pas un modèle de bilan Suivi ESS (la feuille masquée « ${T.marker.sheet} » et son tableau ${T.marker.table} sont absents) : utilisez un modèle préparé par Suivi ESS.`,
    );
    return out;
  }
  const marker = keyValues(tables.marker);
  const m = (k: string) => cellText(marker.get(normalizeKey(k))?.value ?? null);
  if (m('Modèle') !== T.model) {
    refused.push(
      `le marqueur du modèle est ${quote(m('Modèle'))}, ${quote(T.model)} est attendu : ce n’est pas un modèle de bilan Suivi ESS.`,
    );
    return out;
  }
  if (Number(m('Version')) !== T.version) {
    refused.push(
      `modèle de version ${quote(m('Version'))}, la version ${T.version} est attendue : préparez un nouveau modèle avec cette version de Suivi ESS.`,
    );
    return out;
  }
  if (ctx.frameworkId && m('Cadre') !== ctx.frameworkId) {
    refused.push(`modèle du cadre ${quote(m('Cadre'))}, le classeur suit le cadre ${quote(ctx.frameworkId)}.`);
  }
  const action = m('Action') ?? '';
  const year = /^\d{4}$/.test(m('Année') ?? '') ? Number(m('Année')) : NaN;
  if (!ctx.actions.has(action)) refused.push(`l’action ${quote(action)} du modèle n’existe pas dans le Plan d’actions du classeur.`);
  if (!Number.isInteger(year) || (ctx.period && (year < ctx.period.start || year > ctx.period.end))) {
    refused.push(
      `l’année ${quote(m('Année'))} du modèle est hors de la période du classeur${ctx.period ? ` (${ctx.period.start}-${ctx.period.end})` : ''}.`,
    );
  }

  // Identification: what the operator sees; it must agree with the marker.
  let operator = m('Opérateur') ?? '';
  if (!tables.identification) {
    refused.push(`le tableau ${T.identification.table} de la feuille « ${T.identification.sheet} » est absent.`);
  } else {
    const id = keyValues(tables.identification);
    const sheet = tables.identification.sheet;
    const shown = id.get(normalizeKey('Action'));
    if (shown && cellText(shown.value) !== action)
      refused.push(
        `feuille « ${sheet} », cellule ${shown.cell} : l’action ${quote(action)} du modèle est attendue, ${quote(shown.value)} a été trouvé.`,
      );
    const shownYear = id.get(normalizeKey('Année'));
    if (shownYear && Number(cellText(shownYear.value)) !== year)
      refused.push(
        `feuille « ${sheet} », cellule ${shownYear.cell} : l’année ${year} du modèle est attendue, ${quote(shownYear.value)} a été trouvé.`,
      );
    const op = id.get(normalizeKey('Opérateur'));
    const typed = cellText(op?.value ?? null);
    if (typed) operator = typed;
    if (!operator)
      refused.push(`feuille « ${sheet} », cellule ${op?.cell ?? '?'} : le nom de l’opérateur est attendu, la cellule est vide.`);
  }
  out.action = action;
  out.year = year;
  out.operator = operator;

  // Indicator values.
  const errors: string[] = [];
  let empty = 0; // indicators offered and left empty
  let fromText = 0;
  if (!tables.values) {
    refused.push(`le tableau ${T.values.table} de la feuille « ${T.values.sheet} » est absent.`);
  } else {
    const t = tables.values;
    t.rows.forEach((row, i) => {
      const r = t.headerRow + 1 + i;
      const at = (c: number) => `feuille « ${t.sheet} », cellule ${cellAddress(r, t.firstCol + c)}`;
      const indicator = cellText(row[0]);
      const raw = row[4] ?? null;
      const territory = cellText(row[3]);
      if (cellText(raw) === null) {
        if (indicator && !territory) empty++;
        else if (indicator && territory)
          errors.push(`${at(4)} : une valeur est attendue pour ${indicator} (${territory}), la cellule est vide.`);
        return;
      }
      if (!indicator) {
        errors.push(`${at(0)} : un code d’indicateur est attendu pour la valeur ${quote(raw)}, la cellule est vide.`);
        return;
      }
      if (!ctx.indicators.has(indicator)) {
        errors.push(`${at(0)} : un indicateur de la feuille Indicateurs du classeur est attendu, ${quote(indicator)} a été trouvé.`);
        return;
      }
      let value: number | null = null;
      if (typeof raw === 'number' && Number.isFinite(raw)) value = raw;
      else if (typeof raw === 'string') {
        value = parseNumberText(raw);
        if (value !== null) fromText++;
      }
      if (value === null) {
        errors.push(`${at(4)} : un nombre est attendu, ${quote(raw)} a été trouvé.`);
        return;
      }
      if (value < 0) {
        errors.push(`${at(4)} : une valeur positive ou nulle est attendue, ${value} a été trouvé.`);
        return;
      }
      out.reports.push([action, operator, year, indicator, value, territory, file]);
    });
  }
  // Indicators left empty are not an anomaly: the template offers the whole catalogue, and an
  // operator reports those that apply to the action.
  void empty;
  if (fromText > 0) warnings.push(`${fromText} valeur(s) saisie(s) comme texte, lue(s) comme nombres.`);

  // Financial report (Réalisé).
  let missingComments = 0;
  if (tables.realised) {
    const t = tables.realised;
    t.rows.forEach((row, i) => {
      const r = t.headerRow + 1 + i;
      const at = (c: number) => `feuille « ${t.sheet} », cellule ${cellAddress(r, t.firstCol + c)}`;
      const post = cellText(row[0]);
      const money = (c: number): Cents | null | undefined => {
        const v = row[c] ?? null;
        if (cellText(v) === null) return null;
        const p = typeof v === 'number' || typeof v === 'string' ? parseAmount(v) : { ok: false as const };
        if (!p.ok) {
          errors.push(`${at(c)} : un montant en euros est attendu, ${quote(v)} a été trouvé.`);
          return undefined;
        }
        return p.cents;
      };
      const planned = money(2);
      const actual = money(3);
      if (planned === undefined || actual === undefined) return;
      if (planned === null && actual === null) return;
      if (!post) {
        errors.push(`${at(0)} : un poste est attendu pour ce montant, la cellule est vide.`);
        return;
      }
      const funderText = cellText(row[1]);
      let funder: string | null = null;
      if (funderText) {
        funder = ctx.funderOf(funderText);
        if (!funder) {
          errors.push(`${at(1)} : un financeur du classeur est attendu, ${quote(funderText)} a été trouvé.`);
          return;
        }
      }
      const comment = cellText(row[6]);
      if (
        planned !== null &&
        planned > 0 &&
        actual !== null &&
        Math.abs(actual - planned) > REPORT_TEMPLATE.commentThreshold * planned &&
        !comment
      )
        missingComments++;
      out.realised.push([
        action,
        operator,
        year,
        post,
        funder,
        planned === null ? null : centsToEuros(planned),
        actual === null ? null : centsToEuros(actual),
        comment,
        file,
      ]);
    });
  }
  if (missingComments > 0) warnings.push(`${missingComments} écart(s) de plus de 15 % sans le commentaire demandé (Cerfa n° 15059).`);

  if (errors.length === 0 && refused.length === 0 && out.reports.length === 0 && out.realised.length === 0) {
    refused.push('aucune valeur d’indicateur ni aucun montant n’est rempli : ce modèle n’a pas été complété.');
  }
  if (errors.length) {
    refused.push(...errors.slice(0, MAX_LISTED));
    if (errors.length > MAX_LISTED) refused.push(`… et ${errors.length - MAX_LISTED} autre(s) anomalie(s).`);
  }
  if (refused.length) {
    out.reports = [];
    out.realised = [];
  }
  return out;
}
