/**
 * The command line: a thin face over the commands. Messages in French; exit codes: 0 done
 * (validate: no error), 1 validate found errors or import refused a file, 2 unreadable file or
 * wrong usage. Outputs are new files, written through a temporary file renamed at the end; an
 * existing file is replaced only with --force, and an input is never written over.
 */
import * as os from 'os';
import * as path from 'path';
import { exists, openWorkbook, samePath } from '../../adapters/node/files';
import { writeFileAtomic } from '../../adapters/node/xlsx-file';
import { withClosing } from '../../commands/close';
import { scdlFile } from '../../commands/export-scdl';
import { XlsxNewWorkbook } from '../../adapters/node/new-workbook';
import { consolidateWorkbook, copiedInputSheets } from '../../commands/consolidate';
import { importReports, type ImportEntry } from '../../commands/import';
import { readContractTables } from '../../commands/read-contract';
import { validateWorkbook, validationReport } from '../../commands/validate';
import { analyse, generated, hasErrors, SHEET_ORDER, type Analysis } from '../../core/analysis/analyse';
import { findFramework, frameworkIds, frameworks, type Framework } from '../../core/framework';
import { initSheets } from '../../core/layout/init-sheets';
import { renderFinding, SEVERITY_LABEL } from '../../core/rules/render';
import { UserError, type ErrorCode } from '../../core/shared/errors';
import { formatEuros } from '../../core/shared/money';
import { fr, frenchTypography } from '../../core/shared/typography';
import { funderView } from '../../core/consolidation/funder-view';
import { INPUT_TABLES } from '../../core/contract/tables';
import { frenchDate } from '../../core/shared/message';

export const USAGE = `Usage : suivi-ess <commande> [options]

Commandes :
  frameworks                                    liste les cadres disponibles
  init --framework <id> [--example] -o <f.xlsx> crée un classeur avec toutes les feuilles du contrat
                                                (--example : engagements et bilans fictifs d’illustration)
  validate <f.xlsx> [--json]                    contrôle le classeur et liste les anomalies
  consolidate <f.xlsx> -o <sortie.xlsx>         écrit un nouveau classeur : tableaux d’entrée et feuilles générées
  template --framework <id> --action <code> --year <aaaa> [--operator <nom>] [--from <f.xlsx>] -o <modele.xlsx>
                                                prépare le modèle de bilan d’une action pour une année
  import <f.xlsx> <bilan.xlsx>… -o <sortie.xlsx> [--replace]
                                                importe des bilans remplis et écrit le classeur consolidé
                                                (--replace : remplace un bilan déjà importé)
  clore <f.xlsx> --annee <aaaa> --financeur <code> --motif <texte> [--par <nom>] -o <sortie.xlsx>
                                                clôt l’année d’un financeur : son empreinte est gardée dans « Clôtures »
  rouvrir <f.xlsx> --annee <aaaa> --financeur <code> --motif <texte> [--par <nom>] -o <sortie.xlsx>
                                                rouvre une année close (motif obligatoire)
  export-scdl <f.xlsx> --financeur <code> [--tout] -o <subventions.csv>
                                                écrit les données essentielles des subventions du financeur
                                                (schéma SCDL « Subventions » 2.1.1 ; par défaut au-delà de
                                                 23 000 €, --tout : toutes)

Options communes : --force remplace un fichier de sortie existant (jamais un fichier lu).

Codes de sortie : 0 sans erreur, 1 erreurs trouvées par validate, fichier de bilan refusé par import,
export ou clôture refusés à cause des données du classeur, 2 fichier illisible ou usage incorrect.`;

/** Refusals caused by the workbook's data (exit 1), not by the command's usage or a file (exit 2). */
const DATA_REFUSALS: ReadonlySet<ErrorCode> = new Set(['EXPORT-REFUSE', 'CLOTURE-ERREURS']);

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Progress lines go to stderr only when it is a terminal. */
  progress: (s: string) => void;
}

