/**
 * The open-data export against the SCDL « Subventions » 2.1.1 schema. The schema's rules are
 * written down below from its documentation (schema.data.gouv.fr, scdl/subventions 2.1.1; see
 * docs/export-scdl.md), independently of the exporter, and checked on every exported row.
 */
import { readFileSync, writeFileSync } from 'fs';
import { analyse } from '../src/core/analysis/analyse';
import { readContractTables } from '../src/commands/read-contract';
import { scdlFile } from '../src/commands/export-scdl';
import { scdlExport, toCsv } from '../src/core/exports/scdl';
import { findFramework } from '../src/core/framework';
import { initSheets } from '../src/core/layout/init-sheets';
import type { UserError } from '../src/core/shared/errors';
import { cli, saveSheets, tempDir } from './support/files';
import { MemoryWorkbook } from './support/memory-workbook';
import { spaced } from './support/text';

const RA = findFramework('rhone-alpes-ces-2014-2016')!;
const tmp = tempDir('scdl');
afterAll(() => tmp.cleanup());

// ---------------------------------------------------------------------------------------------
// The schema, from its documentation.

const FIELDS = [
  'nomAttribuant',
  'idAttribuant',
  'dateConvention',
  'referenceDecision',
  'nomBeneficiaire',
  'idBeneficiaire',
  'rnaBeneficiaire',
  'objet',
  'montant',
  'nature',
  'conditionsVersement',
  'datesPeriodeVersement',
  'idRAE',
  'notificationUE',
  'pourcentageSubvention',
  'dispositifAide',
];
const REQUIRED = [
  'nomAttribuant',
  'idAttribuant',
  'dateConvention',
  'nomBeneficiaire',
  'objet',
  'montant',
  'nature',
  'conditionsVersement',
  'datesPeriodeVersement',
  'notificationUE',
  'pourcentageSubvention',
];
const NATURES = ['aide en numéraire', 'aide en nature', 'aide en numéraire;aide en nature', 'aide en nature;aide en numéraire'];

/** python-stdnum's fr.siret: Luhn on the SIREN and the SIRET, except La Poste's establishments (sum of digits ÷ 5). */
function frenchSiret(v: string): boolean {
  const luhn = (s: string) =>
    [...s].reverse().reduce((sum, c, i) => {
      const d = Number(c) * (i % 2 ? 2 : 1);
      return sum + (d > 9 ? d - 9 : d);
    }, 0) %
      10 ===
    0;
  if (!/^\d{14}$/.test(v) || !luhn(v.slice(0, 9))) return false;
  if (v.startsWith('356000000') && v !== '35600000000048') return [...v].reduce((s, c) => s + Number(c), 0) % 5 === 0;
  return luhn(v);
}

const isoDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;

/** What the schema refuses in a row (field: reason), empty when the row is valid. */
function violations(row: Record<string, string>): string[] {
  const out: string[] = [];
  const bad = (field: string, why: string) => out.push(`${field}: ${why}`);
  for (const f of REQUIRED) if (!row[f]) bad(f, 'required');
  if (!row.idBeneficiaire && !row.rnaBeneficiaire) bad('idBeneficiaire', 'one of idBeneficiaire, rnaBeneficiaire required');
  if (row.idAttribuant && !frenchSiret(row.idAttribuant)) bad('idAttribuant', 'french-siret-value');
  if (row.idBeneficiaire && !frenchSiret(row.idBeneficiaire)) bad('idBeneficiaire', 'french-siret-value');
  if (row.rnaBeneficiaire && !/^W\d{9}$/.test(row.rnaBeneficiaire)) bad('rnaBeneficiaire', 'pattern');
  if (row.dateConvention && !isoDate(row.dateConvention)) bad('dateConvention', 'date');
  if (row.objet.length > 256) bad('objet', 'maxLength 256');
  if (row.montant && !/^-?\d+(\.\d+)?$/.test(row.montant)) bad('montant', 'number with a dot');
  if (row.nature && !NATURES.includes(row.nature)) bad('nature', 'enum');
  if (row.conditionsVersement.length > 256) bad('conditionsVersement', 'maxLength 256');
  const period = row.datesPeriodeVersement;
  if (period && (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}(\/[0-9]{4}-[0-9]{2}-[0-9]{2})?$/.test(period) || !period.split('/').every(isoDate)))
    bad('datesPeriodeVersement', 'pattern');
  if (row.idRAE.length > 5) bad('idRAE', 'maxLength 5');
  if (row.notificationUE && !['oui', 'non'].includes(row.notificationUE)) bad('notificationUE', 'boolean oui/non');
  const share = Number(row.pourcentageSubvention);
  if (row.pourcentageSubvention && !(/^\d+(\.\d+)?$/.test(row.pourcentageSubvention) && share >= 0.01 && share <= 1))
    bad('pourcentageSubvention', 'between 0.01 and 1');
  return out;
}

