import { analyse } from '../src/core/analysis/analyse';
import { renderFinding } from '../src/core/rules/render';
import { spaced } from './support/text';

const msg = (f: Parameters<typeof renderFinding>[0]) => spaced(renderFinding(f));
import { findFramework } from '../src/core/framework';
import { initSheets } from '../src/core/layout/init-sheets';
import { readContractTables } from '../src/commands/read-contract';
import { validationReport } from '../src/commands/validate';
import { MemoryWorkbook } from './support/memory-workbook';

const RA = findFramework('rhone-alpes-ces-2014-2016')!;

function example(): MemoryWorkbook {
  return new MemoryWorkbook(initSheets(RA, true));
}

async function check(wb: MemoryWorkbook) {
  return analyse(await readContractTables(wb));
}

/** Appends a commitment row under tblEngagements (as a user typing below the table). */
function addCommitment(wb: MemoryWorkbook, values: (string | number | null)[]): string {
  const s = wb.sheet('Engagements');
  const t = s.tables[0];
  const rows = s.rows;
  let row = t.headerRow + 1;
  while (rows[row - 1]?.some((v) => v !== null && v !== undefined)) row++;
  values.forEach((v, i) => wb.set('Engagements', `${'ABCDEF'[i]}${row}`, v));
  return String(row);
}

function findingsAt(a: Awaited<ReturnType<typeof check>>, sheet: string, cell: string) {
  return a.findings.filter((f) => f.sheet === sheet && f.cell === cell);
}

function total(a: Awaited<ReturnType<typeof check>>, funder: string, year: number) {
  return a.evaluation.totals.find((t) => t.funder === funder && t.year === year)!;
}

describe('the example workbook', () => {
  test('has no finding and gaps of zero for the three signatories in 2014', async () => {
    const a = await check(example());
    expect(a.findings).toEqual([]);
    const r = validationReport(a);
    expect(r.ok).toBe(true);
    for (const [f, conv] of [
      ['REGION', 2387500],
      ['ETAT', 1000000],
      ['CDC', 1085200],
    ] as const) {
      expect(r.totals.find((t) => t.funder === f && t.year === 2014)).toEqual({
        funder: f,
        year: 2014,
        convention: conv,
        committed: conv,
        gap: 0,
        status: f === 'ETAT' ? 'Prévisionnel' : 'Ferme',
      });
    }
  });
});

describe('totals against the convention', () => {
  test('a gap on a firm amount is an error at the convention cell, with both sides', async () => {
    const wb = example();
    const row = addCommitment(wb, ['I_1.2', 'REGION', 2014, 1000, 'DEL-1', null]);
    const a = await check(wb);
    const conv = wb.cellOf('tblConvention', 'Montant (€)', 0); // REGION 2014 is the first row
    const f = findingsAt(a, conv.sheet, conv.cell).find((x) => x.rule === 'ENGAGEMENTS-CONVENTION')!;
    expect(f.severity).toBe('error');
    expect(f.expected).toBe(238750000);
    expect(f.actual).toBe(238850000);
    expect(msg(f)).toContain('Feuille « Convention », cellule ' + conv.cell);
    expect(msg(f)).toContain('écart 1 000,00');
    expect(row).toMatch(/^\d+$/);
    expect(total(a, 'REGION', 2014).gap).toBe(100000);
  });

  test('a gap on a provisional amount is a warning', async () => {
    const wb = example();
    addCommitment(wb, ['I_1.2', 'ETAT', 2014, 50, null, null]);
    const a = await check(wb);
    const f = a.findings.find((x) => x.rule === 'ENGAGEMENTS-CONVENTION')!;
    expect(f.severity).toBe('warning');
    expect(msg(f)).toContain('prévisionnel');
  });

  test('commitments for a year with no reference amount are an error naming the amendment', async () => {
    const wb = example();
    const row = addCommitment(wb, ['I_1.2', 'REGION', 2015, 5000, null, null]);
    const a = await check(wb);
    const f = findingsAt(a, 'Engagements', `D${row}`).find((x) => x.rule === 'ENGAGEMENTS-SANS-MONTANT')!;
    expect(f.severity).toBe('error');
    expect(msg(f)).toContain('avenant (art. 7)');
    expect(f.actual).toBe(500000);
  });

  test('a total equal to the press page figure names the article that prevails', async () => {
    const wb = example();
    addCommitment(wb, ['III_1.2', 'CDC', 2014, 66800, null, null]);
    const a = await check(wb);
    const f = a.findings.find((x) => x.rule === 'ENGAGEMENTS-CONVENTION')!;
    expect(f.actual).toBe(115200000);
    expect(msg(f)).toContain('page de presse');
    expect(msg(f)).toContain('art. 5');
    expect(msg(f)).toContain('prévaut');
  });

  test('an amendment row adds to the reference amount; a second base amount is an error', async () => {
    const wb = example();
    const t = wb.sheet('Convention').tables[0];
    const free = t.headerRow + 1 + t.rowCount;
    ['REGION', 2014, 1000, 'Ferme', 'Avenant n°1 du 12/03/2015'].forEach((v, i) => wb.set('Convention', `${'ABCDE'[i]}${free}`, v));
    addCommitment(wb, ['I_1.2', 'REGION', 2014, 1000, null, null]);
    let a = await check(wb);
    expect(total(a, 'REGION', 2014)).toMatchObject({ convention: 238850000, committed: 238850000, gap: 0 });
    expect(a.findings.filter((f) => f.severity === 'error')).toEqual([]);
    wb.set('Convention', `E${free}`, 'Convention, art. 3');
    a = await check(wb);
    const f = findingsAt(a, 'Convention', `A${free}`).find((x) => x.rule === 'MONTANT-SANS-AVENANT')!;
    expect(f.severity).toBe('error');
    expect(msg(f)).toContain('avenant');
  });
});

