/**
 * The rules of contract version 3, each at its cell: axes of the framework, indicators per
 * action, rates never added, territories and their rattachements, governance bodies and how often
 * they meet, appreciations on an evaluative question. And an older workbook still reads.
 */
import { readContractTables } from '../src/commands/read-contract';
import { consolidateWorkbook } from '../src/commands/consolidate';
import { analyse, generated } from '../src/core/analysis/analyse';
import { INPUT_TABLES } from '../src/core/contract/tables';
import { frameworkTables } from '../src/core/framework/workbook-tables';
import { findFramework } from '../src/core/framework';
import { initSheets } from '../src/core/layout/init-sheets';
import type { PlacedSheet } from '../src/core/layout/placed';
import { renderFinding } from '../src/core/rules/render';
import { cellAddress } from '../src/core/shared/address';
import type { CellValue } from '../src/ports/workbook';
import { MemoryWorkbook } from './support/memory-workbook';
import { spaced } from './support/text';
import { beyondExample } from './support/example';

const RA = findFramework('rhone-alpes-ces-2014-2016')!;
const PDL = findFramework('pays-de-la-loire-sress-2017-2021')!;
const msg = (f: Parameters<typeof renderFinding>[0]) => spaced(renderFinding(f));

const check = async (wb: MemoryWorkbook) => analyse(await readContractTables(wb));

/** Where a table is: its sheet and header row, and a header's column. */
function place(wb: MemoryWorkbook, table: string) {
  for (const s of wb.sheets) {
    const t = s.tables.find((x) => x.name === table);
    if (t) return { sheet: s, t, col: (h: string) => t.firstCol + t.columns.indexOf(h) };
  }
  throw new Error(`no table ${table}`);
}

/** Appends a row under a table (as a user typing below it), by header; returns its row number. */
function append(wb: MemoryWorkbook, table: string, values: Record<string, CellValue>): number {
  const { sheet, t, col } = place(wb, table);
  let row = t.headerRow + 1;
  while (sheet.rows[row - 1]?.some((v) => v !== null && v !== undefined)) row++;
  for (const [h, v] of Object.entries(values)) wb.set(sheet.name, cellAddress(row, col(h)), v);
  return row;
}

/** The cell of a header on a row of a table. */
const at = (wb: MemoryWorkbook, table: string, header: string, row: number) => cellAddress(row, place(wb, table).col(header));

/** The first data row of a table whose cell under `header` is `value`. */
function rowWhere(wb: MemoryWorkbook, table: string, header: string, value: CellValue): number {
  const { sheet, t, col } = place(wb, table);
  for (let r = t.headerRow + 1; r <= sheet.rows.length; r++) if (sheet.rows[r - 1]?.[col(header) - 1] === value) return r;
  throw new Error(`no ${String(value)} in ${table}`);
}

const findingsOf = (a: Awaited<ReturnType<typeof check>>, rule: string) => a.findings.filter((f) => f.rule === rule);

describe('axes of the framework', () => {
  test('an axis written another way is read as the framework’s, with a warning; an unknown one is never a new axis', async () => {
    const wb = new MemoryWorkbook(initSheets(RA, false));
    const renamed = rowWhere(wb, 'tblActions', 'Code', 'I_1.2');
    wb.set('Plan d’actions', at(wb, 'tblActions', 'Axe', renamed), 'Axe I');
    const unknown = append(wb, 'tblActions', { Axe: 'IV – Numérique', Code: 'IV_1', Intitulé: 'Une action hors du cadre' });
    const a = await check(wb);
    const [ecriture] = findingsOf(a, 'AXE-ECRITURE');
    expect([ecriture.sheet, ecriture.cell, ecriture.severity]).toEqual(['Plan d’actions', at(wb, 'tblActions', 'Axe', renamed), 'warning']);
    expect(msg(ecriture)).toContain('l’axe « I – Promotion » est attendu tel que le cadre l’écrit, « Axe I » a été trouvé');
    const [hors] = findingsOf(a, 'AXE-HORS-CADRE');
    expect([hors.cell, hors.severity]).toEqual([at(wb, 'tblActions', 'Axe', unknown), 'warning']);
    expect(msg(hors)).toContain('« IV – Numérique » a été trouvé ; l’action est regroupée sous « (axe absent du cadre) »');
    expect(a.evaluation.links.axis.get(a.records.actions.find((x) => x.code === 'I_1.2')!.origin)).toBe('I – Promotion');
    expect(a.evaluation.links.axis.get(a.records.actions.find((x) => x.code === 'IV_1')!.origin)).toBe('(axe absent du cadre)');
  });

  test('Pays de la Loire: « Enjeu 1 » and « E1 – … » are one axis', async () => {
    const wb = new MemoryWorkbook(initSheets(PDL, false));
    const row = append(wb, 'tblActions', { Axe: 'Enjeu 1 : intégrer les acteurs', Code: 'E1.1.1', Intitulé: 'Action du classeur' });
    const a = await check(wb);
    expect(findingsOf(a, 'AXE-ECRITURE').map((f) => f.cell)).toEqual([at(wb, 'tblActions', 'Axe', row)]);
    const axes = new Set(a.records.actions.map((x) => a.evaluation.links.axis.get(x.origin)));
    expect([...axes]).toEqual(PDL.axes.map((x) => `${x.code} – ${x.title}`));
  });
});

