#!/usr/bin/env node
'use strict';
/**
 * npm run demo: the main job on the built-in Rhône-Alpes example. Creates a workbook with
 * fictitious example data (2015 voted by the Région, a CDC avenant, two partner authorities'
 * contributions, payments whose balances wait for the reports), checks it against the convention,
 * consolidates it, prepares and fills fictitious reports (out/bilans/): one per committed action
 * the example leaves without report, plus the reports that show the CRESS's consolidation (two
 * operators on a stock, a rate, one territory written three ways, a co-funded report, the 2016
 * report on the whole period), imports them, prints the consolidated figures, closes the Région's
 * 2014, exports the Région's subsidies as open data (SCDL), and leaves the workbooks in out/ to
 * open in Excel or LibreOffice.
 */
const path = require('path');
const fs = require('fs');
const dist = (p) => require(path.join(__dirname, '..', 'dist', p));
const { main } = dist('faces/cli/main.js');

const out = path.join(__dirname, '..', 'out');
const reportsDir = path.join(out, 'bilans');
const input = path.join(out, 'exemple-rhone-alpes.xlsx');
const consolidated = path.join(out, 'exemple-rhone-alpes-consolide.xlsx');
const withReports = path.join(out, 'exemple-rhone-alpes-avec-bilans.xlsx');
const closed = path.join(out, 'exemple-rhone-alpes-2014-clos.xlsx');
const scdl = path.join(out, 'subventions-region.csv');
const rel = (p) => path.relative(process.cwd(), p);

async function step(args) {
  console.log(`\n$ suivi-ess ${args.map((a) => (path.isAbsolute(a) ? rel(a) : a.includes(' ') ? `"${a}"` : a)).join(' ')}`);
  const code = await main(args);
  if (code !== 0) throw new Error(`suivi-ess ${args[0]} exited with ${code}`);
}

async function readExample() {
  const { openXlsxBytes } = dist('adapters/node/files.js');
  const { readContractTables } = dist('commands/read-contract.js');
  const { analyse } = dist('core/analysis/index.js');
  return analyse(await readContractTables(await openXlsxBytes(fs.readFileSync(input), path.basename(input))));
}

/**
 * The CRESS records the meetings of 2015 as they happened (fictitious): the third axis's technical
 * committee met once, where §4.1 asks at least twice. The example workbook is written again with
 * that meeting removed, as a user deleting a row would; validate then warns about it.
 */
async function recordMeetings() {
  const { openXlsxBytes } = dist('adapters/node/files.js');
  const { readContractTables } = dist('commands/read-contract.js');
  const { copiedInputSheets } = dist('commands/consolidate.js');
  const { analyse } = dist('core/analysis/index.js');
  const { XlsxNewWorkbook } = dist('adapters/node/new-workbook.js');
  const tables = await readContractTables(await openXlsxBytes(fs.readFileSync(input), path.basename(input)));
  const { serialToIso } = dist('core/contract/formats.js');
  const body = 'Comité technique — axe III';
  // Its 2015 meetings but the first.
  // A date cell reads as ISO text (a serial number from an older reader).
  const iso = (v) => (typeof v === 'number' ? serialToIso(v) : String(v ?? ''));
  const of2015 = tables.meetings.rows.filter((r) => r[0] === body && iso(r[1]).startsWith('2015'));
  if (of2015.length < 2) throw new Error(`the example has ${of2015.length} meeting(s) of ${body} in 2015, two expected`);
  tables.meetings.rows = tables.meetings.rows.filter((r) => !of2015.slice(1).includes(r));
  const wb = new XlsxNewWorkbook();
  await wb.writeSheets(copiedInputSheets(tables, analyse(tables)));
  await wb.save(input);
  console.log(`\nInstances 2015 (fictif) : le « ${body} » ne s’est réuni qu’une fois (${rel(input)}, feuille Instances).`);
}

/** The funders' commitments on an action in a year, as a template shows them. */
function commitmentsOf(a, code, year) {
  return a.records.commitments
    .filter((c) => c.action === code && c.year === year && c.amount)
    .map((c) => ({ funder: c.funder, name: a.records.funders.find((x) => x.code === c.funder)?.name ?? c.funder, cents: c.amount.cents }));
}