/** Writes to stdout; a closed pipe (`validate x.xlsx | head`) ends the output quietly. */
function writer(stream: NodeJS.WriteStream): (s: string) => void {
  let closed = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') closed = true;
  });
  return (s) => {
    if (!closed) stream.write(s + '\n');
  };
}

const defaultIo = (): Io => ({
  out: writer(process.stdout),
  err: writer(process.stderr),
  progress: (s) => {
    if (process.stderr.isTTY) process.stderr.write(`… ${s}\n`);
  },
});

interface Parsed {
  positional: string[];
  flags: Set<string>;
  options: Map<string, string>;
}

const VALUE_OPTIONS = new Set([
  '-o',
  '--output',
  '--framework',
  '--action',
  '--year',
  '--operator',
  '--from',
  '--annee',
  '--financeur',
  '--motif',
  '--par',
]);
const FLAGS = new Set(['--json', '--example', '--force', '--replace', '--tout', '--help', '-h']);
const COMMANDS = ['frameworks', 'init', 'validate', 'consolidate', 'template', 'import', 'clore', 'rouvrir', 'export-scdl'];

function parseArgs(args: string[]): Parsed {
  const p: Parsed = { positional: [], flags: new Set(), options: new Map() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0 && VALUE_OPTIONS.has(a.slice(0, eq))) {
      p.options.set(a.slice(0, eq), a.slice(eq + 1));
    } else if (VALUE_OPTIONS.has(a)) {
      const v = args[++i];
      if (v === undefined) throw new UserError('USAGE-OPTION-SANS-VALEUR', { option: a });
      p.options.set(a === '--output' ? '-o' : a, v);
    } else if (FLAGS.has(a)) {
      p.flags.add(a);
    } else if (a.startsWith('-') && a !== '-') {
      throw new UserError('USAGE-OPTION-INCONNUE', { option: a });
    } else {
      p.positional.push(a);
    }
  }
  return p;
}

/** Limits for imported report files (hostile files are refused before they are unpacked). */
export const REPORT_LIMITS = { maxFileBytes: 20 * 1024 * 1024, maxExpandedBytes: 200 * 1024 * 1024 };

/** The output file of a command: a new .xlsx, never one of its inputs, never an existing file without --force. */
async function outputOf(p: Parsed, inputs: readonly string[], extension = '.xlsx'): Promise<string> {
  const o = p.options.get('-o');
  if (!o) throw new UserError('USAGE-SORTIE-MANQUANTE', { extension });
  if (!o.toLowerCase().endsWith(extension)) throw new UserError('USAGE-SORTIE-EXTENSION', { extension, file: o });
  for (const f of inputs) if (await samePath(f, o)) throw new UserError('SORTIE-EGALE-ENTREE', { file: o });
  if (!p.flags.has('--force') && (await exists(o))) throw new UserError('FICHIER-EXISTE', { file: o });
  return o;
}

export function frameworkOption(id: string | undefined): Framework {
  const list = frameworkIds().join(', ');
  if (!id?.trim()) throw new UserError('USAGE-OPTION-MANQUANTE', { option: '--framework <id>', expected: `un cadre parmi ${list}` });
  const f = findFramework(id);
  if (!f) throw new UserError('USAGE-CADRE-INCONNU', { found: id, list });
  return f;
}

