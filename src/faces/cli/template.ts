/**
 * `suivi-ess template`: writes the yearly report template (modèle de bilan) of one action and
 * one year, to send to the action's operator. With `--from`, the follow-up workbook gives the
 * action plan, the indicator catalogue, the funders and the year's commitments on the action.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { openWorkbook, samePath } from '../../adapters/node/files';
import { XlsxNewWorkbook } from '../../adapters/node/new-workbook';
import { readContractTables } from '../../commands/read-contract';
import { analyse, type Analysis } from '../../core/analysis/analyse';
import { UserError } from '../../core/shared/errors';
import { findFramework, frameworks, planRows, type Framework } from '../../core/framework';
import { reportTemplateSheets, templateFileName, workbookTemplateInput, type TemplateInput } from '../../core/layout/report-template';

export interface TemplateOptions {
  /** Framework id (`--framework`). */
  framework: string;
  /** Action code (`--action`). */
  action: string;
  /** Year of the report, as typed (`--year`). */
  year: string;
  /** Operator's name (`--operator`), written in the template when given. */
  operator?: string;
  /** Follow-up workbook to take the plan, indicators, funders and commitments from (`--from`). */
  from?: string;
  /** Output .xlsx file (`-o`), or an existing folder to write `bilan-<year>-<action>….xlsx` in. */
  output: string;
  /** Replace an existing output file (`--force`). */
  force: boolean;
}

export interface TemplateIo {
  out(s: string): void;
  progress(s: string): void;
}

const exists = (p: string) =>
  fs.stat(p).then(
    () => true,
    () => false,
  );
const isDirectory = (p: string) =>
  fs.stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );

function frameworkOf(id: string): Framework {
  const list = frameworks()
    .map((f) => f.id)
    .join(', ');
  if (!id.trim()) throw new UserError(`L’option --framework <id> est attendue ; cadres disponibles : ${list}.`);
  const f = findFramework(id);
  if (!f) throw new UserError(`Un cadre connu est attendu après --framework, « ${id} » a été trouvé ; cadres disponibles : ${list}.`);
  return f;
}

function yearOf(text: string, f: Framework): number {
  const t = text.trim();
  if (!/^\d{4}$/.test(t))
    throw new UserError(
      `Une année sur quatre chiffres est attendue après --year (${f.period.start} à ${f.period.end} pour ce cadre), « ${text} » a été trouvé.`,
    );
  const y = Number(t);
  if (y < f.period.start || y > f.period.end) {
    throw new UserError(
      `L’année ${y} est hors de la période du cadre ${f.id} : une année de ${f.period.start} à ${f.period.end} est attendue après --year.`,
    );
  }
  return y;
}

interface ActionInfo {
  code: string;
  title: string;
  axis?: string;
}

/** The action, from the workbook's plan when there is one, else from the framework's. */
function actionOf(text: string, f: Framework, a: Analysis | null, from: string | undefined): ActionInfo {
  const wanted = text.trim();
  const candidates: ActionInfo[] = [
    ...(a?.records.actions ?? []).map((r) => ({ code: r.code, title: r.title ?? '', axis: r.axis })),
    ...planRows(f).map((r) => ({ code: r.action.code, title: r.action.title, axis: r.axis })),
  ];
  const found =
    candidates.find((c) => c.code === wanted) ??
    (wanted ? candidates.find((c) => c.code.toLowerCase() === wanted.toLowerCase()) : undefined);
  if (found) return { ...found, title: found.title || found.code };
  const codes = [...new Set(candidates.map((c) => c.code))];
  if (codes.length === 0) {
    throw new UserError(
      from
        ? `Aucune action n’est définie, ni par le cadre ${f.id} ni dans le Plan d’actions de « ${from} » : ajoutez l’action${wanted ? ` « ${wanted} »` : ''} au Plan d’actions du classeur de suivi.`
        : `Le cadre ${f.id} ne définit pas d’actions : ajoutez --from <classeur de suivi> dont le Plan d’actions contient l’action${wanted ? ` « ${wanted} »` : ''}.`,
    );
  }
  const shown = codes.length > 30 ? `${codes.slice(0, 30).join(', ')}…` : codes.join(', ');
  const where = from ? `du cadre ${f.id} ou du Plan d’actions de « ${from} »` : `du cadre ${f.id}`;
  if (!wanted) throw new UserError(`L’option --action <code> est attendue : un code d’action ${where} (${shown}).`);
  throw new UserError(`Un code d’action ${where} est attendu après --action, « ${text} » a été trouvé ; codes connus : ${shown}.`);
}

