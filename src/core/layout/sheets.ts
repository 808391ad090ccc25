/**
 * The sheets Suivi ESS writes: the contract's input sheets (for a new workbook, or copied into
 * a consolidated workbook) and the generated sheets (controls, financial summary, allocation
 * by action, consolidated indicators). Both adapters write these PlacedSheets as they are.
 */
import type { CellValue } from '../../ports/workbook';
import { cellAddress, quoteSheet } from '../shared/address';
import { formatOfKind, GENERATED, INPUT_ORDER, INPUT_TABLES, type InputKey } from '../contract/tables';
import type { Consolidation } from '../consolidation/consolidate';
import { SEVERITY_LABEL, type Finding } from '../rules/findings';
import { centsToEuros } from '../shared/money';
import { AGGREGATIONS, CONVENTION_STATUSES, FUNDER_TYPES } from '../contract/vocabulary';
import { SheetBuilder, type Cell, type ColumnDef } from './builder';
import type { PlacedSheet } from './placed';

/** Rows of one input table: headers as found (contract columns first) and raw values. */
export interface InputTable {
  headers: string[];
  rows: CellValue[][];
}

export interface InputSheetsOptions {
  /** Years offered in the Année dropdowns. */
  years: number[];
  /** Extra note lines per sheet (framework notes, sources). */
  notes?: Partial<Record<InputKey, string[]>>;
  /** The workbook holds fictitious example data: every sheet that holds some says so. */
  example: boolean;
}

export const EXAMPLE_BANNER =
  'EXEMPLE FICTIF : les lignes de ce tableau sont des données d’illustration inventées par Suivi ESS (elles ne viennent d’aucun document). Remplacez-les par vos données réelles.';

export const GENERATED_NOTE =
  'Feuille générée par Suivi ESS à partir des feuilles de saisie, reconstruite à chaque consolidation : ne la modifiez pas, corrigez les feuilles de saisie.';

/** Rows below a table that carry its dropdowns and formats, for new entries. */
const ENTRY_ROWS = 500;

/** The seven contract sheets, in contract order. */
export function inputSheets(tables: Record<InputKey, InputTable>, options: InputSheetsOptions): PlacedSheet[] {
  const built = new Map<InputKey, PlacedSheet>();
  const sources: Partial<Record<'funders' | 'actions' | 'indicators', string>> = {};
  // Reference tables first, so that dropdowns can point at their code columns.
  const order: InputKey[] = ['cadre', 'funders', 'actions', 'indicators', 'convention', 'commitments', 'reports', 'realised', 'imports'];
  for (const key of order) {
    const spec = INPUT_TABLES[key];
    const input = tables[key];
    const b = new SheetBuilder(spec.sheet, false);
    b.line([spec.sheet + ' — ' + spec.purpose], 'title');
    for (const n of options.notes?.[key] ?? []) b.line([n], 'note');
    if (options.example && (key === 'commitments' || key === 'reports')) b.line([EXAMPLE_BANNER], 'example');
    b.blank();
    const known = [...spec.columns, ...spec.extra];
    const columns: ColumnDef[] = input.headers.map((h) => {
      const c = known.find((k) => k.header === h);
      const def: ColumnDef = { header: h, width: c?.width ?? Math.max(12, h.length + 2) };
      const format = c ? formatOfKind(c.kind) : null;
      if (format) def.format = format;
      const validation = c ? dropdown(key, c.field, options.years, sources) : null;
      if (validation) def.validation = validation;
      return def;
    });
    const t = b.table(spec.table, columns, input.rows, { extraRows: ENTRY_ROWS });
    b.freezeAt(t.headerRow);
    if (key === 'funders') sources.funders = t.columnRange('Code', ENTRY_ROWS);
    if (key === 'actions') sources.actions = t.columnRange('Code', ENTRY_ROWS);
    if (key === 'indicators') sources.indicators = t.columnRange('Code', ENTRY_ROWS);
    built.set(key, b.build());
  }
  return INPUT_ORDER.map((k) => built.get(k)!);
}