/** RFC 4180, as a data portal reads the file. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += c;
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

function records(csv: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(csv);
  expect(header).toEqual(FIELDS);
  for (const r of rows) expect(r).toHaveLength(FIELDS.length);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

// ---------------------------------------------------------------------------------------------

const example = () => new MemoryWorkbook(initSheets(RA, true));
const check = async (wb: MemoryWorkbook) => analyse(await readContractTables(wb));
const funder = (a: Awaited<ReturnType<typeof check>>, code: string) => a.records.funders.find((f) => f.code === code)!;

test('the rules written from the documentation refuse what they should (the check is not vacuous)', () => {
  const good: Record<string, string> = {
    nomAttribuant: 'Région Bretagne',
    idAttribuant: '23350001600040',
    dateConvention: '2017-06-27',
    referenceDecision: '2017-03-103',
    nomBeneficiaire: 'Association',
    idBeneficiaire: '38047555800058',
    rnaBeneficiaire: 'W380475558',
    objet: 'Animations',
    montant: '47800.20',
    nature: 'aide en numéraire',
    conditionsVersement: 'échelonné',
    datesPeriodeVersement: '2017-03-14/2018-03-14',
    idRAE: '',
    notificationUE: 'non',
    pourcentageSubvention: '1',
    dispositifAide: '',
  };
  expect(violations(good)).toEqual([]);
  const broken: [string, string][] = [
    ['idAttribuant', '73282932000079'],
    ['dateConvention', '2017-02-30'],
    ['montant', '47 800,20'],
    ['nature', 'Aide en numéraire'],
    ['datesPeriodeVersement', '2017-03-14_2018-03-14'],
    ['notificationUE', 'Non'],
    ['pourcentageSubvention', '0'],
    ['pourcentageSubvention', '1.5'],
    ['objet', 'x'.repeat(257)],
    ['nomBeneficiaire', ''],
  ];
  for (const [field, value] of broken) expect(violations({ ...good, [field]: value })).not.toEqual([]);
  expect(violations({ ...good, idBeneficiaire: '', rnaBeneficiaire: '' })).not.toEqual([]);
  expect(violations({ ...good, idBeneficiaire: '' })).toEqual([]);
});

describe('the export of the example', () => {
  test('the Région’s commitments above 23 000 €: 16 columns in order, every row valid', async () => {
    const a = await check(example());
    const file = scdlFile(a, 'REGION', false);
    expect(file.fileName).toBe('subventions-region.csv');
    const rows = records(file.csv);
    expect(rows.length).toBe(file.rows);
    const commitments = a.records.commitments.filter((c) => c.funder === 'REGION');
    const above = commitments.filter((c) => c.amount!.cents > 2_300_000);
    expect(rows).toHaveLength(above.length);
    expect(file.belowThreshold).toBe(commitments.length - above.length);
    for (const r of rows) expect({ r: r.objet, v: violations(r) }).toEqual({ r: r.objet, v: [] });
    // Amounts to the cent, with a dot; the total is the Région's commitments above the threshold.
    const cents = rows.reduce((s, r) => s + Math.round(Number(r.montant) * 100), 0);
    expect(cents).toBe(above.reduce((s, c) => s + c.amount!.cents, 0));
    expect(rows.every((r) => /^\d+\.\d\d$/.test(r.montant))).toBe(true);
    // The example is fictitious, and each row says so in its purpose.
    expect(rows.every((r) => /fictif|fictive/.test(r.objet))).toBe(true);
    expect(new Set(rows.map((r) => r.nomAttribuant))).toEqual(new Set(['Région Rhône-Alpes']));
  });

  test('the payment period: the payments’ dates when there are, else the commitment’s year', async () => {
    const a = await check(example());
    const rows = scdlExport(a, funder(a, 'REGION'), true).rows;
    const periods = rows.map((r) => r.datesPeriodeVersement);
    // The first 2014 commitment: an advance and its balance; the others: an advance only; 2015: none yet.
    expect(periods).toContain('2014-09-15/2015-06-30');
    expect(periods).toContain('2014-09-15');
    expect(periods).toContain('2015-01-01/2015-12-31');
  });

  test('--tout includes the small commitments; 23 000 € exactly is not above the threshold', async () => {
    const wb = example();
    wb.append('tblEngagements', {
      'Code action': 'I_1.2',
      Financeur: 'VILLE_LYON',
      Année: 2015,
      'Montant (€)': 23000,
      Bénéficiaire: 'Association, dite « la "Ruche" » (fictive)',
      SIRET: '38047555800058',
      'Date de décision': '2015-05-12',
      Objet: 'Fonctionnement (exemple fictif)',
      'Nature de l’aide': 'Aide en nature',
      'Conditions de versement': 'Unique',
      'Notification UE': 'Oui',
    });
    const a = await check(wb);
    const lyon = { ...funder(a, 'VILLE_LYON'), siret: '21690123100011' };
    expect(scdlExport(a, lyon, false)).toMatchObject({ rows: [], belowThreshold: 1 });
    const all = scdlExport(a, lyon, true);
    expect(all.findings).toEqual([]);
    const [row] = records(toCsv(all.rows));
    expect(violations(row)).toEqual([]);
    // A comma and quotes in a name survive the round trip.
    expect(row).toMatchObject({
      nomBeneficiaire: 'Association, dite « la "Ruche" » (fictive)',
      montant: '23000.00',
      nature: 'aide en nature',
      conditionsVersement: 'unique',
      notificationUE: 'oui',
      datesPeriodeVersement: '2015-01-01/2015-12-31',
    });
  });
});

describe('refusals: nothing is written rather than an invalid file', () => {
  test('each missing datum is listed at its cell, in French', async () => {
    const wb = example();
    const row = wb.append('tblEngagements', {
      'Code action': 'I_1.2',
      Financeur: 'REGION',
      Année: 2016,
      'Montant (€)': 50000,
      Bénéficiaire: 'Association B (fictive)',
    });
    const a = await check(wb);
    const e = scdlExport(a, funder(a, 'REGION'), false);
    expect(e.findings.map((f) => [f.rule, f.cell])).toEqual([
      ['SCDL-CHAMP-MANQUANT', `J${row}`], // Date de décision
      ['SCDL-CHAMP-MANQUANT', `H${row}`], // SIRET (or RNA)
      ['SCDL-CHAMP-MANQUANT', `K${row}`], // Objet
      ['SCDL-CHAMP-MANQUANT', `L${row}`], // Nature de l’aide
      ['SCDL-CHAMP-MANQUANT', `M${row}`], // Conditions de versement
      ['SCDL-CHAMP-MANQUANT', `N${row}`], // Notification UE
    ]);
    let refusal: UserError | null = null;
    try {
      scdlFile(a, 'REGION', false);
    } catch (x) {
      refusal = x as UserError;
    }
    expect(refusal?.code).toBe('EXPORT-REFUSE');
    expect(spaced(refusal!.message)).toContain(`Feuille « Engagements », cellule J${row}`);
  });

  test('the funder’s own SIRET is required; a text a spreadsheet would run as a formula is refused', async () => {
    const wb = example();
    const f = wb.rowWhere('tblFinanceurs', { Code: 'ETAT' });
    wb.set('Financeurs', wb.at('tblFinanceurs', 'SIRET', f), null);
    const c = wb.rowWhere('tblEngagements', { Financeur: 'ETAT', Année: 2014 });
    wb.set('Engagements', wb.at('tblEngagements', 'Bénéficiaire', c), '=HYPERLINK("http://x","clic")');
    const a = await check(wb);
    const e = scdlExport(a, funder(a, 'ETAT'), false);
    expect(e.rows).toEqual([]);
    expect(e.findings.map((x) => [x.rule, x.sheet, x.cell])).toEqual(
      expect.arrayContaining([
        ['SCDL-CHAMP-MANQUANT', 'Financeurs', wb.at('tblFinanceurs', 'SIRET', f)],
        ['SCDL-VALEUR', 'Engagements', wb.at('tblEngagements', 'Bénéficiaire', c)],
      ]),
    );
  });
});

describe('the command line', () => {
  const book = tmp.file('suivi.xlsx');
  beforeAll(async () => saveSheets(initSheets(RA, true), book));

  test('export-scdl writes the CSV through a temporary file, UTF-8, and never over an existing file', async () => {
    const out = tmp.file('subventions-region.csv');
    const r = await cli('export-scdl', book, '--financeur', 'REGION', '-o', out);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(
      /Données essentielles écrites : .*subventions-region\.csv \(\d+ subvention\(s\), schéma SCDL « Subventions » 2\.1\.1( ; \d+ engagement\(s\) de 23 000 € ou moins laissés de côté \(--tout pour les inclure\))?\)\.$/m,
    );
    const bytes = readFileSync(out);
    expect(bytes[0]).not.toBe(0xef); // no byte-order mark
    for (const row of records(bytes.toString('utf8'))) expect(violations(row)).toEqual([]);
    writeFileSync(out, 'précieux');
    expect((await cli('export-scdl', book, '--financeur', 'REGION', '-o', out)).code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('précieux');
    const unknown = await cli('export-scdl', book, '--financeur', 'MECENE', '-o', tmp.file('x.csv'));
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/MECENE/);
  });

  test('clore then rouvrir: a closing row, its refusals, and the fingerprint checked by validate', async () => {
    const closed = tmp.file('clos.xlsx');
    const r = await cli(
      'clore',
      book,
      '--annee',
      '2014',
      '--financeur',
      'REGION',
      '--motif',
      'Compte administratif voté',
      '--par',
      'Service financier (fictif)',
      '-o',
      closed,
    );
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^REGION 2014 clos par Service financier \(fictif\) \(empreinte [0-9a-f]{12}…\) : classeur écrit /);
    const v = JSON.parse((await cli('validate', closed, '--json')).out);
    expect(v.ok).toBe(true);
    expect(v.issues.filter((i: { rule: string }) => i.rule.startsWith('CLOTURE'))).toEqual([]);
    const again = await cli('clore', closed, '--annee', '2014', '--financeur', 'REGION', '--motif', 'x', '-o', tmp.file('deux.xlsx'));
    expect(again.code).toBe(2);
    expect(again.err).toContain('est déjà clos depuis le');
    const noReason = await cli('rouvrir', closed, '--annee', '2014', '--financeur', 'REGION', '-o', tmp.file('r.xlsx'));
    expect(noReason.code).toBe(2);
    expect(noReason.err).toContain('Un motif est attendu après --motif');
    const reopened = await cli(
      'rouvrir',
      closed,
      '--annee',
      '2014',
      '--financeur',
      'REGION',
      '--motif',
      'Correction',
      '-o',
      tmp.file('r.xlsx'),
    );
    expect(reopened.code).toBe(0);
    expect(reopened.out).toMatch(/^REGION 2014 rouvert par /);
  });
});