/** Actions whose 2014 reports the demo writes by hand (below), not by exampleReport. */
const HAND_WRITTEN = ['ANIM', 'III_2.1.1'];

/** One fictitious filled report per action with 2014 commitments and no report yet in the example. */
async function writeExampleReports() {
  const { findFramework } = dist('core/framework/index.js');
  const { exampleReport } = dist('core/examples/index.js');
  const { templateFileName } = dist('core/reports/index.js');
  const { XlsxNewWorkbook } = dist('adapters/node/new-workbook.js');
  const a = await readExample();
  const f = findFramework(a.evaluation.frame.id);
  fs.rmSync(reportsDir, { recursive: true, force: true });
  fs.mkdirSync(reportsDir, { recursive: true });
  const files = [];
  for (const action of a.records.actions) {
    const commitments = commitmentsOf(a, action.code, 2014);
    if (commitments.length === 0 || HAND_WRITTEN.includes(action.code)) continue;
    // The example already holds illustrative reports for every other action: those are kept.
    if (a.records.reports.some((r) => r.action === action.code && r.year === 2014)) continue;
    // The operator is the commitments' beneficiary (fictitious in the example).
    const operator =
      a.records.commitments.find((c) => c.action === action.code && c.beneficiary)?.beneficiary ??
      action.operator ??
      `Opérateur fictif ${action.code}`;
    const wb = new XlsxNewWorkbook();
    await wb.writeSheets(exampleReport(f, { code: action.code, title: action.title ?? '' }, 2014, operator, commitments));
    const file = path.join(reportsDir, templateFileName(action.code, 2014));
    await wb.save(file);
    files.push(file);
  }
  console.log(`\n${files.length} bilans d’exemple (fictifs) écrits dans ${rel(reportsDir)}/`);
  return files;
}

/**
 * The fictitious reports that show the CRESS's consolidation: a stock reported by two operators
 * (never added), a growth rate reported by three (minimum, median, maximum), one territory written
 * « 69 », « Rhône » and « Département du Rhône », a report co-funded by the FSE and a foundation,
 * and the 2016 report of the animation, which also covers the whole period.
 */
