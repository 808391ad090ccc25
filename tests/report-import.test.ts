/** Pure checks of one filled report: marker, identification, values, financial report. */
import { headersOf, type TableDecl } from '../src/core/contract/declare';
import { REPORT_IDENTIFICATION, REPORT_MARKER, REPORT_MODEL, REPORT_REALISED, REPORT_VALUES } from '../src/core/contract/tables';
import { parseReport, type ImportContext, type ParsedReport, type ReportTables } from '../src/core/reports/parse-report';
import { renderFinding } from '../src/core/rules/render';
import type { CellValue, TableRead } from '../src/ports/workbook';
import { spaced } from './support/text';

const T = {
  model: REPORT_MODEL.model,
  version: REPORT_MODEL.version,
  marker: REPORT_MARKER,
  identification: REPORT_IDENTIFICATION,
  values: REPORT_VALUES,
  realised: REPORT_REALISED,
};
const refused = (r: ParsedReport) => r.findings.filter((f) => f.severity === 'error').map((f) => spaced(renderFinding(f)));
const warnings = (r: ParsedReport) => r.findings.filter((f) => f.severity === 'warning').map((f) => spaced(renderFinding(f)));
const ctx: ImportContext = {
  frameworkId: 'rhone-alpes-ces-2014-2016',
  period: { start: 2014, end: 2016 },
  actions: new Map([['I_1.2', 'Faire (re)découvrir le champ de l’ESS aux jeunes et aux étudiants']]),
  indicators: new Set(['PUBLIC_SENSIBILISE', 'EMPLOIS_CREES']),
  funderOf: (t) => (({ REGION: 'REGION', 'Région Rhône-Alpes': 'REGION', ETAT: 'ETAT' }) as Record<string, string>)[t.trim()] ?? null,
};

const table = (spec: TableDecl, rows: CellValue[][], headerRow = 5): TableRead => ({
  sheet: spec.sheet,
  table: spec.table,
  headerRow,
  firstCol: 1,
  headers: headersOf(spec),
  rows,
});

function report(
  over: Partial<{ marker: CellValue[][]; id: CellValue[][]; values: CellValue[][]; realised: CellValue[][] }> = {},
): ReportTables {
  return {
    marker: table(
      T.marker,
      over.marker ?? [
        ['Modèle', T.model],
        ['Version', T.version],
        ['Cadre', 'rhone-alpes-ces-2014-2016'],
        ['Action', 'I_1.2'],
        ['Année', 2014],
        ['Opérateur', null],
      ],
      1,
    ),
    identification: table(
      T.identification,
      over.id ?? [
        ['Action', 'I_1.2'],
        ['Intitulé de l’action', 'x'],
        ['Année', 2014],
        ['Opérateur', 'Association Exemple'],
      ],
      8,
    ),
    values: table(
      T.values,
      over.values ?? [
        ['PUBLIC_SENSIBILISE', 'l', 'personnes', '69', 120, null],
        ['PUBLIC_SENSIBILISE', 'l', 'personnes', 'QPV Lyon 8e', 30, null],
        ['EMPLOIS_CREES', 'l', 'emplois', null, null, null],
      ],
      15,
    ),
    realised: table(
      T.realised,
      over.realised ?? [
        ['64 – Charges de personnel', null, 10000, 12000, null, null, 'Recrutement'],
        ['74 – Subvention', 'REGION', 8000, 8000, null, null, null],
      ],
      4,
    ),
  };
}

test('a well-filled report gives its rows, with the file as source and the operator typed by the operator', () => {
  const r = parseReport('bilan.xlsx', report(), ctx);
  expect(refused(r)).toEqual([]);
  expect(r.reports).toEqual([
    ['I_1.2', 'Association Exemple', 2014, 'PUBLIC_SENSIBILISE', 120, '69', 'bilan.xlsx'],
    ['I_1.2', 'Association Exemple', 2014, 'PUBLIC_SENSIBILISE', 30, 'QPV Lyon 8e', 'bilan.xlsx'],
  ]);
  expect(r.realised).toEqual([
    ['I_1.2', 'Association Exemple', 2014, '64 – Charges de personnel', null, 10000, 12000, 'Recrutement', 'bilan.xlsx'],
    ['I_1.2', 'Association Exemple', 2014, '74 – Subvention', 'REGION', 8000, 8000, null, 'bilan.xlsx'],
  ]);
  expect(warnings(r)).toEqual([]);
});