function printFindings(a: Analysis, file: string, io: Io) {
  const errors = a.findings.filter((f) => f.severity === 'error').length;
  const warnings = a.findings.length - errors;
  const frame = a.evaluation.frame;
  io.out(fr`Classeur : ${file}${frame.id ? ` — cadre ${frame.id}` : ''}${a.example ? fr` (données d’exemple fictives)` : ''}`);
  io.out(errors + warnings === 0 ? 'Aucune anomalie.' : `${errors} erreur(s), ${warnings} avertissement(s).`);
  const sheets = [...new Set(a.findings.map((f) => f.sheet))].sort((x, y) => {
    const rx = SHEET_ORDER.indexOf(x);
    const ry = SHEET_ORDER.indexOf(y);
    return (rx < 0 ? SHEET_ORDER.length : rx) - (ry < 0 ? SHEET_ORDER.length : ry);
  });
  for (const sheet of sheets) {
    io.out('');
    io.out(fr`Feuille « ${sheet} »`);
    for (const f of a.findings.filter((x) => x.sheet === sheet)) {
      io.out(`  ${SEVERITY_LABEL[f.severity].padEnd(13)} ${f.cell.padEnd(6)} [${f.rule}] ${renderFinding(f)}`);
    }
  }
  const bound = a.evaluation.totals.filter((t) => t.bound);
  if (bound.length) {
    io.out('');
    io.out(fr`Engagements face à la convention :`);
    for (const t of bound) {
      const conv = t.convention === null ? 'pas de montant fixé' : formatEuros(t.convention);
      const gap = t.gap === null ? '' : `, écart ${formatEuros(t.gap)}`;
      const status = t.status ? ` (${t.status.toLowerCase()})` : '';
      io.out(`  ${t.funder.padEnd(12)} ${t.year}  convention ${conv}${status}, engagé ${formatEuros(t.committed)}${gap}`);
    }
  }
  const free = a.evaluation.totals.filter((t) => !t.bound);
  if (free.length) {
    io.out('');
    io.out(fr`Contributions hors convention (collectivités partenaires, autres financeurs) :`);
    for (const t of free) io.out(`  ${t.funder.padEnd(12)} ${t.year}  engagé ${formatEuros(t.committed)}`);
  }
  // Payments and closings, for the funder-years that have any (the same figures as the pane's funder view).
  // Only the funder-years that have a payment or a closing row: one funder view each (a view
  // reads the tables, so not one per funder-year of the contract).
  const { resolved } = a.evaluation;
  const touched = new Set([...a.records.payments, ...a.records.closings].map((r) => `${resolved.funder.get(r.origin)}\u0000${r.year}`));
  const views = a.evaluation.totals
    .filter((t) => touched.has(`${t.funder}\u0000${t.year}`))
    .map((t) => funderView(a, t.funder, t.year, INPUT_TABLES.commitments.sheet, INPUT_TABLES.commitments.columns.length))
    .filter((v) => v.paid !== 0 || v.closing);
  if (views.length) {
    io.out('');
    io.out(fr`Versements et clôtures :`);
    for (const v of views) {
      const closing = !v.closing
        ? ''
        : fr` ; ${v.closing.operation === 'Clôture' ? 'clos' : 'rouvert'} le ${v.closing.date ? frenchDate(v.closing.date) : '?'} par ${v.closing.by ?? '?'}`;
      io.out(`  ${v.funder.padEnd(12)} ${v.year}  versé ${formatEuros(v.paid)}, reste à verser ${formatEuros(v.remaining)}${closing}`);
    }
  }
}

async function cmdInit(p: Parsed, io: Io): Promise<number> {
  const f = frameworkOption(p.options.get('--framework'));
  const out = await outputOf(p, []);
  const wb = new XlsxNewWorkbook();
  await wb.writeSheets(initSheets(f, p.flags.has('--example')));
  io.progress(`écriture de ${out}`);
  await wb.save(out);
  io.out(fr`Classeur créé : ${out} (cadre ${f.id}${p.flags.has('--example') ? fr`, avec des données d’exemple fictives` : ''}).`);
  return 0;
}

function requireInput(p: Parsed, what: string, usage: string): string {
  const file = p.positional[1];
  if (!file) throw new UserError('USAGE-ARGUMENT-MANQUANT', { what, usage });
  return file;
}

async function cmdValidate(p: Parsed, io: Io): Promise<number> {
  const file = requireInput(p, 'Un fichier .xlsx à contrôler', 'suivi-ess validate <fichier.xlsx>');
  io.progress(`lecture de ${file}`);
  const a = await validateWorkbook(await openWorkbook(file));
  io.progress('contrôles terminés');
  if (p.flags.has('--json')) io.out(JSON.stringify(validationReport(a), null, 2));
  else printFindings(a, file, io);
  return hasErrors(a) ? 1 : 0;
}

