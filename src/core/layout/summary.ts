/**
 * `Synthèse financière`: commitments against the convention by funder and year (with the funder's
 * name and the status of the reference amount), then by axis, funder and year, then axis × funder
 * over the period with its chart. Gaps, rates and totals are formulas carrying their value.
 */
import { BY_AXIS, BY_AXIS_FUNDER, CONTRIBUTIONS, SUMMARY } from '../contract/tables';
import type { Consolidation } from '../consolidation/consolidate';
import { cellAddress } from '../shared/address';
import { centsToEuros } from '../shared/money';
import { maxOf } from '../shared/order';
import { SheetBuilder, type Cell, type ColumnDef } from './builder';
import { generatedHeader } from './header';
import type { PlacedSheet } from './placed';

export interface SummaryInput {
  consolidation: Consolidation;
  example: boolean;
}

const header = (field: string) => SUMMARY.columns.find((c) => c.field === field)!.header;

export function summarySheet(input: SummaryInput): PlacedSheet {
  const c = input.consolidation;
  const b = new SheetBuilder(SUMMARY.sheet, true);
  generatedHeader(b, 'Synthèse financière — engagements face à la convention, par financeur et par année', input.example, [
    'Statut : celui du montant de référence (ferme, prévisionnel, sous réserve) ; Écart = Engagé − Convention ; Taux d’engagement = Engagé ÷ Convention.',
  ]);
  const [committedH, conventionH] = [header('committed'), header('convention')];
  const bound = c.totals.filter((t) => t.bound);
  const rows: Cell[][] = bound.map((t) => [
    t.funder,
    c.funderNames.get(t.funder) ?? t.funder,
    t.year,
    t.status ? t.status.toLowerCase() : null,
    t.convention === null ? null : centsToEuros(t.convention),
    centsToEuros(t.committed),
    (ref) => (t.convention === null ? null : { formula: `${ref(committedH)}-${ref(conventionH)}`, value: centsToEuros(t.gap ?? 0) }),
    (ref) =>
      t.convention === null || t.convention === 0
        ? null
        : { formula: `${ref(committedH)}/${ref(conventionH)}`, value: t.committed / t.convention },
  ]);
  const sum = (f: (t: (typeof c.totals)[number]) => number | null) => centsToEuros(bound.reduce((a, t) => a + (f(t) ?? 0), 0));
  const t = b.declared(SUMMARY, rows, {
    totals: {
      label: 'Total',
      sum: [conventionH, committedH, header('gap')],
      values: { [conventionH]: sum((x) => x.convention), [committedH]: sum((x) => x.committed), [header('gap')]: sum((x) => x.gap) },
    },
  });
  b.freezeAt(t.headerRow);

  // Contributions outside the convention: partner authorities (art. 6 gives them no amount) and others.
  const free = c.totals.filter((x) => !x.bound);
  if (free.length) {
    b.blank();
    b.line(['Contributions des collectivités partenaires'], 'title');
    b.line(
      [
        'La convention ne leur fixe aucun montant (art. 6 pour le CES Rhône-Alpes) : leurs engagements sont consolidés ici, sans contrôle face à un montant de référence.',
      ],
      'note',
    );
    const committedC = CONTRIBUTIONS.columns.find((x) => x.field === 'committed')!.header;
    b.declared(
      CONTRIBUTIONS,
      free.map((x) => [
        x.funder,
        c.funderNames.get(x.funder) ?? x.funder,
        c.funderTypes.get(x.funder) ?? null,
        x.year,
        centsToEuros(x.committed),
      ]),
      { totals: { label: 'Total', sum: [committedC], values: { [committedC]: centsToEuros(free.reduce((a, x) => a + x.committed, 0)) } } },
    );
  }

  // Committed by axis, funder and year.
  b.blank();
  b.line(['Engagements par axe, par financeur et par année'], 'title');
  const yearHeaders = c.years.map(String);
  const periodTotal = 'Total période';
  const axisRows: Cell[][] = c.byAxis.map((r) => [
    r.axis,
    r.funder,
    ...r.byYear.map(centsToEuros),
    (ref) => ({
      formula: `SUM(${ref(yearHeaders[0] ?? periodTotal)}:${ref(yearHeaders[yearHeaders.length - 1] ?? periodTotal)})`,
      value: centsToEuros(r.total),
    }),
  ]);
  const axisTotals: Record<string, number> = { [periodTotal]: centsToEuros(c.byAxis.reduce((a, r) => a + r.total, 0)) };
  c.years.forEach((y, i) => (axisTotals[String(y)] = centsToEuros(c.byAxis.reduce((a, r) => a + r.byYear[i], 0))));
  const byAxisTable = b.declared(BY_AXIS, axisRows, {
    more: [
      ...yearHeaders.map((h): ColumnDef => ({ header: h, format: 'money', width: 18 })),
      { header: periodTotal, format: 'money', width: 20 },
    ],
    totals: { label: 'Total', sum: [...yearHeaders, periodTotal], values: axisTotals },
  });

  // Axis × funder over the period: what the chart shows.
  b.blank();
  b.line(['Engagements de la période par axe et par financeur'], 'title');
  const funders = [...new Set(c.totals.map((x) => x.funder))].filter((f) => c.byAxis.some((r) => r.funder === f));
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
  const crossTotals: Record<string, number> = { Total: axisTotals[periodTotal] };
  funders.forEach((f) => (crossTotals[f] = centsToEuros(axes.reduce((a, axis) => a + cross(axis, f), 0))));
  b.declared(BY_AXIS_FUNDER, crossRows, {
    more: [...funders.map((f): ColumnDef => ({ header: f, format: 'money', width: 18 })), { header: 'Total', format: 'money', width: 20 }],
    totals: { label: 'Total', sum: [...funders, 'Total'], values: crossTotals },
  });
  const sheet = b.build();
  if (axes.length && funders.length) {
    sheet.charts = [
      {
        title: 'Engagements de la période par axe et par financeur',
        table: BY_AXIS_FUNDER.table,
        columns: [BY_AXIS_FUNDER.columns[0].header, ...funders],
        kind: 'columnClustered',
        // To the right of the widest table, level with the axis tables.
        anchor: cellAddress(
          byAxisTable.headerRow,
          maxOf(
            sheet.tables.map((x) => x.columns.length),
            0,
          ) + 2,
        ),
      },
    ];
  }
  return sheet;
}