async function writeConsolidationReports() {
  const { findFramework, planRows } = dist('core/framework/index.js');
  const { fillReport, exampleWritten } = dist('core/examples/index.js');
  const { reportTemplateSheets } = dist('core/layout/index.js');
  const { templateFileName } = dist('core/reports/index.js');
  const { XlsxNewWorkbook } = dist('adapters/node/new-workbook.js');
  const a = await readExample();
  const f = findFramework(a.evaluation.frame.id);
  const title = (code) => planRows(f).find((r) => r.action.code === code).action.title;
  const signature = (year) => ({ name: 'Signataire fictif', capacity: 'Président(e)', date: `${year + 1}-03-15` });
  const budget = (commitments, cofunders = []) => {
    const total = commitments.reduce((t, c) => t + c.cents, 0) / 100 + cofunders.reduce((t, c) => t + c.actual, 0);
    if (total === 0) return [];
    return [
      { post: '64', planned: Math.round(total * 0.7), actual: Math.round(total * 0.7) },
      { post: '62', planned: total - Math.round(total * 0.7), actual: total - Math.round(total * 0.7) },
      // Granted in « Réalisé » (a product of the Cerfa), received to date beside it: the balance
      // still to come is not a deficit.
      ...commitments.map((c) => ({
        post: '74',
        funder: c.funder,
        planned: c.cents / 100,
        actual: c.cents / 100,
        received: (c.cents / 100) * 0.8,
      })),
      ...cofunders.map((c) => ({ post: '74', funder: c.funder, planned: c.actual, actual: c.actual, received: c.received })),
    ];
  };
  const reports = [
    {
      action: 'ANIM',
      year: 2014,
      operator: 'CRESS Rhône-Alpes',
      values: [
        { indicator: 'COLLECTIVITES_POLITIQUE_ESS', territory: 'Rhône-Alpes', value: 12 },
        { indicator: 'COLLECTIVITES_STRATEGIE_ESS', territory: 'Rhône-Alpes', value: 5 },
        { indicator: 'PARTICIPANTS_RENCONTRE_REGIONALE', value: 180 },
        { indicator: 'BONNES_PRATIQUES_DIFFUSEES', value: 6 },
      ],
    },
    {
      // A second operator of I_1.1.1, a local platform: its territories written three ways.
      action: 'I_1.1.1',
      year: 2014,
      operator: 'Déclinaison locale fictive',
      file: 'bilan-2014-I_1.1.1-declinaison-locale.xlsx',
      values: [
        { indicator: 'COLLECTIVITES_POLITIQUE_ESS', territory: '38', value: 5 },
        { indicator: 'COLLECTIVITES_POLITIQUE_ESS', territory: 'Rhône', value: 4 },
        { indicator: 'PUBLIC_SENSIBILISE', territory: 'Département du Rhône', value: 800 },
        { indicator: 'PUBLIC_SENSIBILISE', territory: '69', value: 350 },
      ],
      cofunders: [
        { funder: 'FSE', actual: 20000, received: 10000 },
        { funder: 'Fondation fictive pour l’ESS', actual: 5000, received: 5000 },
      ],
    },
    {
      action: 'III_2.1.1',
      year: 2014,
      operator: 'Opérateur fictif DLA',
      values: [
        { indicator: 'EVOLUTION_CA', territory: 'Isère', value: 4.5 },
        { indicator: 'EMPLOIS_CREES', territory: 'Isère', value: 30 },
      ],
    },
    {
      action: 'III_1.1.4',
      year: 2014,
      operator: 'CAE fictive',
      file: 'bilan-2014-III_1.1.4-cae.xlsx',
      values: [
        { indicator: 'EVOLUTION_CA', territory: 'Loire', value: 12 },
        { indicator: 'ENTREPRISES_CREEES_REPRISES', territory: 'Loire', value: 14 },
      ],
    },
    {
      action: 'III_1.2',
      year: 2014,
      operator: 'Réseau B2B fictif',
      file: 'bilan-2014-III_1.2-reseau.xlsx',
      values: [{ indicator: 'EVOLUTION_CA', territory: 'Drôme', value: 2 }],
    },
    {
      // The last year of the contract: the report also covers 2014-2016 (§5).
      action: 'ANIM',
      year: 2016,
      operator: 'CRESS Rhône-Alpes',
      values: [
        { indicator: 'COLLECTIVITES_POLITIQUE_ESS', territory: 'Rhône-Alpes', value: 16 },
        { indicator: 'PARTICIPANTS_RENCONTRE_REGIONALE', value: 210 },
      ],
      period: true,
    },
  ];
  const files = [];
  for (const r of reports) {
    const commitments = commitmentsOf(a, r.action, r.year);
    const template = reportTemplateSheets({
      framework: f,
      action: { code: r.action, title: title(r.action) },
      year: r.year,
      operator: r.operator,
      commitments,
      example: true,
    });
    const sheets = fillReport(template, {
      operator: r.operator,
      values: r.values,
      realised: budget(commitments, r.cofunders ?? []),
      written: exampleWritten(String(r.year)),
      ...(r.period ? { period: exampleWritten('2014-2016') } : {}),
      signature: signature(r.year),
    });
    const wb = new XlsxNewWorkbook();
    await wb.writeSheets(sheets);
    const file = path.join(reportsDir, r.file ?? templateFileName(r.action, r.year));
    await wb.save(file);
    files.push(file);
  }
  console.log(`${files.length} bilans d’exemple (fictifs) de la consolidation écrits dans ${rel(reportsDir)}/`);
  return files;
}

