import { createHash } from 'crypto';
import { readdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { openXlsxBytes } from '../src/adapters/node/files';
import { readContractTables } from '../src/commands/read-contract';
import { analyse } from '../src/core/analysis/analyse';
import { findFramework } from '../src/core/framework';
import { initSheets } from '../src/core/layout/init-sheets';
import { SUMMARY, CONTRIBUTIONS } from '../src/core/contract/tables';
import { headersOf } from '../src/core/contract/declare';
import type { PlacedSheet } from '../src/core/layout/placed';
import { cli, saveSheets, tempDir } from './support/files';
import { beyondExample } from './support/example';

const RA = findFramework('rhone-alpes-ces-2014-2016')!;
const tmp = tempDir('cli');
afterAll(() => tmp.cleanup());

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function readBack(file: string) {
  return openXlsxBytes(readFileSync(file), path.basename(file));
}

describe('frameworks and init', () => {
  test('frameworks lists the three framework ids', async () => {
    const r = await cli('frameworks');
    expect(r.code).toBe(0);
    expect(
      r.out
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]),
    ).toEqual(['rhone-alpes-ces-2014-2016', 'pays-de-la-loire-sress-2017-2021', 'centre-val-de-loire-sress-2018-2021']);
  });

  test.each(['rhone-alpes-ces-2014-2016', 'pays-de-la-loire-sress-2017-2021', 'centre-val-de-loire-sress-2018-2021'])(
    'init %s writes every sheet of the contract, readable back',
    async (id) => {
      const file = tmp.file(`${id}.xlsx`);
      const r = await cli('init', '--framework', id, '-o', file);
      expect(r).toMatchObject({ code: 0, err: '' });
      const reader = await readBack(file);
      expect(await reader.sheetNames()).toEqual(INPUT_SHEETS);
      const a = analyse(await readContractTables(reader));
      expect(a.evaluation.frame.id).toBe(id);
      // Nothing is committed yet: only the gaps to the convention's fixed amounts are reported
      // (errors for firm amounts; warnings for the State's provisional one and for the amounts
      // renewed « sous réserve » in 2015 and 2016, art. 3 and 4).
      const found = a.findings.map((f) => [f.rule, f.severity, f.params.funder, f.params.year, f.expected]);
      expect(found).toEqual(
        id === RA.id
          ? [
              ['ENGAGEMENTS-CONVENTION', 'error', 'REGION', 2014, 238750000],
              ['ENGAGEMENTS-CONVENTION', 'error', 'CDC', 2014, 108520000],
              ['ENGAGEMENTS-CONVENTION', 'warning', 'ETAT', 2014, 100000000],
              ['ENGAGEMENTS-CONVENTION', 'warning', 'REGION', 2015, 238750000],
              ['ENGAGEMENTS-CONVENTION', 'warning', 'ETAT', 2015, 100000000],
              ['ENGAGEMENTS-CONVENTION', 'warning', 'REGION', 2016, 238750000],
              ['ENGAGEMENTS-CONVENTION', 'warning', 'ETAT', 2016, 100000000],
            ]
          : [],
      );
      // Pays de la Loire: the 15 objectives as plan rows; its 3 bodies offered in Instances.
      if (id === 'pays-de-la-loire-sress-2017-2021') {
        expect(a.records.actions.map((x) => x.code)).toHaveLength(15);
        expect(a.records.actions[0]).toMatchObject({
          axis: expect.stringMatching(/^E1 – /),
          objective: expect.stringMatching(/^E1\.1 – /),
          code: 'E1.1',
        });
      }
      // A usable workbook: consolidate writes it whole, with its governance and evaluation sheets.
      const out = tmp.file(`${id}-consolide.xlsx`);
      expect((await cli('consolidate', file, '-o', out)).code).toBe(0);
      expect((await (await readBack(out)).sheetNames()).slice(-2)).toEqual(['Gouvernance', 'Évaluation']);
    },
  );

  test('init refuses to replace an existing file without --force', async () => {
    const file = tmp.file('exists.xlsx');
    writeFileSync(file, 'précieux');
    const r = await cli('init', '--framework', RA.id, '-o', file);
    expect(r.code).toBe(2);
    expect(r.err).toContain('existe déjà');
    expect(readFileSync(file, 'utf8')).toBe('précieux');
  });
});

/** The sheets a new workbook has: the contract's input tables, then the framework's reference sheet. */
const INPUT_SHEETS = [
  'Cadre',
  'Référentiel du cadre',
  'Financeurs',
  'Territoires',
  'Convention',
  'Plan d’actions',
  'Engagements',
  'Versements',
  'Indicateurs',
  'Indicateurs des actions',
  'Bilans',
  'Bilans qualitatifs',
  'Instances',
  'Appréciations',
  'Réalisé financier',
  'Historique des imports',
  'Clôtures',
];

