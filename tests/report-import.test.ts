/** Pure checks of one filled report: marker, identification, values, financial report. */
import { headersOf, type TableDecl } from '../src/core/contract/declare';
import {
  QUALITATIVE_PARTS,
  REPORT_IDENTIFICATION,
  REPORT_MARKER,
  REPORT_MODEL,
  REPORT_PERIOD,
  REPORT_QUALITATIVE,
  REPORT_REALISED,
  REPORT_SIGNATURE,
  REPORT_VALUES,
  SIGNATURE_KEYS,
} from '../src/core/contract/tables';
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
        // Poste, Financeur, Prévu, Réalisé (granted for a subsidy), Reçu à date, Écart, Écart %, Commentaire.
        ['64 – Charges de personnel', null, 10000, 12000, null, null, null, 'Recrutement'],
        ['74 – Subvention', 'REGION', 8000, 8000, 8000, null, null, null],
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
    ['I_1.2', 'Association Exemple', 2014, '64 – Charges de personnel', null, 10000, 12000, null, 'Recrutement', 'bilan.xlsx'],
    ['I_1.2', 'Association Exemple', 2014, '74 – Subvention', 'REGION', 8000, 8000, 8000, null, 'bilan.xlsx'],
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
    /un modèle de version 1 ou 2 est attendu, la version « 0 » a été trouvée/,
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
    { realised: [['64', null, 'dix', 5, null, null, null, null]] },
    /Réalisé », cellule C5 \(Prévu \(€\)\) : un montant en euros est attendu, « dix »/,
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
      realised: [['64', null, 1000, 2000, null, null, null, null]],
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

