/**
 * The command line: a thin face over the commands. Messages in French; exit codes:
 * 0 done (validate: no error), 1 validate found errors, 2 unreadable file or wrong usage.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { SHEET_ORDER, hasErrors, type Analysis } from '../../core/analysis/analyse';
import { UserError } from '../../core/shared/errors';
import { frameworks, findFramework } from '../../core/framework';
import { formatEuros } from '../../core/shared/money';
import { initSheets } from '../../core/examples/init-data';
import { SEVERITY_LABEL } from '../../core/rules/findings';
import { openWorkbook, samePath } from '../../adapters/node/files';
import { XlsxNewWorkbook } from '../../adapters/node/new-workbook';
import { validateWorkbook, validationReport } from '../../commands/validate';
import { consolidateWorkbook, copiedInputSheets } from '../../commands/consolidate';
import { importReports, summaryLines } from '../../commands/import';
import { readContractTables } from '../../commands/read-contract';
import { analyse, generated } from '../../core/analysis/analyse';

export const USAGE = `Usage : suivi-ess <commande> [options]

Commandes :
  frameworks                                    liste les cadres disponibles
  init --framework <id> [--example] -o <f.xlsx> crée un classeur avec toutes les feuilles du contrat
                                                (--example : engagements et bilans fictifs d'illustration ;
                                                 --force : remplace un fichier existant)
  validate <f.xlsx> [--json]                    contrôle le classeur et liste les anomalies
  consolidate <f.xlsx> -o <sortie.xlsx>         écrit un nouveau classeur : tableaux d'entrée et feuilles générées
  template --framework <id> --action <code> --year <aaaa> [--operator <nom>] [--from <f.xlsx>] -o <modele.xlsx>
                                                prépare le modèle de bilan d'une action pour une année
  import <f.xlsx> <bilan.xlsx>... -o <sortie.xlsx> [--replace]
                                                importe des bilans remplis et écrit le classeur consolidé
                                                (--replace : remplace un bilan déjà importé)

Codes de sortie : 0 sans erreur, 1 erreurs trouvées par validate ou fichier de bilan refusé par import,
2 fichier illisible ou usage incorrect.`;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Progress lines go to stderr only when it is a terminal. */
  progress: (s: string) => void;
}

const defaultIo = (): Io => ({
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
  progress: (s) => {
    if (process.stderr.isTTY) process.stderr.write(`… ${s}\n`);
  },
});

interface Parsed {
  positional: string[];
  flags: Set<string>;
  options: Map<string, string>;
}

const VALUE_OPTIONS = new Set(['-o', '--output', '--framework', '--action', '--year', '--operator', '--from']);
const FLAGS = new Set(['--json', '--example', '--force', '--replace', '--help', '-h']);

function parseArgs(args: string[]): Parsed {
  const p: Parsed = { positional: [], flags: new Set(), options: new Map() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0 && VALUE_OPTIONS.has(a.slice(0, eq))) {
      p.options.set(a.slice(0, eq), a.slice(eq + 1));
    } else if (VALUE_OPTIONS.has(a)) {
      const v = args[++i];
      if (v === undefined) throw new UserError(`L’option ${a} attend une valeur, rien n’a été trouvé après elle.`);
      p.options.set(a === '--output' ? '-o' : a, v);
    } else if (FLAGS.has(a)) {
      p.flags.add(a);
    } else if (a.startsWith('-') && a !== '-') {
      throw new UserError(`Option inconnue : « ${a} ». Tapez « suivi-ess --help » pour la liste des options.`);
    } else {
      p.positional.push(a);
    }
  }
  return p;
}

/** Limits for imported report files (hostile files are refused before they are unpacked). */
export const REPORT_LIMITS = { maxFileBytes: 20 * 1024 * 1024, maxExpandedBytes: 200 * 1024 * 1024 };

function requireOutput(p: Parsed): string {
  const o = p.options.get('-o');
  if (!o) throw new UserError('L’option -o <fichier.xlsx> est attendue pour indiquer le fichier à écrire.');
  if (!/\.xlsx$/i.test(o)) throw new UserError(`Un nom de fichier se terminant par .xlsx est attendu après -o, « ${o} » a été trouvé.`);
  return o;
}

