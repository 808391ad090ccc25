/**
 * Issue 9: the contract's three years for finance officers. Each rule is tested at its cell, on
 * the built-in example (fictitious data) changed as a user would change it.
 */
import { analyse, type Analysis } from '../src/core/analysis/analyse';
import { readContractTables } from '../src/commands/read-contract';
import { validationReport } from '../src/commands/validate';
import { withClosing, type ClosingRequest } from '../src/commands/close';
import { copiedInputSheets } from '../src/commands/consolidate';
import { findFramework } from '../src/core/framework';
import { frameworkNotes, frameworkTables, periodOf } from '../src/core/framework/workbook-tables';
import { inputSheets } from '../src/core/layout';
import { initSheets } from '../src/core/layout/init-sheets';
import { renderFinding } from '../src/core/rules/render';
import { validSiret } from '../src/core/contract/cell-kinds';
import { INPUT_ORDER, INPUT_TABLES } from '../src/core/contract/tables';
import { UserError } from '../src/core/shared/errors';
import type { CellValue } from '../src/ports/workbook';
import { beyondExample } from './support/example';
import { MemoryWorkbook } from './support/memory-workbook';
import { spaced } from './support/text';

const RA = findFramework('rhone-alpes-ces-2014-2016')!;
const PDL = findFramework('pays-de-la-loire-sress-2017-2021')!;

const example = () => new MemoryWorkbook(initSheets(RA, true));
const check = async (wb: MemoryWorkbook) => analyse(await readContractTables(wb));
const msg = (f: Parameters<typeof renderFinding>[0]) => spaced(renderFinding(f));
const errors = (a: Analysis) => a.findings.filter((f) => f.severity === 'error');
const at = (a: Analysis, sheet: string, cell: string, rule: string) =>
  a.findings.filter((f) => f.sheet === sheet && f.cell === cell && f.rule === rule);
const total = (a: Analysis, funder: string, year: number) => a.evaluation.totals.find((t) => t.funder === funder && t.year === year)!;

/** The sum of a funder-year's commitments in the workbook, in euros. */
function committedEuros(wb: MemoryWorkbook, funder: string, year: number): number {
  const s = wb.sheet('Engagements');
  const t = s.tables[0];
  let cents = 0;
  for (let r = t.headerRow + 1; r <= s.rows.length; r++) {
    const row = s.rows[r - 1] ?? [];
    if (row[1] === funder && row[2] === year) cents += Math.round(Number(row[3]) * 100);
  }
  return cents / 100;
}