describe('template 2: co-funders, granted and received, written parts, territories, indicators per action', () => {
  const rich: ImportContext = {
    ...ctx,
    actionIndicators: new Map([['I_1.2', ['PUBLIC_SENSIBILISE']]]),
    territoryOf: (t) => (({ '69': 'D69', Rhône: 'D69', 'Département du Rhône': 'D69' }) as Record<string, string>)[t.trim()] ?? null,
    reportsArticle: ' (§5)',
  };
  const written = (parts: (string | null)[], sheetRow = 30) =>
    table(
      REPORT_QUALITATIVE,
      QUALITATIVE_PARTS.map((p, i) => [p, parts[i] ?? null]),
      sheetRow,
    );
  const signature = (values: CellValue[]) =>
    table(
      REPORT_SIGNATURE,
      SIGNATURE_KEYS.map((k, i) => [k, values[i] ?? null]),
      40,
    );

  test('a co-funder the workbook does not list is imported as named, never refused; received beyond granted is warned at its cell', () => {
    const r = parseReport(
      'f.xlsx',
      report({
        realised: [
          ['74 – Subvention', 'FSE', 20000, 20000, 10000, null, null, null],
          ['74 – Subvention', 'Fondation fictive', 5000, 5000, 6000, null, null, null],
        ],
      }),
      ctx,
    );
    expect(refused(r)).toEqual([]);
    expect(r.realised.map((x) => x.slice(4, 8))).toEqual([
      ['FSE', 20000, 20000, 10000],
      ['Fondation fictive', 5000, 5000, 6000],
    ]);
    expect(r.findings.filter((f) => f.rule === 'BILAN-RECU-SUPERIEUR').map((f) => [f.sheet, f.cell])).toEqual([['Réalisé', 'E6']]);
    expect(warnings(r).join(' ')).toMatch(
      /un montant reçu à date au plus égal au montant accordé \(5 000,00 €\) est attendu, 6 000,00 € a été trouvé/,
    );
  });

  test('a known spelling of a territory is imported as its code; an unknown one as typed, with a warning at its cell', () => {
    const r = parseReport(
      'f.xlsx',
      report({
        values: [
          ['PUBLIC_SENSIBILISE', 'l', 'personnes', 'Rhône', 120, null],
          ['PUBLIC_SENSIBILISE', 'l', 'personnes', 'Département du Rhône', 30, null],
          ['PUBLIC_SENSIBILISE', 'l', 'personnes', 'Mars', 1, null],
        ],
      }),
      rich,
    );
    expect(refused(r)).toEqual([]);
    expect(r.reports.map((x) => x[5])).toEqual(['D69', 'D69', 'Mars']);
    expect(r.findings.filter((f) => f.rule === 'TERRITOIRE-INCONNU').map((f) => [f.sheet, f.cell])).toEqual([['Bilan', 'D18']]);
  });

  test('an indicator the action’s report does not ask is imported with a warning at its cell', () => {
    const r = parseReport('f.xlsx', report({ values: [['EMPLOIS_CREES', 'l', 'emplois', null, 2, null]] }), rich);
    expect(refused(r)).toEqual([]);
    expect(r.reports).toHaveLength(1);
    const f = r.findings.find((x) => x.rule === 'INDICATEUR-HORS-ACTION')!;
    expect([f.sheet, f.cell, f.severity]).toEqual(['Bilan', 'A16', 'warning']);
    expect(spaced(renderFinding(f))).toMatch(
      /un indicateur que le bilan de l’action I_1\.2 demande \(PUBLIC_SENSIBILISE\) est attendu, « EMPLOIS_CREES »/,
    );
  });

  test('written parts and signature go to Bilans qualitatifs; empty ones are warned at their cells', () => {
    const tables = {
      ...report(),
      qualitative: written(['Deux forums (fictif).', 'Trois cents jeunes (fictif).', null, 'Poursuivre.']),
      signature: signature(['A. Martin', 'Présidente', 42079]),
    };
    const r = parseReport('f.xlsx', tables, rich);
    expect(r.findings.map((f) => f.rule)).toEqual(['TERRITOIRE-INCONNU']); // « QPV Lyon 8e »: not in the territories
    expect(r.qualitative).toEqual([
      [
        'I_1.2',
        'Association Exemple',
        2014,
        'Année',
        'Deux forums (fictif).',
        'Trois cents jeunes (fictif).',
        null,
        'Poursuivre.',
        'A. Martin',
        'Présidente',
        42079,
        'f.xlsx',
      ],
    ]);
    const empty = parseReport('f.xlsx', { ...report(), qualitative: written([]), signature: signature(['A. Martin', null, 'hier']) }, rich);
    expect(refused(empty)).toEqual([]);
    const at = (rule: string) => empty.findings.filter((f) => f.rule === rule).map((f) => [f.sheet, f.cell]);
    expect(at('BILAN-QUALITATIF-VIDE')).toEqual([['Bilan', 'B31']]);
    expect(at('BILAN-SIGNATURE')).toEqual([['Bilan', 'B42']]);
    expect(warnings(empty).join(' ')).toMatch(/un bilan de la mise en œuvre de l’action et de ses résultats est attendu \(§5\)/);
    expect(warnings(empty).join(' ')).toMatch(/qualité, date manque\(nt\)/);
  });

  test('the last year’s report: its whole-period part becomes a row of its own; missing, a warning', () => {
    const marker2016 = [
      ['Modèle', T.model],
      ['Version', 2],
      ['Cadre', 'rhone-alpes-ces-2014-2016'],
      ['Action', 'I_1.2'],
      ['Année', 2016],
      ['Opérateur', null],
    ];
    const id2016 = [
      ['Action', 'I_1.2'],
      ['Intitulé de l’action', 'x'],
      ['Année', 2016],
      ['Opérateur', 'Association Exemple'],
    ];
    const period = table(
      REPORT_PERIOD,
      QUALITATIVE_PARTS.map((p, i) => [p, i === 1 ? 'Mille jeunes sur trois ans (fictif).' : null]),
      35,
    );
    const base = { ...report({ marker: marker2016, id: id2016 }), qualitative: written(['Fait (fictif).', 'Vu (fictif).']) };
    const r = parseReport('f.xlsx', { ...base, period }, rich);
    expect(r.qualitative.map((q) => [q[2], q[3], q[5]])).toEqual([
      [2016, 'Année', 'Vu (fictif).'],
      [2016, 'Toute la période', 'Mille jeunes sur trois ans (fictif).'],
    ]);
    const without = parseReport(
      'f.xlsx',
      {
        ...base,
        period: table(
          REPORT_PERIOD,
          QUALITATIVE_PARTS.map((p) => [p, null]),
          35,
        ),
      },
      rich,
    );
    expect(without.findings.filter((f) => f.rule === 'BILAN-PERIODE-VIDE').map((f) => [f.sheet, f.cell])).toEqual([['Bilan', 'B36']]);
    expect(refused(without)).toEqual([]);
  });

  test('a report of template version 1 still imports: its subsidy « Réalisé » was what was received', () => {
    const v1Headers = headersOf(REPORT_REALISED).filter((h) => h !== 'Reçu à date (€)');
    const realised: TableRead = {
      sheet: 'Réalisé',
      table: 'tblRealise',
      headerRow: 4,
      firstCol: 1,
      headers: v1Headers,
      rows: [
        ['64 – Charges de personnel', null, 10000, 12000, null, null, 'Recrutement'],
        ['74 – Subvention', 'REGION', 8000, 6000, null, null, 'Solde à venir'],
      ],
    };
    const r = parseReport(
      'v1.xlsx',
      {
        ...report({
          marker: [
            ['Modèle', T.model],
            ['Version', 1],
            ['Cadre', 'rhone-alpes-ces-2014-2016'],
            ['Action', 'I_1.2'],
            ['Année', 2014],
          ],
        }),
        realised,
      },
      rich,
    );
    expect(refused(r)).toEqual([]);
    expect(r.version).toBe(1);
    expect(r.realised.map((x) => x.slice(3, 9))).toEqual([
      ['64 – Charges de personnel', null, 10000, 12000, null, 'Recrutement'],
      ['74 – Subvention', 'REGION', 8000, 6000, 6000, 'Solde à venir'],
    ]);
    // A version 1 report has no written part: nothing is asked of it.
    expect(r.qualitative).toEqual([]);
    expect(r.findings.map((f) => f.rule)).not.toContain('BILAN-QUALITATIF-VIDE');
  });
});