function printFindings(a: Analysis, file: string, io: Io) {
  const errors = a.findings.filter((f) => f.severity === 'error').length;
  const warnings = a.findings.length - errors;
  const frame = a.evaluation.frame;
  io.out(`Classeur : ${file}${frame.id ? ` — cadre ${frame.id}` : ''}${a.example ? ' (données d’exemple fictives)' : ''}`);
  io.out(errors + warnings === 0 ? 'Aucune anomalie.' : `${errors} erreur(s), ${warnings} avertissement(s).`);
  const sheets = [...new Set(a.findings.map((f) => f.sheet))].sort((x, y) => {
    const rx = SHEET_ORDER.indexOf(x);
    const ry = SHEET_ORDER.indexOf(y);
    return (rx < 0 ? 99 : rx) - (ry < 0 ? 99 : ry);
  });
  for (const sheet of sheets) {
    io.out('');
    io.out(`Feuille « ${sheet} »`);
    for (const f of a.findings.filter((x) => x.sheet === sheet)) {
      io.out(`  ${SEVERITY_LABEL[f.severity].padEnd(13)} ${f.cell.padEnd(6)} [${f.rule}] ${f.message}`);
    }
  }
  if (a.evaluation.totals.length) {
    io.out('');
    io.out('Engagements face à la convention :');
    for (const t of a.evaluation.totals) {
      const conv = t.convention === null ? 'pas de montant fixé' : formatEuros(t.convention);
      const gap = t.gap === null ? '' : `, écart ${formatEuros(t.gap)}`;
      io.out(`  ${t.funder.padEnd(12)} ${t.year}  convention ${conv}, engagé ${formatEuros(t.committed)}${gap}`);
    }
  }
}

async function cmdInit(p: Parsed, io: Io): Promise<number> {
  const id = p.options.get('--framework');
  if (!id)
    throw new UserError(
      `L’option --framework <id> est attendue ; cadres disponibles : ${frameworks()
        .map((f) => f.id)
        .join(', ')}.`,
    );
  const f = findFramework(id);
  if (!f)
    throw new UserError(
      `Un cadre connu est attendu après --framework, « ${id} » a été trouvé ; cadres disponibles : ${frameworks()
        .map((x) => x.id)
        .join(', ')}.`,
    );
  const out = requireOutput(p);
  if (
    !p.flags.has('--force') &&
    (await fs.stat(out).then(
      () => true,
      () => false,
    ))
  ) {
    throw new UserError(`Le fichier « ${out} » existe déjà : choisissez un autre nom, ou ajoutez --force pour le remplacer.`);
  }
  const wb = new XlsxNewWorkbook();
  await wb.writeSheets(initSheets(f, p.flags.has('--example')));
  io.progress(`écriture de ${out}`);
  await wb.save(out);
  io.out(`Classeur créé : ${out} (cadre ${f.id}${p.flags.has('--example') ? ', avec des données d’exemple fictives' : ''}).`);
  return 0;
}

async function cmdValidate(p: Parsed, io: Io): Promise<number> {
  const file = p.positional[1];
  if (!file) throw new UserError('Un fichier .xlsx à contrôler est attendu : suivi-ess validate <fichier.xlsx>.');
  io.progress(`lecture de ${file}`);
  const reader = await openWorkbook(file);
  const a = await validateWorkbook(reader);
  io.progress('contrôles terminés');
  if (p.flags.has('--json')) io.out(JSON.stringify(validationReport(a), null, 2));
  else printFindings(a, file, io);
  return hasErrors(a) ? 1 : 0;
}

async function cmdConsolidate(p: Parsed, io: Io): Promise<number> {
  const file = p.positional[1];
  if (!file) throw new UserError('Un fichier .xlsx à consolider est attendu : suivi-ess consolidate <fichier.xlsx> -o <sortie.xlsx>.');
  const out = requireOutput(p);
  if (await samePath(file, out)) {
    throw new UserError(
      `Le fichier de sortie doit être différent du fichier d’entrée, « ${out} » est le fichier d’entrée : le classeur d’origine n’est jamais remplacé.`,
    );
  }
  io.progress(`lecture de ${file}`);
  const reader = await openWorkbook(file);
  const wb = new XlsxNewWorkbook();
  const { analysis } = await consolidateWorkbook(reader, wb, true);
  io.progress(`écriture de ${out}`);
  await wb.save(out);
  const errors = analysis.findings.filter((f) => f.severity === 'error').length;
  io.out(
    `Classeur consolidé écrit : ${out} (${errors} erreur(s), ${analysis.findings.length - errors} avertissement(s) ; voir la feuille « Contrôles »).`,
  );
  return 0;
}