describe('the convention as a ledger', () => {
  test('a Convention row of a signed year must equal the signed amount; the press page’s figure is named as such', async () => {
    const wb = example();
    const row = wb.rowWhere('tblConvention', { Financeur: 'CDC', Année: 2014 });
    wb.set('Convention', wb.at('tblConvention', 'Montant (€)', row), 1152000);
    // …and as much committed: the totals agree, the signed amount does not.
    wb.append('tblEngagements', { 'Code action': 'I_1.2', Financeur: 'CDC', Année: 2014, 'Montant (€)': 66800 });
    const a = await check(wb);
    const cell = wb.at('tblConvention', 'Montant (€)', row);
    const [f] = at(a, 'Convention', cell, 'MONTANT-SIGNE');
    expect(f).toMatchObject({ severity: 'error', expected: 108520000, actual: 115200000 });
    expect(msg(f)).toContain('art. 5');
    expect(msg(f)).toContain('1 085 200,00 €');
    expect(msg(f)).toContain('page de presse');
    expect(errors(a).map((x) => x.rule)).toEqual(['MONTANT-SIGNE']);
    expect(validationReport(a).ok).toBe(false);
  });

  test('a year voted above the reference amount, over-committed: both are errors, citing art. 7', async () => {
    // The case: a Région 2015 row of 2 400 000 € marked Ferme, 2 500 000 € committed.
    const wb = example();
    const vote = wb.rowWhere('tblConvention', { Financeur: 'REGION', Année: 2015, Nature: 'Vote' });
    wb.set('Convention', wb.at('tblConvention', 'Montant (€)', vote), 2400000);
    wb.append('tblEngagements', {
      'Code action': 'I_1.2',
      Financeur: 'REGION',
      Année: 2015,
      'Montant (€)': 2500000 - committedEuros(wb, 'REGION', 2015),
    });
    const a = await check(wb);
    const [v] = at(a, 'Convention', wb.at('tblConvention', 'Montant (€)', vote), 'VOTE-DIFFERENT');
    expect(v).toMatchObject({ severity: 'error', expected: 238750000, actual: 240000000 });
    expect(msg(v)).toContain('art. 7');
    const over = a.findings.find((x) => x.rule === 'ENGAGEMENTS-AU-DELA')!;
    expect(over).toMatchObject({ severity: 'error', expected: 238750000, actual: 250000000, params: { funder: 'REGION', year: 2015 } });
    // Reported at the base row of the year, the one that fixes the amount.
    expect(over.cell).toBe(
      wb.at('tblConvention', 'Montant (€)', wb.rowWhere('tblConvention', { Financeur: 'REGION', Année: 2015, Nature: 'Convention' })),
    );
  });

  test('above an amount « sous réserve » is an error too; below it, a warning; below a firm vote, an error', async () => {
    const wb = example();
    wb.append('tblEngagements', { 'Code action': 'I_1.2', Financeur: 'ETAT', Année: 2015, 'Montant (€)': 0.01 });
    const above = (await check(wb)).findings.find((x) => x.rule === 'ENGAGEMENTS-AU-DELA')!;
    expect(above).toMatchObject({ severity: 'error', params: { funder: 'ETAT', year: 2015, status: 'sous réserve' } });

    const below = example();
    below.append('tblEngagements', { 'Code action': 'I_1.2', Financeur: 'ETAT', Année: 2015, 'Montant (€)': -0.01 });
    // A negative commitment is refused at its cell; lower one of the State's instead.
    const lower = example();
    const r = lower.rowWhere('tblEngagements', { Financeur: 'ETAT', Année: 2015 });
    const cell = lower.at('tblEngagements', 'Montant (€)', r);
    lower.set('Engagements', cell, Number(lower.get('Engagements', cell)) - 1);
    let a = await check(lower);
    expect(a.findings.find((x) => x.rule === 'ENGAGEMENTS-CONVENTION' && x.params.year === 2015)).toMatchObject({
      severity: 'warning',
      actual: 99999900,
    });
    // The State votes its 2015 budget, firm: the same gap is now an error.
    lower.append('tblConvention', {
      Financeur: 'ETAT',
      Année: 2015,
      'Montant (€)': 1000000,
      Statut: 'Ferme',
      Source: 'Loi de finances 2015',
      Nature: 'Vote',
      Date: '2014-12-29',
      Référence: 'LF-2015',
    });
    a = await check(lower);
    expect(a.findings.find((x) => x.rule === 'ENGAGEMENTS-CONVENTION' && x.params.year === 2015)).toMatchObject({ severity: 'error' });
    expect(total(a, 'ETAT', 2015).status).toBe('Ferme');
  });

  test('an avenant without date or reference, a vote without its deliberation: an error at each empty cell', async () => {
    const wb = example();
    const avenant = wb.append('tblConvention', {
      Financeur: 'CDC',
      Année: 2016,
      'Montant (€)': 500000,
      Statut: 'Ferme',
      Source: 'Avenant n° 2',
      Nature: 'Avenant',
    });
    const vote = wb.append('tblConvention', {
      Financeur: 'REGION',
      Année: 2016,
      'Montant (€)': 2387500,
      Statut: 'Ferme',
      Source: 'Vote du budget 2016',
      Nature: 'Vote',
      Date: '2016-03-20',
    });
    const a = await check(wb);
    const incomplete = a.findings.filter((f) => f.rule === 'DECISION-INCOMPLETE');
    expect(incomplete.map((f) => [f.cell, f.severity])).toEqual([
      [wb.at('tblConvention', 'Date', avenant), 'error'],
      [wb.at('tblConvention', 'Référence', avenant), 'error'],
      [wb.at('tblConvention', 'Référence', vote), 'error'],
    ]);
    expect(msg(incomplete[2])).toContain('délibération');
    // The amendment fixes the CDC's 2016 amount: 5 000 € committed against 5 000 € is no error.
    expect(total(a, 'CDC', 2016).convention).toBe(50000000);
  });

  test('an amendment is a movement that adds to the reference amount, never an overwrite', async () => {
    const wb = example();
    wb.append('tblConvention', {
      Financeur: 'REGION',
      Année: 2014,
      'Montant (€)': -1000,
      Statut: 'Ferme',
      Source: 'Avenant n° 1',
      Nature: 'Avenant',
      Date: '2014-11-03',
      Référence: 'AV-1',
    });
    let a = await check(wb);
    expect(total(a, 'REGION', 2014)).toMatchObject({ convention: 238650000, committed: 238750000, gap: 100000 });
    expect(a.findings.find((f) => f.rule === 'ENGAGEMENTS-AU-DELA')?.params.funder).toBe('REGION');
    // A negative base row is refused: only an avenant may lower an amount.
    const base = example();
    base.append('tblConvention', {
      Financeur: 'ETAT',
      Année: 2016,
      'Montant (€)': -1000,
      Statut: 'Ferme',
      Source: 'Correction',
      Nature: 'Convention',
    });
    a = await check(base);
    expect(a.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['MONTANT-NEGATIF-HORS-AVENANT', 'MONTANT-SANS-AVENANT']));
  });

  test('the rule texts cite the framework’s own article: never « art. 7 » in a Pays de la Loire workbook', async () => {
    const second = (f: typeof RA, year: number) => {
      const wb = new MemoryWorkbook(initSheets(f, false));
      for (let i = 0; i < 2; i++)
        wb.append('tblConvention', {
          Financeur: 'REGION',
          Année: year,
          'Montant (€)': 1000,
          Statut: 'Ferme',
          Source: `Délibération ${i}`,
          Nature: 'Convention',
        });
      return wb;
    };
    const ra = (await check(second(RA, 2016))).findings.find((f) => f.rule === 'MONTANT-SANS-AVENANT')!;
    expect(msg(ra)).toContain('avenant (art. 7)');
    const pdl = (await check(second(PDL, 2018))).findings.find((f) => f.rule === 'MONTANT-SANS-AVENANT')!;
    expect(msg(pdl)).toContain('passe par un avenant');
    expect(msg(pdl)).not.toContain('art. 7');
  });
});