describe('indicators per action and rates', () => {
  test('an indicator reported for an action that does not ask it: a warning at its cell, the value counted', async () => {
    const wb = new MemoryWorkbook(initSheets(RA, false));
    const row = append(wb, 'tblBilans', {
      'Code action': 'I_1.2',
      Opérateur: 'Op',
      Année: 2014,
      Indicateur: 'EMPLOIS_CREES',
      Valeur: 3,
      Territoire: 'D69',
    });
    const a = await check(wb);
    const [f] = findingsOf(a, 'INDICATEUR-HORS-ACTION');
    expect([f.sheet, f.cell, f.severity]).toEqual(['Bilans', at(wb, 'tblBilans', 'Indicateur', row), 'warning']);
    expect(msg(f)).toContain('un indicateur que le bilan de l’action I_1.2 demande (PUBLIC_SENSIBILISE) est attendu, « EMPLOIS_CREES »');
    expect(a.findings.filter((x) => x.severity === 'error' && x.sheet === 'Bilans')).toEqual([]);
  });

  test('a rate added across operators or over the years: warnings at the cells, and it is never added', async () => {
    const wb = new MemoryWorkbook(initSheets(RA, false));
    const row = rowWhere(wb, 'tblIndicateurs', 'Code', 'EVOLUTION_CA');
    wb.set('Indicateurs', at(wb, 'tblIndicateurs', 'Entre opérateurs', row), 'Somme');
    wb.set('Indicateurs', at(wb, 'tblIndicateurs', 'Agrégation', row), 'Somme');
    const a = await check(wb);
    expect(findingsOf(a, 'TAUX-ENTRE-OPERATEURS').map((f) => f.cell)).toEqual([at(wb, 'tblIndicateurs', 'Entre opérateurs', row)]);
    expect(findingsOf(a, 'TAUX-SUR-PERIODE').map((f) => f.cell)).toEqual([at(wb, 'tblIndicateurs', 'Agrégation', row)]);
    expect(msg(findingsOf(a, 'TAUX-ENTRE-OPERATEURS')[0])).toContain('« Non additionnable » est attendu pour un indicateur en %');
  });
});