/** The figures of the consolidated workbook that show how the CRESS's consolidation reads. */
async function printFigures() {
  const { openXlsxBytes } = dist('adapters/node/files.js');
  const { readContractTables } = dist('commands/read-contract.js');
  const { analyse, consolidation } = dist('core/analysis/index.js');
  const { followUp, governanceView } = dist('core/consolidation/index.js');
  const a = analyse(await readContractTables(await openXlsxBytes(fs.readFileSync(withReports), path.basename(withReports))));
  const c = consolidation(a);
  const f = followUp(a.records, a.evaluation);
  const g = governanceView(a.records, a.evaluation);
  const ind = (code) => c.indicators.find((i) => i.code === code);
  const stock = ind('COLLECTIVITES_POLITIQUE_ESS');
  const ops = c.byOperator.filter((d) => d.code === stock.code && d.year === 2014);
  const rate = c.distribution.filter((d) => d.code === 'EVOLUTION_CA');
  const rhone = f.byTerritory.filter((r) => r.group === 'D69' && r.code === 'PUBLIC_SENSIBILISE');
  const cofunded = a.records.realised.filter((r) => r.funder && !a.records.funders.some((x) => x.code === r.funder));
  const whole = a.records.qualitative.filter((q) => q.scope === 'Toute la période');
  const below = g.rows.filter((r) => r.status === 'en dessous');
  const n = (v) => (v === null ? '—' : String(v).replace('.', ','));
  console.log('\nChiffres consolidés (données fictives) :');
  console.log(
    `  ${stock.label} : ${stock.byYear.map(n).join(' / ')} (2014-2016) ; en 2014, ${ops.length} valeurs de ${new Set(ops.map((o) => o.operator)).size} opérateurs, la plus forte retenue (jamais additionnées).`,
  );
  for (const d of rate)
    console.log(
      `  Évolution du chiffre d’affaires ${d.year} : ${d.count} valeur(s), minimum ${n(d.min)} %, médiane ${n(d.median)} %, maximum ${n(d.max)} % (ni somme ni moyenne).`,
    );
  console.log(
    `  Territoire D69 (« 69 », « Rhône », « Département du Rhône ») : ${rhone.map((r) => r.byYear[0]).join(', ')} personnes sensibilisées en 2014.`,
  );
  console.log(`  Cofinanceurs importés tels quels : ${[...new Set(cofunded.map((r) => r.funder))].join(', ')}.`);
  console.log(`  Bilans de toute la période : ${whole.map((q) => `${q.action} ${q.year}`).join(', ')}.`);
  const { evaluationView } = dist('core/consolidation/index.js');
  const e = evaluationView(a.records, a.evaluation, c, g);
  console.log(
    `  Évaluation : ${new Set(e.rows.map((r) => r.question)).size} questions, ${e.rows.length} lignes ; échéances ${e.milestones.map((m) => `${m.label.toLowerCase()} ${m.when}`).join(', ')} ; ${e.appreciations.length} appréciation(s).`,
  );
  for (const r of below)
    console.log(
      `  Gouvernance : ${r.body} en ${r.year}, ${r.held} réunion(s) pour ${r.def.min} au moins (${r.def.frequency}, ${r.def.cite}).`,
    );
}

(async () => {
  fs.mkdirSync(out, { recursive: true });
  await step(['init', '--framework', 'rhone-alpes-ces-2014-2016', '--example', '--force', '-o', input]);
  await recordMeetings();
  await step(['validate', input]);
  await step(['consolidate', input, '--force', '-o', consolidated]);
  await step([
    'template',
    '--framework',
    'rhone-alpes-ces-2014-2016',
    '--action',
    'I_1.2',
    '--year',
    '2015',
    '--from',
    input,
    '--force',
    '-o',
    path.join(out, 'modele-bilan-2015-I_1.2.xlsx'),
  ]);
  const files = [...(await writeExampleReports()), ...(await writeConsolidationReports())];
  await step(['import', input, ...files, '--force', '-o', withReports]);
  await printFigures();
  // The Région closes 2014: the fingerprint of its 2014 rows is kept in « Clôtures ».
  await step([
    'clore',
    withReports,
    '--annee',
    '2014',
    '--financeur',
    'REGION',
    '--motif',
    'Compte administratif 2014 voté (exemple fictif)',
    '--par',
    'Service ESS de la Région (fictif)',
    '--force',
    '-o',
    closed,
  ]);
  await step(['validate', closed]);
  await step(['export-scdl', closed, '--financeur', 'REGION', '--force', '-o', scdl]);
  console.log(`\nClasseurs à ouvrir :\n  ${rel(input)}\n  ${rel(consolidated)}\n  ${rel(withReports)}\n  ${rel(closed)}`);
  console.log(`Données essentielles (SCDL) : ${rel(scdl)}`);
  console.log('Les engagements, les bilans et les comptes rendus de l’exemple sont fictifs (clé « Exemple » de la feuille Cadre).');
})().catch((e) => {
  console.error(e.message);
  process.exitCode = 1;
});