async function cmdConsolidate(p: Parsed, io: Io): Promise<number> {
  const file = requireInput(p, 'Un fichier .xlsx à consolider', 'suivi-ess consolidate <fichier.xlsx> -o <sortie.xlsx>');
  const out = await outputOf(p, [file]);
  io.progress(`lecture de ${file}`);
  const reader = await openWorkbook(file);
  const wb = new XlsxNewWorkbook();
  const { analysis } = await consolidateWorkbook(reader, wb, true);
  io.progress(`écriture de ${out}`);
  await wb.save(out);
  const errors = analysis.findings.filter((f) => f.severity === 'error').length;
  io.out(
    fr`Classeur consolidé écrit : ${out} (${errors} erreur(s), ${analysis.findings.length - errors} avertissement(s) ; voir la feuille « Contrôles »).`,
  );
  return 0;
}

/** The import summary in French, one line per file, with the command line's own advice. */
export function summaryLines(entries: readonly ImportEntry[]): string[] {
  return entries.map((e) => {
    const what = e.action ? ` (${e.action}, ${e.operator || 'opérateur ?'}, ${e.year})` : '';
    const rows = e.status === 'refusé' ? '' : `, ${e.added} ligne(s) ajoutée(s)${e.replaced ? `, ${e.replaced} remplacée(s)` : ''}`;
    const reasons = e.findings.map(renderFinding);
    if (e.findings.some((f) => f.rule === 'BILAN-DEJA-IMPORTE')) reasons.push(fr`Relancez avec --replace pour le remplacer.`);
    return fr`${e.file}${what} : ${e.status}${rows}${reasons.length ? ` — ${reasons.join(' ')}` : ''}`;
  });
}

async function cmdImport(p: Parsed, io: Io): Promise<number> {
  const [, file, ...reports] = p.positional;
  if (!file || reports.length === 0) {
    throw new UserError('USAGE-ARGUMENT-MANQUANT', {
      what: 'Un classeur et au moins un fichier de bilan',
      usage: 'suivi-ess import <classeur.xlsx> <bilan.xlsx>… -o <sortie.xlsx>',
    });
  }
  const out = await outputOf(p, [file, ...reports]);
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
  io.out(fr`Import de ${reports.length} fichier(s) de bilan dans ${file} :`);
  for (const line of summaryLines(result.entries)) io.out(`  ${line}`);
  io.out(
    fr`Classeur écrit : ${out} (${reports.length - refused} importé(s), ${refused} refusé(s) ; voir « Historique des imports » et « Suivi des bilans »).`,
  );
  return refused > 0 ? 1 : 0;
}

function option(p: Parsed, name: string, expected: string): string {
  const v = p.options.get(name)?.trim();
  if (!v) throw new UserError('USAGE-OPTION-MANQUANTE', { option: name, expected });
  return v;
}

async function cmdClose(p: Parsed, io: Io, operation: 'Clôture' | 'Réouverture'): Promise<number> {
  const verb = operation === 'Clôture' ? 'clore' : 'rouvrir';
  const file = requireInput(
    p,
    'Un classeur .xlsx',
    `suivi-ess ${verb} <classeur.xlsx> --annee <aaaa> --financeur <code> --motif <texte> -o <sortie.xlsx>`,
  );
  const funder = option(p, '--financeur', 'le code d’un financeur de la feuille « Financeurs »');
  const yearText = option(p, '--annee', 'une année sur quatre chiffres');
  if (!/^\d{4}$/.test(yearText))
    throw new UserError('USAGE-OPTION-MANQUANTE', { option: '--annee', expected: `une année sur quatre chiffres, pas « ${yearText} »` });
  const reason = p.options.get('--motif') ?? '';
  if (!reason.trim()) throw new UserError('CLOTURE-MOTIF', { what: operation === 'Clôture' ? 'clore une année' : 'rouvrir une année' });
  const out = await outputOf(p, [file]);
  io.progress(`lecture de ${file}`);
  const by = p.options.get('--par')?.trim() || userName();
  const result = withClosing(await readContractTables(await openWorkbook(file)), {
    operation,
    funder,
    year: Number(yearText),
    reason,
    by,
    now: new Date(),
  });
  const analysis = analyse(result.tables);
  const wb = new XlsxNewWorkbook();
  await wb.writeSheets([...copiedInputSheets(result.tables, analysis), ...generated(analysis)]);
  await wb.save(out);
  const done = operation === 'Clôture' ? 'clos' : 'rouvert';
  io.out(fr`${result.funder} ${yearText} ${done} par ${by} (empreinte ${result.fingerprint.slice(0, 12)}…) : classeur écrit ${out}.`);
  const errors = analysis.findings.filter((f) => f.severity === 'error').length;
  if (errors) io.out(fr`Attention : le classeur compte ${errors} erreur(s) ; « suivi-ess validate ${out} » les liste.`);
  return 0;
}