describe('partner authorities', () => {
  test('a Ville de Lyon commitment is a contribution, in its own section, never an art. 7 error', async () => {
    const wb = example();
    wb.append('tblEngagements', { 'Code action': 'I_1.2', Financeur: 'VILLE_LYON', Année: 2015, 'Montant (€)': 12000 });
    const a = await check(wb);
    expect(beyondExample(a.findings)).toEqual([]);
    expect(total(a, 'VILLE_LYON', 2015)).toMatchObject({ bound: false, convention: null, committed: 1200000, gap: null });
    expect(validationReport(a).ok).toBe(true);
  });

  test.each([
    ['Métropole de Lyon', 'GRAND_LYON'],
    ['Conseil départemental de l’Isère', 'CG_ISERE'],
    ['Région Auvergne-Rhône-Alpes', 'REGION'],
  ])('the name used from 2015–2016, %p, is recognised as %p (a warning asks for the code)', async (name, code) => {
    const wb = example();
    const row = wb.append('tblEngagements', { 'Code action': 'I_1.2', Financeur: name, Année: 2016, 'Montant (€)': 1000 });
    const a = await check(wb);
    expect(at(a, 'Engagements', wb.at('tblEngagements', 'Financeur', row), 'FINANCEUR-NOM')).toHaveLength(1);
    expect(total(a, code, 2016).committed).toBeGreaterThanOrEqual(100000);
  });
});