describe('cells of the commitments', () => {
  test.each([
    ['12 500 €', 1250000],
    ['12.500,00', 1250000],
    ['12,500.00', 1250000],
    ['1 085 200', 108520000],
  ])('an amount typed as text %p is read, counted and reported with the value read', async (text, cents) => {
    const wb = example();
    const row = addCommitment(wb, ['I_1.2', 'REGION', 2014, text, null, null]);
    const a = await check(wb);
    const f = findingsAt(a, 'Engagements', `D${row}`).find((x) => x.rule === 'MONTANT-TEXTE')!;
    expect(f.severity).toBe('warning');
    expect(f.actual).toBe(cents);
    expect(total(a, 'REGION', 2014).committed).toBe(238750000 + cents);
  });

  test('text that is not an amount is an error saying what was expected and found, never a zero', async () => {
    const wb = example();
    const row = addCommitment(wb, ['I_1.2', 'REGION', 2014, 'douze mille', null, null]);
    const a = await check(wb);
    const [f] = findingsAt(a, 'Engagements', `D${row}`);
    expect(f).toMatchObject({ severity: 'error', rule: 'MONTANT-ILLISIBLE' });
    expect(msg(f)).toBe(
      `Feuille « Engagements », cellule D${row} (Montant (€)) : un montant en euros est attendu, « douze mille » a été trouvé.`,
    );
    expect(total(a, 'REGION', 2014).committed).toBe(238750000);
  });

  test.each([
    ['A', 'I_9.9', 'ACTION-INCONNUE'],
    ['B', 'MECENE', 'FINANCEUR-INCONNU'],
    ['C', 2019, 'ANNEE-HORS-PERIODE'],
    ['C', 'deux mille', 'ANNEE-ILLISIBLE'],
    ['D', -300, 'MONTANT-NEGATIF'],
    ['D', null, 'MONTANT-MANQUANT'],
  ])('column %s = %p is an error %s at that cell', async (col, value, rule) => {
    const wb = example();
    const values: (string | number | null)[] = ['I_1.2', 'REGION', 2014, 10, 'REF', null];
    values['ABCD'.indexOf(col)] = value;
    const row = addCommitment(wb, values);
    const a = await check(wb);
    const f = findingsAt(a, 'Engagements', `${col}${row}`).find((x) => x.rule === rule);
    expect(f?.severity).toBe('error');
    expect(msg(f!)).toContain(`cellule ${col}${row}`);
  });

  test.each(['Etat', 'état', 'ÉTAT ', 'L’État'])('funder written %p is matched to ETAT with a warning', async (name) => {
    const wb = example();
    const row = addCommitment(wb, ['I_1.2', name, 2014, 10, null, null]);
    const a = await check(wb);
    expect(findingsAt(a, 'Engagements', `B${row}`).map((f) => [f.rule, f.severity])).toEqual([['FINANCEUR-NOM', 'warning']]);
    expect(total(a, 'ETAT', 2014).committed).toBe(100001000);
  });

  test('the funder written by its full name is matched to its code', async () => {
    const wb = example();
    addCommitment(wb, ['I_1.2', 'Région Rhône-Alpes', 2014, 10, null, null]);
    const a = await check(wb);
    expect(total(a, 'REGION', 2014).committed).toBe(238751000);
  });

  test('an exact duplicate row is a warning pointing at the first one', async () => {
    const wb = example();
    const first = addCommitment(wb, ['I_1.2', 'CDC', 2014, 10, 'X', null]);
    const second = addCommitment(wb, ['I_1.2', 'CDC', 2014, 10, 'X', 'autre commentaire']);
    const a = await check(wb);
    const f = findingsAt(a, 'Engagements', `A${second}`).find((x) => x.rule === 'DOUBLON')!;
    expect(f.severity).toBe('warning');
    expect(msg(f)).toContain(`ligne ${first}`);
  });

  test('checking never modifies the workbook', async () => {
    const wb = example();
    addCommitment(wb, ['I_1.2', 'Etat', 2014, 'douze mille', null, null]);
    const before = JSON.stringify(wb.sheets);
    await check(wb);
    expect(JSON.stringify(wb.sheets)).toBe(before);
    expect(wb.writes).toBe(0);
  });
});