/** Who closes, when --par is not given: the session's user. */
function userName(): string {
  try {
    return os.userInfo().username || 'inconnu';
  } catch {
    return 'inconnu';
  }
}

async function cmdExportScdl(p: Parsed, io: Io): Promise<number> {
  const file = requireInput(p, 'Un classeur .xlsx', 'suivi-ess export-scdl <classeur.xlsx> --financeur <code> -o <subventions.csv>');
  const funder = option(p, '--financeur', 'le code d’un financeur de la feuille « Financeurs »');
  const out = await outputOf(p, [file], '.csv');
  const a = await validateWorkbook(await openWorkbook(file));
  const e = scdlFile(a, funder, p.flags.has('--tout'));
  await writeFileAtomic(out, new TextEncoder().encode(e.csv));
  const below = e.belowThreshold
    ? fr` ; ${e.belowThreshold} engagement(s) de 23 000 € ou moins laissés de côté (--tout pour les inclure)`
    : '';
  io.out(fr`Données essentielles écrites : ${out} (${e.rows} subvention(s), schéma SCDL « Subventions » 2.1.1${below}).`);
  return 0;
}

export async function main(args: string[], io: Io = defaultIo()): Promise<number> {
  try {
    const p = parseArgs(args);
    const cmd = p.positional[0];
    if (!cmd || p.flags.has('--help') || p.flags.has('-h') || cmd === 'help') {
      io.out(frenchTypography(USAGE));
      return cmd || p.flags.size ? 0 : 2;
    }
    switch (cmd) {
      case 'frameworks':
        for (const f of frameworks()) io.out(`${f.id}\t${frenchTypography(f.title)} (${f.period.start}-${f.period.end})`);
        return 0;
      case 'init':
        return await cmdInit(p, io);
      case 'validate':
        return await cmdValidate(p, io);
      case 'consolidate':
        return await cmdConsolidate(p, io);
      case 'import':
        return await cmdImport(p, io);
      case 'clore':
        return await cmdClose(p, io, 'Clôture');
      case 'rouvrir':
        return await cmdClose(p, io, 'Réouverture');
      case 'export-scdl':
        return await cmdExportScdl(p, io);
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
        throw new UserError('USAGE-COMMANDE-INCONNUE', { command: cmd, commands: COMMANDS.join(', ') });
    }
  } catch (e) {
    io.err(e instanceof UserError ? e.message : unexpected(e).message);
    if (process.env.SUIVI_ESS_DEBUG && e instanceof Error) io.err(e.stack ?? '');
    return e instanceof UserError && DATA_REFUSALS.has(e.code) ? 1 : 2;
  }
}

/** An error we did not foresee, said in French (Node's own message is technical and in English). */
function unexpected(e: unknown): UserError {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ERR_STRING_TOO_LONG' || (e instanceof RangeError && /string longer|Invalid string length/i.test(e.message))) {
    return new UserError('XLSX-ILLISIBLE', { file: '?', reason: 'une de ses parties est trop longue pour être lue comme texte' });
  }
  if (e instanceof RangeError) return new UserError('INTERNE', { detail: 'une taille de données hors limites a été rencontrée' });
  return new UserError('INTERNE', { detail: 'relancez la commande avec SUIVI_ESS_DEBUG=1 pour en obtenir le détail technique' });
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