async function cmdImport(p: Parsed, io: Io): Promise<number> {
  const [, file, ...reports] = p.positional;
  if (!file || reports.length === 0)
    throw new UserError(
      'Un classeur et au moins un fichier de bilan sont attendus : suivi-ess import <classeur.xlsx> <bilan.xlsx>... -o <sortie.xlsx>.',
    );
  const out = requireOutput(p);
  for (const f of [file, ...reports]) {
    if (await samePath(f, out))
      throw new UserError(
        `Le fichier de sortie doit être différent des fichiers lus, « ${out} » en fait partie : aucun fichier d’entrée n’est jamais remplacé.`,
      );
  }
  io.progress(`lecture de ${file}`);
  const tables = await readContractTables(await openWorkbook(file));
  const result = await importReports(
    tables,
    reports.map((r) => ({ name: path.basename(r), open: () => openWorkbook(r, { limits: REPORT_LIMITS }) })),
    {
      replace: p.flags.has('--replace'),
      now: new Date(),
      progress: (done, total, label) => io.progress(`bilans ${done}/${total} ${label}`),
    },
  );
  const analysis = analyse(result.tables);
  const wb = new XlsxNewWorkbook();
  await wb.writeSheets([...copiedInputSheets(result.tables, analysis), ...generated(analysis)]);
  io.progress(`écriture de ${out}`);
  await wb.save(out);
  const refused = result.entries.filter((e) => e.status === 'refusé').length;
  io.out(`Import de ${reports.length} fichier(s) de bilan dans ${file} :`);
  for (const line of summaryLines(result.entries)) io.out(`  ${line}`);
  io.out(
    `Classeur écrit : ${out} (${reports.length - refused} importé(s), ${refused} refusé(s) ; voir « Historique des imports » et « Suivi des bilans »).`,
  );
  return refused > 0 ? 1 : 0;
}

export async function main(args: string[], io: Io = defaultIo()): Promise<number> {
  try {
    const p = parseArgs(args);
    const cmd = p.positional[0];
    if (!cmd || p.flags.has('--help') || p.flags.has('-h') || cmd === 'help') {
      io.out(USAGE);
      return cmd || p.flags.size ? 0 : 2;
    }
    switch (cmd) {
      case 'frameworks':
        for (const f of frameworks()) io.out(`${f.id}\t${f.title} (${f.period.start}-${f.period.end})`);
        return 0;
      case 'init':
        return await cmdInit(p, io);
      case 'validate':
        return await cmdValidate(p, io);
      case 'consolidate':
        return await cmdConsolidate(p, io);
      case 'import':
        return await cmdImport(p, io);
      case 'template': {
        const { cmdTemplate } = await import('./template');
        return await cmdTemplate(
          {
            framework: p.options.get('--framework') ?? '',
            action: p.options.get('--action') ?? '',
            year: p.options.get('--year') ?? '',
            operator: p.options.get('--operator'),
            from: p.options.get('--from'),
            output: p.options.get('-o') ?? '',
            force: p.flags.has('--force'),
          },
          io,
        );
      }
      default:
        throw new UserError(`Commande inconnue : « ${cmd} ». Commandes : frameworks, init, validate, consolidate, template, import.`);
    }
  } catch (e) {
    if (e instanceof UserError) {
      io.err(e.message);
      return 2;
    }
    const msg = e instanceof Error ? e.message : String(e);
    io.err(`Erreur inattendue : ${msg}. Aucun fichier n’a été modifié ; signalez cette erreur avec le fichier en cause.`);
    if (process.env.SUIVI_ESS_DEBUG && e instanceof Error) io.err(e.stack ?? '');
    return 2;
  }
}

export function run(args: string[]): void {
  main(args).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 2;
    },
  );
}