function dropdown(
  key: InputKey,
  field: string,
  years: number[],
  sources: Partial<Record<'funders' | 'actions' | 'indicators', string>>,
): ColumnDef['validation'] | null {
  const withSource = (s: string | undefined) => (s ? { source: s } : null);
  if (field === 'year' && years.length) return { list: years.map(String) };
  if (key === 'funders' && field === 'type') return { list: [...FUNDER_TYPES] };
  if (key === 'convention' && field === 'status') return { list: [...CONVENTION_STATUSES] };
  if (key === 'indicators' && field === 'aggregation') return { list: [...AGGREGATIONS] };
  if (field === 'funder') return withSource(sources.funders);
  if ((key === 'commitments' || key === 'reports' || key === 'realised') && field === 'action') return withSource(sources.actions);
  if (key === 'reports' && field === 'indicator') return withSource(sources.indicators);
  return null;
}

/** Inputs of the generated sheets. */
export interface GeneratedInput {
  findings: Finding[];
  consolidation: Consolidation;
  example: boolean;
}

export const GENERATED_EXAMPLE_LINE = 'EXEMPLE FICTIF : calculé sur des données d’illustration inventées, pas sur des données réelles.';

/** The top of every generated sheet: title, « generated » note, notes, and the example warning. */
export function generatedHeader(b: SheetBuilder, title: string, example: boolean, notes: string[] = []) {
  b.line([title], 'title');
  b.line([GENERATED_NOTE], 'note');
  for (const n of notes) b.line([n], 'note');
  if (example) b.line([GENERATED_EXAMPLE_LINE], 'example');
  b.blank();
}

export function controlsSheet(input: Pick<GeneratedInput, 'findings' | 'example'>): PlacedSheet {
  const g = GENERATED.controls;
  const b = new SheetBuilder(g.sheet, true);
  const errors = input.findings.filter((f) => f.severity === 'error').length;
  const warnings = input.findings.length - errors;
  generatedHeader(b, 'Contrôles — anomalies trouvées dans les feuilles de saisie', input.example, [
    errors + warnings === 0
      ? 'Aucune anomalie : les engagements correspondent à la convention et toutes les cellules sont lisibles.'
      : `${errors} erreur(s), ${warnings} avertissement(s). Cliquez sur une cellule de la colonne « Cellule » pour aller à la cellule en cause.`,
  ]);
  const money = (c: number | undefined) => (c === undefined ? null : centsToEuros(c));
  const rows: Cell[][] = input.findings.map((f) => [
    SEVERITY_LABEL[f.severity],
    f.rule,
    f.sheet,
    { text: f.cell, target: `${quoteSheet(f.sheet)}!${f.cell}` },
    f.message,
    money(f.expected),
    money(f.actual),
  ]);
  const t = b.table(
    g.table,
    [
      { header: 'Gravité', width: 16 },
      { header: 'Règle', width: 26 },
      { header: 'Feuille', width: 18 },
      { header: 'Cellule', width: 10 },
      { header: 'Message', width: 110 },
      { header: 'Attendu', format: 'money', width: 18 },
      { header: 'Constaté', format: 'money', width: 18 },
    ],
    rows,
  );
  b.freezeAt(t.headerRow);
  return b.build();
}