describe('territories', () => {
  test('a territory written by its name is read as its code; an unknown one is warned; a rattachement must exist', async () => {
    const wb = new MemoryWorkbook(initSheets(RA, false));
    const byName = append(wb, 'tblBilans', {
      'Code action': 'I_1.2',
      Année: 2014,
      Indicateur: 'PUBLIC_SENSIBILISE',
      Valeur: 10,
      Territoire: 'Département du Rhône',
    });
    const unknown = append(wb, 'tblBilans', {
      'Code action': 'I_1.2',
      Année: 2014,
      Indicateur: 'PUBLIC_SENSIBILISE',
      Valeur: 5,
      Territoire: 'Rhône-Alpes-Auvergne',
    });
    const wrong = rowWhere(wb, 'tblTerritoires', 'Code', 'VILLE_LYON');
    wb.set('Territoires', at(wb, 'tblTerritoires', 'Rattachement', wrong), 'D99');
    const cycle = rowWhere(wb, 'tblTerritoires', 'Code', 'RA');
    wb.set('Territoires', at(wb, 'tblTerritoires', 'Rattachement', cycle), 'D69');
    const a = await check(wb);
    const [nom] = findingsOf(a, 'TERRITOIRE-NOM');
    expect([nom.cell, nom.severity]).toEqual([at(wb, 'tblBilans', 'Territoire', byName), 'warning']);
    expect(msg(nom)).toContain('le code D69 est attendu, « Département du Rhône » a été trouvé et lu comme D69');
    const [inconnu] = findingsOf(a, 'TERRITOIRE-INCONNU');
    expect([inconnu.cell, inconnu.severity]).toEqual([at(wb, 'tblBilans', 'Territoire', unknown), 'warning']);
    // The region and the Rhône now contain each other: both rattachements are in the loop.
    expect(findingsOf(a, 'TERRITOIRE-RATTACHEMENT').map((f) => f.cell)).toEqual([
      at(wb, 'tblTerritoires', 'Rattachement', cycle),
      at(wb, 'tblTerritoires', 'Rattachement', rowWhere(wb, 'tblTerritoires', 'Code', 'D69')),
      at(wb, 'tblTerritoires', 'Rattachement', wrong),
    ]);
  });

  test('« Rhône » is the département, never Rhône-Alpes nor Rhône Pluriel; the Ardèche partner is the département', async () => {
    const a = await check(new MemoryWorkbook(initSheets(RA, false)));
    const { territoryIndex } = await import('../src/core/contract/territory-index');
    const index = territoryIndex(a.records.territories);
    const code = (t: string) => index.resolve(t)?.code ?? null;
    expect(['69', 'Rhône', 'rhone', 'Département du Rhône', 'CG69'].map(code)).toEqual(['D69', 'D69', 'D69', 'D69', 'D69']);
    expect(
      ['Rhône-Alpes', 'Rhône Pluriel', 'CG_ARDECHE', 'Conseil Général de l’Ardèche', '69123', 'Loire', 'Haute-Loire'].map(code),
    ).toEqual(['RA', 'RHONE_PLURIEL', 'D07', 'D07', 'VILLE_LYON', 'D42', null]);
    expect(index.chain('VILLE_LYON')).toEqual(['VILLE_LYON', 'D69', 'RA']);
  });
});