/** From the workbook: commitments of the action and year per funder, indicators, funders. */

/**
 * Writes the report template of one action and one year. Returns the exit code (0); every
 * problem of usage or input is a `UserError` with one French sentence.
 */
export async function cmdTemplate(options: TemplateOptions, io: TemplateIo): Promise<number> {
  const f = frameworkOf(options.framework ?? '');
  const year = yearOf(options.year ?? '', f);
  const operator = options.operator?.trim() || null;
  if (!options.output?.trim()) throw new UserError('L’option -o <fichier.xlsx> est attendue pour indiquer le fichier à écrire.');

  let analysis: Analysis | null = null;
  if (options.from) {
    if (await samePath(options.from, options.output)) {
      throw new UserError(
        `Le fichier de sortie doit être différent du classeur de suivi, « ${options.output} » est le classeur donné après --from : il n’est jamais remplacé.`,
      );
    }
    io.progress(`lecture de ${options.from}`);
    analysis = analyse(
      await readContractTables(
        await openWorkbook(options.from, {
          label: `Le classeur de suivi « ${options.from} » (--from)`,
          expected: 'un classeur de suivi .xlsx (option --from)',
        }),
      ),
    );
    const declared = analysis.evaluation.frame.id;
    if (declared && declared !== f.id) {
      throw new UserError(
        `Le classeur « ${options.from} » suit le cadre ${declared}, le cadre ${f.id} a été donné après --framework : donnez le même cadre.`,
      );
    }
  }
  const action = actionOf(options.action ?? '', f, analysis, options.from);

  let out = options.output;
  if ((await isDirectory(out)) || /[\\/]$/.test(out)) out = path.join(out, templateFileName(action.code, year, operator));
  if (!/\.xlsx$/i.test(out))
    throw new UserError(`Un nom de fichier se terminant par .xlsx est attendu après -o, « ${options.output} » a été trouvé.`);
  if (options.from && (await samePath(options.from, out))) {
    throw new UserError(
      `Le fichier de sortie doit être différent du classeur de suivi, « ${out} » est le classeur donné après --from : il n’est jamais remplacé.`,
    );
  }
  if (!options.force && (await exists(out))) {
    throw new UserError(`Le fichier « ${out} » existe déjà : choisissez un autre nom, ou ajoutez --force pour le remplacer.`);
  }

  const fromFile = analysis ? workbookTemplateInput(analysis, action.code, year) : null;
  const input: TemplateInput = { framework: f, action, year, operator, ...fromFile?.taken };

  const wb = new XlsxNewWorkbook();
  await wb.writeSheets(reportTemplateSheets(input));
  io.progress(`écriture de ${out}`);
  await wb.save(out);

  const details = [`action ${action.code}`, `année ${year}`, operator ? `opérateur ${operator}` : 'opérateur à saisir'];
  if (fromFile) {
    const n = fromFile.taken.commitments?.length ?? 0;
    details.push(
      `${n} financeur(s) engagé(s) repris de ${options.from}${fromFile.taken.example ? ', montants fictifs (classeur d’exemple)' : ''}`,
    );
  }
  io.out(`Modèle de bilan créé : ${out} (${details.join(', ')}).`);
  if (fromFile && fromFile.skipped > 0) {
    io.out(
      `Attention : ${fromFile.skipped} engagement(s) de l’action en ${year} n’ont pas été repris (financeur inconnu ou montant illisible) ; « suivi-ess validate ${options.from} » les signale.`,
    );
  }
  return 0;
}