export function summarySheet(input: GeneratedInput): PlacedSheet {
  const g = GENERATED.summary;
  const c = input.consolidation;
  const b = new SheetBuilder(g.sheet, true);
  generatedHeader(b, 'Synthèse financière — engagements face à la convention, par financeur et par année', input.example);
  const rows: Cell[][] = c.totals.map((t) => [
    t.funder,
    t.year,
    t.convention === null ? null : centsToEuros(t.convention),
    centsToEuros(t.committed),
    (ref) => (t.convention === null ? null : { formula: `${ref('Engagé (€)')}-${ref('Convention (€)')}`, value: centsToEuros(t.gap ?? 0) }),
    (ref) =>
      t.convention === null || t.convention === 0
        ? null
        : { formula: `${ref('Engagé (€)')}/${ref('Convention (€)')}`, value: t.committed / t.convention },
  ]);
  const sum = (f: (t: (typeof c.totals)[number]) => number | null) => centsToEuros(c.totals.reduce((a, t) => a + (f(t) ?? 0), 0));
  const t = b.table(
    g.table,
    [
      { header: 'Financeur', width: 26 },
      { header: 'Année', format: 'year', width: 10 },
      { header: 'Convention (€)', format: 'money', width: 20 },
      { header: 'Engagé (€)', format: 'money', width: 20 },
      { header: 'Écart (€)', format: 'money', width: 18 },
      { header: "Taux d'engagement", format: 'percent', width: 18 },
    ],
    rows,
    {
      totals: {
        label: 'Total',
        sum: ['Convention (€)', 'Engagé (€)', 'Écart (€)'],
        values: { 'Convention (€)': sum((t) => t.convention), 'Engagé (€)': sum((t) => t.committed), 'Écart (€)': sum((t) => t.gap) },
      },
    },
  );
  b.freezeAt(t.headerRow);

  // Committed by axis, funder and year.
  b.blank();
  b.line(['Engagements par axe, par financeur et par année'], 'title');
  const yearHeaders = c.years.map(String);
  const axisRows: Cell[][] = c.byAxis.map((r) => [
    r.axis,
    r.funder,
    ...r.byYear.map(centsToEuros),
    (ref) => ({
      formula: `SUM(${ref(yearHeaders[0] ?? 'Total période')}:${ref(yearHeaders[yearHeaders.length - 1] ?? 'Total période')})`,
      value: centsToEuros(r.total),
    }),
  ]);
  const axisTotals: Record<string, number> = { 'Total période': centsToEuros(c.byAxis.reduce((a, r) => a + r.total, 0)) };
  c.years.forEach((y, i) => (axisTotals[String(y)] = centsToEuros(c.byAxis.reduce((a, r) => a + r.byYear[i], 0))));
  const byAxisTable = b.table(
    GENERATED.byAxis.table,
    [
      { header: 'Axe', width: 52 },
      { header: 'Financeur', width: 26 },
      ...yearHeaders.map((h): ColumnDef => ({ header: h, format: 'money', width: 18 })),
      { header: 'Total période', format: 'money', width: 20 },
    ],
    axisRows,
    { totals: { label: 'Total', sum: [...yearHeaders, 'Total période'], values: axisTotals } },
  );

  // Axis × funder over the period: what the chart shows.
  b.blank();
  b.line(['Engagements de la période par axe et par financeur'], 'title');
  const funders = [...new Set(c.totals.map((t) => t.funder))].filter((f) => c.byAxis.some((r) => r.funder === f));
  const axes = [...new Set(c.byAxis.map((r) => r.axis))];
  const cross = (axis: string, funder: string) => c.byAxis.find((r) => r.axis === axis && r.funder === funder)?.total ?? 0;
  const crossRows: Cell[][] = axes.map((axis) => [
    axis,
    ...funders.map((f) => centsToEuros(cross(axis, f))),
    (ref) =>
      funders.length === 0
        ? null
        : {
            formula: `SUM(${ref(funders[0])}:${ref(funders[funders.length - 1])})`,
            value: centsToEuros(funders.reduce((a, f) => a + cross(axis, f), 0)),
          },
  ]);
  const crossTotals: Record<string, number> = { Total: axisTotals['Total période'] };
  funders.forEach((f) => (crossTotals[f] = centsToEuros(axes.reduce((a, axis) => a + cross(axis, f), 0))));
  b.table(
    GENERATED.byAxisFunder.table,
    [
      { header: 'Axe', width: 52 },
      ...funders.map((f): ColumnDef => ({ header: f, format: 'money', width: 18 })),
      { header: 'Total', format: 'money', width: 20 },
    ],
    crossRows,
    { totals: { label: 'Total', sum: [...funders, 'Total'], values: crossTotals } },
  );
  const sheet = b.build();
  if (axes.length && funders.length) {
    sheet.charts = [
      {
        title: 'Engagements de la période par axe et par financeur',
        table: GENERATED.byAxisFunder.table,
        columns: ['Axe', ...funders],
        kind: 'columnClustered',
        // To the right of the widest table, level with the axis tables.
        anchor: cellAddress(byAxisTable.headerRow, Math.max(...sheet.tables.map((t) => t.columns.length)) + 2),
      },
    ];
  }
  return sheet;
}