describe('commitments with their beneficiary', () => {
  test.each([
    ['SIRET', '12345678901234', 'SIRET-INVALIDE'],
    ['SIRET', '3560000000000', 'SIRET-INVALIDE'],
    ['SIRET', '7328293200007A', 'SIRET-INVALIDE'],
    ['RNA', 'W12345678', 'RNA-INVALIDE'],
    ['RNA', 'X123456789', 'RNA-INVALIDE'],
  ])('%s %p is an error at its cell', async (header, value, rule) => {
    const wb = example();
    const row = wb.append('tblEngagements', {
      'Code action': 'I_1.2',
      Financeur: 'VILLE_LYON',
      Année: 2015,
      'Montant (€)': 10,
      [header]: value,
    });
    const [f] = at(await check(wb), 'Engagements', wb.at('tblEngagements', header, row), rule);
    expect(f.severity).toBe('error');
    expect(msg(f)).toContain(`« ${value} » a été trouvé`);
  });

  test('a valid SIRET (Luhn, or La Poste’s sum of digits) and RNA pass, typed as text or as a number', async () => {
    expect(['23350001600040', '38047555800058', '35600000000048', '35600000000001'].every(validSiret)).toBe(true);
    expect(['73282932000079', '35600000000002'].some(validSiret)).toBe(false);
    const wb = example();
    wb.append('tblEngagements', {
      'Code action': 'I_1.2',
      Financeur: 'VILLE_LYON',
      Année: 2015,
      'Montant (€)': 10,
      SIRET: 38047555800058,
      RNA: 'W380475558',
    });
    const a = await check(wb);
    expect(a.findings.filter((f) => f.rule === 'SIRET-INVALIDE' || f.rule === 'RNA-INVALIDE')).toEqual([]);
    expect(a.records.commitments.at(-1)).toMatchObject({ siret: '38047555800058', rna: 'W380475558' });
  });
});