describe('governance', () => {
  /** A workbook whose Instances hold these meetings (body, ISO date, participants). */
  function withMeetings(f = RA, meetings: [string, string | null, number | null][] = []): MemoryWorkbook {
    const sheets: PlacedSheet[] = initSheets(f, false);
    const wb = new MemoryWorkbook(sheets);
    for (const [body, date, participants] of meetings)
      append(wb, 'tblInstances', { Instance: body, Date: date, Participants: participants });
    return wb;
  }

  test('a body below what its source asks: a warning at the Instances header, citing the frequency and the passage', async () => {
    const wb = withMeetings(RA, [
      ['Comité de pilotage', '2014-03-10', 20],
      ['Comité de pilotage', '2015-03-10', 18],
      ['Comité technique — axe I', '2014-02-01', 12],
      ['Comité technique — axe I', '2014-06-01', 10],
      ['Comité technique — axe I', '2015-02-01', 9],
    ]);
    const a = await check(wb);
    const fs = findingsOf(a, 'INSTANCE-FREQUENCE');
    const header = place(wb, 'tblInstances');
    // Every shortfall points at the Instance column's header cell.
    expect(new Set(fs.map((f) => `${f.sheet}!${f.cell}`))).toEqual(
      new Set([`Instances!${cellAddress(header.t.headerRow, header.col('Instance'))}`]),
    );
    const ct = fs.find((f) => (f.params.body as { value: string }).value === 'Comité technique — axe I')!;
    expect(msg(ct)).toContain(
      'au moins 2 réunion(s) de « Comité technique — axe I » sont attendues sur 2015 (au moins deux fois par an, §4.1 de la convention), 1 ont été saisies',
    );
    // The COPIL met as often as asked; the other bodies met never (both years).
    expect(fs.some((f) => (f.params.body as { value: string }).value === 'Comité de pilotage')).toBe(false);
    expect(
      fs.filter((f) => (f.params.body as { value: string }).value === 'Assemblée des territoires').map((f) => f.params.period),
    ).toEqual(['2014', '2015']);
    // Years after the last meeting recorded are not assessed.
    expect(fs.some((f) => f.params.period === '2016')).toBe(false);
  });

  test('the Gouvernance sheet shows the committee’s gap to the text (2) and to the table (3 to 4) of §4.1', async () => {
    const wb = withMeetings(RA, [
      ['Comité technique — axe II', '2014-02-01', 12],
      ['Comité technique — axe II', '2014-06-01', 10],
    ]);
    const sheet = generated(await check(wb)).find((s) => s.name === 'Gouvernance')!;
    const t = sheet.tables.find((x) => x.name === 'tblGouvernance')!;
    const row = sheet.rows.find((r) => r[0] === 'Comité technique — axe II' && r[1] === 2014)!;
    const v = (h: string) => {
      const x = row[t.columns.indexOf(h)];
      return x !== null && typeof x === 'object' && 'value' in x ? x.value : x;
    };
    expect([v('Réunions tenues'), v('Minimum'), v('Écart au minimum'), v('Écart à cette fréquence'), v('Constat')]).toEqual([
      2,
      2,
      0,
      -1,
      'Conforme',
    ]);
    expect(spaced(String(v('Fréquence demandée')))).toContain('§4.1 de la convention');
    expect(spaced(String(v('Autre passage de la source')))).toContain('tableau « Gouvernance » du §4.1');
  });

  test('Pays de la Loire: the regional conference every two years, the technical committee every quarter; no Rhône-Alpes article', async () => {
    const wb = withMeetings(PDL, [
      ['Conférence régionale de l’ESS', '2017-06-28', 200],
      ['Comité de pilotage', '2017-02-15', 30],
      ['Comité de pilotage', '2018-02-15', 28],
      ['COTECH', '2017-03-01', 8],
      ['Comité technique', '2017-06-01', 8],
      ['Comité technique', '2017-09-01', 8],
      ['Comité technique', '2017-12-01', 8],
      ['Comité technique', '2018-03-01', 8],
      ['Conférence régionale de l’ESS', '2019-06-01', 150],
    ]);
    const a = await check(wb);
    const nom = findingsOf(a, 'INSTANCE-NOM')[0];
    expect(msg(nom)).toContain('« Comité technique » est attendu, « COTECH » a été trouvé');
    const below = findingsOf(a, 'INSTANCE-FREQUENCE').map((f) => [(f.params.body as { value: string }).value, f.params.period]);
    // The conference met in 2017 and 2019: never two years without it. The COPIL missed 2019; the
    // technical committee met 4 times in 2017, once in 2018, never in 2019.
    expect(below).toEqual([
      ['Comité de pilotage', '2019'],
      ['Comité technique', '2018'],
      ['Comité technique', '2019'],
    ]);
    for (const f of a.findings) expect(msg(f)).not.toMatch(/§4\.1|§5|art\. \d|convention/);
  });

  test('a meeting of an unknown body, without a date, or outside the period: at its cell', async () => {
    const wb = withMeetings(RA, [
      ['Club des partenaires', '2014-05-05', 5],
      ['Comité de pilotage', null, 5],
      ['COPIL', '2019-01-10', 5],
    ]);
    const a = await check(wb);
    const first = place(wb, 'tblInstances').t.headerRow + 1;
    expect(findingsOf(a, 'INSTANCE-INCONNUE').map((f) => [f.cell, f.severity])).toEqual([
      [at(wb, 'tblInstances', 'Instance', first), 'warning'],
    ]);
    expect(findingsOf(a, 'INSTANCE-DATE-MANQUANTE').map((f) => [f.cell, f.severity])).toEqual([
      [at(wb, 'tblInstances', 'Date', first + 1), 'error'],
    ]);
    expect(findingsOf(a, 'INSTANCE-NOM').map((f) => f.cell)).toEqual([at(wb, 'tblInstances', 'Instance', first + 2)]);
    const [hors] = findingsOf(a, 'INSTANCE-HORS-PERIODE');
    expect(hors.cell).toBe(at(wb, 'tblInstances', 'Date', first + 2));
    expect(msg(hors)).toContain('une date de 01/01/2014 à 31/12/2016 est attendue, « 10/01/2019 » a été trouvé');
  });
});