test.each([
  ['no marker', { marker: undefined as never }, /un modèle de bilan Suivi ESS est attendu/],
  [
    'another version',
    {
      marker: [
        ['Modèle', T.model],
        ['Version', 0],
        ['Cadre', 'rhone-alpes-ces-2014-2016'],
        ['Action', 'I_1.2'],
        ['Année', 2014],
      ],
    },
    /un modèle de version 1 est attendu, la version « 0 » a été trouvée/,
  ],
  [
    'another framework',
    {
      marker: [
        ['Modèle', T.model],
        ['Version', 1],
        ['Cadre', 'autre'],
        ['Action', 'I_1.2'],
        ['Année', 2014],
      ],
    },
    /le cadre « autre » a été trouvé/,
  ],
  [
    'an unknown action',
    {
      marker: [
        ['Modèle', T.model],
        ['Version', 1],
        ['Cadre', 'rhone-alpes-ces-2014-2016'],
        ['Action', 'I_9'],
        ['Année', 2014],
      ],
    },
    /une action du Plan d’actions du classeur est attendue, « I_9 »/,
  ],
  [
    'a year outside the period',
    {
      marker: [
        ['Modèle', T.model],
        ['Version', 1],
        ['Cadre', 'rhone-alpes-ces-2014-2016'],
        ['Action', 'I_1.2'],
        ['Année', 2019],
      ],
    },
    /une année de la période du classeur \(2014-2016\) est attendue, « 2019 »/,
  ],
  [
    'an identification that disagrees',
    {
      id: [
        ['Action', 'I_1.2'],
        ['Année', 2015],
        ['Opérateur', 'A'],
      ],
    },
    /cellule B\d+ : la valeur du modèle « 2014 » est attendue \(année\), « 2015 »/,
  ],
  [
    'no operator',
    {
      id: [
        ['Action', 'I_1.2'],
        ['Année', 2014],
        ['Opérateur', null],
      ],
    },
    /le nom de l’opérateur est attendu/,
  ],
  [
    'an unknown indicator',
    { values: [['INCONNU', '', '', null, 3, null]] },
    /cellule A16 \(Indicateur\) : un code de la feuille « Indicateurs » est attendu, « INCONNU »/,
  ],
  [
    'a value that is not a number',
    { values: [['EMPLOIS_CREES', '', '', null, 'beaucoup', null]] },
    /cellule E16 \(Valeur\) : un nombre est attendu, « beaucoup »/,
  ],
  [
    'a negative count',
    { values: [['EMPLOIS_CREES', '', '', null, -2, null]] },
    /cellule E16 \(Valeur\) : un nombre positif ou nul est attendu/,
  ],
  [
    'an unreadable amount',
    { realised: [['64', null, 'dix', 5, null, null, null]] },
    /Réalisé », cellule C5 \(Prévu \(€\)\) : un montant en euros est attendu, « dix »/,
  ],
  [
    'an unknown funder',
    { realised: [['74 – Subvention', 'MECENE', 1, 1, null, null, null]] },
    /un financeur de la feuille « Financeurs » est attendu, « MECENE »/,
  ],
])('%s: the file is refused with the cell and the reason, and gives no row', (_l, over, reason) => {
  const tables = report(over as Parameters<typeof report>[0]);
  if ('marker' in over && over.marker === undefined) tables.marker = null;
  const r = parseReport('f.xlsx', tables, ctx);
  expect(refused(r).join(' ')).toMatch(reason);
  expect(r.reports).toEqual([]);
  expect(r.realised).toEqual([]);
});

test('text from the file stays text, values typed as text are read, missing gap comments are warned', () => {
  const r = parseReport(
    'f.xlsx',
    report({
      values: [['PUBLIC_SENSIBILISE', '', '', '=HYPERLINK("http://x")', '1 200', null]],
      realised: [['64', null, 1000, 2000, null, null, null]],
    }),
    ctx,
  );
  expect(refused(r)).toEqual([]);
  expect(r.reports[0][4]).toBe(1200);
  expect(r.reports[0][5]).toBe('=HYPERLINK("http://x")');
  expect(warnings(r).join(' ')).toMatch(/1 valeur\(s\) saisie\(s\) comme texte/);
  expect(warnings(r).join(' ')).toMatch(/plus de 15 % entre prévu et réalisé \(Cerfa n° 15059\), 1 écart\(s\) n’en ont pas/);
});

test('many errors are listed up to a limit, with the count of the rest', () => {
  const values = Array.from({ length: 12 }, () => ['INCONNU', '', '', null, 1, null] as CellValue[]);
  const r = parseReport('f.xlsx', report({ values }), ctx);
  expect(refused(r)).toHaveLength(9);
  expect(refused(r)[8]).toBe('Fichier « f.xlsx » : … et 4 autre(s) anomalie(s).');
});

test('a template left empty is refused, not imported as a report with no row', () => {
  const r = parseReport('vide.xlsx', report({ values: [['PUBLIC_SENSIBILISE', '', '', null, null, null]], realised: [] }), ctx);
  expect(refused(r).join(' ')).toMatch(/ce modèle n’a pas été complété/);
});