describe('round trip: init --example, validate, consolidate, read back', () => {
  const example = tmp.file('exemple.xlsx');
  const out = tmp.file('consolide.xlsx');

  beforeAll(async () => {
    expect((await cli('init', '--framework', RA.id, '--example', '-o', example)).code).toBe(0);
  });

  test('validate --json prints ok with gap 0 for Région, État and CDC in 2014', async () => {
    const r = await cli('validate', example, '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.ok).toBe(true);
    expect(beyondExample(report.issues)).toEqual([]);
    const t2014 = report.totals.filter((t: { year: number }) => t.year === 2014);
    expect(t2014).toEqual([
      { funder: 'REGION', year: 2014, convention: 2387500, committed: 2387500, gap: 0, status: 'Ferme', bound: true },
      { funder: 'ETAT', year: 2014, convention: 1000000, committed: 1000000, gap: 0, status: 'Prévisionnel', bound: true },
      { funder: 'CDC', year: 2014, convention: 1085200, committed: 1085200, gap: 0, status: 'Ferme', bound: true },
      // A partner authority's contribution: recorded, outside the convention's amounts (art. 6).
      { funder: 'CG_ARDECHE', year: 2014, convention: null, committed: 15000, gap: null, status: null, bound: false },
    ]);
  });

  test('the example says on its sheets that its data are fictitious', async () => {
    const reader = await readBack(example);
    const tables = await readContractTables(reader);
    expect(tables.commitments.rows.length).toBeGreaterThan(20);
    expect(tables.commitments.rows.every((r) => r[5] === 'Exemple fictif')).toBe(true);
    expect(tables.reports.rows.every((r) => r[6] === 'Exemple fictif')).toBe(true);
    // The banner line sits above the table on the sheet itself.
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(example);
    const texts = [1, 2, 3].map((r) => String(wb.getWorksheet('Engagements')!.getCell(`A${r}`).value ?? ''));
    expect(texts.some((t) => t.startsWith('EXEMPLE FICTIF'))).toBe(true);
  });

  test('consolidate writes a new workbook whose tables give back the same totals', async () => {
    const before = sha(example);
    const r = await cli('consolidate', example, '-o', out);
    expect(r.code).toBe(0);
    expect(sha(example)).toBe(before);
    expect(readdirSync(tmp.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const reader = await readBack(out);
    expect(await reader.sheetNames()).toEqual([
      ...INPUT_SHEETS,
      'Contrôles',
      'Synthèse financière',
      'Répartition par action',
      'Indicateurs consolidés',
      'Indicateurs par axe',
      'Indicateurs par territoire',
      'Suivi des bilans',
      'Engagé, versé, déclaré, dépensé',
      'Gouvernance',
      'Évaluation',
    ]);
    // The input tables come back identical, and so do the totals.
    const a1 = analyse(await readContractTables(await readBack(example)));
    const a2 = analyse(await readContractTables(reader));
    expect(a2.records.commitments.map((c) => c.amount?.cents)).toEqual(a1.records.commitments.map((c) => c.amount?.cents));
    expect(a2.evaluation.totals).toEqual(a1.evaluation.totals);
    expect(a2.example).toBe(true);
    // The summary sheet holds the same committed amounts as the tool computed.
    const [summary] = await reader.readTables([{ sheet: SUMMARY.sheet, table: SUMMARY.table, headers: headersOf(SUMMARY) }]);
    if (!summary.ok) throw new Error('summary missing');
    const committed = summary.read.rows.map((row) => [row[0], row[2], row[5]]);
    expect(committed).toEqual(a1.evaluation.totals.filter((t) => t.bound).map((t) => [t.funder, t.year, t.committed / 100]));
    // The partner authorities' contributions are in their own table, never against an amount.
    const [contributions] = await reader.readTables([
      { sheet: CONTRIBUTIONS.sheet, table: CONTRIBUTIONS.table, headers: headersOf(CONTRIBUTIONS) },
    ]);
    if (!contributions.ok) throw new Error('contributions missing');
    expect(contributions.read.rows.map((row) => [row[0], row[3], row[4]])).toEqual([
      ['CG_ARDECHE', 2014, 15000],
      ['CG_ISERE', 2015, 20000],
    ]);
  });

  test('consolidate refuses to write over its input', async () => {
    const before = sha(example);
    const r = await cli('consolidate', example, '-o', example);
    expect(r.code).toBe(2);
    expect(r.err).toContain('doit être différent des fichiers lus');
    expect(sha(example)).toBe(before);
  });
});

describe('bad input: one French sentence, exit 2, no stack trace', () => {
  function sheetsWithout(mutate: (sheets: PlacedSheet[]) => PlacedSheet[]): PlacedSheet[] {
    return mutate(initSheets(RA, true));
  }

  test.each([
    [
      'a missing sheet',
      (s: PlacedSheet[]) => s.filter((x) => x.name !== 'Engagements'),
      /La feuille « Engagements » est attendue dans le classeur, elle est absente/,
    ],
    [
      'a renamed header',
      (s: PlacedSheet[]) => {
        const sheet = s.find((x) => x.name === 'Engagements')!;
        const t = sheet.tables[0];
        sheet.rows[t.headerRow - 1][3] = 'Montant';
        t.columns[3] = 'Montant';
        return s;
      },
      /Feuille « Engagements », cellule D\d+ : l’en-tête « Montant \(€\) » du tableau tblEngagements est attendu, « Montant » a été trouvé ; les en-têtes du tableau sont : Code action, /,
    ],
  ])('%s', async (_label, mutate, expected) => {
    const file = tmp.file(`bad-${_label.replace(/\W/g, '')}.xlsx`);
    await saveSheets(sheetsWithout(mutate), file);
    for (const args of [
      ['validate', file],
      ['consolidate', file, '-o', tmp.file('never.xlsx')],
    ]) {
      const r = await cli(...args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(expected);
      expect(r.err).not.toMatch(/\bat .*\.(ts|js):\d+/);
    }
    expect(readdirSync(tmp.dir)).not.toContain('never.xlsx');
  });

  test.each([
    ['an empty file', '', /est vide/],
    [
      'a text file named .xlsx',
      'Code action;Financeur\nI_1.2;REGION\n',
      /n'est pas un classeur Excel \(\.xlsx\) lisible|n’est pas un classeur/,
    ],
  ])('%s', async (_label, content, expected) => {
    const file = tmp.file(`f-${_label.replace(/\W/g, '')}.xlsx`);
    writeFileSync(file, content);
    const r = await cli('validate', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(expected);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  test('a missing file, an unknown command and a missing option', async () => {
    expect(await cli('validate', tmp.file('absent.xlsx'))).toMatchObject({ code: 2, err: expect.stringContaining('introuvable') });
    expect(await cli('valider')).toMatchObject({ code: 2, err: expect.stringContaining('Commande inconnue') });
    expect(await cli('consolidate', tmp.file('x.xlsx'))).toMatchObject({ code: 2, err: expect.stringContaining('-o') });
    expect(await cli('init', '--framework', 'nulle-part', '-o', tmp.file('y.xlsx'))).toMatchObject({
      code: 2,
      err: expect.stringContaining('cadre connu'),
    });
    expect((await cli()).code).toBe(2);
  });

  test('a table converted to a plain range is read from its headers, with a warning', async () => {
    const sheets = initSheets(RA, true);
    const eng = sheets.find((s) => s.name === 'Engagements')!;
    eng.tables = [];
    const file = tmp.file('plage.xlsx');
    await saveSheets(sheets, file);
    const r = await cli('validate', file, '--json');
    const report = JSON.parse(r.out);
    expect(r.code).toBe(0);
    expect(beyondExample<{ rule: string; severity: string }>(report.issues).map((i) => [i.rule, i.severity])).toEqual([
      ['TABLEAU-EN-PLAGE', 'warning'],
    ]);
    expect(report.totals.find((t: { funder: string; year: number }) => t.funder === 'REGION' && t.year === 2014).gap).toBe(0);
  });

  test('validate exits 1 when there are errors, and prints them grouped by sheet with their cell', async () => {
    const sheets = initSheets(RA, true);
    const eng = sheets.find((s) => s.name === 'Engagements')!;
    const t = eng.tables[0];
    eng.rows[t.headerRow][3] = 'douze mille';
    const file = tmp.file('erreurs.xlsx');
    await saveSheets(sheets, file);
    const r = await cli('validate', file);
    expect(r.code).toBe(1);
    expect(r.out).toContain('Feuille « Engagements »');
    expect(r.out).toContain(
      `Feuille « Engagements », cellule D${t.headerRow + 1} (Montant (€)) : un montant en euros est attendu, « douze mille » a été trouvé.`,
    );
    expect(r.out).toMatch(/Feuille « Convention »\n\s+Erreur/);
  });
});