describe('evaluation', () => {
  test('an appreciation on an unknown question is warned at its cell; the known ones survive consolidation in Évaluation', async () => {
    const wb = new MemoryWorkbook(initSheets(RA, false));
    append(wb, 'tblAppreciations', { Question: 'Q2', Année: 2015, Appréciation: 'Évaluation intermédiaire : impact à confirmer (test).' });
    append(wb, 'tblAppreciations', { Question: '4', Appréciation: 'Gouvernance resserrée (test).' });
    const bad = append(wb, 'tblAppreciations', { Question: 'Q9', Appréciation: 'Hors sujet (test).' });
    const a = await check(wb);
    const [f] = findingsOf(a, 'APPRECIATION-QUESTION');
    expect([f.cell, f.severity]).toEqual([at(wb, 'tblAppreciations', 'Question', bad), 'warning']);
    expect(msg(f)).toContain('une question évaluative du cadre est attendue (Q1, Q2, Q3, Q4), « Q9 » a été trouvé');
    // Consolidate twice: the appreciation is an input, never lost.
    await consolidateWorkbook(wb, wb, false);
    await consolidateWorkbook(wb, wb, false);
    const sheet = wb.sheet('Évaluation');
    const t = sheet.tables.find((x) => x.name === 'tblEvaluationAppreciations')!;
    const rows = sheet.rows.slice(t.headerRow, t.headerRow + t.rowCount).map((r) => r.slice(0, 3));
    expect(rows).toEqual([
      [RA.questions[1].text, '2015', 'Évaluation intermédiaire : impact à confirmer (test).'],
      [RA.questions[3].text, 'Période', 'Gouvernance resserrée (test).'],
      ['(question non reconnue)', 'Période', 'Hors sujet (test).'],
    ]);
    // The milestones of §5, with their dates.
    const m = sheet.tables.find((x) => x.name === 'tblJalonsEvaluation')!;
    expect(sheet.rows.slice(m.headerRow, m.headerRow + m.rowCount).map((r) => [r[0], r[2]])).toEqual([
      ['Évaluation intermédiaire', 'fin 2015'],
      ['Évaluation finale', 'à l’issue du contrat (fin 2016)'],
    ]);
    expect(sheet.rows[m.headerRow][1]).toBe(42369); // 31/12/2015
  });

  test('each of the 4 questions has its indicators and its reporting rate; the 4th the governance counts', async () => {
    const wb = new MemoryWorkbook(initSheets(RA, true));
    const sheet = generated(await check(wb)).find((s) => s.name === 'Évaluation')!;
    const t = sheet.tables.find((x) => x.name === 'tblEvaluation')!;
    const rows = sheet.rows.slice(t.headerRow, t.headerRow + t.rowCount);
    expect([...new Set(rows.map((r) => r[0]))]).toEqual(RA.questions.map((q) => q.text));
    for (const q of RA.questions) {
      const own = rows.filter((r) => r[0] === q.text);
      expect(own.filter((r) => r[1] === 'Bilans').length).toBeGreaterThanOrEqual(1);
      for (const i of RA.indicators.filter((x) => x.question === q.code)) expect(own.some((r) => r[1] === i.code)).toBe(true);
    }
    const q4 = rows.filter((r) => r[0] === RA.questions[3].text);
    expect(q4.filter((r) => r[1] === 'Instances').map((r) => r[2])).toEqual([
      ...RA.bodies.map((b) => `Réunions : ${b.name}`),
      'Participants par réunion, toutes instances',
      'Instances réunies moins que la source ne le demande',
    ]);
  });
});