describe('other tables', () => {
  test('an unknown vocabulary value and a report with an unknown indicator are errors', async () => {
    const wb = example();
    const status = wb.cellOf('tblConvention', 'Statut', 1);
    wb.set(status.sheet, status.cell, 'Définitif');
    const ind = wb.cellOf('tblBilans', 'Indicateur', 0);
    wb.set(ind.sheet, ind.cell, 'INCONNU');
    const val = wb.cellOf('tblBilans', 'Valeur', 1);
    wb.set(val.sheet, val.cell, 'beaucoup');
    const a = await check(wb);
    expect(findingsAt(a, status.sheet, status.cell)[0]).toMatchObject({ rule: 'VOCABULAIRE', severity: 'error' });
    expect(msg(findingsAt(a, status.sheet, status.cell)[0])).toContain('Ferme, Prévisionnel, Sous réserve');
    expect(findingsAt(a, ind.sheet, ind.cell)[0]).toMatchObject({ rule: 'INDICATEUR-INCONNU', severity: 'error' });
    expect(findingsAt(a, val.sheet, val.cell)[0]).toMatchObject({ rule: 'NOMBRE-ILLISIBLE', severity: 'error' });
  });

  test('vocabularies are read regardless of case and accents', async () => {
    const wb = example();
    const status = wb.cellOf('tblConvention', 'Statut', 1);
    wb.set(status.sheet, status.cell, 'previsionnel');
    const a = await check(wb);
    expect(findingsAt(a, status.sheet, status.cell)).toEqual([]);
    expect(a.records.convention[1].status).toBe('Prévisionnel');
  });

  test('a missing Cadre key and an unknown framework are reported at the Cadre table', async () => {
    const wb = example();
    const key = wb.cellOf('tblCadre', 'Clé', 2); // Début
    wb.set(key.sheet, key.cell, 'Commencement');
    const id = wb.cellOf('tblCadre', 'Valeur', 0);
    wb.set(id.sheet, id.cell, 'cadre-inconnu');
    const a = await check(wb);
    expect(a.findings.some((f) => f.rule === 'CADRE' && msg(f).includes('« Début »'))).toBe(true);
    expect(a.findings.find((f) => f.rule === 'CADRE-INCONNU')?.severity).toBe('warning');
  });
});

describe('review fixes', () => {
  test('duplicates without a reference are still duplicates', async () => {
    const wb = example();
    addCommitment(wb, ['I_1.2', 'CDC', 2014, 10, null, null]);
    const second = addCommitment(wb, ['I_1.2', 'CDC', 2014, 10, null, null]);
    const a = await check(wb);
    expect(findingsAt(a, 'Engagements', `A${second}`).map((f) => f.rule)).toContain('DOUBLON');
  });

  test('a firm reference row without an amount is an error; subject to budget it is not', async () => {
    const wb = example();
    const amount = wb.cellOf('tblConvention', 'Montant (€)', 0);
    wb.set(amount.sheet, amount.cell, null);
    const later = wb.cellOf('tblConvention', 'Montant (€)', 1); // REGION 2015, Sous réserve, empty
    const a = await check(wb);
    expect(findingsAt(a, amount.sheet, amount.cell).map((f) => f.rule)).toContain('MONTANT-REFERENCE-MANQUANT');
    expect(findingsAt(a, later.sheet, later.cell)).toEqual([]);
  });

  test('an absurdly large amount is an error, not a crash', async () => {
    const wb = example();
    const row = addCommitment(wb, ['I_1.2', 'REGION', 2014, 50_000_000_000_000, null, null]);
    addCommitment(wb, ['I_1.2', 'REGION', 2014, 50_000_000_000_000, 'x', null]);
    const a = await check(wb);
    expect(findingsAt(a, 'Engagements', `D${row}`)[0]).toMatchObject({ rule: 'MONTANT-ABSURDE', severity: 'error' });
  });
});