describe('payments', () => {
  const pay = (wb: MemoryWorkbook, values: Record<string, CellValue>) =>
    wb.append('tblVersements', { Type: 'Acompte', Date: '2015-01-15', Référence: 'M-T', ...values });

  test('a payment without a matching commitment is an error at its amount', async () => {
    const wb = example();
    const row = pay(wb, { 'Code action': 'I_1.2', Financeur: 'ETAT', Année: 2016, 'Montant (€)': 100 });
    const [f] = at(await check(wb), 'Versements', wb.at('tblVersements', 'Montant (€)', row), 'VERSEMENT-SANS-ENGAGEMENT');
    expect(f.severity).toBe('error');
  });

  test('the payment that takes the total above the commitment is an error, with both sides', async () => {
    const wb = example();
    // The example pays the first Région 2014 commitment in full (advance and balance).
    const first = wb.rowWhere('tblVersements', { Type: 'Solde' });
    const action = wb.get('Versements', wb.at('tblVersements', 'Code action', first)) as string;
    const row = pay(wb, { 'Code action': action, Financeur: 'REGION', Année: 2014, 'Montant (€)': 0.01, Date: '2015-07-01' });
    const [f] = at(await check(wb), 'Versements', wb.at('tblVersements', 'Montant (€)', row), 'VERSEMENT-AU-DELA');
    expect(f.severity).toBe('error');
    expect(f.actual! - f.expected!).toBe(1);
  });

  test('a payment dated before the decision that grants it is an error at its date', async () => {
    const wb = example();
    const c = wb.rowWhere('tblEngagements', { Financeur: 'ETAT', Année: 2014 });
    const action = wb.get('Engagements', wb.at('tblEngagements', 'Code action', c)) as string;
    const row = pay(wb, { 'Code action': action, Financeur: 'ETAT', Année: 2014, 'Montant (€)': 10, Date: '2014-01-10' });
    const [f] = at(await check(wb), 'Versements', wb.at('tblVersements', 'Date', row), 'VERSEMENT-AVANT-DECISION');
    expect(f.severity).toBe('error');
    expect(msg(f)).toContain('18/06/2014');
    expect(msg(f)).toContain('10/01/2014');
  });

  /** The Ville de Lyon commits 10 000 € on I_1.2 in 2016 and pays it all as a balance on 01/12/2016. */
  const balancePaid = () => {
    const wb = example();
    wb.append('tblEngagements', { 'Code action': 'I_1.2', Financeur: 'VILLE_LYON', Année: 2016, 'Montant (€)': 10000 });
    const row = pay(wb, {
      'Code action': 'I_1.2',
      Financeur: 'VILLE_LYON',
      Année: 2016,
      'Montant (€)': 10000,
      Type: 'Solde',
      Date: '2016-12-01',
    });
    return { wb, row };
  };

  test('a balance paid before the action-year’s report is a warning, gone once the report is in', async () => {
    const { wb, row } = balancePaid();
    const [f] = at(await check(wb), 'Versements', wb.at('tblVersements', 'Type', row), 'SOLDE-AVANT-BILAN');
    expect(f.severity).toBe('warning');
    // Imported after the balance was paid: still a warning, saying when.
    wb.append('tblBilans', {
      'Code action': 'I_1.2',
      Opérateur: 'Opérateur fictif',
      Année: 2016,
      Indicateur: 'PUBLIC_SENSIBILISE',
      Valeur: 10,
      Source: 'b.xlsx',
    });
    wb.append('tblHistoriqueImports', {
      Date: '2017-02-01T10:00:00',
      Fichier: 'b.xlsx',
      Action: 'I_1.2',
      Année: 2016,
      'Lignes ajoutées': 1,
    });
    const [late] = at(await check(wb), 'Versements', wb.at('tblVersements', 'Type', row), 'SOLDE-AVANT-BILAN');
    expect(msg(late)).toContain('le bilan n’a été importé que le 01/02/2017');
    // An import that replaced rows already there: the report was in before, on an unrecorded day.
    const history = wb.rowWhere('tblHistoriqueImports', { Fichier: 'b.xlsx' });
    wb.set('Historique des imports', wb.at('tblHistoriqueImports', 'Lignes remplacées', history), 1);
    expect(at(await check(wb), 'Versements', wb.at('tblVersements', 'Type', row), 'SOLDE-AVANT-BILAN')).toEqual([]);
    wb.set('Historique des imports', wb.at('tblHistoriqueImports', 'Lignes remplacées', history), 0);
    wb.set('Versements', wb.at('tblVersements', 'Date', row), '2017-03-01');
    expect(at(await check(wb), 'Versements', wb.at('tblVersements', 'Type', row), 'SOLDE-AVANT-BILAN')).toEqual([]);
  });

  test('a report typed in before any import dates nothing: a later import of another report brings no warning', async () => {
    const { wb, row } = balancePaid();
    wb.append('tblBilans', {
      'Code action': 'I_1.2',
      Opérateur: 'Opérateur fictif',
      Année: 2016,
      Indicateur: 'PUBLIC_SENSIBILISE',
      Valeur: 10,
      Source: 'saisi',
    });
    wb.append('tblBilans', {
      'Code action': 'I_1.2',
      Opérateur: 'Autre (fictif)',
      Année: 2016,
      Indicateur: 'PUBLIC_SENSIBILISE',
      Valeur: 5,
      Source: 'c.xlsx',
    });
    wb.append('tblHistoriqueImports', {
      Date: '2017-02-01T10:00:00',
      Fichier: 'c.xlsx',
      Action: 'I_1.2',
      Année: 2016,
      'Lignes ajoutées': 1,
    });
    expect(at(await check(wb), 'Versements', wb.at('tblVersements', 'Type', row), 'SOLDE-AVANT-BILAN')).toEqual([]);
  });

  test('when commitments name their beneficiary, a payment to another one has no commitment', async () => {
    const wb = example();
    const c = wb.rowWhere('tblEngagements', { Financeur: 'ETAT', Année: 2014 });
    const action = wb.get('Engagements', wb.at('tblEngagements', 'Code action', c)) as string;
    const row = pay(wb, {
      'Code action': action,
      Financeur: 'ETAT',
      Année: 2014,
      Bénéficiaire: 'Association Z (fictive)',
      'Montant (€)': 10,
      Date: '2014-09-01',
    });
    const [f] = at(await check(wb), 'Versements', wb.at('tblVersements', 'Montant (€)', row), 'VERSEMENT-SANS-ENGAGEMENT');
    expect(msg(f)).toContain('pour Association Z (fictive)');
  });

  test('paid, declared and remaining reach Engagé, versé, déclaré, dépensé', async () => {
    const a = await check(example());
    const paid = a.records.payments.filter((p) => p.funder === 'REGION').reduce((s, p) => s + p.amount!.cents, 0);
    expect(paid).toBeGreaterThan(0);
    expect(a.findings.filter((f) => f.sheet === 'Versements')).toEqual([]);
  });
});