describe('an older workbook (contract version 2) still reads', () => {
  test('without the new tables and columns: read as empty, one warning proposing the upgrade', async () => {
    const v3 = initSheets(RA, true);
    const newTables = ['tblTerritoires', 'tblActionsIndicateurs', 'tblBilansQualitatifs', 'tblInstances', 'tblAppreciations'];
    const sheets = v3
      .filter((s) => !s.tables.some((t) => newTables.includes(t.name)) && s.name !== 'Référentiel du cadre')
      .map((s) => dropColumn(dropColumn(s, 'tblIndicateurs', 'Entre opérateurs'), 'tblRealises', 'Reçu à date (€)'));
    const cadre = sheets.find((s) => s.name === 'Cadre')!;
    const version = cadre.rows.findIndex((r) => r[0] === 'Version du contrat');
    cadre.rows[version] = ['Version du contrat', 'suivi-ess/2'];
    const a = await check(new MemoryWorkbook(sheets));
    expect(beyondExample(a.findings).map((f) => f.rule)).toEqual(['VERSION-ANCIENNE']);
    expect(msg(a.findings.find((f) => f.rule === 'VERSION-ANCIENNE')!)).toContain(
      'Indicateurs : Entre opérateurs, Réalisé financier : Reçu à date (€)',
    );
    expect(a.records.territories).toEqual([]);
    expect(a.records.meetings).toEqual([]);
    // Without the column, a stock is not added across operators (Dernière valeur → Maximum).
    const c = (await import('../src/core/consolidation/consolidate')).consolidate(a.records, a.evaluation);
    expect(c.indicators.find((i) => i.code === 'COLLECTIVITES_POLITIQUE_ESS')!.across).toBe('Maximum');
    expect(c.indicators.find((i) => i.code === 'EVOLUTION_CA')!.across).toBe('Non additionnable');
    expect(generated(a).map((s) => s.name)).toContain('Évaluation');
  });
});

/** A sheet without one column of one of its tables (as an older workbook has it). */
function dropColumn(s: PlacedSheet, table: string, header: string): PlacedSheet {
  const t = s.tables.find((x) => x.name === table);
  if (!t) return s;
  const i = t.firstCol - 1 + t.columns.indexOf(header);
  const rows = s.rows.map((r, k) => (k + 1 >= t.headerRow ? r.filter((_, c) => c !== i) : r));
  const columns = t.columns.filter((c) => c !== header);
  const last = String.fromCharCode(64 + t.firstCol + columns.length - 1);
  const ref = t.ref.replace(/:[A-Z]+/, `:${last}`);
  return { ...s, rows, tables: s.tables.map((x) => (x === t ? { ...t, columns, ref } : x)) };
}

test('the new input tables are optional tables of the contract, their columns marked', () => {
  for (const key of ['territories', 'actionIndicators', 'qualitative', 'meetings', 'appreciations'] as const) {
    expect([key, INPUT_TABLES[key].optional, INPUT_TABLES[key].since]).toEqual([key, true, 3]);
  }
  expect(INPUT_TABLES.indicators.columns.find((c) => c.field === 'acrossOperators')).toMatchObject({ optional: true, since: 3 });
  expect(INPUT_TABLES.realised.columns.find((c) => c.field === 'received')).toMatchObject({ optional: true, since: 3 });
});

test('the stakes, objectives, bodies and questions of a framework are the dropdowns of the input sheets', () => {
  const sheets = initSheets(PDL, false);
  const ref = sheets.find((s) => s.name === 'Référentiel du cadre')!;
  const dropdown = (sheet: string, table: string, header: string) => {
    const s = sheets.find((x) => x.name === sheet)!;
    const t = s.tables.find((x) => x.name === table)!;
    const col = String.fromCharCode(64 + t.firstCol + t.columns.indexOf(header));
    const v = s.validations.find((x) => x.ref.startsWith(`${col}${t.headerRow + 1}:`))!;
    return 'source' in v ? v.source : null;
  };
  const values = (source: string) => {
    const [, top, bottom] = /\$A\$(\d+):\$A\$(\d+)$/.exec(source)!;
    return ref.rows.slice(Number(top) - 1, Number(bottom)).map((r) => r[0]);
  };
  expect(values(dropdown('Plan d’actions', 'tblActions', 'Axe')!)).toEqual(PDL.axes.map((a) => `${a.code} – ${a.title}`));
  expect(values(dropdown('Plan d’actions', 'tblActions', 'Objectif')!)).toHaveLength(15);
  expect(values(dropdown('Instances', 'tblInstances', 'Instance')!)).toEqual(PDL.bodies.map((b) => b.name));
  // Rhône-Alpes: the questions by their codes; the territories by the Territoires sheet's codes.
  const ra = initSheets(RA, false);
  const bilans = ra.find((s) => s.name === 'Bilans')!;
  expect(bilans.validations.some((v) => 'source' in v && v.source.startsWith("'Territoires'!$A$"))).toBe(true);
  const raRef = ra.find((s) => s.name === 'Référentiel du cadre')!;
  const appr = ra.find((s) => s.name === 'Appréciations')!.validations.find((v) => v.ref.startsWith('A'))!;
  const [, top, bottom] = /\$A\$(\d+):\$A\$(\d+)$/.exec('source' in appr ? appr.source : '')!;
  expect(raRef.rows.slice(Number(top) - 1, Number(bottom)).map((r) => r[0])).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
});