export function matrixSheet(input: GeneratedInput): PlacedSheet {
  const c = input.consolidation;
  const b = new SheetBuilder(GENERATED.matrix.sheet, true);
  generatedHeader(b, 'Répartition des engagements par action et par financeur, pour chaque année', input.example, [
    c.matrices.length === 0
      ? 'Aucun engagement lisible pour l’instant.'
      : 'Une ligne par action engagée, une colonne par financeur ; les totaux sont des formules.',
  ]);
  for (const m of c.matrices) {
    b.line([`Année ${m.year}`], 'title');
    const funders = m.funders;
    const rows: Cell[][] = m.rows.map((r) => [
      r.action,
      r.title,
      ...r.cells.map(centsToEuros),
      (ref) => ({ formula: `SUM(${ref(funders[0])}:${ref(funders[funders.length - 1])})`, value: centsToEuros(r.total) }),
    ]);
    const values: Record<string, number> = { Total: centsToEuros(m.total) };
    funders.forEach((f, i) => (values[f] = centsToEuros(m.totals[i])));
    const t = b.table(
      `${GENERATED.matrix.tablePrefix}${m.year}`,
      [
        { header: 'Code action', width: 12 },
        { header: 'Intitulé', width: 60 },
        ...funders.map((f): ColumnDef => ({ header: f, format: 'money', width: Math.max(16, f.length + 2) })),
        { header: 'Total', format: 'money', width: 18 },
      ],
      rows,
      { totals: { label: 'Total', sum: [...funders, 'Total'], values } },
    );
    if (b.build().freezeRows === 0) b.freezeAt(t.headerRow);
    b.blank();
  }
  return b.build();
}

/** The period total's formula over the year cells of a row, by aggregation (every indicator view). */
export const PERIOD_FORMULA: Record<string, (cells: string[]) => string> = {
  Somme: (c) => `SUM(${c[0]}:${c[c.length - 1]})`,
  // Rounded to the millionth, as the tool computes averages.
  Moyenne: (c) => `ROUND(AVERAGE(${c[0]}:${c[c.length - 1]}),6)`,
  Maximum: (c) => `MAX(${c[0]}:${c[c.length - 1]})`,
  // The last year with a value, as nested IFs (LOOKUP(9.99E+307,…) answers #N/A in LibreOffice
  // when the range has blanks): IF(ISNUMBER(G7),G7,IF(ISNUMBER(F7),F7,E7)).
  'Dernière valeur': (c) => {
    const latestFirst = [...c].reverse();
    return latestFirst
      .slice(0, -1)
      .reduceRight((inner, cell) => `IF(ISNUMBER(${cell}),${cell},${inner})`, latestFirst[latestFirst.length - 1]);
  },
};

export function indicatorsSheet(input: GeneratedInput): PlacedSheet {
  const g = GENERATED.indicators;
  const c = input.consolidation;
  const b = new SheetBuilder(g.sheet, true);
  generatedHeader(b, 'Indicateurs consolidés à partir des bilans, par question évaluative', input.example, [
    'Le total de la période suit l’agrégation de chaque indicateur : Somme additionne les années, Moyenne fait la moyenne des années renseignées, Maximum retient la plus forte, Dernière valeur retient la dernière année renseignée.',
  ]);
  const yearHeaders = c.years.map(String);
  const rows: Cell[][] = c.indicators.map((i) => [
    i.question,
    i.code,
    i.label,
    i.unit,
    ...i.byYear,
    (ref) =>
      i.total === null || yearHeaders.length === 0
        ? null
        : { formula: PERIOD_FORMULA[i.aggregation](yearHeaders.map(ref)), value: i.total },
  ]);
  const t = b.table(
    g.table,
    [
      { header: g.leading[0], width: 50 },
      { header: g.leading[1], width: 30 },
      { header: g.leading[2], width: 50 },
      { header: g.leading[3], width: 14 },
      ...yearHeaders.map((h): ColumnDef => ({ header: h, format: 'number', width: 12 })),
      { header: g.total, format: 'number', width: 14 },
    ],
    rows,
  );
  b.freezeAt(t.headerRow);
  return b.build();
}

export function generatedSheets(input: GeneratedInput): PlacedSheet[] {
  return [controlsSheet(input), summarySheet(input), matrixSheet(input), indicatorsSheet(input)];
}

/** Every formula cell of the sheets with its address and the value the tool computed. */
export function formulaCells(sheets: PlacedSheet[]): { sheet: string; cell: string; formula: string; value: number | null }[] {
  const out: { sheet: string; cell: string; formula: string; value: number | null }[] = [];
  for (const s of sheets) {
    s.rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v && typeof v === 'object' && 'formula' in v)
          out.push({ sheet: s.name, cell: cellAddress(r + 1, c + 1), formula: v.formula, value: v.value });
      }),
    );
  }
  return out;
}