describe('closing a year', () => {
  const request = (over: Partial<ClosingRequest> = {}): ClosingRequest => ({
    operation: 'Clôture',
    funder: 'REGION',
    year: 2014,
    reason: 'Compte administratif 2014 voté',
    by: 'Service financier (fictif)',
    now: new Date('2015-06-30T10:00:00Z'),
    ...over,
  });
  /** The workbook after a closing, as the command line writes it. */
  async function closed(wb = example(), over: Partial<ClosingRequest> = {}) {
    const result = withClosing(await readContractTables(wb), request(over));
    const a = analyse(result.tables);
    return { result, wb: new MemoryWorkbook(copiedInputSheets(result.tables, a)) };
  }

  test('a closing row keeps the SHA-256 of the funder-year’s rows; the workbook still validates', async () => {
    const { result, wb } = await closed();
    expect(result.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const row = wb.rowWhere('tblClotures', { Financeur: 'REGION', Année: 2014 });
    expect(wb.get('Clôtures', wb.at('tblClotures', 'Empreinte', row))).toBe(result.fingerprint);
    expect(wb.get('Clôtures', wb.at('tblClotures', 'Opération', row))).toBe('Clôture');
    expect(beyondExample((await check(wb)).findings)).toEqual([]);
  });

  test('reordering rows or writing the funder by its name changes nothing; changing an amount is an error citing the closing', async () => {
    const { wb } = await closed();
    const s = wb.sheet('Engagements');
    const t = s.tables[0];
    const data = s.rows.slice(t.headerRow, t.headerRow + t.rowCount).reverse();
    s.rows.splice(t.headerRow, t.rowCount, ...data);
    const r = wb.rowWhere('tblEngagements', { Financeur: 'REGION', Année: 2014 });
    wb.set('Engagements', wb.at('tblEngagements', 'Financeur', r), 'Région Rhône-Alpes');
    expect((await check(wb)).findings.filter((f) => f.rule === 'CLOTURE-MODIFIEE')).toEqual([]);

    // Another funder's year is not closed: changing it is not a closing error.
    const etat = wb.rowWhere('tblEngagements', { Financeur: 'ETAT', Année: 2014 });
    wb.set('Engagements', wb.at('tblEngagements', 'Référence', etat), 'changée');
    expect((await check(wb)).findings.filter((f) => f.rule === 'CLOTURE-MODIFIEE')).toEqual([]);

    const cell = wb.at('tblEngagements', 'Montant (€)', r);
    wb.set('Engagements', cell, Number(wb.get('Engagements', cell)) + 1);
    const a = await check(wb);
    const closing = wb.rowWhere('tblClotures', { Financeur: 'REGION', Année: 2014 });
    const [f] = at(a, 'Clôtures', wb.at('tblClotures', 'Empreinte', closing), 'CLOTURE-MODIFIEE');
    expect(f.severity).toBe('error');
    expect(msg(f)).toContain('30/06/2015');
    expect(msg(f)).toContain('Service financier (fictif)');
    expect(msg(f)).toContain('Compte administratif 2014 voté');

    // Reopening (a reason is required) lifts it; closing again takes the new fingerprint.
    const tables = await readContractTables(wb);
    expect(() => withClosing(tables, request({ operation: 'Réouverture', reason: '  ' }))).toThrow(UserError);
    const reopened = withClosing(tables, request({ operation: 'Réouverture', reason: 'Correction d’un engagement' }));
    expect(analyse(reopened.tables).findings.filter((x) => x.rule === 'CLOTURE-MODIFIEE')).toEqual([]);
  });

  test('refusals: closing twice, reopening an open year, closing a year with an error, a year outside the period', async () => {
    const { wb } = await closed();
    const tables = await readContractTables(wb);
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as UserError).code;
      }
      return null;
    };
    expect(code(() => withClosing(tables, request()))).toBe('CLOTURE-DEJA');
    expect(code(() => withClosing(tables, request({ operation: 'Réouverture', funder: 'ETAT' })))).toBe('CLOTURE-PAS-CLOSE');
    expect(code(() => withClosing(tables, request({ year: 2019 })))).toBe('USAGE-ANNEE');
    expect(code(() => withClosing(tables, request({ funder: 'MECENE' })))).toBe('FINANCEUR-INCONNU');
    const bad = example();
    bad.append('tblEngagements', { 'Code action': 'I_1.2', Financeur: 'ETAT', Année: 2014, 'Montant (€)': 1 });
    expect(code(() => withClosing(tables, request({ funder: 'ETAT' })))).toBeNull();
    const badTables = await readContractTables(bad);
    expect(code(() => withClosing(badTables, request({ funder: 'ETAT' })))).toBe('CLOTURE-ERREURS');
    // The State's name is accepted for its code.
    expect(withClosing(tables, request({ funder: 'État' })).funder).toBe('ETAT');
  });

  test('a reopening typed without a reason is an error at its Motif cell', async () => {
    const { wb } = await closed();
    const row = wb.append('tblClotures', { Année: 2014, Financeur: 'REGION', Opération: 'Réouverture', Date: '2015-07-01', Par: 'X' });
    const a = await check(wb);
    expect(at(a, 'Clôtures', wb.at('tblClotures', 'Motif', row), 'REOUVERTURE-SANS-MOTIF')).toHaveLength(1);
  });
});