test('130 000 report rows that each give a territory finding are analysed and consolidated without a stack overflow', () => {
  const f = RA;
  const input = frameworkTables(f, false);
  const tables = Object.fromEntries(
    Object.keys(INPUT_TABLES).map((k, i) => [
      k,
      {
        sheet: INPUT_TABLES[k as keyof typeof INPUT_TABLES].sheet,
        table: INPUT_TABLES[k as keyof typeof INPUT_TABLES].table,
        headerRow: 1 + i,
        firstCol: 1,
        headers: input[k as keyof typeof INPUT_TABLES].headers,
        rows: input[k as keyof typeof INPUT_TABLES].rows,
      },
    ]),
  ) as Parameters<typeof analyse>[0];
  for (let i = 0; i < 130_000; i++)
    tables.reports.rows.push(['I_1.2', `Op ${i % 7}`, 2014, i % 2 ? 'PUBLIC_SENSIBILISE' : 'EVOLUTION_CA', 1 + (i % 5), 'Rhône', 't']);
  const a = analyse(tables);
  expect(a.findings.filter((x) => x.rule === 'TERRITOIRE-NOM').length).toBe(130_000);
  const sheets = generated(a);
  const c = sheets.find((s) => s.name === 'Indicateurs consolidés')!;
  expect(c.tables.find((t) => t.name === 'tblIndicateursParOperateur')!.rowCount).toBe(65_000);
}, 60_000);

test.each([RA, PDL].map((f) => [f.id, f] as const))(
  '%s: every dropdown names a sheet written before its own (the Office adapter names each sheet, then its dropdowns)',
  (_id, f) => {
    const sheets = initSheets(f, true);
    sheets.forEach((s, i) => {
      for (const v of s.validations) {
        if (!('source' in v)) continue;
        const named = /^'([^']+)'!/.exec(v.source)![1];
        expect([s.name, named, sheets.findIndex((x) => x.name === named) <= i]).toEqual([s.name, named, true]);
      }
    });
  },
);

test('the new tables are checked by the rules they share: unknown action or indicator, duplicate code, negative participants', async () => {
  const wb = new MemoryWorkbook(initSheets(RA, false));
  const link = append(wb, 'tblActionsIndicateurs', { 'Code action': 'I_9', Indicateur: 'INCONNU' });
  const dup = append(wb, 'tblTerritoires', { Code: 'D69', Libellé: 'Doublon', Type: 'Département' });
  const meeting = append(wb, 'tblInstances', { Instance: 'Comité de pilotage', Date: '2014-03-10', Participants: -3 });
  const written = append(wb, 'tblBilansQualitatifs', { 'Code action': 'I_9', Année: 2014, Portée: 'Année', Réalisations: 'x' });
  const a = await check(wb);
  const at2 = (rule: string) => a.findings.filter((f) => f.rule === rule).map((f) => `${f.sheet}!${f.cell}`);
  expect(at2('ACTION-INCONNUE')).toEqual([
    `Indicateurs des actions!${at(wb, 'tblActionsIndicateurs', 'Code action', link)}`,
    `Bilans qualitatifs!${at(wb, 'tblBilansQualitatifs', 'Code action', written)}`,
  ]);
  expect(at2('INDICATEUR-INCONNU')).toEqual([`Indicateurs des actions!${at(wb, 'tblActionsIndicateurs', 'Indicateur', link)}`]);
  expect(at2('CODE-EN-DOUBLE')).toEqual([`Territoires!${at(wb, 'tblTerritoires', 'Code', dup)}`]);
  expect(at2('VALEUR-NEGATIVE')).toEqual([`Instances!${at(wb, 'tblInstances', 'Participants', meeting)}`]);
});