describe('a workbook of the previous contract version', () => {
  /** The example as contract version 1 wrote it: no column added by version 2, no Versements nor Clôtures. */
  function versionOne(): MemoryWorkbook {
    const tables = frameworkTables(RA, true);
    for (const key of INPUT_ORDER) {
      const decl = INPUT_TABLES[key];
      const keep = tables[key].headers.map((h) => !decl.columns.find((c) => c.header === h)?.since);
      tables[key].headers = tables[key].headers.filter((_, i) => keep[i]);
      tables[key].rows = tables[key].rows.map((r) => r.filter((_, i) => keep[i]));
    }
    tables.payments.rows = [];
    // Version 1 had no Vote rows (a vote was typed over the status).
    const nature = INPUT_TABLES.convention.columns.findIndex((c) => c.header === 'Nature');
    const full = frameworkTables(RA, true).convention.rows;
    tables.convention.rows = tables.convention.rows.filter((_, i) => full[i][nature] !== 'Vote');
    const version = tables.cadre.rows.find((r) => r[0] === 'Version du contrat')!;
    version[1] = 'suivi-ess/1';
    const sheets = inputSheets(tables, { years: periodOf(RA), notes: frameworkNotes(RA), example: true });
    return new MemoryWorkbook(sheets.filter((s) => s.name !== 'Versements' && s.name !== 'Clôtures'));
  }

  test('still validates, with one warning proposing the upgrade, and its avenants read from their Source', async () => {
    const wb = versionOne();
    expect(wb.sheet('Convention').tables[0].columns).not.toContain('Nature');
    const a = await check(wb);
    const version = a.findings.filter((f) => f.rule === 'VERSION-ANCIENNE');
    expect(version).toHaveLength(1);
    expect(msg(version[0])).toContain('Convention : Nature');
    expect(msg(version[0])).toContain('Engagements : SIRET');
    // The CDC's 2015 avenant (its Source cites it) still counts as an avenant.
    expect(total(a, 'CDC', 2015)).toMatchObject({ convention: 97660000, gap: 0 });
    expect(errors(a)).toEqual([]);
  });

  test('consolidating writes the upgrade: the new columns and sheets are there, the warning is gone', async () => {
    const wb = versionOne();
    const tables = await readContractTables(wb);
    const upgraded = new MemoryWorkbook(copiedInputSheets(tables, analyse(tables)));
    expect(upgraded.sheet('Convention').tables[0].columns).toEqual(expect.arrayContaining(['Nature', 'Date', 'Référence']));
    expect(await upgraded.sheetNames()).toEqual(expect.arrayContaining(['Versements', 'Clôtures']));
    const a = await check(upgraded);
    expect(a.findings.filter((f) => f.rule === 'VERSION-ANCIENNE')).toEqual([]);
  });
});
